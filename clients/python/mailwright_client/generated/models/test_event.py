from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.test_event_event import TestEventEvent
from ..types import UNSET, Unset


T = TypeVar("T", bound="TestEvent")


@_attrs_define
class TestEvent:
    """Sent by POST /v1/webhooks/test to check that a receiver works.

    Attributes:
        time (str): When it was queued (RFC 3339).
        version (int | Unset):  Default: 1.
        event (TestEventEvent | Unset):  Default: TestEventEvent.TEST.
    """

    time: str
    version: int | Unset = 1
    event: TestEventEvent | Unset = TestEventEvent.TEST
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        time = self.time

        version = self.version

        event: str | Unset = UNSET
        if not isinstance(self.event, Unset):
            event = self.event.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "time": time,
            }
        )
        if version is not UNSET:
            field_dict["version"] = version
        if event is not UNSET:
            field_dict["event"] = event

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        time = d.pop("time")

        version = d.pop("version", UNSET)

        _event = d.pop("event", UNSET)
        event: TestEventEvent | Unset
        if isinstance(_event, Unset):
            event = UNSET
        else:
            event = TestEventEvent(_event)

        test_event = cls(
            time=time,
            version=version,
            event=event,
        )

        test_event.additional_properties = d
        return test_event

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
