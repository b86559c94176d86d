"""Webhook records: each account's configuration, and the durable queue of calls with their attempts.

A delivery is one POST of one payload to one URL. A newer event about the same
outbound recipient supersedes an older one for the same URL that has not been
delivered yet, so a receiver that was down gets the latest state, not a backlog.
"""

from __future__ import annotations

import builtins
import secrets
import sqlite3
from collections.abc import Callable

import msgspec

from mta.store.db import Database, Tx

_list_dec = msgspec.json.Decoder(list[str])
_enc = msgspec.json.Encoder()


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
    url: str
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


class WebhookAttempt(msgspec.Struct, frozen=True):
    time: int
    status: int | None
    response: str
    error: str
    duration_ms: int


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

    async def enqueue(
        self,
        account_id: int,
        url: str,
        event: str,
        outbound_id: int | None,
        payload: Callable[[int], bytes],
        now: int,
    ) -> int:
        """Queue a call; payload(sequence) makes the body. Returns the delivery id.

        sequence counts the events about one outbound recipient (1, 2, ...); 0 for
        others. Older pending calls about the same recipient to the same URL are
        superseded: the receiver gets the latest state, not a backlog."""

        def fn(tx: Tx) -> int:
            c = tx.conn
            seq = 0
            if outbound_id is not None:
                (seq,) = c.execute(
                    "SELECT COALESCE(MAX(sequence), 0) + 1 FROM webhook_deliveries WHERE outbound_id = ?",
                    (outbound_id,),
                ).fetchone()
                c.execute(
                    "UPDATE webhook_deliveries SET state = 'superseded', updated = ?"
                    " WHERE outbound_id = ? AND url = ? AND state = 'pending'",
                    (now, outbound_id, url),
                )
            cur = c.execute(
                "INSERT INTO webhook_deliveries (msg_id, account_id, url, event, outbound_id, sequence, payload,"
                " state, next_attempt, created, updated) VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?)",
                ("msg_" + secrets.token_hex(12), account_id, url, event, outbound_id, seq, payload(seq), now, now, now),
            )
            return int(cur.lastrowid or 0)

        return await self.db.write(fn)

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

    def next_due(self) -> int | None:
        row = self.db.read_sync(
            lambda c: c.execute("SELECT MIN(next_attempt) FROM webhook_deliveries WHERE state = 'pending'").fetchone()
        )
        return None if row is None or row[0] is None else int(row[0])

    async def record(self, delivery_id: int, attempt: WebhookAttempt, state: str, next_attempt: int) -> None:
        def fn(tx: Tx) -> None:
            tx.conn.execute(
                "INSERT INTO webhook_attempts (delivery_id, time, status, response, error, duration_ms)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (delivery_id, attempt.time, attempt.status, attempt.response, attempt.error, attempt.duration_ms),
            )
            # A superseded call stays superseded whatever this attempt said.
            tx.conn.execute(
                "UPDATE webhook_deliveries SET attempts = attempts + 1, last_status = ?, last_error = ?,"
                " state = CASE WHEN state = 'pending' THEN ? ELSE state END, next_attempt = ?, updated = ?"
                " WHERE id = ?",
                (attempt.status, attempt.error, state, next_attempt, attempt.time, delivery_id),
            )

        await self.db.write(fn)

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
        return [WebhookAttempt(r["time"], r["status"], r["response"], r["error"], r["duration_ms"]) for r in rows]

    async def retry(self, account_id: int, delivery_id: int, now: int) -> bool:
        """Make a call pending and due now (again); False when there is no such call."""

        def fn(tx: Tx) -> bool:
            cur = tx.conn.execute(
                "UPDATE webhook_deliveries SET state = 'pending', next_attempt = ?, updated = ?"
                " WHERE id = ? AND account_id = ?",
                (now, now, delivery_id, account_id),
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
