"""Service-level endpoints: health and the API root."""

from __future__ import annotations

from typing import Annotated

import msgspec
from litestar import Controller, get
from litestar.di import NamedDependency
from msgspec import Meta

from api.state import AppState


class Health(msgspec.Struct):
    """Whether the service is up and its database answers."""

    status: Annotated[str, Meta(description="ok when the service answers.", examples=["ok"])] = "ok"
    database: Annotated[str, Meta(description="ok when the database can be read.", examples=["ok"])] = "ok"


class ServiceInfo(msgspec.Struct):
    """What this server is."""

    service: Annotated[str, Meta(description="The product name.", examples=["mailwright"])]
    version: Annotated[str, Meta(description="The server version.", examples=["0.1.0"])]
    api_version: Annotated[str, Meta(description="The API version in the paths.", examples=["v1"])]
    hostname: Annotated[str, Meta(description="The host name the server uses in SMTP.", examples=["mail.example.com"])]
    docs: Annotated[str, Meta(description="Path of the interactive API documentation.", examples=["/docs"])]
    openapi: Annotated[str, Meta(description="Path of the OpenAPI document.", examples=["/openapi.json"])]


class MetaController(Controller):
    tags = ["service"]  # noqa: RUF012 - litestar reads it as a class attribute

    @get("/health", operation_id="getHealth", summary="Health check", sync_to_thread=False)
    def health(self, app_state: NamedDependency[AppState]) -> Health:
        """Answers 200 while the service runs and its database can be read."""
        app_state.ping()
        return Health()

    @get("/v1/", operation_id="getService", summary="Service and version", sync_to_thread=False)
    def root(self, app_state: NamedDependency[AppState]) -> ServiceInfo:
        """The service name, its version, and where the API is described."""
        return ServiceInfo(
            service="mailwright",
            version=app_state.version,
            api_version="v1",
            hostname=app_state.hostname,
            docs="/docs",
            openapi="/openapi.json",
        )
