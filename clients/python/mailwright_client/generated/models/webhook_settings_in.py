from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast


T = TypeVar("T", bound="WebhookSettingsIn")


@_attrs_define
class WebhookSettingsIn:
    """
    Attributes:
        outgoing_url (str | Unset): Receives events about sent mail (delivered, failed, ...). Default: ''.
        incoming_url (str | Unset): Receives an `incoming` event for each new message. Default: ''.
        events (list[str] | Unset): Event types wanted; empty means all: delivered, suppressed, delayed, failed,
            relayed, expanded, canceled, expired, unrecognized, complained, incoming.
        authorization (str | Unset): Sent as the Authorization header of each call. Default: ''.
    """

    outgoing_url: str | Unset = ""
    incoming_url: str | Unset = ""
    events: list[str] | Unset = UNSET
    authorization: str | Unset = ""
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        outgoing_url = self.outgoing_url

        incoming_url = self.incoming_url

        events: list[str] | Unset = UNSET
        if not isinstance(self.events, Unset):
            events = self.events

        authorization = self.authorization

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if outgoing_url is not UNSET:
            field_dict["outgoing_url"] = outgoing_url
        if incoming_url is not UNSET:
            field_dict["incoming_url"] = incoming_url
        if events is not UNSET:
            field_dict["events"] = events
        if authorization is not UNSET:
            field_dict["authorization"] = authorization

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        outgoing_url = d.pop("outgoing_url", UNSET)

        incoming_url = d.pop("incoming_url", UNSET)

        events = cast(list[str], d.pop("events", UNSET))

        authorization = d.pop("authorization", UNSET)

        webhook_settings_in = cls(
            outgoing_url=outgoing_url,
            incoming_url=incoming_url,
            events=events,
            authorization=authorization,
        )

        webhook_settings_in.additional_properties = d
        return webhook_settings_in

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
