from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.message_update_add_flags_item import MessageUpdateAddFlagsItem
from ..models.message_update_remove_flags_item import MessageUpdateRemoveFlagsItem
from ..types import UNSET, Unset
from typing import cast


T = TypeVar("T", bound="MessageUpdate")


@_attrs_define
class MessageUpdate:
    """
    Attributes:
        add_flags (list[MessageUpdateAddFlagsItem] | Unset): Flags to set.
        remove_flags (list[MessageUpdateRemoveFlagsItem] | Unset): Flags to clear.
        add_keywords (list[str] | Unset): Keywords to set.
        remove_keywords (list[str] | Unset): Keywords to clear.
        mailbox_id (int | None | Unset): Move to this mailbox.
    """

    add_flags: list[MessageUpdateAddFlagsItem] | Unset = UNSET
    remove_flags: list[MessageUpdateRemoveFlagsItem] | Unset = UNSET
    add_keywords: list[str] | Unset = UNSET
    remove_keywords: list[str] | Unset = UNSET
    mailbox_id: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        add_flags: list[str] | Unset = UNSET
        if not isinstance(self.add_flags, Unset):
            add_flags = []
            for add_flags_item_data in self.add_flags:
                add_flags_item = add_flags_item_data.value
                add_flags.append(add_flags_item)

        remove_flags: list[str] | Unset = UNSET
        if not isinstance(self.remove_flags, Unset):
            remove_flags = []
            for remove_flags_item_data in self.remove_flags:
                remove_flags_item = remove_flags_item_data.value
                remove_flags.append(remove_flags_item)

        add_keywords: list[str] | Unset = UNSET
        if not isinstance(self.add_keywords, Unset):
            add_keywords = self.add_keywords

        remove_keywords: list[str] | Unset = UNSET
        if not isinstance(self.remove_keywords, Unset):
            remove_keywords = self.remove_keywords

        mailbox_id: int | None | Unset
        if isinstance(self.mailbox_id, Unset):
            mailbox_id = UNSET
        else:
            mailbox_id = self.mailbox_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if add_flags is not UNSET:
            field_dict["add_flags"] = add_flags
        if remove_flags is not UNSET:
            field_dict["remove_flags"] = remove_flags
        if add_keywords is not UNSET:
            field_dict["add_keywords"] = add_keywords
        if remove_keywords is not UNSET:
            field_dict["remove_keywords"] = remove_keywords
        if mailbox_id is not UNSET:
            field_dict["mailbox_id"] = mailbox_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        _add_flags = d.pop("add_flags", UNSET)
        add_flags: list[MessageUpdateAddFlagsItem] | Unset = UNSET
        if _add_flags is not UNSET:
            add_flags = []
            for add_flags_item_data in _add_flags:
                add_flags_item = MessageUpdateAddFlagsItem(add_flags_item_data)

                add_flags.append(add_flags_item)

        _remove_flags = d.pop("remove_flags", UNSET)
        remove_flags: list[MessageUpdateRemoveFlagsItem] | Unset = UNSET
        if _remove_flags is not UNSET:
            remove_flags = []
            for remove_flags_item_data in _remove_flags:
                remove_flags_item = MessageUpdateRemoveFlagsItem(remove_flags_item_data)

                remove_flags.append(remove_flags_item)

        add_keywords = cast(list[str], d.pop("add_keywords", UNSET))

        remove_keywords = cast(list[str], d.pop("remove_keywords", UNSET))

        def _parse_mailbox_id(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        mailbox_id = _parse_mailbox_id(d.pop("mailbox_id", UNSET))

        message_update = cls(
            add_flags=add_flags,
            remove_flags=remove_flags,
            add_keywords=add_keywords,
            remove_keywords=remove_keywords,
            mailbox_id=mailbox_id,
        )

        message_update.additional_properties = d
        return message_update

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
