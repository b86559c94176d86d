from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset


T = TypeVar("T", bound="ListenerHealth")


@_attrs_define
class ListenerHealth:
    """
    Attributes:
        kind (str): smtp, submission, submissions, imap, imaps or http.
        address (str): The address it listens on.
        port (int): The port (0 until it is bound, if configured as 0).
        accepting (bool): Whether it accepts connections now.
    """

    kind: str
    address: str
    port: int
    accepting: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        kind = self.kind

        address = self.address

        port = self.port

        accepting = self.accepting

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "kind": kind,
                "address": address,
                "port": port,
                "accepting": accepting,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        kind = d.pop("kind")

        address = d.pop("address")

        port = d.pop("port")

        accepting = d.pop("accepting")

        listener_health = cls(
            kind=kind,
            address=address,
            port=port,
            accepting=accepting,
        )

        listener_health.additional_properties = d
        return listener_health

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
