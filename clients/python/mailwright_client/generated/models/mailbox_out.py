from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.mailbox_out_role_type_0 import MailboxOutRoleType0
from typing import cast


T = TypeVar("T", bound="MailboxOut")


@_attrs_define
class MailboxOut:
    """
    Attributes:
        id (int): The mailbox id.
        name (str): Full name; levels are separated by '/'.
        role (MailboxOutRoleType0 | None): Special use (RFC 6154, with inbox); null for your own mailboxes.
        total (int): Messages in it.
        unread (int): Messages without the seen flag.
        size (int): Bytes of all its messages.
        subscribed (bool): Shown by IMAP clients that list subscribed mailboxes only.
        uidvalidity (int): IMAP UIDVALIDITY.
        uidnext (int): IMAP UIDNEXT: the UID the next message will get.
    """

    id: int
    name: str
    role: MailboxOutRoleType0 | None
    total: int
    unread: int
    size: int
    subscribed: bool
    uidvalidity: int
    uidnext: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        role: None | str
        if isinstance(self.role, MailboxOutRoleType0):
            role = self.role.value
        else:
            role = self.role

        total = self.total

        unread = self.unread

        size = self.size

        subscribed = self.subscribed

        uidvalidity = self.uidvalidity

        uidnext = self.uidnext

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "role": role,
                "total": total,
                "unread": unread,
                "size": size,
                "subscribed": subscribed,
                "uidvalidity": uidvalidity,
                "uidnext": uidnext,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        def _parse_role(data: object) -> MailboxOutRoleType0 | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                role_type_0 = MailboxOutRoleType0(data)

                return role_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(MailboxOutRoleType0 | None, data)

        role = _parse_role(d.pop("role"))

        total = d.pop("total")

        unread = d.pop("unread")

        size = d.pop("size")

        subscribed = d.pop("subscribed")

        uidvalidity = d.pop("uidvalidity")

        uidnext = d.pop("uidnext")

        mailbox_out = cls(
            id=id,
            name=name,
            role=role,
            total=total,
            unread=unread,
            size=size,
            subscribed=subscribed,
            uidvalidity=uidvalidity,
            uidnext=uidnext,
        )

        mailbox_out.additional_properties = d
        return mailbox_out

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
