from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast


T = TypeVar("T", bound="BodyPart")


@_attrs_define
class BodyPart:
    """One MIME part of the message; fetch its decoded content through the API by `path`.

    Attributes:
        path (str): IMAP section number, dot-separated (`1`, `2.1`); empty for a multipart message itself.
        content_type (str):
        size (int): Encoded size in bytes.
        filename (str):  Default: ''.
        content_id (str): Content-ID, for inline parts. Default: ''.
        disposition (str): inline, attachment, or empty. Default: ''.
        parts (list[BodyPart]): Children of a multipart.
    """

    path: str
    content_type: str
    size: int
    parts: list[BodyPart]
    filename: str = ""
    content_id: str = ""
    disposition: str = ""
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        path = self.path

        content_type = self.content_type

        size = self.size

        filename = self.filename

        content_id = self.content_id

        disposition = self.disposition

        parts = []
        for parts_item_data in self.parts:
            parts_item = parts_item_data.to_dict()
            parts.append(parts_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "path": path,
                "content_type": content_type,
                "size": size,
                "filename": filename,
                "content_id": content_id,
                "disposition": disposition,
                "parts": parts,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        path = d.pop("path")

        content_type = d.pop("content_type")

        size = d.pop("size")

        filename = d.pop("filename")

        content_id = d.pop("content_id")

        disposition = d.pop("disposition")

        parts = []
        _parts = d.pop("parts")
        for parts_item_data in _parts:
            parts_item = BodyPart.from_dict(parts_item_data)

            parts.append(parts_item)

        body_part = cls(
            path=path,
            content_type=content_type,
            size=size,
            filename=filename,
            content_id=content_id,
            disposition=disposition,
            parts=parts,
        )

        body_part.additional_properties = d
        return body_part

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
