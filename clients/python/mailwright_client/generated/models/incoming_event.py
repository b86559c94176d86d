from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
from typing import Literal, cast

if TYPE_CHECKING:
    from ..models.body_part import BodyPart
    from ..models.event_address import EventAddress
    from ..models.in_reply_to_outbound import InReplyToOutbound
    from ..models.incoming_meta import IncomingMeta


T = TypeVar("T", bound="IncomingEvent")


@_attrs_define
class IncomingEvent:
    """A message was delivered to a mailbox of the account (bounces become outgoing events instead).

    Attributes:
        version (int): Payload version; new fields may appear. Default: 1.
        event (Literal['incoming']):
        from_ (list[EventAddress]): From: addresses.
        to (list[EventAddress]): To: addresses.
        cc (list[EventAddress]): Cc: addresses.
        reply_to (list[EventAddress]): Reply-To: addresses (empty when absent).
        subject (str): Subject, decoded. Default: ''.
        message_id (str): Message-ID header. Default: ''.
        in_reply_to (str): In-Reply-To header. Default: ''.
        references (list[str]): Message-IDs from References:.
        date (str): The Date: header (RFC 3339), empty if missing or unparsable. Default: ''.
        text (str): The text/plain body, decoded. Default: ''.
        text_truncated (bool): text was cut at 1 MiB. Default: False.
        html (str): The text/html body, decoded. Untrusted: sanitize before showing. Default: ''.
        html_truncated (bool): html was cut at 1 MiB. Default: False.
        structure (BodyPart): One MIME part of the message; fetch its decoded content through the API by `path`.
        meta (IncomingMeta):
        in_reply_to_outbound (InReplyToOutbound | None): Set when In-Reply-To/References name a message this account
            sent.
        time (str): When it happened (RFC 3339).
    """

    event: Literal["incoming"]
    from_: list[EventAddress]
    to: list[EventAddress]
    cc: list[EventAddress]
    reply_to: list[EventAddress]
    references: list[str]
    structure: BodyPart
    meta: IncomingMeta
    in_reply_to_outbound: InReplyToOutbound | None
    time: str
    version: int = 1
    subject: str = ""
    message_id: str = ""
    in_reply_to: str = ""
    date: str = ""
    text: str = ""
    text_truncated: bool = False
    html: str = ""
    html_truncated: bool = False
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.body_part import BodyPart  # noqa: PLC0415
        from ..models.event_address import EventAddress  # noqa: PLC0415
        from ..models.in_reply_to_outbound import InReplyToOutbound  # noqa: PLC0415
        from ..models.incoming_meta import IncomingMeta  # noqa: PLC0415

        version = self.version

        event = self.event

        from_ = []
        for from_item_data in self.from_:
            from_item = from_item_data.to_dict()
            from_.append(from_item)

        to = []
        for to_item_data in self.to:
            to_item = to_item_data.to_dict()
            to.append(to_item)

        cc = []
        for cc_item_data in self.cc:
            cc_item = cc_item_data.to_dict()
            cc.append(cc_item)

        reply_to = []
        for reply_to_item_data in self.reply_to:
            reply_to_item = reply_to_item_data.to_dict()
            reply_to.append(reply_to_item)

        subject = self.subject

        message_id = self.message_id

        in_reply_to = self.in_reply_to

        references = self.references

        date = self.date

        text = self.text

        text_truncated = self.text_truncated

        html = self.html

        html_truncated = self.html_truncated

        structure = self.structure.to_dict()

        meta = self.meta.to_dict()

        in_reply_to_outbound: dict[str, Any] | None
        if isinstance(self.in_reply_to_outbound, InReplyToOutbound):
            in_reply_to_outbound = self.in_reply_to_outbound.to_dict()
        else:
            in_reply_to_outbound = self.in_reply_to_outbound

        time = self.time

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "version": version,
                "event": event,
                "from": from_,
                "to": to,
                "cc": cc,
                "reply_to": reply_to,
                "subject": subject,
                "message_id": message_id,
                "in_reply_to": in_reply_to,
                "references": references,
                "date": date,
                "text": text,
                "text_truncated": text_truncated,
                "html": html,
                "html_truncated": html_truncated,
                "structure": structure,
                "meta": meta,
                "in_reply_to_outbound": in_reply_to_outbound,
                "time": time,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.body_part import BodyPart  # noqa: PLC0415
        from ..models.event_address import EventAddress  # noqa: PLC0415
        from ..models.in_reply_to_outbound import InReplyToOutbound  # noqa: PLC0415
        from ..models.incoming_meta import IncomingMeta  # noqa: PLC0415

        d = dict(src_dict)
        version = d.pop("version")

        event = cast(Literal["incoming"], d.pop("event"))
        if event != "incoming":
            raise ValueError(f"event must match const 'incoming', got '{event}'")

        from_ = []
        _from_ = d.pop("from")
        for from_item_data in _from_:
            from_item = EventAddress.from_dict(from_item_data)

            from_.append(from_item)

        to = []
        _to = d.pop("to")
        for to_item_data in _to:
            to_item = EventAddress.from_dict(to_item_data)

            to.append(to_item)

        cc = []
        _cc = d.pop("cc")
        for cc_item_data in _cc:
            cc_item = EventAddress.from_dict(cc_item_data)

            cc.append(cc_item)

        reply_to = []
        _reply_to = d.pop("reply_to")
        for reply_to_item_data in _reply_to:
            reply_to_item = EventAddress.from_dict(reply_to_item_data)

            reply_to.append(reply_to_item)

        subject = d.pop("subject")

        message_id = d.pop("message_id")

        in_reply_to = d.pop("in_reply_to")

        references = cast(list[str], d.pop("references"))

        date = d.pop("date")

        text = d.pop("text")

        text_truncated = d.pop("text_truncated")

        html = d.pop("html")

        html_truncated = d.pop("html_truncated")

        structure = BodyPart.from_dict(d.pop("structure"))

        meta = IncomingMeta.from_dict(d.pop("meta"))

        def _parse_in_reply_to_outbound(data: object) -> InReplyToOutbound | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                in_reply_to_outbound_type_0 = InReplyToOutbound.from_dict(data)

                return in_reply_to_outbound_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(InReplyToOutbound | None, data)

        in_reply_to_outbound = _parse_in_reply_to_outbound(d.pop("in_reply_to_outbound"))

        time = d.pop("time")

        incoming_event = cls(
            version=version,
            event=event,
            from_=from_,
            to=to,
            cc=cc,
            reply_to=reply_to,
            subject=subject,
            message_id=message_id,
            in_reply_to=in_reply_to,
            references=references,
            date=date,
            text=text,
            text_truncated=text_truncated,
            html=html,
            html_truncated=html_truncated,
            structure=structure,
            meta=meta,
            in_reply_to_outbound=in_reply_to_outbound,
            time=time,
        )

        incoming_event.additional_properties = d
        return incoming_event

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
