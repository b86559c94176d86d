from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset


T = TypeVar("T", bound="SuppressionSettings")


@_attrs_define
class SuppressionSettings:
    """
    Attributes:
        fold_separators (str | Unset): At every domain, a tag after any of these characters is dropped before matching,
            besides what known providers do (`+` at Gmail, Outlook, Fastmail, iCloud; `-` at Yahoo). Empty (the default):
            other domains match exactly. `+-` makes `mary-jane@corp.example` catch `mary@corp.example`. Default: ''.
    """

    fold_separators: str | Unset = ""
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        fold_separators = self.fold_separators

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if fold_separators is not UNSET:
            field_dict["fold_separators"] = fold_separators

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        fold_separators = d.pop("fold_separators", UNSET)

        suppression_settings = cls(
            fold_separators=fold_separators,
        )

        suppression_settings.additional_properties = d
        return suppression_settings

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
