from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime


T = TypeVar("T", bound="WebhookSettingsOut")


@_attrs_define
class WebhookSettingsOut:
    """
    Attributes:
        outgoing_url (str): Receives events about sent mail; empty: none.
        incoming_url (str): Receives incoming events; empty: none.
        events (list[str]): The event types wanted; empty: all.
        has_authorization (bool): An Authorization header value is set (not shown).
        signing_secret (None | str): The Standard Webhooks secret; only in the answer that created it (first URL set,
            rotation).
        previous_secret_valid_until (datetime.datetime | None): Until then, calls also carry a signature with the
            previous secret.
    """

    outgoing_url: str
    incoming_url: str
    events: list[str]
    has_authorization: bool
    signing_secret: None | str
    previous_secret_valid_until: datetime.datetime | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        outgoing_url = self.outgoing_url

        incoming_url = self.incoming_url

        events = self.events

        has_authorization = self.has_authorization

        signing_secret: None | str
        signing_secret = self.signing_secret

        previous_secret_valid_until: None | str
        if isinstance(self.previous_secret_valid_until, datetime.datetime):
            previous_secret_valid_until = self.previous_secret_valid_until.isoformat()
        else:
            previous_secret_valid_until = self.previous_secret_valid_until

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "outgoing_url": outgoing_url,
                "incoming_url": incoming_url,
                "events": events,
                "has_authorization": has_authorization,
                "signing_secret": signing_secret,
                "previous_secret_valid_until": previous_secret_valid_until,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        outgoing_url = d.pop("outgoing_url")

        incoming_url = d.pop("incoming_url")

        events = cast(list[str], d.pop("events"))

        has_authorization = d.pop("has_authorization")

        def _parse_signing_secret(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        signing_secret = _parse_signing_secret(d.pop("signing_secret"))

        def _parse_previous_secret_valid_until(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                previous_secret_valid_until_type_0 = datetime.datetime.fromisoformat(data)

                return previous_secret_valid_until_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        previous_secret_valid_until = _parse_previous_secret_valid_until(d.pop("previous_secret_valid_until"))

        webhook_settings_out = cls(
            outgoing_url=outgoing_url,
            incoming_url=incoming_url,
            events=events,
            has_authorization=has_authorization,
            signing_secret=signing_secret,
            previous_secret_valid_until=previous_secret_valid_until,
        )

        webhook_settings_out.additional_properties = d
        return webhook_settings_out

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
