from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime


T = TypeVar("T", bound="SessionOut")


@_attrs_define
class SessionOut:
    """
    Attributes:
        account (str): The account's name.
        address (str): The address the session logged in with.
        csrf_token (str): Echo it in the `X-CSRF-Token` header of every request that changes something.
        expires (datetime.datetime): When the session ends at the latest, used or not (RFC 3339).
        idle_timeout_seconds (int): The session ends after this many seconds without a request.
    """

    account: str
    address: str
    csrf_token: str
    expires: datetime.datetime
    idle_timeout_seconds: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        account = self.account

        address = self.address

        csrf_token = self.csrf_token

        expires = self.expires.isoformat()

        idle_timeout_seconds = self.idle_timeout_seconds

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "account": account,
                "address": address,
                "csrf_token": csrf_token,
                "expires": expires,
                "idle_timeout_seconds": idle_timeout_seconds,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        account = d.pop("account")

        address = d.pop("address")

        csrf_token = d.pop("csrf_token")

        expires = datetime.datetime.fromisoformat(d.pop("expires"))

        idle_timeout_seconds = d.pop("idle_timeout_seconds")

        session_out = cls(
            account=account,
            address=address,
            csrf_token=csrf_token,
            expires=expires,
            idle_timeout_seconds=idle_timeout_seconds,
        )

        session_out.additional_properties = d
        return session_out

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
