from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.change_out_type import ChangeOutType


T = TypeVar("T", bound="ChangeOut")


@_attrs_define
class ChangeOut:
    """The data of one event of /v1/events (the event name is its `type`).

    Attributes:
        type_ (ChangeOutType): What happened.
        modseq (int): The account's modification sequence; also the event id.
        mailbox_id (int): The mailbox concerned (for moved: where it is now). Default: 0.
        message_id (int): The message concerned, 0 for mailbox events. Default: 0.
        uid (int): Its IMAP UID in mailbox_id. Default: 0.
        prev_mailbox_id (int): For message.moved: where it was. Default: 0.
        prev_uid (int): For message.moved: its UID there. Default: 0.
    """

    type_: ChangeOutType
    modseq: int
    mailbox_id: int = 0
    message_id: int = 0
    uid: int = 0
    prev_mailbox_id: int = 0
    prev_uid: int = 0
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        modseq = self.modseq

        mailbox_id = self.mailbox_id

        message_id = self.message_id

        uid = self.uid

        prev_mailbox_id = self.prev_mailbox_id

        prev_uid = self.prev_uid

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "modseq": modseq,
                "mailbox_id": mailbox_id,
                "message_id": message_id,
                "uid": uid,
                "prev_mailbox_id": prev_mailbox_id,
                "prev_uid": prev_uid,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        type_ = ChangeOutType(d.pop("type"))

        modseq = d.pop("modseq")

        mailbox_id = d.pop("mailbox_id")

        message_id = d.pop("message_id")

        uid = d.pop("uid")

        prev_mailbox_id = d.pop("prev_mailbox_id")

        prev_uid = d.pop("prev_uid")

        change_out = cls(
            type_=type_,
            modseq=modseq,
            mailbox_id=mailbox_id,
            message_id=message_id,
            uid=uid,
            prev_mailbox_id=prev_mailbox_id,
            prev_uid=prev_uid,
        )

        change_out.additional_properties = d
        return change_out

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
