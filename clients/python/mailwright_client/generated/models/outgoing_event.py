from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.outgoing_event_event import OutgoingEventEvent
from typing import cast

if TYPE_CHECKING:
    from ..models.outgoing_event_metadata import OutgoingEventMetadata
    from ..models.suppressed_by import SuppressedBy


T = TypeVar("T", bound="OutgoingEvent")


@_attrs_define
class OutgoingEvent:
    """A state change of one recipient of a message you sent.

    Attributes:
        version (int): Payload version; new fields may appear. Default: 1.
        event (OutgoingEventEvent): What happened.
        outbound_id (int): The recipient's outbound id (from the send answer).
        from_id (str): The unique id in this recipient's MAIL FROM.
        message_id (str): Message-ID of the message.
        subject (str): Subject of the message.
        recipient (str):
        dsn (bool): A delivery status notification (bounce) caused it. Default: False.
        suppressing (bool): It added the recipient to the suppression list. Default: False.
        suppressed_by (None | SuppressedBy): For `suppressed`: the suppression list entry that matched; null otherwise.
        smtp_code (int | None): SMTP reply code, if a server answered.
        enhanced_code (str): Enhanced status code. Default: ''.
        error (str): What went wrong, for failures and delays. Default: ''.
        metadata (OutgoingEventMetadata): The metadata given when sending.
        time (str): When it happened (RFC 3339).
        sequence (int): Increases with every event about this recipient; drop an event older than one you have. Default:
            0.
    """

    event: OutgoingEventEvent
    outbound_id: int
    from_id: str
    message_id: str
    subject: str
    recipient: str
    suppressed_by: None | SuppressedBy
    smtp_code: int | None
    metadata: OutgoingEventMetadata
    time: str
    version: int = 1
    dsn: bool = False
    suppressing: bool = False
    enhanced_code: str = ""
    error: str = ""
    sequence: int = 0
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.outgoing_event_metadata import OutgoingEventMetadata  # noqa: PLC0415
        from ..models.suppressed_by import SuppressedBy  # noqa: PLC0415

        version = self.version

        event = self.event.value

        outbound_id = self.outbound_id

        from_id = self.from_id

        message_id = self.message_id

        subject = self.subject

        recipient = self.recipient

        dsn = self.dsn

        suppressing = self.suppressing

        suppressed_by: dict[str, Any] | None
        if isinstance(self.suppressed_by, SuppressedBy):
            suppressed_by = self.suppressed_by.to_dict()
        else:
            suppressed_by = self.suppressed_by

        smtp_code: int | None
        smtp_code = self.smtp_code

        enhanced_code = self.enhanced_code

        error = self.error

        metadata = self.metadata.to_dict()

        time = self.time

        sequence = self.sequence

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "version": version,
                "event": event,
                "outbound_id": outbound_id,
                "from_id": from_id,
                "message_id": message_id,
                "subject": subject,
                "recipient": recipient,
                "dsn": dsn,
                "suppressing": suppressing,
                "suppressed_by": suppressed_by,
                "smtp_code": smtp_code,
                "enhanced_code": enhanced_code,
                "error": error,
                "metadata": metadata,
                "time": time,
                "sequence": sequence,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.outgoing_event_metadata import OutgoingEventMetadata  # noqa: PLC0415
        from ..models.suppressed_by import SuppressedBy  # noqa: PLC0415

        d = dict(src_dict)
        version = d.pop("version")

        event = OutgoingEventEvent(d.pop("event"))

        outbound_id = d.pop("outbound_id")

        from_id = d.pop("from_id")

        message_id = d.pop("message_id")

        subject = d.pop("subject")

        recipient = d.pop("recipient")

        dsn = d.pop("dsn")

        suppressing = d.pop("suppressing")

        def _parse_suppressed_by(data: object) -> None | SuppressedBy:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                suppressed_by_type_0 = SuppressedBy.from_dict(data)

                return suppressed_by_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SuppressedBy, data)

        suppressed_by = _parse_suppressed_by(d.pop("suppressed_by"))

        def _parse_smtp_code(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        smtp_code = _parse_smtp_code(d.pop("smtp_code"))

        enhanced_code = d.pop("enhanced_code")

        error = d.pop("error")

        metadata = OutgoingEventMetadata.from_dict(d.pop("metadata"))

        time = d.pop("time")

        sequence = d.pop("sequence")

        outgoing_event = cls(
            version=version,
            event=event,
            outbound_id=outbound_id,
            from_id=from_id,
            message_id=message_id,
            subject=subject,
            recipient=recipient,
            dsn=dsn,
            suppressing=suppressing,
            suppressed_by=suppressed_by,
            smtp_code=smtp_code,
            enhanced_code=enhanced_code,
            error=error,
            metadata=metadata,
            time=time,
            sequence=sequence,
        )

        outgoing_event.additional_properties = d
        return outgoing_event

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
