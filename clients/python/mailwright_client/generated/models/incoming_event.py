from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.incoming_event_event import IncomingEventEvent
from ..types import UNSET, Unset
from typing import cast

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
        structure (BodyPart): One MIME part of the message; fetch its decoded content through the API by `path`.
        meta (IncomingMeta):
        time (str): When it happened (RFC 3339).
        version (int | Unset): Payload version; new fields may appear. Default: 1.
        event (IncomingEventEvent | Unset):  Default: IncomingEventEvent.INCOMING.
        from_ (list[EventAddress] | Unset): From: addresses.
        to (list[EventAddress] | Unset): To: addresses.
        cc (list[EventAddress] | Unset): Cc: addresses.
        reply_to (list[EventAddress] | Unset): Reply-To: addresses (empty when absent).
        subject (str | Unset): Subject, decoded. Default: ''.
        message_id (str | Unset): Message-ID header. Default: ''.
        in_reply_to (str | Unset): In-Reply-To header. Default: ''.
        references (list[str] | Unset): Message-IDs from References:.
        date (str | Unset): The Date: header (RFC 3339), empty if missing or unparsable. Default: ''.
        text (str | Unset): The text/plain body, decoded. Default: ''.
        text_truncated (bool | Unset): text was cut at 1 MiB. Default: False.
        html (str | Unset): The text/html body, decoded. Untrusted: sanitize before showing. Default: ''.
        html_truncated (bool | Unset): html was cut at 1 MiB. Default: False.
        in_reply_to_outbound (InReplyToOutbound | None | Unset): Set when In-Reply-To/References name a message this
            account sent.
    """

    structure: BodyPart
    meta: IncomingMeta
    time: str
    version: int | Unset = 1
    event: IncomingEventEvent | Unset = IncomingEventEvent.INCOMING
    from_: list[EventAddress] | Unset = UNSET
    to: list[EventAddress] | Unset = UNSET
    cc: list[EventAddress] | Unset = UNSET
    reply_to: list[EventAddress] | Unset = UNSET
    subject: str | Unset = ""
    message_id: str | Unset = ""
    in_reply_to: str | Unset = ""
    references: list[str] | Unset = UNSET
    date: str | Unset = ""
    text: str | Unset = ""
    text_truncated: bool | Unset = False
    html: str | Unset = ""
    html_truncated: bool | Unset = False
    in_reply_to_outbound: InReplyToOutbound | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.body_part import BodyPart  # noqa: PLC0415
        from ..models.event_address import EventAddress  # noqa: PLC0415
        from ..models.in_reply_to_outbound import InReplyToOutbound  # noqa: PLC0415
        from ..models.incoming_meta import IncomingMeta  # noqa: PLC0415

        structure = self.structure.to_dict()

        meta = self.meta.to_dict()

        time = self.time

        version = self.version

        event: str | Unset = UNSET
        if not isinstance(self.event, Unset):
            event = self.event.value

        from_: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.from_, Unset):
            from_ = []
            for from_item_data in self.from_:
                from_item = from_item_data.to_dict()
                from_.append(from_item)

        to: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.to, Unset):
            to = []
            for to_item_data in self.to:
                to_item = to_item_data.to_dict()
                to.append(to_item)

        cc: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.cc, Unset):
            cc = []
            for cc_item_data in self.cc:
                cc_item = cc_item_data.to_dict()
                cc.append(cc_item)

        reply_to: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.reply_to, Unset):
            reply_to = []
            for reply_to_item_data in self.reply_to:
                reply_to_item = reply_to_item_data.to_dict()
                reply_to.append(reply_to_item)

        subject = self.subject

        message_id = self.message_id

        in_reply_to = self.in_reply_to

        references: list[str] | Unset = UNSET
        if not isinstance(self.references, Unset):
            references = self.references

        date = self.date

        text = self.text

        text_truncated = self.text_truncated

        html = self.html

        html_truncated = self.html_truncated

        in_reply_to_outbound: dict[str, Any] | None | Unset
        if isinstance(self.in_reply_to_outbound, Unset):
            in_reply_to_outbound = UNSET
        elif isinstance(self.in_reply_to_outbound, InReplyToOutbound):
            in_reply_to_outbound = self.in_reply_to_outbound.to_dict()
        else:
            in_reply_to_outbound = self.in_reply_to_outbound

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "structure": structure,
                "meta": meta,
                "time": time,
            }
        )
        if version is not UNSET:
            field_dict["version"] = version
        if event is not UNSET:
            field_dict["event"] = event
        if from_ is not UNSET:
            field_dict["from"] = from_
        if to is not UNSET:
            field_dict["to"] = to
        if cc is not UNSET:
            field_dict["cc"] = cc
        if reply_to is not UNSET:
            field_dict["reply_to"] = reply_to
        if subject is not UNSET:
            field_dict["subject"] = subject
        if message_id is not UNSET:
            field_dict["message_id"] = message_id
        if in_reply_to is not UNSET:
            field_dict["in_reply_to"] = in_reply_to
        if references is not UNSET:
            field_dict["references"] = references
        if date is not UNSET:
            field_dict["date"] = date
        if text is not UNSET:
            field_dict["text"] = text
        if text_truncated is not UNSET:
            field_dict["text_truncated"] = text_truncated
        if html is not UNSET:
            field_dict["html"] = html
        if html_truncated is not UNSET:
            field_dict["html_truncated"] = html_truncated
        if in_reply_to_outbound is not UNSET:
            field_dict["in_reply_to_outbound"] = in_reply_to_outbound

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.body_part import BodyPart  # noqa: PLC0415
        from ..models.event_address import EventAddress  # noqa: PLC0415
        from ..models.in_reply_to_outbound import InReplyToOutbound  # noqa: PLC0415
        from ..models.incoming_meta import IncomingMeta  # noqa: PLC0415

        d = dict(src_dict)
        structure = BodyPart.from_dict(d.pop("structure"))

        meta = IncomingMeta.from_dict(d.pop("meta"))

        time = d.pop("time")

        version = d.pop("version", UNSET)

        _event = d.pop("event", UNSET)
        event: IncomingEventEvent | Unset
        if isinstance(_event, Unset):
            event = UNSET
        else:
            event = IncomingEventEvent(_event)

        _from_ = d.pop("from", UNSET)
        from_: list[EventAddress] | Unset = UNSET
        if _from_ is not UNSET:
            from_ = []
            for from_item_data in _from_:
                from_item = EventAddress.from_dict(from_item_data)

                from_.append(from_item)

        _to = d.pop("to", UNSET)
        to: list[EventAddress] | Unset = UNSET
        if _to is not UNSET:
            to = []
            for to_item_data in _to:
                to_item = EventAddress.from_dict(to_item_data)

                to.append(to_item)

        _cc = d.pop("cc", UNSET)
        cc: list[EventAddress] | Unset = UNSET
        if _cc is not UNSET:
            cc = []
            for cc_item_data in _cc:
                cc_item = EventAddress.from_dict(cc_item_data)

                cc.append(cc_item)

        _reply_to = d.pop("reply_to", UNSET)
        reply_to: list[EventAddress] | Unset = UNSET
        if _reply_to is not UNSET:
            reply_to = []
            for reply_to_item_data in _reply_to:
                reply_to_item = EventAddress.from_dict(reply_to_item_data)

                reply_to.append(reply_to_item)

        subject = d.pop("subject", UNSET)

        message_id = d.pop("message_id", UNSET)

        in_reply_to = d.pop("in_reply_to", UNSET)

        references = cast(list[str], d.pop("references", UNSET))

        date = d.pop("date", UNSET)

        text = d.pop("text", UNSET)

        text_truncated = d.pop("text_truncated", UNSET)

        html = d.pop("html", UNSET)

        html_truncated = d.pop("html_truncated", UNSET)

        def _parse_in_reply_to_outbound(data: object) -> InReplyToOutbound | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                in_reply_to_outbound_type_0 = InReplyToOutbound.from_dict(data)

                return in_reply_to_outbound_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(InReplyToOutbound | None | Unset, data)

        in_reply_to_outbound = _parse_in_reply_to_outbound(d.pop("in_reply_to_outbound", UNSET))

        incoming_event = cls(
            structure=structure,
            meta=meta,
            time=time,
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
            in_reply_to_outbound=in_reply_to_outbound,
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
