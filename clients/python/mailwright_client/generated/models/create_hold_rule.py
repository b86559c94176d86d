from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset


T = TypeVar("T", bound="CreateHoldRule")


@_attrs_define
class CreateHoldRule:
    """
    Attributes:
        sender_domain (str | Unset): Only mail from this domain. Default: ''.
        recipient_domain (str | Unset): Only mail to this domain. Default: ''.
        all_accounts (bool | Unset): Hold every account's mail, not only yours (needs the admin scope). Default: False.
    """

    sender_domain: str | Unset = ""
    recipient_domain: str | Unset = ""
    all_accounts: bool | Unset = False
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        sender_domain = self.sender_domain

        recipient_domain = self.recipient_domain

        all_accounts = self.all_accounts

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if sender_domain is not UNSET:
            field_dict["sender_domain"] = sender_domain
        if recipient_domain is not UNSET:
            field_dict["recipient_domain"] = recipient_domain
        if all_accounts is not UNSET:
            field_dict["all_accounts"] = all_accounts

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        sender_domain = d.pop("sender_domain", UNSET)

        recipient_domain = d.pop("recipient_domain", UNSET)

        all_accounts = d.pop("all_accounts", UNSET)

        create_hold_rule = cls(
            sender_domain=sender_domain,
            recipient_domain=recipient_domain,
            all_accounts=all_accounts,
        )

        create_hold_rule.additional_properties = d
        return create_hold_rule

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
