"""Service-level endpoints: health and the API root."""

from __future__ import annotations

from typing import Annotated, Literal

import msgspec
from litestar import Controller, Response, get
from litestar.di import NamedDependency
from litestar.openapi.datastructures import ResponseSpec
from msgspec import Meta

from api.readiness import Recovery
from api.state import AppState
from mta.log import get_logger

log = get_logger("api")


class ListenerHealth(msgspec.Struct):
    """One listener of the service."""

    kind: Annotated[
        str,
        Meta(
            description="smtp, submission, submissions, imap, imaps or http.",
            examples=["smtp"],
        ),
    ]
    address: Annotated[str, Meta(description="The address it listens on.", examples=["0.0.0.0"])]
    port: Annotated[int, Meta(description="The port (0 until it is bound, if configured as 0).", examples=[25])]
    accepting: Annotated[bool, Meta(description="Whether it accepts connections now.")]


class Health(msgspec.Struct):
    """Whether the service is ready: every listener accepts, recovery is done, the
    database answers."""

    status: Annotated[
        Literal["ok", "unavailable"],
        Meta(description="ok when everything below is; the HTTP status is 200 then, else 503.", examples=["ok"]),
    ]
    database: Annotated[
        Literal["ok", "unavailable"], Meta(description="ok when the database can be read.", examples=["ok"])
    ]
    recovery: Annotated[
        Recovery,
        Meta(
            description="done once the store is open after a start (or a crash) and the queues "
            "have taken up the work left from before; running until then.",
            examples=["done"],
        ),
    ]
    listeners: Annotated[list[ListenerHealth], Meta(description="Every configured listener.")]


class Liveness(msgspec.Struct):
    """The process runs and answers HTTP."""

    status: Annotated[Literal["ok"], Meta(description="Always ok.", examples=["ok"])]


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

    @get(
        "/health",
        operation_id="getHealth",
        summary="Readiness check",
        sync_to_thread=False,
        responses={503: ResponseSpec(data_container=Health, description="Not ready: the body says what is not.")},
    )
    def health(self, app_state: NamedDependency[AppState]) -> Response[Health]:
        """Answers 200 when the service is ready: every listener (SMTP, submission, IMAP,
        HTTP) accepts connections, recovery after the start is done, and the database can
        be read; 503 with the same body otherwise, during start and shutdown too."""
        try:
            app_state.ping()
            database: Literal["ok", "unavailable"] = "ok"
        except Exception as e:  # any failure to read is "unavailable", never a 500
            log.warning("health: database unavailable", error=str(e))
            database = "unavailable"
        r = app_state.readiness
        listeners = [ListenerHealth(p.kind, p.address, p.port, p.accepting()) for p in r.listeners]
        ready = database == "ok" and r.recovery == "done" and all(x.accepting for x in listeners)
        body = Health("ok" if ready else "unavailable", database, r.recovery, listeners)
        return Response(body, status_code=200 if ready else 503, headers={"Cache-Control": "no-store"})

    @get("/health/live", operation_id="getLiveness", summary="Liveness check", sync_to_thread=False)
    def live(self) -> Liveness:
        """Answers 200 while the process runs, ready or not (see /health for readiness)."""
        return Liveness("ok")

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
