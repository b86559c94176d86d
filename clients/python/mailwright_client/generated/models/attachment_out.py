from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset


T = TypeVar("T", bound="AttachmentOut")


@_attrs_define
class AttachmentOut:
    """
    Attributes:
        path (str): Section number for /v1/messages/{id}/parts/{path}.
        content_type (str): Media type.
        filename (str): File name, if it has one.
        size (int): Encoded size in bytes.
        inline (bool): Referenced from the HTML by Content-ID (an inline image).
        content_id (str): Content-ID without <>. Default: ''.
    """

    path: str
    content_type: str
    filename: str
    size: int
    inline: bool
    content_id: str = ""
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        path = self.path

        content_type = self.content_type

        filename = self.filename

        size = self.size

        inline = self.inline

        content_id = self.content_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "path": path,
                "content_type": content_type,
                "filename": filename,
                "size": size,
                "inline": inline,
                "content_id": content_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        path = d.pop("path")

        content_type = d.pop("content_type")

        filename = d.pop("filename")

        size = d.pop("size")

        inline = d.pop("inline")

        content_id = d.pop("content_id")

        attachment_out = cls(
            path=path,
            content_type=content_type,
            filename=filename,
            size=size,
            inline=inline,
            content_id=content_id,
        )

        attachment_out.additional_properties = d
        return attachment_out

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
