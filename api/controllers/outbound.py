"""/v1/outbound: the account's queued and retired recipients, their attempts, and queue actions."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

import msgspec
from litestar import Controller, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath, QueryParameter
from msgspec import Meta

from api.auth import Principal, authenticate, require_scope
from api.cursor import decode_id_cursor, encode_cursor
from api.problems import FieldError, ProblemError
from api.state import AppState
from mta.store.types import OutboundFilter, OutboundItem

State = Literal["queued", "held", "delivered", "failed", "canceled", "suppressed", "expired"]


class LastResult(msgspec.Struct):
    """The last reply about this recipient."""

    smtp_code: Annotated[int | None, Meta(description="SMTP reply code; null when no server answered.", examples=[550])]
    enhanced_code: Annotated[str, Meta(description="Enhanced status code (RFC 3463).", examples=["5.1.1"])]
    text: Annotated[str, Meta(description="The reply, or what went wrong.", examples=["550 5.1.1 No such user"])]


class SuppressionMatch(msgspec.Struct):
    """The suppression list entry that matched the recipient, as it was when it matched."""

    address: Annotated[str, Meta(description="The address of the entry, as added.", examples=["mary@example.org"])]
    reason: Annotated[str, Meta(description="Why it is suppressed.", examples=["550 5.1.1 No such user"])]
    created: Annotated[datetime, Meta(description="When the entry was added.", examples=["2026-11-24T10:00:00Z"])]


class AttemptOut(msgspec.Struct):
    """One delivery attempt."""

    time: Annotated[datetime, Meta(description="When the attempt ended.", examples=["2026-11-24T10:00:00Z"])]
    host: Annotated[str, Meta(description="The server tried.", examples=["mx.example.org"])]
    ip: Annotated[str, Meta(description="Its address.", examples=["192.0.2.25"])]
    tls: Annotated[
        str, Meta(description="TLS version and cipher, empty without TLS.", examples=["TLSv1.3 TLS_AES_256_GCM_SHA384"])
    ]
    smtp_code: Annotated[int | None, Meta(description="SMTP reply code; null when none came.", examples=[250])]
    enhanced_code: Annotated[str, Meta(description="Enhanced status code.", examples=["2.0.0"])]
    text: Annotated[str, Meta(description="The reply text, or what went wrong.", examples=["250 2.0.0 OK"])]
    duration_ms: Annotated[int, Meta(description="How long the attempt took.", examples=[180])]


class OutboundOut(msgspec.Struct):
    """One recipient of a sent message, queued or retired."""

    id: Annotated[int, Meta(description="The outbound id.", examples=[42])]
    from_id: Annotated[
        str, Meta(description="Unique id in this recipient's MAIL FROM.", examples=["pq3xk2lmzu7tq4bzsm2yo6rwra"])
    ]
    message_id: Annotated[
        str, Meta(description="Message-ID header of the message.", examples=["<0f1e2d3c@mail.example.com>"])
    ]
    subject: Annotated[str, Meta(description="Subject of the message.", examples=["Your order has shipped"])]
    sender: Annotated[str, Meta(description="The From: address.", examples=["shop@example.com"])]
    recipient: Annotated[str, Meta(description="This recipient.", examples=["customer@example.org"])]
    state: Annotated[State, Meta(description="Where this recipient stands.", examples=["delivered"])]
    attempts: Annotated[int, Meta(description="Delivery attempts made so far.", examples=[1])]
    next_attempt: Annotated[datetime | None, Meta(description="When the next attempt is due (queued only).")]
    last_result: Annotated[LastResult | None, Meta(description="The last reply, if there was an attempt.")]
    suppressed_by: Annotated[
        SuppressionMatch | None,
        Meta(description="State `suppressed`: the suppression list entry that matched; null otherwise."),
    ]
    metadata: Annotated[
        dict[str, str], Meta(description="The metadata given when sending.", examples=[{"order_id": "1234"}])
    ]
    created: Annotated[datetime, Meta(description="When it was queued.", examples=["2026-11-24T10:00:00Z"])]
    updated: Annotated[datetime, Meta(description="When its state last changed.", examples=["2026-11-24T10:00:01Z"])]


class OutboundDetail(OutboundOut):
    """A recipient with every delivery attempt."""

    attempt_history: Annotated[list[AttemptOut], Meta(description="Attempts and reports, oldest first.")] = []


class OutboundPage(msgspec.Struct):
    items: Annotated[list[OutboundOut], Meta(description="Newest first.")]
    next_cursor: Annotated[str | None, Meta(description="Pass as `cursor` for the next page; null at the end.")]


def _dt(ms: int) -> datetime:
    from datetime import UTC

    return datetime.fromtimestamp(ms / 1000, UTC)


def _out(it: OutboundItem) -> OutboundOut:
    r = it.row
    return OutboundOut(
        id=r.id,
        from_id=r.from_id,
        message_id=it.header_message_id,
        subject=it.subject,
        sender=it.sender,
        recipient=r.recipient,
        state=r.state,  # type: ignore[arg-type]
        attempts=r.attempts,
        next_attempt=_dt(r.next_attempt) if r.state == "queued" else None,
        last_result=LastResult(r.last_code, r.last_enhanced, r.last_text) if r.attempts else None,
        suppressed_by=None
        if r.suppressed_by is None
        else SuppressionMatch(r.suppressed_by.address, r.suppressed_by.reason, _dt(r.suppressed_by.created)),
        metadata=it.metadata,
        created=_dt(r.created),
        updated=_dt(r.updated),
    )


def _metadata_filters(values: list[str] | None) -> dict[str, str]:
    out: dict[str, str] = {}
    for v in values or []:
        k, sep, val = v.partition("=")
        if not sep or not k or not all(c.isalnum() or c in "-_." for c in k):
            raise ProblemError(
                400,
                "invalid_filter",
                f"metadata filter {v!r} is not key=value",
                errors=[FieldError(field="metadata", message="key=value, key of letters, digits, - _ .")],
            )
        out[k] = val
    return out


class OutboundController(Controller):
    path = "/v1/outbound"
    tags = ["outbound"]  # noqa: RUF012 - litestar reads it as a class attribute
    dependencies = {"principal": authenticate}  # noqa: RUF012

    @get("/", operation_id="listOutbound", summary="List sent messages' recipients", sync_to_thread=False)
    def list_outbound(
        self,
        principal: NamedDependency[Principal],
        app_state: NamedDependency[AppState],
        state_filter: Annotated[State | None, QueryParameter(name="state", description="Only this state.")] = None,
        recipient: Annotated[
            str | None,
            QueryParameter(
                description="Only this recipient address: the case of ASCII letters does not matter, and an"
                " international domain may be given in Unicode or as A-labels (xn--).",
                max_length=320,
            ),
        ] = None,
        recipient_domain: Annotated[str | None, QueryParameter(description="Only this recipient domain.")] = None,
        message_id: Annotated[str | None, QueryParameter(description="Only this Message-ID.")] = None,
        metadata: Annotated[
            list[str] | None, QueryParameter(description="key=value; repeat to require several.")
        ] = None,
        since: Annotated[datetime | None, QueryParameter(description="Queued at or after.")] = None,
        until: Annotated[datetime | None, QueryParameter(description="Queued before.")] = None,
        cursor: Annotated[str | None, QueryParameter(description="From `next_cursor` of the previous page.")] = None,
        limit: Annotated[int, QueryParameter(ge=1, le=500, description="Page size.")] = 50,
    ) -> OutboundPage:
        """Queued and retired recipients of the account's messages, newest first."""
        require_scope(principal, "read")
        before = decode_id_cursor(cursor)
        f = OutboundFilter(
            state=state_filter or "",
            recipient=recipient or "",
            recipient_domain=recipient_domain or "",
            message_id=message_id or "",
            since=int(since.timestamp() * 1000) if since else None,
            until=int(until.timestamp() * 1000) if until else None,
            metadata=_metadata_filters(metadata),
        )
        items = app_state.require_store().queue.list(principal.account_id, f, before, limit + 1)
        more = len(items) > limit
        items = items[:limit]
        return OutboundPage(
            items=[_out(i) for i in items],
            next_cursor=encode_cursor(str(items[-1].row.id)) if more and items else None,
        )

    @get("/{outbound_id:int}", operation_id="getOutbound", summary="Get one recipient", sync_to_thread=False)
    def get_outbound(
        self, outbound_id: FromPath[int], principal: NamedDependency[Principal], app_state: NamedDependency[AppState]
    ) -> OutboundDetail:
        """One recipient with every delivery attempt. Another account's id answers 404."""
        require_scope(principal, "read")
        store = app_state.require_store()
        it = store.queue.item(principal.account_id, outbound_id)
        if it is None:
            raise ProblemError(404, "not_found", f"no outbound message {outbound_id}")
        base = _out(it)
        attempts = [
            AttemptOut(_dt(a.time), a.host, a.ip, a.tls, a.code, a.enhanced, a.text, a.duration_ms)
            for a in store.queue.attempts(outbound_id)
        ]
        return OutboundDetail(**msgspec.structs.asdict(base), attempt_history=attempts)

    async def _act(self, principal: Principal, app_state: AppState, outbound_id: int, action: str) -> OutboundOut:
        require_scope(principal, "send")
        submitter = app_state.require_submitter()
        store = app_state.require_store()
        try:
            found = await store.queue.control(principal.account_id, outbound_id, action, submitter.queue.now())
        except KeyError:
            raise ProblemError(404, "not_found", f"no outbound message {outbound_id}") from None
        if found is not None:
            raise ProblemError(409, "invalid_state", f"cannot {action} a message that is {found}")
        it = store.queue.item(principal.account_id, outbound_id)
        assert it is not None
        if action == "cancel":
            await submitter.canceled(it)
        else:
            submitter.queue.kick()
        return _out(it)

    @post("/{outbound_id:int}/retry", operation_id="retryOutbound", summary="Attempt now", status_code=200)
    async def retry(
        self, outbound_id: FromPath[int], principal: NamedDependency[Principal], app_state: NamedDependency[AppState]
    ) -> OutboundOut:
        """A queued recipient is attempted now instead of at its next retry time."""
        return await self._act(principal, app_state, outbound_id, "retry")

    @post("/{outbound_id:int}/cancel", operation_id="cancelOutbound", summary="Cancel", status_code=200)
    async def cancel(
        self, outbound_id: FromPath[int], principal: NamedDependency[Principal], app_state: NamedDependency[AppState]
    ) -> OutboundOut:
        """A queued or held recipient is removed from the queue and ends `canceled`."""
        return await self._act(principal, app_state, outbound_id, "cancel")

    @post("/{outbound_id:int}/release", operation_id="releaseOutbound", summary="Release from hold", status_code=200)
    async def release(
        self, outbound_id: FromPath[int], principal: NamedDependency[Principal], app_state: NamedDependency[AppState]
    ) -> OutboundOut:
        """A held recipient is queued and attempted now."""
        return await self._act(principal, app_state, outbound_id, "release")
