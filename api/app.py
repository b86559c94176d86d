"""The HTTP application: litestar with msgspec, OpenAPI at /openapi.json, docs at /docs."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import msgspec
from litestar import Litestar, Request, get
from litestar.config.compression import CompressionConfig
from litestar.di import Provide
from litestar.enums import ScopeType
from litestar.openapi import OpenAPIConfig
from litestar.openapi.plugins import JsonRenderPlugin, SwaggerRenderPlugin
from litestar.openapi.spec import (
    Components,
    OpenAPIFormat,
    OpenAPIMediaType,
    OpenAPIType,
    Reference,
    RequestBody,
    Schema,
    SecurityScheme,
    Tag,
)
from litestar.static_files import create_static_files_router
from litestar.types import ASGIApp, Message, Receive, Scope, Send

from api.contract import require_present_fields
from api.controllers.api_keys import APIKeysController
from api.controllers.drafts import DraftsController
from api.controllers.events import EventsController
from api.controllers.hold_rules import HoldRulesController
from api.controllers.mailboxes import MailboxesController
from api.controllers.messages import MessagesController, ThreadsController, document_downloads
from api.controllers.meta import MetaController
from api.controllers.outbound import OutboundController
from api.controllers.send import SendController
from api.controllers.sessions import SessionsController, webmail_login
from api.controllers.suppressions import SuppressionsController, SuppressionSettingsController
from api.controllers.webhooks import WebhookDeliveriesController, WebhooksController, document_webhooks
from api.csrf import csrf_guard
from api.fastsend import fast_send
from api.http11 import REFUSED
from api.problems import document_problems, problem_handler
from api.query import check_query
from api.state import AppState, service_version
from api.webmail import WebmailController
from mta.log import cid_var, get_logger, new_cid

log = get_logger("http")

DESCRIPTION = """\
Mailwright sends mail for applications with one HTTP call, reports what happened to
it through signed webhooks, and serves the mail it receives. Errors are RFC 9457
problem details with a stable `code`.
"""


def _swagger_assets() -> Path | None:
    try:
        import swagger_ui_bundle
    except ImportError:  # pragma: no cover - the UI falls back to its CDN
        return None
    return Path(swagger_ui_bundle.swagger_ui_path)


def openapi_config() -> OpenAPIConfig:
    assets = _swagger_assets()
    swagger = (
        SwaggerRenderPlugin(
            path="/",
            js_url="/docs/assets/swagger-ui-bundle.js",
            css_url="/docs/assets/swagger-ui.css",
            standalone_preset_js_url="/docs/assets/swagger-ui-standalone-preset.js",
            favicon="<link rel='icon' type='image/png' href='/docs/assets/favicon-32x32.png'>",
        )
        if assets
        else SwaggerRenderPlugin(path="/")
    )
    return OpenAPIConfig(
        title="Mailwright API",
        version=service_version(),
        description=DESCRIPTION,
        # The UI at /docs; the document at /docs/openapi.json and (below) /openapi.json.
        path="/docs",
        render_plugins=[swagger, JsonRenderPlugin(path="/openapi.json")],
        tags=[
            Tag(name="service", description="Health and service information"),
            Tag(name="sending", description="Send messages"),
            Tag(name="outbound", description="Sent messages: their recipients, attempts and queue actions"),
            Tag(name="suppressions", description="Addresses not to send to"),
            Tag(name="hold rules", description="Pausing newly queued mail"),
            Tag(name="webhooks", description="Webhook settings, and the history of every webhook call"),
            Tag(name="api keys", description="API keys of the account"),
            Tag(name="mailboxes", description="The account's mailboxes and the messages in each"),
            Tag(name="messages", description="Read, search, flag, move and delete messages; threads; live changes"),
            Tag(name="drafts", description="Save drafts and send them"),
            Tag(name="sessions", description="Browser login: a session cookie and its CSRF token"),
        ],
        components=Components(
            security_schemes={
                "basic": SecurityScheme(type="http", scheme="basic", description="Account address and password"),
                "apiKey": SecurityScheme(type="http", scheme="bearer", description="An API key, `mw_...`"),
                "session": SecurityScheme(
                    type="apiKey",
                    name="mw_session",
                    security_scheme_in="cookie",
                    description="A browser session from POST /v1/sessions. Requests that change something"
                    " (POST, PUT, PATCH, DELETE) also send the session's csrf_token as `X-CSRF-Token`.",
                ),
            }
        ),
        security=[{"basic": []}, {"apiKey": []}, {"session": []}],
    )


@get("/openapi.json", include_in_schema=False, sync_to_thread=False, media_type="application/json")
def openapi_document(request: Request[Any, Any, Any]) -> bytes:
    """The OpenAPI document (the same as openapi/openapi.json in the repository)."""
    return msgspec.json.encode(request.app.openapi_schema.to_schema())


def log_requests(app: ASGIApp) -> ASGIApp:
    """ASGI middleware: a connection id for each request, one log line when it ends."""

    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != ScopeType.HTTP:
            await app(scope, receive, send)
            return
        cid_var.set(new_cid())
        start = time.perf_counter()
        status = 0

        async def send_wrapper(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await app(scope, receive, send_wrapper)
        finally:
            client = scope.get("client")
            log.info(
                "request",
                method=scope.get("method", ""),
                path=scope.get("path", ""),
                # The connection answered 400 itself when the body turned out malformed.
                status=scope.get(REFUSED, status),
                ms=round((time.perf_counter() - start) * 1000, 2),
                remote_ip=client[0] if client else "",
            )

    return middleware


SEND_EXAMPLE = {
    "to": [{"address": "customer@example.org", "name": "A Customer"}],
    "subject": "Your order has shipped",
    "text": "Hello! Your order 1234 is on its way.",
    "metadata": {"order_id": "1234"},
}


def _document_send_body(app: Litestar) -> None:
    """/v1/send reads its body itself (JSON or multipart); describe both in the schema."""
    ref = Reference(ref="#/components/schemas/SendRequest")
    multipart = Schema(
        type=OpenAPIType.OBJECT,
        required=["request"],
        properties={
            "request": Schema(type=OpenAPIType.STRING, description="The SendRequest as JSON."),
            "attachments": Schema(
                type=OpenAPIType.ARRAY,
                items=Schema(type=OpenAPIType.STRING, format=OpenAPIFormat.BINARY),
                description="Files to attach (filename and content type from each part).",
            ),
            "inline": Schema(
                type=OpenAPIType.ARRAY,
                items=Schema(type=OpenAPIType.STRING, format=OpenAPIFormat.BINARY),
                description="Inline parts for the HTML; the part's Content-ID header names each.",
            ),
        },
    )
    paths = app.openapi_schema.paths or {}
    batch = paths["/v1/send/batch"].post
    assert batch is not None and isinstance(batch.request_body, RequestBody)
    batch.request_body.content["application/json"].example = {"messages": [SEND_EXAMPLE]}
    op = paths["/v1/send"].post
    assert op is not None
    op.request_body = RequestBody(
        required=True,
        content={
            # Swagger's "Try it out" starts from this; built from the fields' own examples it
            # would combine draft_id with content and send references: ["string"].
            "application/json": OpenAPIMediaType(schema=ref, example=SEND_EXAMPLE),
            "multipart/form-data": OpenAPIMediaType(schema=multipart),
        },
    )


def _document_login(app: Litestar) -> None:
    """Logging in needs no credential (litestar reads security=[] as "the default")."""
    op = (app.openapi_schema.paths or {})["/v1/sessions"].post
    assert op is not None
    op.security = []


def body_limit(state: AppState) -> int:
    """The largest request body: a message of the largest size, base64 in JSON, and room."""
    return state.max_message_size * 4 // 3 + 1024 * 1024


def asgi_app(state: AppState) -> ASGIApp:
    """What the HTTP server serves: the litestar application, with POST /v1/send taken
    in front of it for JSON bodies (api.fastsend), and one log line per request."""
    return log_requests(fast_send(create_app(state), state, body_limit(state)))


def create_app(state: AppState) -> Litestar:
    """The litestar application: every route, its OpenAPI document, problem details.
    Serve asgi_app, which adds the request log and the fast send path."""
    route_handlers: list[object] = [
        MetaController,
        SendController,
        OutboundController,
        SuppressionsController,
        SuppressionSettingsController,
        HoldRulesController,
        APIKeysController,
        WebhooksController,
        WebhookDeliveriesController,
        MailboxesController,
        MessagesController,
        ThreadsController,
        EventsController,
        DraftsController,
        WebmailController,
        SessionsController,
        webmail_login,
        openapi_document,
    ]
    assets = _swagger_assets()
    if assets:
        route_handlers.append(
            create_static_files_router(path="/docs/assets", directories=[assets], include_in_schema=False)
        )
    app = Litestar(
        route_handlers=route_handlers,  # type: ignore[arg-type]
        dependencies={"app_state": Provide(lambda: state, sync_to_thread=False)},
        exception_handlers={Exception: problem_handler},
        before_request=check_query,
        middleware=[csrf_guard],
        openapi_config=openapi_config(),
        compression_config=CompressionConfig(backend="gzip", minimum_size=1024, exclude_opt_key="skip_compression"),
        debug=False,
        logging_config=None,
        request_max_body_size=body_limit(state),
    )
    _document_send_body(app)
    _document_login(app)
    document_webhooks(app)
    document_problems(app.openapi_schema)
    document_downloads(app.openapi_schema)
    require_present_fields(app.openapi_schema)
    return app
