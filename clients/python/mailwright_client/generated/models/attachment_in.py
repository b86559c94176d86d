from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset


T = TypeVar("T", bound="AttachmentIn")


@_attrs_define
class AttachmentIn:
    """
    Attributes:
        name (str): File name shown to the recipient.
        data (str): The content, base64-encoded (standard alphabet).
        content_type (str | Unset): MIME type of the content. Default: 'application/octet-stream'.
        content_id (str | Unset): Content-ID, for inline parts referenced as `cid:` from the HTML. Default: ''.
    """

    name: str
    data: str
    content_type: str | Unset = "application/octet-stream"
    content_id: str | Unset = ""
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        data = self.data

        content_type = self.content_type

        content_id = self.content_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "data": data,
            }
        )
        if content_type is not UNSET:
            field_dict["content_type"] = content_type
        if content_id is not UNSET:
            field_dict["content_id"] = content_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        data = d.pop("data")

        content_type = d.pop("content_type", UNSET)

        content_id = d.pop("content_id", UNSET)

        attachment_in = cls(
            name=name,
            data=data,
            content_type=content_type,
            content_id=content_id,
        )

        attachment_in.additional_properties = d
        return attachment_in

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
