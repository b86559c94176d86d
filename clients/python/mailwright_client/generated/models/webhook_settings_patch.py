from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast


T = TypeVar("T", bound="WebhookSettingsPatch")


@_attrs_define
class WebhookSettingsPatch:
    """
    Attributes:
        outgoing_url (None | str | Unset): Receives events about sent mail (delivered, failed, ...).
        incoming_url (None | str | Unset): Receives an `incoming` event for each new message.
        events (list[str] | None | Unset): Event types wanted; empty means all: delivered, suppressed, delayed, failed,
            relayed, expanded, canceled, expired, unrecognized, complained, incoming.
        authorization (None | str | Unset): Sent as the Authorization header of each call; empty: none.
    """

    outgoing_url: None | str | Unset = UNSET
    incoming_url: None | str | Unset = UNSET
    events: list[str] | None | Unset = UNSET
    authorization: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        outgoing_url: None | str | Unset
        if isinstance(self.outgoing_url, Unset):
            outgoing_url = UNSET
        else:
            outgoing_url = self.outgoing_url

        incoming_url: None | str | Unset
        if isinstance(self.incoming_url, Unset):
            incoming_url = UNSET
        else:
            incoming_url = self.incoming_url

        events: list[str] | None | Unset
        if isinstance(self.events, Unset):
            events = UNSET
        elif isinstance(self.events, list):
            events = self.events

        else:
            events = self.events

        authorization: None | str | Unset
        if isinstance(self.authorization, Unset):
            authorization = UNSET
        else:
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

        def _parse_outgoing_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        outgoing_url = _parse_outgoing_url(d.pop("outgoing_url", UNSET))

        def _parse_incoming_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        incoming_url = _parse_incoming_url(d.pop("incoming_url", UNSET))

        def _parse_events(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                events_type_0 = cast(list[str], data)

                return events_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        events = _parse_events(d.pop("events", UNSET))

        def _parse_authorization(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        authorization = _parse_authorization(d.pop("authorization", UNSET))

        webhook_settings_patch = cls(
            outgoing_url=outgoing_url,
            incoming_url=incoming_url,
            events=events,
            authorization=authorization,
        )

        webhook_settings_patch.additional_properties = d
        return webhook_settings_patch

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
