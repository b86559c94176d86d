from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime


T = TypeVar("T", bound="AttemptOut")


@_attrs_define
class AttemptOut:
    """
    Attributes:
        time (datetime.datetime): When the attempt ended.
        host (str): The server tried.
        ip (str): Its address.
        tls (str): TLS version and cipher, empty without TLS.
        smtp_code (int | None): SMTP reply code; null when none came.
        enhanced_code (str): Enhanced status code.
        text (str): The reply text, or what went wrong.
        duration_ms (int): How long the attempt took.
    """

    time: datetime.datetime
    host: str
    ip: str
    tls: str
    smtp_code: int | None
    enhanced_code: str
    text: str
    duration_ms: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        time = self.time.isoformat()

        host = self.host

        ip = self.ip

        tls = self.tls

        smtp_code: int | None
        smtp_code = self.smtp_code

        enhanced_code = self.enhanced_code

        text = self.text

        duration_ms = self.duration_ms

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "time": time,
                "host": host,
                "ip": ip,
                "tls": tls,
                "smtp_code": smtp_code,
                "enhanced_code": enhanced_code,
                "text": text,
                "duration_ms": duration_ms,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        time = datetime.datetime.fromisoformat(d.pop("time"))

        host = d.pop("host")

        ip = d.pop("ip")

        tls = d.pop("tls")

        def _parse_smtp_code(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        smtp_code = _parse_smtp_code(d.pop("smtp_code"))

        enhanced_code = d.pop("enhanced_code")

        text = d.pop("text")

        duration_ms = d.pop("duration_ms")

        attempt_out = cls(
            time=time,
            host=host,
            ip=ip,
            tls=tls,
            smtp_code=smtp_code,
            enhanced_code=enhanced_code,
            text=text,
            duration_ms=duration_ms,
        )

        attempt_out.additional_properties = d
        return attempt_out

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
