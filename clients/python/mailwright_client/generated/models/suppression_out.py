from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime


T = TypeVar("T", bound="SuppressionOut")


@_attrs_define
class SuppressionOut:
    """
    Attributes:
        address (str): The address as added.
        base_address (str): The matching form: lower-cased, the domain as A-labels; a +tag dropped (and dots at Gmail)
            only at domains that deliver those to the same mailbox, or with the account's `fold_separators`.
        reason (str): Why it is suppressed.
        manual (bool): false when a permanent delivery failure added it.
        created (datetime.datetime): When it was added.
    """

    address: str
    base_address: str
    reason: str
    manual: bool
    created: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        address = self.address

        base_address = self.base_address

        reason = self.reason

        manual = self.manual

        created = self.created.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "address": address,
                "base_address": base_address,
                "reason": reason,
                "manual": manual,
                "created": created,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        address = d.pop("address")

        base_address = d.pop("base_address")

        reason = d.pop("reason")

        manual = d.pop("manual")

        created = datetime.datetime.fromisoformat(d.pop("created"))

        suppression_out = cls(
            address=address,
            base_address=base_address,
            reason=reason,
            manual=manual,
            created=created,
        )

        suppression_out.additional_properties = d
        return suppression_out

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
