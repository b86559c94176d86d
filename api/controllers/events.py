"""GET /v1/events: the account's mail changes as Server-Sent Events (WHATWG HTML, section 9.2).

Each event is one entry of the store's change log (new message, flags changed, moved,
expunged, mailbox created/renamed/deleted/updated); its data is a ChangeOut as JSON and
its id is the account's modification sequence after the change. A change touching many
messages shares one modseq: the id is sent on the last event of such a group only, so a
client that reconnects with ``Last-Event-ID`` (browsers do it by themselves) never skips
part of a group. A stream starts with a ``ready`` event carrying the current modseq;
resuming from before what the change log still holds (30 days) gets a ``reset`` event:
reload, then follow. A comment line every 15 seconds keeps proxies from closing the
connection; a stream opened with a session cookie ends at the first of them after its
session has ended (logout, expiry, a password change).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Callable
from typing import Annotated

import msgspec
from litestar import Controller, get
from litestar.di import NamedDependency
from litestar.params import HeaderParameter, QueryParameter
from litestar.response import Stream

from api.auth import Principal, authenticate, require_scope
from api.problems import FieldError, ProblemError
from api.schemas.mail import ChangeOut
from api.state import AppState
from mta.store import Store
from mta.store.types import MailChange

HEARTBEAT_S = 15.0
# Changes from another process (the command line) are noticed by polling this often.
POLL_S = 2.0
_KINDS = {
    "new": "message.new",
    "flags": "message.flags",
    "moved": "message.moved",
    "expunged": "message.expunged",
    "mailbox_created": "mailbox.created",
    "mailbox_renamed": "mailbox.renamed",
    "mailbox_deleted": "mailbox.deleted",
    "mailbox_updated": "mailbox.updated",
}
_enc = msgspec.json.Encoder()


def _event(out: ChangeOut, with_id: bool) -> bytes:
    head = f"event: {out.type}\n" + (f"id: {out.modseq}\n" if with_id else "")
    return head.encode() + b"data: " + _enc.encode(out) + b"\n\n"


def frames(changes: list[MailChange]) -> list[bytes]:
    """SSE frames for change-log entries; the id only where a modseq group ends."""
    out = []
    for i, c in enumerate(changes):
        last = i + 1 == len(changes) or changes[i + 1].modseq != c.modseq
        ev = ChangeOut(
            type=_KINDS.get(c.kind, c.kind),  # type: ignore[arg-type]
            modseq=c.modseq,
            mailbox_id=c.mailbox_id,
            message_id=c.message_id,
            uid=c.uid,
            prev_mailbox_id=c.prev_mailbox_id,
            prev_uid=c.prev_uid,
        )
        out.append(_event(ev, last))
    return out


async def stream(
    store: Store, account_id: int, since: int | None, alive: Callable[[], bool] | None = None
) -> AsyncIterator[bytes]:
    """The stream's frames; alive, when given (a session's stream), is asked at each
    heartbeat, and the stream ends once it says no (logout, expiry)."""
    with store.changes.subscribe(account_id) as sub:
        highest, floor = store.mail.modseqs(account_id)
        yield b"retry: 2000\n\n"
        if since is None or since > highest:
            after = highest
            yield _event(ChangeOut(type="ready", modseq=highest), True)
        elif since < floor:
            after = highest
            yield _event(ChangeOut(type="reset", modseq=highest), True)
        else:
            after = since
        last_sent = time.monotonic()
        while True:
            while True:
                changes = await asyncio.to_thread(store.mail.changes, account_id, after)
                if not changes:
                    break
                for f in frames(changes):
                    yield f
                after = changes[-1].modseq
                last_sent = time.monotonic()
            await sub.wait(POLL_S)
            if store.changes.closed:
                return
            if time.monotonic() - last_sent >= HEARTBEAT_S:
                if alive is not None and not alive():
                    return
                yield b": keep-alive\n\n"
                last_sent = time.monotonic()


class EventsController(Controller):
    path = "/v1/events"
    tags = ["messages"]  # noqa: RUF012 - litestar reads it as a class attribute
    dependencies = {"principal": authenticate}  # noqa: RUF012

    @get(
        "/",
        operation_id="streamEvents",
        summary="Follow mail changes (Server-Sent Events)",
        media_type="text/event-stream",
        sync_to_thread=False,
        opt={"skip_compression": True},
    )
    def events(
        self,
        principal: NamedDependency[Principal],
        app_state: NamedDependency[AppState],
        last_event_id: Annotated[
            str | None,
            HeaderParameter(name="Last-Event-ID", description="Resume after this event id (a modseq).", required=False),
        ] = None,
        since: Annotated[
            int | None,
            QueryParameter(ge=0, le=2**63 - 1, description="Resume after this modseq (when the header cannot be set)."),
        ] = None,
    ) -> Stream:
        """A text/event-stream of the account's mail changes. Event names: message.new, message.flags,
        message.moved, message.expunged, mailbox.created, mailbox.renamed, mailbox.deleted, mailbox.updated,
        and ready / reset (see ChangeOut). Each data line is a ChangeOut; each id a modseq to resume from."""
        require_scope(principal, "read")
        start, given = since, "since"
        if last_event_id:
            if not last_event_id.strip().isdigit():
                raise ProblemError(400, "invalid_request", "Last-Event-ID is a modseq this stream sent")
            start, given = int(last_event_id.strip()), "Last-Event-ID"
        store = app_state.require_store()
        highest, _ = store.mail.modseqs(principal.account_id)
        if start is not None and start > highest:
            # Not a position this account's stream has been at: resuming there would
            # silently skip everything up to it.
            raise ProblemError(
                400,
                "invalid_cursor",
                f"{given} {start} is beyond the newest change of this account (modseq {highest})",
                errors=[FieldError(field=given, message=f"at most {highest}")],
            )
        sid = principal.session_id
        alive = None if sid is None else (lambda: store.sessions.live(sid, app_state.now_ms()))
        return Stream(
            stream(store, principal.account_id, start, alive),
            media_type="text/event-stream",
            headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
        )
