"""Webhook records: each account's configuration, the event outbox, and the durable
queue of calls with their attempts.

The outbox: whoever changes an outbound recipient's state or stores a message calls
``add_outbound_event``/``add_incoming_event`` inside that same transaction (only
when the account has a URL for it), so the event exists exactly when the change
does. The webhooks layer reads the outbox and turns each row into calls in one
transaction (``consume``); after a crash, rows not yet consumed are simply read again.

A delivery is one POST of one payload to the account's URL for its kind (``target``:
outgoing or incoming), the URL configured at the time of each attempt: a URL fixed
after the event still gets the call, and ``url`` says where the last attempt went
(or the next will go). A newer event about the same outbound recipient supersedes
an older one that has not been delivered yet, so a receiver that was down gets the
latest state, not a backlog. Newer is by the time the event happened, not the order
it was recorded in (a report can arrive while the delivery it is about is still
being recorded), and a report that came back as mail (a DSN, a complaint) is never
superseded by ``delivered``: it is the later news even when recorded first.
"""

from __future__ import annotations

import builtins
import sqlite3
from collections.abc import Callable

import msgspec

from mta.store.db import Database, Tx, next_due
from mta.store.types import AuthResults, SuppressedBy
from mta.tokens import token_hex

_list_dec = msgspec.json.Decoder(list[str])
_meta_dec = msgspec.json.Decoder(dict[str, str])
_auth_dec = msgspec.json.Decoder(AuthResults)
_by_dec = msgspec.json.Decoder(SuppressedBy)
_enc = msgspec.json.Encoder()

# Outbox rows consumed by SQL run on the event loop at most (a page of the webhooks
# service's drain is 100).
ON_LOOP_ROWS = 100


class WebhookConfig(msgspec.Struct, frozen=True):
    account_id: int
    outgoing_url: str = ""
    incoming_url: str = ""
    events: list[str] = msgspec.field(default_factory=list)  # empty: all
    authorization: str = ""
    secret: str = ""
    old_secret: str = ""
    old_secret_until: int = 0


class WebhookDelivery(msgspec.Struct, frozen=True):
    id: int
    msg_id: str
    account_id: int
    target: str  # outgoing, incoming: which of the account's URLs it goes to
    url: str  # where the last attempt went, or the next one goes
    event: str
    outbound_id: int | None
    sequence: int
    payload: bytes
    state: str
    attempts: int
    next_attempt: int
    last_status: int | None
    last_error: str
    created: int
    updated: int
    event_time: int = 0


class WebhookAttempt(msgspec.Struct, frozen=True):
    time: int
    status: int | None
    response: str
    error: str
    duration_ms: int
    url: str = ""


class OutboxRow(msgspec.Struct, frozen=True):
    """An event waiting to become webhook calls, with what it refers to."""

    id: int
    account_id: int
    kind: str  # outbound, incoming
    ref: int
    event: str
    time: int
    code: int | None
    enhanced: str
    error: str
    suppressing: bool
    dsn: bool
    # outbound: the recipient and its message (empty when purged meanwhile)
    from_id: str = ""
    recipient: str = ""
    message_id: str = ""
    subject: str = ""
    metadata: dict[str, str] = msgspec.field(default_factory=dict)
    suppressed_by: SuppressedBy | None = None
    # incoming: the stored message (mailbox_id 0 when it was deleted meanwhile)
    mailbox_id: int = 0
    mail_from: str = ""
    rcpt_to: str = ""
    remote_ip: str = ""
    received: int = 0
    auth: AuthResults = AuthResults()


class NewCall(msgspec.Struct, frozen=True):
    """A call to queue: payload(sequence) makes the body. url: the target's URL now;
    time: when the event happened; report: a DSN or complaint event."""

    account_id: int
    target: str
    url: str
    event: str
    outbound_id: int | None
    payload: Callable[[int], bytes]
    time: int = 0
    report: bool = False


def _wants(c: sqlite3.Connection, account_id: int, column: str) -> bool:
    row = c.execute(f"SELECT {column} FROM webhook_configs WHERE account_id = ?", (account_id,)).fetchone()  # noqa: S608 - a fixed column name
    return row is not None and bool(row[0])


def add_outbound_event(
    c: sqlite3.Connection,
    account_id: int,
    outbound_id: int,
    event: str,
    time: int,
    *,
    code: int | None = None,
    enhanced: str = "",
    error: str = "",
    suppressing: bool = False,
    dsn: bool = False,
) -> None:
    """Within the transaction that changed the recipient's state."""
    if _wants(c, account_id, "outgoing_url"):
        c.execute(
            "INSERT INTO event_outbox (account_id, kind, ref, event, time, code, enhanced, error, suppressing, dsn)"
            " VALUES (?, 'outbound', ?, ?, ?, ?, ?, ?, ?, ?)",
            (account_id, outbound_id, event, time, code, enhanced, error, int(suppressing), int(dsn)),
        )


