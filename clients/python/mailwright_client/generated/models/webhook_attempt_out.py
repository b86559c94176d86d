from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime


T = TypeVar("T", bound="WebhookAttemptOut")


@_attrs_define
class WebhookAttemptOut:
    """
    Attributes:
        time (datetime.datetime): When the attempt was made.
        url (str): Where it went: the URL configured at the time of the attempt.
        status (int | None): HTTP status; null when there was no answer.
        response (str): The start of the response body (up to 1 KiB).
        error (str): Why it did not count as delivered; empty on success.
        duration_ms (int): How long the call took.
    """

    time: datetime.datetime
    url: str
    status: int | None
    response: str
    error: str
    duration_ms: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        time = self.time.isoformat()

        url = self.url

        status: int | None
        status = self.status

        response = self.response

        error = self.error

        duration_ms = self.duration_ms

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "time": time,
                "url": url,
                "status": status,
                "response": response,
                "error": error,
                "duration_ms": duration_ms,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        time = datetime.datetime.fromisoformat(d.pop("time"))

        url = d.pop("url")

        def _parse_status(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        status = _parse_status(d.pop("status"))

        response = d.pop("response")

        error = d.pop("error")

        duration_ms = d.pop("duration_ms")

        webhook_attempt_out = cls(
            time=time,
            url=url,
            status=status,
            response=response,
            error=error,
            duration_ms=duration_ms,
        )

        webhook_attempt_out.additional_properties = d
        return webhook_attempt_out

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
