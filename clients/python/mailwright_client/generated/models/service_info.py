from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset


T = TypeVar("T", bound="ServiceInfo")


@_attrs_define
class ServiceInfo:
    """
    Attributes:
        service (str): The product name.
        version (str): The server version.
        api_version (str): The API version in the paths.
        hostname (str): The host name the server uses in SMTP.
        docs (str): Path of the interactive API documentation.
        openapi (str): Path of the OpenAPI document.
    """

    service: str
    version: str
    api_version: str
    hostname: str
    docs: str
    openapi: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        service = self.service

        version = self.version

        api_version = self.api_version

        hostname = self.hostname

        docs = self.docs

        openapi = self.openapi

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "service": service,
                "version": version,
                "api_version": api_version,
                "hostname": hostname,
                "docs": docs,
                "openapi": openapi,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        service = d.pop("service")

        version = d.pop("version")

        api_version = d.pop("api_version")

        hostname = d.pop("hostname")

        docs = d.pop("docs")

        openapi = d.pop("openapi")

        service_info = cls(
            service=service,
            version=version,
            api_version=api_version,
            hostname=hostname,
            docs=docs,
            openapi=openapi,
        )

        service_info.additional_properties = d
        return service_info

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
