"""/v1/webhooks (where and what to call) and /v1/webhook-deliveries (every call made)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any, Literal

import msgspec
from litestar import Controller, Litestar, get, patch, post, put
from litestar.di import NamedDependency
from litestar.openapi.spec import OpenAPIMediaType, OpenAPIResponse, Operation, PathItem, Reference, RequestBody, Schema
from litestar.params import FromPath, JSONBody, QueryParameter
from msgspec import Meta

from api.auth import Principal, authenticate, require_scope
from api.cursor import decode_id_cursor, encode_cursor
from api.problems import FieldError, ProblemError, add_struct_schemas
from api.state import AppState
from mta.store.webhooks import WebhookConfig, WebhookDelivery
from webhooks import Webhooks
from webhooks.payloads import EVENT_TYPES, IncomingEvent, OutgoingEvent, TestEvent
from webhooks.ssrf import URLRefused, check_destination

URL = Annotated[str, Meta(max_length=2000, examples=["https://app.example.com/hooks/mail"])]
DeliveryState = Literal["pending", "delivered", "failed", "superseded"]
MAX_GRACE = 7 * 24 * 3600
PAYLOADS: dict[str, type[msgspec.Struct]] = {"outgoing": OutgoingEvent, "incoming": IncomingEvent, "test": TestEvent}
WEBHOOK_SUMMARIES = {
    "outgoing": "An event about a sent message, POSTed to outgoing_url",
    "incoming": "A new message, POSTed to incoming_url",
    "test": "A test event (POST /v1/webhooks/test)",
}


class WebhookSettingsIn(msgspec.Struct, forbid_unknown_fields=True):
    """Where to send events; an empty URL turns that kind off."""

    outgoing_url: Annotated[URL, Meta(description="Receives events about sent mail (delivered, failed, ...).")] = ""
    incoming_url: Annotated[URL, Meta(description="Receives an `incoming` event for each new message.")] = ""
    events: Annotated[
        list[str],
        Meta(
            max_length=len(EVENT_TYPES),
            description="Event types wanted; empty means all: " + ", ".join(EVENT_TYPES) + ".",
            examples=[["delivered", "failed", "incoming"]],
        ),
    ] = []
    authorization: Annotated[
        str,
        Meta(max_length=1000, description="Sent as the Authorization header of each call.", examples=["Bearer s3cr3t"]),
    ] = ""


class WebhookSettingsPatch(msgspec.Struct, forbid_unknown_fields=True):
    """The settings to change; fields left out keep their value. An empty URL turns that kind off."""

    outgoing_url: Annotated[
        URL | None, Meta(description="Receives events about sent mail (delivered, failed, ...).")
    ] = None
    incoming_url: Annotated[URL | None, Meta(description="Receives an `incoming` event for each new message.")] = None
    events: Annotated[
        Annotated[list[str], Meta(max_length=len(EVENT_TYPES))] | None,
        Meta(
            description="Event types wanted; empty means all: " + ", ".join(EVENT_TYPES) + ".",
            examples=[["delivered", "failed", "incoming"]],
        ),
    ] = None
    authorization: Annotated[
        Annotated[str, Meta(max_length=1000)] | None,
        Meta(
            description="Sent as the Authorization header of each call; empty: none.",
            examples=["Bearer s3cr3t"],
        ),
    ] = None


class WebhookSettingsOut(msgspec.Struct):
    outgoing_url: Annotated[str, Meta(description="Receives events about sent mail; empty: none.")]
    incoming_url: Annotated[str, Meta(description="Receives incoming events; empty: none.")]
    events: Annotated[list[str], Meta(description="The event types wanted; empty: all.")]
    has_authorization: Annotated[bool, Meta(description="An Authorization header value is set (not shown).")]
    signing_secret: Annotated[
        str | None,
        Meta(
            description="The Standard Webhooks secret; only in the answer that created it (first URL set, rotation).",
            examples=["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"],
        ),
    ] = None
    previous_secret_valid_until: Annotated[
        datetime | None, Meta(description="Until then, calls also carry a signature with the previous secret.")
    ] = None


class RotateSecret(msgspec.Struct, forbid_unknown_fields=True):
    grace_seconds: Annotated[
        int,
        Meta(ge=0, le=MAX_GRACE, description="How long the old secret keeps signing too (at most 7 days)."),
    ] = 86400


class WebhookAttemptOut(msgspec.Struct):
    time: Annotated[datetime, Meta(description="When the attempt was made.")]
    url: Annotated[str, Meta(description="Where it went: the URL configured at the time of the attempt.")]
    status: Annotated[int | None, Meta(description="HTTP status; null when there was no answer.", examples=[500])]
    response: Annotated[str, Meta(description="The start of the response body (up to 1 KiB).")]
    error: Annotated[str, Meta(description="Why it did not count as delivered; empty on success.")]
    duration_ms: Annotated[int, Meta(description="How long the call took.", examples=[42])]


class WebhookDeliveryOut(msgspec.Struct):
    id: Annotated[int, Meta(examples=[812])]
    webhook_id: Annotated[str, Meta(description="The webhook-id header, the same on every retry.")]
    url: Annotated[
        str,
        Meta(
            description="Where the last attempt went, or the next goes: calls go to the URL configured at the "
            "time of each attempt."
        ),
    ]
    event: Annotated[str, Meta(examples=["delivered"])]
    outbound_id: Annotated[int | None, Meta(description="For events about a sent message.")]
    sequence: Annotated[int, Meta(description="The payload's sequence (0 for incoming and test events).")]
    state: Annotated[DeliveryState, Meta(description="superseded: a newer event about the recipient replaced it.")]
    attempts: Annotated[int, Meta(description="Attempts made so far.")]
    next_attempt: Annotated[datetime | None, Meta(description="When pending: the next try.")]
    last_status: Annotated[int | None, Meta(description="HTTP status of the last attempt.")]
    last_error: Annotated[str, Meta(description="Why the last attempt failed; empty if it did not.")]
    created: Annotated[datetime, Meta(description="When the event was queued.")]
    updated: Annotated[datetime, Meta(description="When the call last changed.")]


class WebhookDeliveryDetail(WebhookDeliveryOut):
    # Documented as oneOf OutgoingEvent, IncomingEvent, TestEvent by document_webhooks().
    payload: Annotated[dict[str, Any], Meta(description="The body as sent.")]
    attempt_history: Annotated[list[WebhookAttemptOut], Meta(description="Every attempt, oldest first.")]


class WebhookTestOut(msgspec.Struct):
    """The test calls queued."""

    delivery_ids: Annotated[
        list[int],
        Meta(description="One webhook call per configured URL; see /v1/webhook-deliveries/{id}.", examples=[[4, 5]]),
    ]


class WebhookDeliveryPage(msgspec.Struct):
    items: Annotated[list[WebhookDeliveryOut], Meta(description="Newest first.")]
    next_cursor: Annotated[str | None, Meta(description="Pass as `cursor` for the next page; null at the end.")]


def _dt(ms: int) -> datetime:
    return datetime.fromtimestamp(ms / 1000, UTC)


def _settings(cfg: WebhookConfig, secret: bool, now: int) -> WebhookSettingsOut:
    return WebhookSettingsOut(
        outgoing_url=cfg.outgoing_url,
        incoming_url=cfg.incoming_url,
        events=cfg.events,
        has_authorization=bool(cfg.authorization),
        signing_secret=cfg.secret if secret else None,
        previous_secret_valid_until=_dt(cfg.old_secret_until) if cfg.old_secret_until > now else None,
    )


def _delivery(d: WebhookDelivery) -> WebhookDeliveryOut:
    return WebhookDeliveryOut(
        id=d.id,
        webhook_id=d.msg_id,
        url=d.url,
        event=d.event,
        outbound_id=d.outbound_id,
        sequence=d.sequence,
        state=d.state,  # type: ignore[arg-type]  # the store only writes DeliveryState values
        attempts=d.attempts,
        next_attempt=_dt(d.next_attempt) if d.state == "pending" else None,
        last_status=d.last_status,
        last_error=d.last_error,
        created=_dt(d.created),
        updated=_dt(d.updated),
    )


_payload_dec = msgspec.json.Decoder(dict[str, Any])


def document_webhooks(app: Litestar) -> None:
    """Put the payload types into the OpenAPI document: components, the `webhooks`
    section (OpenAPI 3.1) and the `payload` of a delivery."""
    schema = app.openapi_schema
    add_struct_schemas(schema, PAYLOADS.values())
    assert schema.components is not None
    schemas = schema.components.schemas
    refs = [Reference(ref=f"#/components/schemas/{t.__name__}") for t in PAYLOADS.values()]
    detail = schemas["WebhookDeliveryDetail"]
    assert detail.properties is not None
    detail.properties["payload"] = Schema(one_of=refs, description="The body as sent.")
    schema.webhooks = {
        name: PathItem(
            post=Operation(
                summary=WEBHOOK_SUMMARIES[name],
                description=(kind.__doc__ or "").strip()
                + "\n\nSigned per Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature); "
                "answer 2xx within 10 seconds, anything else is retried.",
                operation_id=f"{name}Webhook",
                tags=["webhooks"],
                request_body=RequestBody(
                    required=True,
                    content={
                        "application/json": OpenAPIMediaType(schema=Reference(f"#/components/schemas/{kind.__name__}"))
                    },
                ),
                responses={"2XX": OpenAPIResponse(description="Received; any 2xx status counts.")},
            )
        )
        for name, kind in PAYLOADS.items()
    }


PRIVATE_HINT = (
    "; webhooks to loopback, private and link-local addresses are allowed only when the operator sets"
    " allow_private = true in the [webhooks] section of the configuration (localserve does)"
)


async def _check_url(url: str, field: str, allow_private: bool) -> None:
    if not url:
        return
    try:
        await check_destination(url, allow_private)
    except URLRefused as e:
        msg = str(e) + (PRIVATE_HINT if e.private else "")
        raise ProblemError(
            422, "url_refused", f"{field}: {msg}", errors=[FieldError(field=field, message=msg)]
        ) from None


async def _apply(
    w: Webhooks,
    account_id: int,
    *,
    outgoing_url: str,
    incoming_url: str,
    events: list[str],
    authorization: str,
    changed: set[str],
) -> WebhookSettingsOut:
    """Check the settings (the URLs named in `changed`), store them."""
    for field, url in (("outgoing_url", outgoing_url), ("incoming_url", incoming_url)):
        if field in changed:
            await _check_url(url, field, w.settings.allow_private)
    unknown = [e for e in events if e not in EVENT_TYPES]
    if unknown:
        msg = f"unknown event types {', '.join(unknown)}; known: {', '.join(EVENT_TYPES)}"
        raise ProblemError(400, "validation_failed", msg, errors=[FieldError(field="events", message=msg)])
    if any(not c.isprintable() for c in authorization):
        msg = "the authorization value must be one line of printable characters"
        raise ProblemError(400, "validation_failed", msg, errors=[FieldError(field="authorization", message=msg)])
    cfg, new = await w.put_config(
        account_id,
        outgoing_url=outgoing_url,
        incoming_url=incoming_url,
        events=list(dict.fromkeys(events)),
        authorization=authorization,
    )
    return _settings(cfg, new, w.now())


class WebhooksController(Controller):
    path = "/v1/webhooks"
    tags = ["webhooks"]  # noqa: RUF012 - litestar reads it as a class attribute
    dependencies = {"principal": authenticate}  # noqa: RUF012

    @get("/", operation_id="getWebhooks", summary="Get the webhook settings", sync_to_thread=False)
    def get_settings(
        self, principal: NamedDependency[Principal], app_state: NamedDependency[AppState]
    ) -> WebhookSettingsOut:
        require_scope(principal, "read")
        w = app_state.require_webhooks()
        return _settings(w.config(principal.account_id), False, w.now())

    @put("/", operation_id="setWebhooks", summary="Replace the webhook settings")
    async def put_settings(
        self,
        data: JSONBody[WebhookSettingsIn],
        principal: NamedDependency[Principal],
        app_state: NamedDependency[AppState],
    ) -> WebhookSettingsOut:
        """Replaces all the settings: a field left out of the body is reset to its default (no URL,
        all events, no Authorization); use PATCH to change some. The answer that first sets a URL
        carries the new `signing_secret`. URLs whose host resolves to a loopback, private or
        link-local address are refused unless the operator allows them. Calls still waiting go
        to the new URLs."""
        require_scope(principal, "manage")
        return await _apply(
            app_state.require_webhooks(),
            principal.account_id,
            outgoing_url=data.outgoing_url,
            incoming_url=data.incoming_url,
            events=data.events,
            authorization=data.authorization,
            changed={"outgoing_url", "incoming_url"},
        )

    @patch("/", operation_id="updateWebhooks", summary="Change some webhook settings")
    async def patch_settings(
        self,
        data: JSONBody[WebhookSettingsPatch],
        principal: NamedDependency[Principal],
        app_state: NamedDependency[AppState],
    ) -> WebhookSettingsOut:
        """Changes the fields given and keeps the others. The answer that first sets a URL carries
        the new `signing_secret`. Calls still waiting go to the new URLs."""
        require_scope(principal, "manage")
        w = app_state.require_webhooks()
        cfg = w.config(principal.account_id)
        given = {f for f in data.__struct_fields__ if getattr(data, f) is not None}
        return await _apply(
            w,
            principal.account_id,
            outgoing_url=cfg.outgoing_url if data.outgoing_url is None else data.outgoing_url,
            incoming_url=cfg.incoming_url if data.incoming_url is None else data.incoming_url,
            events=cfg.events if data.events is None else data.events,
            authorization=cfg.authorization if data.authorization is None else data.authorization,
            changed=given,
        )

    @post("/rotate-secret", operation_id="rotateWebhookSecret", summary="Rotate the signing secret", status_code=200)
    async def rotate(
        self,
        principal: NamedDependency[Principal],
        app_state: NamedDependency[AppState],
        data: JSONBody[RotateSecret | None] = None,
    ) -> WebhookSettingsOut:
        """A new secret signs every call from now on; the old one also signs during the grace period, so
        receivers can switch without losing a call."""
        require_scope(principal, "manage")
        w = app_state.require_webhooks()
        cfg = w.rotate_secret(principal.account_id, (data or RotateSecret()).grace_seconds * 1000)
        return _settings(cfg, True, w.now())

    @post("/test", operation_id="testWebhooks", summary="Send a test event", status_code=202)
    async def test(self, principal: NamedDependency[Principal], app_state: NamedDependency[AppState]) -> WebhookTestOut:
        """Queues a `test` event to each configured URL; answers the webhook delivery ids to look up."""
        require_scope(principal, "manage")
        w = app_state.require_webhooks()
        cfg = w.config(principal.account_id)
        if not (cfg.outgoing_url or cfg.incoming_url):
            raise ProblemError(409, "no_webhooks", "no webhook URL is set")
        return WebhookTestOut(delivery_ids=await w.test(principal.account_id))


class WebhookDeliveriesController(Controller):
    path = "/v1/webhook-deliveries"
    tags = ["webhooks"]  # noqa: RUF012
    dependencies = {"principal": authenticate}  # noqa: RUF012

    @get("/", operation_id="listWebhookDeliveries", summary="List webhook calls", sync_to_thread=False)
    def list_deliveries(
        self,
        principal: NamedDependency[Principal],
        app_state: NamedDependency[AppState],
        state_filter: Annotated[
            DeliveryState | None, QueryParameter(name="state", description="Only this state.")
        ] = None,
        event: Annotated[str | None, QueryParameter(description="Only this event type.")] = None,
        outbound_id: Annotated[int | None, QueryParameter(description="Only events about this recipient.")] = None,
        cursor: Annotated[str | None, QueryParameter(description="From `next_cursor` of the previous page.")] = None,
        limit: Annotated[int, QueryParameter(ge=1, le=500, description="Page size.")] = 50,
    ) -> WebhookDeliveryPage:
        """The account's webhook calls, newest first (kept for the configured retention period)."""
        require_scope(principal, "read")
        items = app_state.require_store().webhooks.list(
            principal.account_id, state_filter or "", event or "", outbound_id, decode_id_cursor(cursor), limit + 1
        )
        more = len(items) > limit
        items = items[:limit]
        return WebhookDeliveryPage(
            items=[_delivery(d) for d in items],
            next_cursor=encode_cursor(str(items[-1].id)) if more and items else None,
        )

    @get("/{delivery_id:int}", operation_id="getWebhookDelivery", summary="Get one webhook call", sync_to_thread=False)
    def get_delivery(
        self, delivery_id: FromPath[int], principal: NamedDependency[Principal], app_state: NamedDependency[AppState]
    ) -> WebhookDeliveryDetail:
        """The call with its payload and every attempt (status, response excerpt, duration)."""
        require_scope(principal, "read")
        store = app_state.require_store()
        d = store.webhooks.get(principal.account_id, delivery_id)
        if d is None:
            raise ProblemError(404, "not_found", f"no webhook delivery {delivery_id}")
        attempts = [
            WebhookAttemptOut(_dt(a.time), a.url, a.status, a.response, a.error, a.duration_ms)
            for a in store.webhooks.attempts(d.id)
        ]
        return WebhookDeliveryDetail(
            **msgspec.structs.asdict(_delivery(d)), payload=_payload_dec.decode(d.payload), attempt_history=attempts
        )

    @post("/{delivery_id:int}/retry", operation_id="retryWebhookDelivery", summary="Call again now", status_code=202)
    async def retry(
        self, delivery_id: FromPath[int], principal: NamedDependency[Principal], app_state: NamedDependency[AppState]
    ) -> WebhookDeliveryOut:
        """Makes the call pending and due now, whatever its state (a superseded call is sent too), to the
        URL configured now for its kind."""
        require_scope(principal, "manage")
        w = app_state.require_webhooks()
        store = app_state.require_store()
        found = store.webhooks.get(principal.account_id, delivery_id)
        if found is None:
            raise ProblemError(404, "not_found", f"no webhook delivery {delivery_id}")
        url = w.url(w.config(principal.account_id), found.target)
        if not url:
            raise ProblemError(409, "no_webhooks", f"no {found.target}_url is set")
        if not await store.webhooks.retry(principal.account_id, delivery_id, url, w.now()):
            raise ProblemError(404, "not_found", f"no webhook delivery {delivery_id}")
        w.queue.kick()
        d = store.webhooks.get(principal.account_id, delivery_id)
        assert d is not None
        return _delivery(d)
