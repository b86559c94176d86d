from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime


T = TypeVar("T", bound="APIKeyOut")


@_attrs_define
class APIKeyOut:
    """
    Attributes:
        id (int): The key id, for revoking it.
        name (str): Your name for the key.
        prefix (str): The public part of the key, `mw_<prefix>_...`.
        scopes (list[str]): send, read, manage (admin: given by an operator).
        created (datetime.datetime): When it was created (RFC 3339).
        revoked (datetime.datetime | None): When it was revoked (RFC 3339), or null.
    """

    id: int
    name: str
    prefix: str
    scopes: list[str]
    created: datetime.datetime
    revoked: datetime.datetime | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        prefix = self.prefix

        scopes = self.scopes

        created = self.created.isoformat()

        revoked: None | str
        if isinstance(self.revoked, datetime.datetime):
            revoked = self.revoked.isoformat()
        else:
            revoked = self.revoked

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "prefix": prefix,
                "scopes": scopes,
                "created": created,
                "revoked": revoked,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        prefix = d.pop("prefix")

        scopes = cast(list[str], d.pop("scopes"))

        created = datetime.datetime.fromisoformat(d.pop("created"))

        def _parse_revoked(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                revoked_type_0 = datetime.datetime.fromisoformat(data)

                return revoked_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        revoked = _parse_revoked(d.pop("revoked"))

        api_key_out = cls(
            id=id,
            name=name,
            prefix=prefix,
            scopes=scopes,
            created=created,
            revoked=revoked,
        )

        api_key_out.additional_properties = d
        return api_key_out

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
