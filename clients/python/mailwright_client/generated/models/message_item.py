from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.message_item_flags_item import MessageItemFlagsItem
from typing import cast
import datetime

if TYPE_CHECKING:
    from ..models.email_address import EmailAddress


T = TypeVar("T", bound="MessageItem")


@_attrs_define
class MessageItem:
    """
    Attributes:
        id (int): The message id; it stays when the message moves.
        mailbox_id (int): The mailbox it is in.
        thread_id (int): Its conversation (see /v1/threads).
        from_ (list[EmailAddress]): From: addresses.
        to (list[EmailAddress]): To: addresses.
        cc (list[EmailAddress]): Cc: addresses.
        subject (str): Subject, decoded. Default: ''.
        snippet (str): The start of the text, quoted lines left out. Default: ''.
        date (datetime.datetime | None): Date: header (the received time when it has none).
        received (datetime.datetime | None): When it was stored here.
        flags (list[MessageItemFlagsItem]): System flags set.
        keywords (list[str]): Keywords set.
        size (int): Size in bytes. Default: 0.
        has_attachment (bool): Whether it has a part a person would call an attachment. Default: False.
    """

    id: int
    mailbox_id: int
    thread_id: int
    from_: list[EmailAddress]
    to: list[EmailAddress]
    cc: list[EmailAddress]
    date: datetime.datetime | None
    received: datetime.datetime | None
    flags: list[MessageItemFlagsItem]
    keywords: list[str]
    subject: str = ""
    snippet: str = ""
    size: int = 0
    has_attachment: bool = False
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.email_address import EmailAddress  # noqa: PLC0415

        id = self.id

        mailbox_id = self.mailbox_id

        thread_id = self.thread_id

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

        subject = self.subject

        snippet = self.snippet

        date: None | str
        if isinstance(self.date, datetime.datetime):
            date = self.date.isoformat()
        else:
            date = self.date

        received: None | str
        if isinstance(self.received, datetime.datetime):
            received = self.received.isoformat()
        else:
            received = self.received

        flags = []
        for flags_item_data in self.flags:
            flags_item = flags_item_data.value
            flags.append(flags_item)

        keywords = self.keywords

        size = self.size

        has_attachment = self.has_attachment

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "mailbox_id": mailbox_id,
                "thread_id": thread_id,
                "from": from_,
                "to": to,
                "cc": cc,
                "subject": subject,
                "snippet": snippet,
                "date": date,
                "received": received,
                "flags": flags,
                "keywords": keywords,
                "size": size,
                "has_attachment": has_attachment,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.email_address import EmailAddress  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        mailbox_id = d.pop("mailbox_id")

        thread_id = d.pop("thread_id")

        from_ = []
        _from_ = d.pop("from")
        for from_item_data in _from_:
            from_item = EmailAddress.from_dict(from_item_data)

            from_.append(from_item)

        to = []
        _to = d.pop("to")
        for to_item_data in _to:
            to_item = EmailAddress.from_dict(to_item_data)

            to.append(to_item)

        cc = []
        _cc = d.pop("cc")
        for cc_item_data in _cc:
            cc_item = EmailAddress.from_dict(cc_item_data)

            cc.append(cc_item)

        subject = d.pop("subject")

        snippet = d.pop("snippet")

        def _parse_date(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                date_type_0 = datetime.datetime.fromisoformat(data)

                return date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        date = _parse_date(d.pop("date"))

        def _parse_received(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                received_type_0 = datetime.datetime.fromisoformat(data)

                return received_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        received = _parse_received(d.pop("received"))

        flags = []
        _flags = d.pop("flags")
        for flags_item_data in _flags:
            flags_item = MessageItemFlagsItem(flags_item_data)

            flags.append(flags_item)

        keywords = cast(list[str], d.pop("keywords"))

        size = d.pop("size")

        has_attachment = d.pop("has_attachment")

        message_item = cls(
            id=id,
            mailbox_id=mailbox_id,
            thread_id=thread_id,
            from_=from_,
            to=to,
            cc=cc,
            subject=subject,
            snippet=snippet,
            date=date,
            received=received,
            flags=flags,
            keywords=keywords,
            size=size,
            has_attachment=has_attachment,
        )

        message_item.additional_properties = d
        return message_item

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
