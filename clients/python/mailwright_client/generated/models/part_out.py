from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast


T = TypeVar("T", bound="PartOut")


@_attrs_define
class PartOut:
    """
    Attributes:
        path (str): Section number (as IMAP); '' for the top multipart.
        content_type (str): Media type.
        size (int): Encoded size of its body in bytes.
        charset (str): Declared charset of a text part. Default: ''.
        filename (str): File name, if it has one. Default: ''.
        disposition (str): inline, attachment or empty. Default: ''.
        content_id (str): Content-ID, for cid: references. Default: ''.
        parts (list[PartOut]): Its parts (multipart, or an attached message).
    """

    path: str
    content_type: str
    size: int
    parts: list[PartOut]
    charset: str = ""
    filename: str = ""
    disposition: str = ""
    content_id: str = ""
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        path = self.path

        content_type = self.content_type

        size = self.size

        charset = self.charset

        filename = self.filename

        disposition = self.disposition

        content_id = self.content_id

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
                "charset": charset,
                "filename": filename,
                "disposition": disposition,
                "content_id": content_id,
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

        charset = d.pop("charset")

        filename = d.pop("filename")

        disposition = d.pop("disposition")

        content_id = d.pop("content_id")

        parts = []
        _parts = d.pop("parts")
        for parts_item_data in _parts:
            parts_item = PartOut.from_dict(parts_item_data)

            parts.append(parts_item)

        part_out = cls(
            path=path,
            content_type=content_type,
            size=size,
            charset=charset,
            filename=filename,
            disposition=disposition,
            content_id=content_id,
            parts=parts,
        )

        part_out.additional_properties = d
        return part_out

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
