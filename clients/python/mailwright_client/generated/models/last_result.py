from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast


T = TypeVar("T", bound="LastResult")


@_attrs_define
class LastResult:
    """
    Attributes:
        smtp_code (int | None): SMTP reply code; null when no server answered.
        enhanced_code (str): Enhanced status code (RFC 3463).
        text (str): The reply, or what went wrong.
    """

    smtp_code: int | None
    enhanced_code: str
    text: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        smtp_code: int | None
        smtp_code = self.smtp_code

        enhanced_code = self.enhanced_code

        text = self.text

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "smtp_code": smtp_code,
                "enhanced_code": enhanced_code,
                "text": text,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_smtp_code(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        smtp_code = _parse_smtp_code(d.pop("smtp_code"))

        enhanced_code = d.pop("enhanced_code")

        text = d.pop("text")

        last_result = cls(
            smtp_code=smtp_code,
            enhanced_code=enhanced_code,
            text=text,
        )

        last_result.additional_properties = d
        return last_result

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