def add_incoming_event(c: sqlite3.Connection, account_id: int, message_id: int, time: int) -> None:
    """Within the transaction that stored the message."""
    if _wants(c, account_id, "incoming_url"):
        c.execute(
            "INSERT INTO event_outbox (account_id, kind, ref, event, time) VALUES (?, 'incoming', ?, 'incoming', ?)",
            (account_id, message_id, time),
        )


_OUTBOX_SQL = (
    "SELECT e.*, o.from_id, o.recipient, o.suppressed_by, m.message_id, m.subject, m.metadata,"
    " msg.mailbox_id, msg.mail_from, msg.rcpt_to, msg.remote_ip, msg.received, msg.auth"
    " FROM event_outbox e"
    " LEFT JOIN outbound o ON e.kind = 'outbound' AND o.id = e.ref"
    " LEFT JOIN outbound_messages m ON m.id = o.message_ref"
    " LEFT JOIN messages msg ON e.kind = 'incoming' AND msg.id = e.ref"
    " ORDER BY e.id LIMIT ?"
)


def _outbox(r: sqlite3.Row) -> OutboxRow:
    return OutboxRow(
        id=r["id"],
        account_id=r["account_id"],
        kind=r["kind"],
        ref=r["ref"],
        event=r["event"],
        time=r["time"],
        code=r["code"],
        enhanced=r["enhanced"],
        error=r["error"],
        suppressing=bool(r["suppressing"]),
        dsn=bool(r["dsn"]),
        from_id=r["from_id"] or "",
        recipient=r["recipient"] or "",
        message_id=r["message_id"] or "",
        subject=r["subject"] or "",
        metadata=_meta_dec.decode(r["metadata"]) if r["metadata"] else {},
        suppressed_by=_by_dec.decode(r["suppressed_by"]) if r["suppressed_by"] else None,
        mailbox_id=r["mailbox_id"] or 0,
        mail_from=r["mail_from"] or "",
        rcpt_to=r["rcpt_to"] or "",
        remote_ip=r["remote_ip"] or "",
        received=r["received"] or 0,
        auth=_auth_dec.decode(r["auth"]) if r["auth"] else AuthResults(),
    )


def _config(r: sqlite3.Row) -> WebhookConfig:
    return WebhookConfig(
        account_id=r["account_id"],
        outgoing_url=r["outgoing_url"],
        incoming_url=r["incoming_url"],
        events=_list_dec.decode(r["events"]),
        authorization=r["authorization"],
        secret=r["secret"],
        old_secret=r["old_secret"],
        old_secret_until=r["old_secret_until"],
    )


def _delivery(r: sqlite3.Row) -> WebhookDelivery:
    return WebhookDelivery(
        id=r["id"],
        msg_id=r["msg_id"],
        account_id=r["account_id"],
        target=r["target"],
        url=r["url"],
        event=r["event"],
        outbound_id=r["outbound_id"],
        sequence=r["sequence"],
        payload=bytes(r["payload"]),
        state=r["state"],
        attempts=r["attempts"],
        next_attempt=r["next_attempt"],
        last_status=r["last_status"],
        last_error=r["last_error"],
        created=r["created"],
        updated=r["updated"],
        event_time=r["event_time"],
    )


class WebhookStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    def config(self, account_id: int) -> WebhookConfig:
        row = self.db.read_sync(
            lambda c: c.execute("SELECT * FROM webhook_configs WHERE account_id = ?", (account_id,)).fetchone()
        )
        return WebhookConfig(account_id=account_id) if row is None else _config(row)

    def put_config(self, cfg: WebhookConfig, now: int) -> WebhookConfig:
        def fn(tx: Tx) -> WebhookConfig:
            tx.conn.execute(
                "INSERT INTO webhook_configs (account_id, outgoing_url, incoming_url, events, authorization, secret,"
                " old_secret, old_secret_until, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (account_id) DO UPDATE SET outgoing_url = excluded.outgoing_url,"
                " incoming_url = excluded.incoming_url, events = excluded.events,"
                " authorization = excluded.authorization, secret = excluded.secret,"
                " old_secret = excluded.old_secret, old_secret_until = excluded.old_secret_until,"
                " updated = excluded.updated",
                (
                    cfg.account_id,
                    cfg.outgoing_url,
                    cfg.incoming_url,
                    _enc.encode(cfg.events),
                    cfg.authorization,
                    cfg.secret,
                    cfg.old_secret,
                    cfg.old_secret_until,
                    now,
                ),
            )
            return cfg

        return self.db.write_sync(fn)

    async def retarget(self, account_id: int, outgoing_url: str, incoming_url: str, now: int) -> None:
        """The account's URLs changed: its pending calls go to the new ones; those whose
        kind has no URL any more end superseded."""

        def fn(tx: Tx) -> None:
            for target, url in (("outgoing", outgoing_url), ("incoming", incoming_url)):
                if url:
                    sql = "UPDATE webhook_deliveries SET url = ?, updated = ?"
                    args: tuple[object, ...] = (url, now, account_id, target, url)
                else:
                    sql = "UPDATE webhook_deliveries SET state = 'superseded', updated = ?"
                    args = (now, account_id, target, url)
                tx.conn.execute(sql + " WHERE account_id = ? AND target = ? AND state = 'pending' AND url != ?", args)

        await self.db.write(fn)

    async def enqueue(self, call: NewCall, now: int) -> int:
        """Queue a call; returns the delivery id."""
        return await self.db.write(lambda tx: _insert_call(tx.conn, call, now))

    def outbox(self, limit: int) -> builtins.list[OutboxRow]:
        rows = self.db.read_sync(lambda c: c.execute(_OUTBOX_SQL, (limit,)).fetchall())
        return [_outbox(r) for r in rows]

    async def consume(self, rows: builtins.list[tuple[int, builtins.list[NewCall]]], now: int) -> None:
        """Queue the calls outbox rows became, and remove the rows, in one transaction.
        rows: (outbox id, its calls), in outbox order."""

        def fn(tx: Tx) -> None:
            for outbox_id, calls in rows:
                for call in calls:
                    _insert_call(tx.conn, call, now)
                tx.conn.execute("DELETE FROM event_outbox WHERE id = ?", (outbox_id,))

        await self.db.write(fn, on_loop=len(rows) <= ON_LOOP_ROWS)

    def due(self, now: int, limit: int, exclude: set[int], busy_urls: set[str]) -> builtins.list[WebhookDelivery]:
        """Pending calls due by now, oldest first, leaving out those in flight and
        those to URLs that have all the calls they may have at once."""
        sql = "SELECT * FROM webhook_deliveries WHERE state = 'pending' AND next_attempt <= ?"
        args: list[object] = [now]
        if exclude:
            sql += f" AND id NOT IN ({','.join('?' * len(exclude))})"
            args.extend(exclude)
        if busy_urls:
            sql += f" AND url NOT IN ({','.join('?' * len(busy_urls))})"
            args.extend(busy_urls)
        sql += " ORDER BY next_attempt LIMIT ?"
        args.append(limit)
        rows = self.db.read_sync(lambda c: c.execute(sql, args).fetchall())
        return [_delivery(r) for r in rows]

    def next_due(self, exclude: set[int] | frozenset[int] = frozenset()) -> int | None:
        """When the next pending item not in `exclude` (those in flight) is due."""
        return next_due(self.db, "webhook_deliveries", "pending", exclude)

    async def record(self, delivery_id: int, attempt: WebhookAttempt, state: str, next_attempt: int) -> None:
        def fn(tx: Tx) -> None:
            tx.conn.execute(
                "INSERT INTO webhook_attempts (delivery_id, time, status, response, error, duration_ms, url)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    delivery_id,
                    attempt.time,
                    attempt.status,
                    attempt.response,
                    attempt.error,
                    attempt.duration_ms,
                    attempt.url,
                ),
            )
            # A superseded call stays superseded whatever this attempt said.
            tx.conn.execute(
                "UPDATE webhook_deliveries SET attempts = attempts + 1, last_status = ?, last_error = ?,"
                " state = CASE WHEN state = 'pending' THEN ? ELSE state END, next_attempt = ?, updated = ?,"
                " url = CASE WHEN ? != '' THEN ? ELSE url END WHERE id = ?",
                (
                    attempt.status,
                    attempt.error,
                    state,
                    next_attempt,
                    attempt.time,
                    attempt.url,
                    attempt.url,
                    delivery_id,
                ),
            )

        await self.db.write(fn)

    async def supersede(self, delivery_id: int, now: int) -> None:
        """A pending call whose kind has no URL any more ends superseded, unmade."""
        await self.db.write(
            lambda tx: tx.conn.execute(
                "UPDATE webhook_deliveries SET state = 'superseded', updated = ? WHERE id = ? AND state = 'pending'",
                (now, delivery_id),
            ),
            on_loop=True,
        )

    def list(
        self, account_id: int, state: str, event: str, outbound_id: int | None, before: int | None, limit: int
    ) -> list[WebhookDelivery]:
        where: list[str] = ["account_id = ?"]
        args: list[object] = [account_id]
        if state:
            where.append("state = ?")
            args.append(state)
        if event:
            where.append("event = ?")
            args.append(event)
        if outbound_id is not None:
            where.append("outbound_id = ?")
            args.append(outbound_id)
        if before is not None:
            where.append("id < ?")
            args.append(before)
        sql = _LIST_SQL.format(where=" AND ".join(where))
        rows = self.db.read_sync(lambda c: c.execute(sql, [*args, limit]).fetchall())
        return [_delivery(r) for r in rows]

    def get(self, account_id: int, delivery_id: int) -> WebhookDelivery | None:
        row = self.db.read_sync(
            lambda c: c.execute(
                "SELECT * FROM webhook_deliveries WHERE id = ? AND account_id = ?", (delivery_id, account_id)
            ).fetchone()
        )
        return None if row is None else _delivery(row)

    def attempts(self, delivery_id: int) -> builtins.list[WebhookAttempt]:
        rows = self.db.read_sync(
            lambda c: c.execute(
                "SELECT * FROM webhook_attempts WHERE delivery_id = ? ORDER BY id", (delivery_id,)
            ).fetchall()
        )
        return [
            WebhookAttempt(r["time"], r["status"], r["response"], r["error"], r["duration_ms"], r["url"]) for r in rows
        ]

    async def retry(self, account_id: int, delivery_id: int, url: str, now: int) -> bool:
        """Make a call pending and due now (again), to url (its target's URL now); False
        when there is no such call."""

        def fn(tx: Tx) -> bool:
            cur = tx.conn.execute(
                "UPDATE webhook_deliveries SET state = 'pending', next_attempt = ?, updated = ?, url = ?"
                " WHERE id = ? AND account_id = ?",
                (now, now, url, delivery_id, account_id),
            )
            return cur.rowcount > 0

        return await self.db.write(fn)

    async def purge(self, before: int) -> int:
        """Forget calls that ended (delivered, failed, superseded) before this time."""

        def fn(tx: Tx) -> int:
            return tx.conn.execute(
                "DELETE FROM webhook_deliveries WHERE state != 'pending' AND updated < ?", (before,)
            ).rowcount

        return await self.db.write(fn)


