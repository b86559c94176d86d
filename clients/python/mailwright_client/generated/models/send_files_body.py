from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field
import json
from .. import types

from ..types import UNSET, Unset

from ..types import File, FileTypes
from ..types import UNSET, Unset
from io import BytesIO
from typing import cast


T = TypeVar("T", bound="SendFilesBody")


@_attrs_define
class SendFilesBody:
    """
    Attributes:
        request (str): The SendRequest as JSON.
        attachments (list[File] | Unset): Files to attach (filename and content type from each part).
        inline (list[File] | Unset): Inline parts for the HTML; the part's Content-ID header names each.
    """

    request: str
    attachments: list[File] | Unset = UNSET
    inline: list[File] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        request = self.request

        attachments: list[FileTypes] | Unset = UNSET
        if not isinstance(self.attachments, Unset):
            attachments = []
            for attachments_item_data in self.attachments:
                attachments_item = attachments_item_data.to_tuple()

                attachments.append(attachments_item)

        inline: list[FileTypes] | Unset = UNSET
        if not isinstance(self.inline, Unset):
            inline = []
            for inline_item_data in self.inline:
                inline_item = inline_item_data.to_tuple()

                inline.append(inline_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "request": request,
            }
        )
        if attachments is not UNSET:
            field_dict["attachments"] = attachments
        if inline is not UNSET:
            field_dict["inline"] = inline

        return field_dict

    def to_multipart(self) -> types.RequestFiles:
        files: types.RequestFiles = []

        files.append(("request", (None, str(self.request).encode(), "text/plain")))

        if not isinstance(self.attachments, Unset):
            for attachments_item_element in self.attachments:
                files.append(("attachments", attachments_item_element.to_tuple()))

        if not isinstance(self.inline, Unset):
            for inline_item_element in self.inline:
                files.append(("inline", inline_item_element.to_tuple()))

        for prop_name, prop in self.additional_properties.items():
            files.append((prop_name, (None, str(prop).encode(), "text/plain")))

        return files

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        request = d.pop("request")

        _attachments = d.pop("attachments", UNSET)
        attachments: list[File] | Unset = UNSET
        if _attachments is not UNSET:
            attachments = []
            for attachments_item_data in _attachments:
                attachments_item = File(payload=BytesIO(attachments_item_data))

                attachments.append(attachments_item)

        _inline = d.pop("inline", UNSET)
        inline: list[File] | Unset = UNSET
        if _inline is not UNSET:
            inline = []
            for inline_item_data in _inline:
                inline_item = File(payload=BytesIO(inline_item_data))

                inline.append(inline_item)

        send_files_body = cls(
            request=request,
            attachments=attachments,
            inline=inline,
        )

        send_files_body.additional_properties = d
        return send_files_body

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
