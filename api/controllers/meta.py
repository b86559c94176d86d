"""Service-level endpoints: health and the API root."""

from __future__ import annotations

import msgspec
from litestar import Controller, get
from litestar.di import NamedDependency

from api.state import AppState


class Health(msgspec.Struct):
    """Whether the service is up and its database answers."""

    status: str = msgspec.field(default="ok")
    database: str = msgspec.field(default="ok")


class ServiceInfo(msgspec.Struct):
    """What this server is."""

    service: str
    version: str
    api_version: str
    hostname: str
    docs: str
    openapi: str


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