_LIST_SQL = "SELECT * FROM webhook_deliveries WHERE {where} ORDER BY id DESC LIMIT ?"


def _insert_call(c: sqlite3.Connection, call: NewCall, now: int) -> int:
    """sequence counts the events about one outbound recipient (1, 2, ...); 0 for others.
    Of the calls about one recipient, the one with the newest event stays pending and
    older pending ones are superseded: the receiver gets the latest state, not a
    backlog. A call about an older event than one pending or already delivered (or a
    `delivered` after a report) is recorded superseded: it would tell the receiver
    something that is no longer so."""
    seq = 0
    state = "pending"
    if call.outbound_id is not None:
        (seq,) = c.execute(
            "SELECT COALESCE(MAX(sequence), 0) + 1 FROM webhook_deliveries WHERE outbound_id = ?",
            (call.outbound_id,),
        ).fetchone()
        newer = c.execute(
            "SELECT 1 FROM webhook_deliveries WHERE outbound_id = ? AND state IN ('pending', 'delivered')"
            " AND (event_time > ? OR (report AND ?)) LIMIT 1",
            (call.outbound_id, call.time, int(call.event == "delivered")),
        ).fetchone()
        if newer is not None:
            state = "superseded"
        else:
            c.execute(
                "UPDATE webhook_deliveries SET state = 'superseded', updated = ?"
                " WHERE outbound_id = ? AND state = 'pending'",
                (now, call.outbound_id),
            )
    cur = c.execute(
        "INSERT INTO webhook_deliveries (msg_id, account_id, target, url, event, outbound_id, sequence, payload,"
        " state, next_attempt, created, updated, event_time, report) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            "msg_" + token_hex(12),
            call.account_id,
            call.target,
            call.url,
            call.event,
            call.outbound_id,
            seq,
            call.payload(seq),
            state,
            now,
            now,
            now,
            call.time or now,
            int(call.report),
        ),
    )
    return int(cur.lastrowid or 0)
