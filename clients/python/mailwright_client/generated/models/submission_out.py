from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset


T = TypeVar("T", bound="SubmissionOut")


@_attrs_define
class SubmissionOut:
    """
    Attributes:
        address (str): The recipient address.
        outbound_id (int): The queue entry for this recipient; events name it.
        from_id (str): Unique id in the MAIL FROM of this recipient's delivery.
        state (str): `queued`, or `suppressed` (on the suppression list) or `held` (by a hold rule). Default: 'queued'.
    """

    address: str
    outbound_id: int
    from_id: str
    state: str = "queued"
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        address = self.address

        outbound_id = self.outbound_id

        from_id = self.from_id

        state = self.state

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "address": address,
                "outbound_id": outbound_id,
                "from_id": from_id,
                "state": state,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        address = d.pop("address")

        outbound_id = d.pop("outbound_id")

        from_id = d.pop("from_id")

        state = d.pop("state")

        submission_out = cls(
            address=address,
            outbound_id=outbound_id,
            from_id=from_id,
            state=state,
        )

        submission_out.additional_properties = d
        return submission_out

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
