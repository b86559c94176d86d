from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.webhook_delivery_out_state import WebhookDeliveryOutState
from typing import cast
import datetime


T = TypeVar("T", bound="WebhookDeliveryOut")


@_attrs_define
class WebhookDeliveryOut:
    """
    Attributes:
        id (int):
        webhook_id (str): The webhook-id header, the same on every retry.
        url (str): Where the last attempt went, or the next goes: calls go to the URL configured at the time of each
            attempt.
        event (str):
        outbound_id (int | None): For events about a sent message.
        sequence (int): The payload's sequence (0 for incoming and test events).
        state (WebhookDeliveryOutState): superseded: a newer event about the recipient replaced it.
        attempts (int): Attempts made so far.
        next_attempt (datetime.datetime | None): When pending: the next try.
        last_status (int | None): HTTP status of the last attempt.
        last_error (str): Why the last attempt failed; empty if it did not.
        created (datetime.datetime): When the event was queued.
        updated (datetime.datetime): When the call last changed.
    """

    id: int
    webhook_id: str
    url: str
    event: str
    outbound_id: int | None
    sequence: int
    state: WebhookDeliveryOutState
    attempts: int
    next_attempt: datetime.datetime | None
    last_status: int | None
    last_error: str
    created: datetime.datetime
    updated: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        webhook_id = self.webhook_id

        url = self.url

        event = self.event

        outbound_id: int | None
        outbound_id = self.outbound_id

        sequence = self.sequence

        state = self.state.value

        attempts = self.attempts

        next_attempt: None | str
        if isinstance(self.next_attempt, datetime.datetime):
            next_attempt = self.next_attempt.isoformat()
        else:
            next_attempt = self.next_attempt

        last_status: int | None
        last_status = self.last_status

        last_error = self.last_error

        created = self.created.isoformat()

        updated = self.updated.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "webhook_id": webhook_id,
                "url": url,
                "event": event,
                "outbound_id": outbound_id,
                "sequence": sequence,
                "state": state,
                "attempts": attempts,
                "next_attempt": next_attempt,
                "last_status": last_status,
                "last_error": last_error,
                "created": created,
                "updated": updated,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        webhook_id = d.pop("webhook_id")

        url = d.pop("url")

        event = d.pop("event")

        def _parse_outbound_id(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        outbound_id = _parse_outbound_id(d.pop("outbound_id"))

        sequence = d.pop("sequence")

        state = WebhookDeliveryOutState(d.pop("state"))

        attempts = d.pop("attempts")

        def _parse_next_attempt(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                next_attempt_type_0 = datetime.datetime.fromisoformat(data)

                return next_attempt_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        next_attempt = _parse_next_attempt(d.pop("next_attempt"))

        def _parse_last_status(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        last_status = _parse_last_status(d.pop("last_status"))

        last_error = d.pop("last_error")

        created = datetime.datetime.fromisoformat(d.pop("created"))

        updated = datetime.datetime.fromisoformat(d.pop("updated"))

        webhook_delivery_out = cls(
            id=id,
            webhook_id=webhook_id,
            url=url,
            event=event,
            outbound_id=outbound_id,
            sequence=sequence,
            state=state,
            attempts=attempts,
            next_attempt=next_attempt,
            last_status=last_status,
            last_error=last_error,
            created=created,
            updated=updated,
        )

        webhook_delivery_out.additional_properties = d
        return webhook_delivery_out

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
