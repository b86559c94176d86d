from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.webhook_delivery_detail_state import WebhookDeliveryDetailState
from typing import cast
import datetime

if TYPE_CHECKING:
    from ..models.incoming_event import IncomingEvent
    from ..models.outgoing_event import OutgoingEvent
    from ..models.test_event import TestEvent
    from ..models.webhook_attempt_out import WebhookAttemptOut


T = TypeVar("T", bound="WebhookDeliveryDetail")


@_attrs_define
class WebhookDeliveryDetail:
    """
    Attributes:
        id (int):
        webhook_id (str): The webhook-id header, the same on every retry.
        url (str): Where the last attempt went, or the next goes: calls go to the URL configured at the time of each
            attempt.
        event (str):
        outbound_id (int | None): For events about a sent message.
        sequence (int): The payload's sequence (0 for incoming and test events).
        state (WebhookDeliveryDetailState): superseded: a newer event about the recipient replaced it.
        attempts (int): Attempts made so far.
        next_attempt (datetime.datetime | None): When pending: the next try.
        last_status (int | None): HTTP status of the last attempt.
        last_error (str): Why the last attempt failed; empty if it did not.
        created (datetime.datetime): When the event was queued.
        updated (datetime.datetime): When the call last changed.
        payload (IncomingEvent | OutgoingEvent | TestEvent): The body as sent.
        attempt_history (list[WebhookAttemptOut]): Every attempt, oldest first.
    """

    id: int
    webhook_id: str
    url: str
    event: str
    outbound_id: int | None
    sequence: int
    state: WebhookDeliveryDetailState
    attempts: int
    next_attempt: datetime.datetime | None
    last_status: int | None
    last_error: str
    created: datetime.datetime
    updated: datetime.datetime
    payload: IncomingEvent | OutgoingEvent | TestEvent
    attempt_history: list[WebhookAttemptOut]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.incoming_event import IncomingEvent  # noqa: PLC0415
        from ..models.outgoing_event import OutgoingEvent  # noqa: PLC0415
        from ..models.test_event import TestEvent  # noqa: PLC0415
        from ..models.webhook_attempt_out import WebhookAttemptOut  # noqa: PLC0415

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

        payload: dict[str, Any]
        if isinstance(self.payload, OutgoingEvent):
            payload = self.payload.to_dict()
        elif isinstance(self.payload, IncomingEvent):
            payload = self.payload.to_dict()
        else:
            payload = self.payload.to_dict()

        attempt_history = []
        for attempt_history_item_data in self.attempt_history:
            attempt_history_item = attempt_history_item_data.to_dict()
            attempt_history.append(attempt_history_item)

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
                "payload": payload,
                "attempt_history": attempt_history,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.incoming_event import IncomingEvent  # noqa: PLC0415
        from ..models.outgoing_event import OutgoingEvent  # noqa: PLC0415
        from ..models.test_event import TestEvent  # noqa: PLC0415
        from ..models.webhook_attempt_out import WebhookAttemptOut  # noqa: PLC0415

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

        state = WebhookDeliveryDetailState(d.pop("state"))

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

        def _parse_payload(data: object) -> IncomingEvent | OutgoingEvent | TestEvent:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                payload_type_0 = OutgoingEvent.from_dict(data)

                return payload_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                payload_type_1 = IncomingEvent.from_dict(data)

                return payload_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            payload_type_2 = TestEvent.from_dict(data)

            return payload_type_2

        payload = _parse_payload(d.pop("payload"))

        attempt_history = []
        _attempt_history = d.pop("attempt_history")
        for attempt_history_item_data in _attempt_history:
            attempt_history_item = WebhookAttemptOut.from_dict(attempt_history_item_data)

            attempt_history.append(attempt_history_item)

        webhook_delivery_detail = cls(
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
            payload=payload,
            attempt_history=attempt_history,
        )

        webhook_delivery_detail.additional_properties = d
        return webhook_delivery_detail

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
