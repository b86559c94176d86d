from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.health_database import HealthDatabase
from ..models.health_recovery import HealthRecovery
from ..models.health_status import HealthStatus
from typing import cast

if TYPE_CHECKING:
    from ..models.listener_health import ListenerHealth


T = TypeVar("T", bound="Health")


@_attrs_define
class Health:
    """
    Attributes:
        status (HealthStatus): ok when everything below is; the HTTP status is 200 then, else 503.
        database (HealthDatabase): ok when the database can be read.
        recovery (HealthRecovery): done once the store is open after a start (or a crash) and the queues have taken up
            the work left from before; running until then.
        listeners (list[ListenerHealth]): Every configured listener.
    """

    status: HealthStatus
    database: HealthDatabase
    recovery: HealthRecovery
    listeners: list[ListenerHealth]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.listener_health import ListenerHealth  # noqa: PLC0415

        status = self.status.value

        database = self.database.value

        recovery = self.recovery.value

        listeners = []
        for listeners_item_data in self.listeners:
            listeners_item = listeners_item_data.to_dict()
            listeners.append(listeners_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "status": status,
                "database": database,
                "recovery": recovery,
                "listeners": listeners,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.listener_health import ListenerHealth  # noqa: PLC0415

        d = dict(src_dict)
        status = HealthStatus(d.pop("status"))

        database = HealthDatabase(d.pop("database"))

        recovery = HealthRecovery(d.pop("recovery"))

        listeners = []
        _listeners = d.pop("listeners")
        for listeners_item_data in _listeners:
            listeners_item = ListenerHealth.from_dict(listeners_item_data)

            listeners.append(listeners_item)

        health = cls(
            status=status,
            database=database,
            recovery=recovery,
            listeners=listeners,
        )

        health.additional_properties = d
        return health

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
