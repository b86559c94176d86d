from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.outbound_detail_state import OutboundDetailState
from typing import cast
import datetime

if TYPE_CHECKING:
    from ..models.attempt_out import AttemptOut
    from ..models.last_result import LastResult
    from ..models.outbound_detail_metadata import OutboundDetailMetadata
    from ..models.suppression_match import SuppressionMatch


T = TypeVar("T", bound="OutboundDetail")


@_attrs_define
class OutboundDetail:
    """
    Attributes:
        id (int): The outbound id.
        from_id (str): Unique id in this recipient's MAIL FROM.
        message_id (str): Message-ID header of the message.
        subject (str): Subject of the message.
        sender (str): The From: address.
        recipient (str): This recipient.
        state (OutboundDetailState): Where this recipient stands.
        attempts (int): Delivery attempts made so far.
        next_attempt (datetime.datetime | None): When the next attempt is due (queued only).
        last_result (LastResult | None): The last reply, if there was an attempt.
        suppressed_by (None | SuppressionMatch): State `suppressed`: the suppression list entry that matched; null
            otherwise.
        metadata (OutboundDetailMetadata): The metadata given when sending.
        created (datetime.datetime): When it was queued.
        updated (datetime.datetime): When its state last changed.
        attempt_history (list[AttemptOut]): Attempts and reports, oldest first.
    """

    id: int
    from_id: str
    message_id: str
    subject: str
    sender: str
    recipient: str
    state: OutboundDetailState
    attempts: int
    next_attempt: datetime.datetime | None
    last_result: LastResult | None
    suppressed_by: None | SuppressionMatch
    metadata: OutboundDetailMetadata
    created: datetime.datetime
    updated: datetime.datetime
    attempt_history: list[AttemptOut]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.attempt_out import AttemptOut  # noqa: PLC0415
        from ..models.last_result import LastResult  # noqa: PLC0415
        from ..models.outbound_detail_metadata import OutboundDetailMetadata  # noqa: PLC0415
        from ..models.suppression_match import SuppressionMatch  # noqa: PLC0415

        id = self.id

        from_id = self.from_id

        message_id = self.message_id

        subject = self.subject

        sender = self.sender

        recipient = self.recipient

        state = self.state.value

        attempts = self.attempts

        next_attempt: None | str
        if isinstance(self.next_attempt, datetime.datetime):
            next_attempt = self.next_attempt.isoformat()
        else:
            next_attempt = self.next_attempt

        last_result: dict[str, Any] | None
        if isinstance(self.last_result, LastResult):
            last_result = self.last_result.to_dict()
        else:
            last_result = self.last_result

        suppressed_by: dict[str, Any] | None
        if isinstance(self.suppressed_by, SuppressionMatch):
            suppressed_by = self.suppressed_by.to_dict()
        else:
            suppressed_by = self.suppressed_by

        metadata = self.metadata.to_dict()

        created = self.created.isoformat()

        updated = self.updated.isoformat()

        attempt_history = []
        for attempt_history_item_data in self.attempt_history:
            attempt_history_item = attempt_history_item_data.to_dict()
            attempt_history.append(attempt_history_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "from_id": from_id,
                "message_id": message_id,
                "subject": subject,
                "sender": sender,
                "recipient": recipient,
                "state": state,
                "attempts": attempts,
                "next_attempt": next_attempt,
                "last_result": last_result,
                "suppressed_by": suppressed_by,
                "metadata": metadata,
                "created": created,
                "updated": updated,
                "attempt_history": attempt_history,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.attempt_out import AttemptOut  # noqa: PLC0415
        from ..models.last_result import LastResult  # noqa: PLC0415
        from ..models.outbound_detail_metadata import OutboundDetailMetadata  # noqa: PLC0415
        from ..models.suppression_match import SuppressionMatch  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        from_id = d.pop("from_id")

        message_id = d.pop("message_id")

        subject = d.pop("subject")

        sender = d.pop("sender")

        recipient = d.pop("recipient")

        state = OutboundDetailState(d.pop("state"))

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

        def _parse_last_result(data: object) -> LastResult | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                last_result_type_0 = LastResult.from_dict(data)

                return last_result_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(LastResult | None, data)

        last_result = _parse_last_result(d.pop("last_result"))

        def _parse_suppressed_by(data: object) -> None | SuppressionMatch:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                suppressed_by_type_0 = SuppressionMatch.from_dict(data)

                return suppressed_by_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SuppressionMatch, data)

        suppressed_by = _parse_suppressed_by(d.pop("suppressed_by"))

        metadata = OutboundDetailMetadata.from_dict(d.pop("metadata"))

        created = datetime.datetime.fromisoformat(d.pop("created"))

        updated = datetime.datetime.fromisoformat(d.pop("updated"))

        attempt_history = []
        _attempt_history = d.pop("attempt_history")
        for attempt_history_item_data in _attempt_history:
            attempt_history_item = AttemptOut.from_dict(attempt_history_item_data)

            attempt_history.append(attempt_history_item)

        outbound_detail = cls(
            id=id,
            from_id=from_id,
            message_id=message_id,
            subject=subject,
            sender=sender,
            recipient=recipient,
            state=state,
            attempts=attempts,
            next_attempt=next_attempt,
            last_result=last_result,
            suppressed_by=suppressed_by,
            metadata=metadata,
            created=created,
            updated=updated,
            attempt_history=attempt_history,
        )

        outbound_detail.additional_properties = d
        return outbound_detail

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
