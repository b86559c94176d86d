from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime


T = TypeVar("T", bound="HoldRuleOut")


@_attrs_define
class HoldRuleOut:
    """
    Attributes:
        id (int): The rule's id.
        all_accounts (bool): Whether it holds every account's mail.
        sender_domain (str): Empty: any sender domain.
        recipient_domain (str): Empty: any recipient domain.
        created (datetime.datetime): When it was added.
    """

    id: int
    all_accounts: bool
    sender_domain: str
    recipient_domain: str
    created: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        all_accounts = self.all_accounts

        sender_domain = self.sender_domain

        recipient_domain = self.recipient_domain

        created = self.created.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "all_accounts": all_accounts,
                "sender_domain": sender_domain,
                "recipient_domain": recipient_domain,
                "created": created,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        all_accounts = d.pop("all_accounts")

        sender_domain = d.pop("sender_domain")

        recipient_domain = d.pop("recipient_domain")

        created = datetime.datetime.fromisoformat(d.pop("created"))

        hold_rule_out = cls(
            id=id,
            all_accounts=all_accounts,
            sender_domain=sender_domain,
            recipient_domain=recipient_domain,
            created=created,
        )

        hold_rule_out.additional_properties = d
        return hold_rule_out

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
