"""The outbound queue's records: submitted messages, one row per recipient, attempts.

A submitted message is one outbound_messages row and its DKIM-signed bytes as they
go on the wire: an outbound_bodies row up to INLINE_BODY, else a file
(queue/<ref // 1000>/<ref>). Each recipient is an outbound row with its own from_id
and MAIL FROM. Rows stay after delivery (their state says how it ended), so history
and bounce matching can find them.

Recording a delivery's outcome is one transaction with whatever it stores into local
mailboxes (the message itself for a local recipient, a DSN for the sender), so a
crash can neither store a message whose queue row still says it is due (a second
copy after the restart) nor record a delivery that was not stored. A remote
delivery cannot be made atomic with the remote server's answer: its attempt is
recorded as in flight before the message data is sent, and one still in flight
when the service starts again (a crash between DATA and the record) becomes an
entry saying the message may have been delivered twice.

Enqueueing follows the store's durability rule: a file is written and fsynced
under queue/, and its directory fsynced, before the rows commit; the caller's 2xx
comes after the commit. An idempotency key is checked and recorded in the same
transaction, so a retried call either finds the first call's answer or enqueues
exactly once.
"""

from __future__ import annotations

import base64
import builtins
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import msgspec

from mta.smtp.address import AddressError, parse_address, quote_localpart, unicode_domain
from mta.store.controls import held_by_rule
from mta.store.db import Tx, make_parent, next_due
from mta.store.suppressions import Matcher, add_suppression
from mta.store.types import (
    Attempt,
    Delivered,
    EnqueueRequest,
    OutboundEvent,
    OutboundFilter,
    OutboundItem,
    OutboundRow,
    QueueItem,
    Submission,
    SuppressedBy,
)
from mta.store.webhooks import add_outbound_event
from mta.tokens import token_bytes

SUPPRESSED_ERROR = "the recipient is on the suppression list"

# (outbound id, attempt or None, new state, next attempt, delayed DSN sent,
#  suppression reason: non-empty to add the recipient to the suppression list,
#  whether that entry matches the address exactly: a failure localserve simulated)
Outcome = tuple[int, Attempt | None, str, int, bool, str, bool]

if TYPE_CHECKING:
    from mta.store.store import Prepared, Store

POSSIBLE_DUPLICATE = (
    "possible duplicate: the service stopped while sending the message data, before the answer was recorded;"
    " the server may have accepted it, and the next attempt may deliver it a second time"
)

_meta_enc = msgspec.json.Encoder()
_meta_dec = msgspec.json.Decoder(dict[str, str])
_by_enc = msgspec.json.Encoder()
_by_dec = msgspec.json.Decoder(SuppressedBy)

# fill_history: rows per transaction, distinct recipient addresses.
FILL_CHUNK = 50_000
FILL_RECIPIENTS = 10_000

# Queued messages up to this size are kept in the database (outbound_bodies), larger
# ones in files: a file costs its own fsync and its directory's, the row shares the
# commit's.
INLINE_BODY = 64 * 1024

# A message with at most this many recipients is queued by SQL run on the event loop.
ON_LOOP_RECIPIENTS = 50

# Idempotency keys are honoured this long (unix ms).
IDEMPOTENCY_TTL_MS = 24 * 3600 * 1000


def new_from_id() -> str:
    """128 random bits, lower-case base32 without padding: safe in a local part."""
    return base64.b32encode(token_bytes(16)).decode().rstrip("=").lower()


def _insert_attempt(c: sqlite3.Connection, outbound_id: int, att: Attempt, in_flight: bool = False) -> None:
    c.execute(
        "INSERT INTO outbound_attempts (outbound_id, time, host, ip, tls, code, enhanced, text, duration_ms,"
        " in_flight) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            outbound_id,
            att.time,
            att.host,
            att.ip,
            att.tls,
            att.code,
            att.enhanced,
            att.text,
            att.duration_ms,
            int(in_flight),
        ),
    )


class Recorded(NamedTuple):
    newly_suppressed: list[int]  # outbound ids whose recipient was newly suppressed
    stored: list[list[Delivered]]  # per local delivery given, the messages it stored


class Due(NamedTuple):
    items: list[QueueItem]
    more: bool  # the read was full: more may be due now
    next_at: int | None  # when the earliest queued recipient not returned is due


class IdempotencyConflict(Exception):
    """The key was used before with a different request body."""


class OutboundStore:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.db = store.db
        self.dir = store.data_dir / "queue"
        self.dir.mkdir(exist_ok=True)

    def message_path(self, ref: int) -> Path:
        """Where a queued message larger than INLINE_BODY is kept."""
        return self.dir / str(ref // 1000) / str(ref)

    def inline_body(self, ref: int) -> bytes | None:
        """A queued message kept in the database, or None: it is in its file."""
        row = self.db.read_sync(
            lambda c: c.execute("SELECT data FROM outbound_bodies WHERE message_ref = ?", (ref,)).fetchone()
        )
        return None if row is None else bytes(row[0])

    async def enqueue(
        self,
        req: EnqueueRequest,
        idempotency: tuple[str, bytes] | None = None,
        response: Callable[[list[Submission]], tuple[int, bytes]] | None = None,
        now: int | None = None,
    ) -> tuple[list[Submission], tuple[int, bytes] | None]:
        """Queue req durably. Returns its submissions and, with an idempotency key,
        the stored (status, response body) of the first call if this one repeats it.
        now (unix ms) is the queue's clock, which tests move by hand."""
        return await self.db.write(
            lambda tx: self._enqueue(tx, req, idempotency, response, now),
            on_loop=len(req.recipients) <= ON_LOOP_RECIPIENTS,
            size=len(req.data),
        )

    def _enqueue(
        self,
        tx: Tx,
        req: EnqueueRequest,
        idempotency: tuple[str, bytes] | None,
        response: Callable[[list[Submission]], tuple[int, bytes]] | None,
        clock_now: int | None,
    ) -> tuple[list[Submission], tuple[int, bytes] | None]:
        from mta.store.db import now_ms

        c = tx.conn
        now = clock_now if clock_now is not None else now_ms()
        if idempotency is not None:
            key, request_hash = idempotency
            row = c.execute(
                "SELECT request_hash, status, response, created FROM idempotency WHERE account_id = ? AND key = ?",
                (req.account_id, key),
            ).fetchone()
            if row is not None and row["created"] > now - IDEMPOTENCY_TTL_MS:
                if bytes(row["request_hash"]) != request_hash:
                    raise IdempotencyConflict(key)
                return [], (row["status"], bytes(row["response"]))
            if row is not None:
                c.execute("DELETE FROM idempotency WHERE account_id = ? AND key = ?", (req.account_id, key))
        acc = c.execute(
            "SELECT catchall_separator, unique_from_ids FROM accounts WHERE id = ?", (req.account_id,)
        ).fetchone()
        unique = bool(acc["unique_from_ids"]) if req.unique_from_ids is None else req.unique_from_ids
        cur = c.execute(
            "INSERT INTO outbound_messages (account_id, message_id, subject, sender, size, smtputf8, require_tls,"
            " metadata, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                req.account_id,
                req.message_id,
                req.subject,
                req.sender,
                len(req.data),
                int(req.smtputf8),
                None if req.require_tls is None else int(req.require_tls),
                _meta_enc.encode(req.metadata),
                now,
            ),
        )
        ref = int(cur.lastrowid or 0)
        _index_metadata(c, req.account_id, ref, req.metadata)
        if len(req.data) <= INLINE_BODY:
            c.execute("INSERT INTO outbound_bodies (message_ref, data) VALUES (?, ?)", (ref, req.data))
        else:
            final = self.message_path(ref)
            make_parent(final)
            tx.write_file(final, req.data)
        subs: list[Submission] = []
        local, _, domain = req.mail_from.rpartition("@")
        start = req.send_at if req.send_at is not None and req.send_at > now else now
        sender_domain = req.sender.rpartition("@")[2].lower()
        matcher = Matcher(c, req.account_id)
        for rcpt in req.recipients:
            from_id = new_from_id()
            mail_from = f"{local}{acc['catchall_separator']}{from_id}@{domain}" if unique and local else req.mail_from
            rdomain = rcpt.rpartition("@")[2].lower()
            entry = matcher.find(rcpt)
            by = None if entry is None else SuppressedBy(entry.address, entry.reason, entry.created)
            if by is not None:
                state = "suppressed"
            elif held_by_rule(c, req.account_id, sender_domain, rdomain):
                state = "held"
            else:
                state = "queued"
            cur = c.execute(
                "INSERT INTO outbound (message_ref, account_id, from_id, mail_from, recipient, recipient_domain, state,"
                " next_attempt, deliver_by, created, updated, suppressed_by)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    ref,
                    req.account_id,
                    from_id,
                    mail_from,
                    rcpt,
                    rdomain,
                    state,
                    start,
                    req.deliver_by,
                    now,
                    now,
                    None if by is None else _by_enc.encode(by),
                ),
            )
            oid = int(cur.lastrowid or 0)
            if state == "suppressed":
                add_outbound_event(c, req.account_id, oid, "suppressed", now, error=SUPPRESSED_ERROR)
            subs.append(Submission(address=rcpt, outbound_id=oid, from_id=from_id, state=state))
        if idempotency is not None and response is not None:
            status, body = response(subs)
            c.execute(
                "INSERT INTO idempotency (account_id, key, request_hash, status, response, created)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (req.account_id, idempotency[0], idempotency[1], status, body, now),
            )
        return subs, None

    def due(self, now: int, limit: int, exclude: set[int]) -> Due:
        """Queued recipients whose next attempt is due, oldest first, at most limit of
        those not in exclude; and, from the same read, when the next one is due."""

        def fn(c: sqlite3.Connection) -> tuple[list[sqlite3.Row], int | None]:
            rows = c.execute(
                "SELECT o.*, m.message_id AS header_message_id, m.smtputf8, m.require_tls, m.metadata, m.sender,"
                " m.subject FROM outbound o JOIN outbound_messages m ON m.id = o.message_ref"
                " WHERE o.state = 'queued' AND o.next_attempt <= ? ORDER BY o.next_attempt LIMIT ?",
                (now, limit + len(exclude)),
            ).fetchall()
            (later,) = c.execute(
                "SELECT min(next_attempt) FROM outbound WHERE state = 'queued' AND next_attempt > ?", (now,)
            ).fetchone()
            return rows, later

        rows, later = self.db.read_sync(fn)
        out = []
        for r in rows:
            if r["id"] in exclude:
                continue
            out.append(
                QueueItem(
                    row=_row(r),
                    header_message_id=r["header_message_id"],
                    sender=r["sender"],
                    subject=r["subject"],
                    smtputf8=bool(r["smtputf8"]),
                    require_tls=None if r["require_tls"] is None else bool(r["require_tls"]),
                    metadata=_meta_dec.decode(r["metadata"]),
                )
            )
            if len(out) >= limit:
                break
        # A full read may have left due rows behind; then they are what is next.
        more = len(rows) == limit + len(exclude)
        return Due(out, more, now if more else later)

    def next_due(self, exclude: set[int] | frozenset[int] = frozenset()) -> int | None:
        """When the next queued item not in `exclude` (those in flight) is due."""
        return next_due(self.db, "outbound", "queued", exclude)

    def recent(self, account_id: int | None, limit: int) -> list[OutboundRow]:
        """Newest first; all accounts when account_id is None."""
        args: tuple[int, ...]
        if account_id is None:
            sql, args = "SELECT * FROM outbound ORDER BY id DESC LIMIT ?", (limit,)
        else:
            sql, args = "SELECT * FROM outbound WHERE account_id = ? ORDER BY id DESC LIMIT ?", (account_id, limit)
        return [_row(r) for r in self.db.read_sync(lambda c: c.execute(sql, args).fetchall())]

    def get(self, outbound_id: int) -> OutboundRow | None:
        r = self.db.read_sync(lambda c: c.execute("SELECT * FROM outbound WHERE id = ?", (outbound_id,)).fetchone())
        return None if r is None else _row(r)

    def attempts(self, outbound_id: int) -> list[Attempt]:
        rows = self.db.read_sync(
            lambda c: c.execute(
                "SELECT * FROM outbound_attempts WHERE outbound_id = ? AND in_flight = 0 ORDER BY id", (outbound_id,)
            ).fetchall()
        )
        return [
            Attempt(
                time=r["time"],
                host=r["host"],
                ip=r["ip"],
                tls=r["tls"],
                code=r["code"],
                enhanced=r["enhanced"],
                text=r["text"],
                duration_ms=r["duration_ms"],
            )
            for r in rows
        ]

    async def in_flight(self, outbound_ids: builtins.list[int], att: Attempt) -> None:
        """Before the message data goes to a remote server: the attempt, as in flight.
        ``record`` replaces it with the outcome; a crash leaves it for ``recover``."""

        def fn(tx: Tx) -> None:
            for oid in outbound_ids:
                tx.conn.execute("DELETE FROM outbound_attempts WHERE outbound_id = ? AND in_flight = 1", (oid,))
                _insert_attempt(tx.conn, oid, att, in_flight=True)

        await self.db.write(fn, on_loop=len(outbound_ids) <= ON_LOOP_RECIPIENTS)

    def recover(self) -> int:
        """At start, before any delivery: attempts a crash left in flight become history
        entries saying the message may be delivered twice. Returns how many."""

        def fn(tx: Tx) -> int:
            c = tx.conn
            rows = c.execute("SELECT id, outbound_id FROM outbound_attempts WHERE in_flight = 1").fetchall()
            for r in rows:
                c.execute(
                    "UPDATE outbound_attempts SET in_flight = 0, text = ? WHERE id = ?", (POSSIBLE_DUPLICATE, r["id"])
                )
                c.execute("UPDATE outbound SET attempts = attempts + 1 WHERE id = ?", (r["outbound_id"],))
            return len(rows)

        return self.db.write_sync(fn)

    async def record(
        self,
        outcomes: list[Outcome],
        events: builtins.list[OutboundEvent] | None = None,
        local: builtins.list[Prepared] | None = None,
    ) -> Recorded:
        """Store results of attempts, the events they make (in the webhook outbox) and
        what the delivery stores into local mailboxes, in one transaction."""

        def fn(tx: Tx) -> Recorded:
            from mta.store.db import now_ms

            c = tx.conn
            now = now_ms()
            stored = [self.store.store_prepared(tx, p) for p in local or []]
            newly: list[int] = []
            changed: set[int] = set()
            for oid, att, state, next_attempt, delayed, suppress, exact in outcomes:
                if suppress:
                    row = c.execute("SELECT account_id, recipient FROM outbound WHERE id = ?", (oid,)).fetchone()
                    if add_suppression(c, row["account_id"], row["recipient"], suppress, False, now, exact):
                        newly.append(oid)
                if att is not None:
                    c.execute("DELETE FROM outbound_attempts WHERE outbound_id = ? AND in_flight = 1", (oid,))
                    _insert_attempt(c, oid, att)
                    c.execute(
                        "UPDATE outbound SET attempts = attempts + 1, last_code = ?, last_enhanced = ?, last_text = ?"
                        " WHERE id = ?",
                        (att.code, att.enhanced, att.text, oid),
                    )
                cur = c.execute(
                    "UPDATE outbound SET state = ?, next_attempt = ?, delayed_dsn = delayed_dsn OR ?, updated = ?"
                    " WHERE id = ? AND state = 'queued'",
                    (state, next_attempt, int(delayed), now, oid),
                )
                if cur.rowcount:
                    changed.add(oid)
            # Only changes that happened are reported: a recipient canceled while its
            # delivery was in flight stays canceled, and its event stands.
            for ev in events or []:
                if ev.outbound_id not in changed:
                    continue
                add_outbound_event(
                    c,
                    ev.account_id,
                    ev.outbound_id,
                    ev.event,
                    ev.time,
                    code=ev.smtp_code,
                    enhanced=ev.enhanced_code,
                    error=ev.error,
                    suppressing=ev.outbound_id in newly,
                )
            return Recorded(newly, stored)

        from mta.store.store import ON_LOOP_SIZE

        size = sum(len(p.data) for p in local or [])
        small = len(outcomes) <= ON_LOOP_RECIPIENTS and size <= ON_LOOP_SIZE
        recorded = await self.db.write(fn, on_loop=small, size=size)
        accounts = {t.account_id for p in local or [] for t in p.targets}
        if accounts:
            self.store.changes.notify(*accounts)
        return recorded

    def list(self, account_id: int, f: OutboundFilter, before: int | None, limit: int) -> list[OutboundItem]:
        """An account's recipients, newest first, filtered; `before` is the cursor (an id)."""
        queries = list_filters(account_id, f, before)

        def fn(c: sqlite3.Connection) -> builtins.list[sqlite3.Row]:
            if len(queries) == 1:
                return _list_rows(c, account_id, f, *queries[0], limit)
            # A recipient stored in either of its forms: one index walk each, merged.
            rows = [r for where, args in queries for r in _list_rows(c, account_id, f, where, args, limit)]
            return sorted(rows, key=lambda r: -int(r["id"]))[:limit]

        return [_item(r) for r in self.db.read_sync(fn)]

    def item(self, account_id: int, outbound_id: int) -> OutboundItem | None:
        row = self.db.read_sync(
            lambda c: c.execute(
                "SELECT o.*, m.message_id AS header_message_id, m.subject, m.sender, m.metadata FROM outbound o"
                " JOIN outbound_messages m ON m.id = o.message_ref WHERE o.id = ? AND o.account_id = ?",
                (outbound_id, account_id),
            ).fetchone()
        )
        return None if row is None else _item(row)

    def by_message_ids(self, account_id: int, message_ids: builtins.list[str]) -> builtins.list[OutboundItem]:
        """Recipients of the account's sent messages with these Message-IDs (angle brackets
        included, as generated), newest message first."""
        ids = list(dict.fromkeys(message_ids))[:100]
        if not ids:
            return []
        sql = _LIST_SQL.format(where=f"o.account_id = ? AND m.message_id IN ({','.join('?' * len(ids))})")
        rows = self.db.read_sync(lambda c: c.execute(sql, [account_id, *ids, 1000]).fetchall())
        return [_item(r) for r in rows]

    def by_from_id(self, account_id: int, from_id: str) -> OutboundItem | None:
        """The account's recipient with this from_id, queued or in history."""
        sql = _LIST_SQL.format(where="o.from_id = ? AND o.account_id = ?")
        row = self.db.read_sync(lambda c: c.execute(sql, (from_id, account_id, 1)).fetchone())
        return None if row is None else _item(row)

    async def report(
        self,
        it: OutboundItem,
        event: str,
        attempt: Attempt | None,
        *,
        new_state: str | None,
        suppress_reason: str,
        error: str,
        now: int,
        dsn: bool = True,
    ) -> bool:
        """What a report that came back as mail (a DSN, a complaint) says about a recipient:
        its history, state, suppression and event, in one transaction. Returns whether
        the address was newly suppressed."""

        def fn(tx: Tx) -> bool:
            c = tx.conn
            oid = it.row.id
            if attempt is not None:
                _insert_attempt(c, oid, attempt)
                c.execute(
                    "UPDATE outbound SET last_code = ?, last_enhanced = ?, last_text = ?, updated = ? WHERE id = ?",
                    (attempt.code, attempt.enhanced, attempt.text, now, oid),
                )
            if new_state is not None:
                c.execute(
                    "UPDATE outbound SET state = ?, updated = ?"
                    " WHERE id = ? AND state IN ('queued', 'held', 'delivered')",
                    (new_state, now, oid),
                )
            newly = False
            if suppress_reason:
                newly = add_suppression(c, it.row.account_id, it.row.recipient, suppress_reason, False, now)
            add_outbound_event(
                c,
                it.row.account_id,
                oid,
                event,
                now,
                code=attempt.code if attempt else None,
                enhanced=attempt.enhanced if attempt else "",
                error=error,
                suppressing=newly,
                dsn=dsn,
            )
            return newly

        return await self.db.write(fn)

    async def control(self, account_id: int, outbound_id: int, action: str, now: int) -> str | None:
        """retry (queued: attempt now), cancel (queued or held), release (held). Returns the
        state found when the action does not apply to it, None when it was done."""
        allowed = {"retry": ("queued",), "cancel": ("queued", "held"), "release": ("held",)}[action]
        new_state = {"retry": "queued", "cancel": "canceled", "release": "queued"}[action]

        def fn(tx: Tx) -> str | None:
            row = tx.conn.execute(
                "SELECT state FROM outbound WHERE id = ? AND account_id = ?", (outbound_id, account_id)
            ).fetchone()
            if row is None:
                raise KeyError(outbound_id)
            if row["state"] not in allowed:
                return str(row["state"])
            tx.conn.execute(
                "UPDATE outbound SET state = ?, next_attempt = ?, updated = ? WHERE id = ?",
                (new_state, now, now, outbound_id),
            )
            if new_state == "canceled":
                add_outbound_event(tx.conn, account_id, outbound_id, "canceled", now)
            return None

        return await self.db.write(fn)

    def fill_history(self, account_id: int, count: int, *, now_ms: int, recipients_domain: str = "example.org") -> None:
        """For benchmarks: `count` retired recipients (95% delivered, 5% failed) of one
        submitted message, the rows and the attempt a real delivery leaves, written in
        transactions of FILL_CHUNK rows (blocking; not with the service running a queue).

        Recipients cycle through FILL_RECIPIENTS addresses r<n>@recipients_domain, so a
        recipient filter finds a full page. `updated` spreads the rows over the day
        before now_ms (at most), oldest first, so the retention purge leaves them alone;
        `created` is a second earlier. Not written: suppressions for the failed ones and
        webhook events (no webhook is configured in a benchmark's account)."""
        if count <= 0:
            return
        span = min(24 * 3600 * 1000, count * 10)
        domain = recipients_domain.lower()

        def head(tx: Tx) -> tuple[int, str, str]:
            c = tx.conn
            acc = c.execute(
                "SELECT name, catchall_separator, unique_from_ids FROM accounts WHERE id = ?", (account_id,)
            ).fetchone()
            if acc is None:
                raise KeyError(account_id)
            row = c.execute(
                "SELECT a.localpart || '@' || d.name FROM addresses a JOIN domains d ON d.id = a.domain_id"
                " WHERE a.account_id = ? AND a.localpart != '' ORDER BY a.id LIMIT 1",
                (account_id,),
            ).fetchone()
            sender = row[0] if row is not None else f"{acc['name']}@localhost"
            data = (
                f"From: {sender}\r\nTo: r0@{domain}\r\nSubject: Benchmark history\r\n"
                f"Message-ID: <history-{now_ms}@bench.invalid>\r\n\r\nFilled for a benchmark.\r\n"
            ).encode()
            cur = c.execute(
                "INSERT INTO outbound_messages (account_id, message_id, subject, sender, size, smtputf8, require_tls,"
                " metadata, created) VALUES (?, ?, ?, ?, ?, 0, NULL, ?, ?)",
                (
                    account_id,
                    f"<history-{now_ms}@bench.invalid>",
                    "Benchmark history",
                    sender,
                    len(data),
                    _meta_enc.encode({"campaign": "history"}),
                    now_ms - span - 1000,
                ),
            )
            ref = int(cur.lastrowid or 0)
            _index_metadata(c, account_id, ref, {"campaign": "history"})
            final = self.message_path(ref)
            make_parent(final)
            tx.write_file(final, data)
            unique = bool(acc["unique_from_ids"])
            prefix = f"{sender.partition('@')[0]}{acc['catchall_separator']}" if unique else ""
            return ref, sender, prefix

        ref, sender, prefix = self.db.write_sync(head)
        sender_domain = sender.rpartition("@")[2]
        delivered = (250, "2.0.0", "250 2.0.0 Queued at the sink")
        failed = (550, "5.1.1", "550 5.1.1 No such user")

        def chunk(start: int, end: int) -> Callable[[Tx], None]:
            def fn(tx: Tx) -> None:
                c = tx.conn
                (first,) = c.execute("SELECT coalesce(max(id), 0) + 1 FROM outbound").fetchone()
                rows, attempts = [], []
                for i in range(start, end):
                    from_id = new_from_id()
                    mail_from = f"{prefix}{from_id}@{sender_domain}" if prefix else sender
                    updated = now_ms - span + i * span // count
                    created = updated - 1000
                    code, enhanced, text = failed if i % 20 == 19 else delivered
                    state = "failed" if code == 550 else "delivered"
                    oid = first + i - start
                    rows.append(
                        (
                            oid,
                            ref,
                            account_id,
                            from_id,
                            mail_from,
                            f"r{i % FILL_RECIPIENTS}@{domain}",
                            domain,
                            state,
                            updated,
                            code,
                            enhanced,
                            text,
                            created,
                            updated,
                        )
                    )
                    attempts.append((oid, updated, "mx." + domain, "192.0.2.25", "", code, enhanced, text, 40))
                c.executemany(
                    "INSERT INTO outbound (id, message_ref, account_id, from_id, mail_from, recipient,"
                    " recipient_domain, state, attempts, next_attempt, last_code, last_enhanced, last_text, created,"
                    " updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?)",
                    rows,
                )
                c.executemany(
                    "INSERT INTO outbound_attempts (outbound_id, time, host, ip, tls, code, enhanced, text,"
                    " duration_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    attempts,
                )

            return fn

        for start in range(0, count, FILL_CHUNK):
            self.db.write_sync(chunk(start, min(count, start + FILL_CHUNK)))

    async def purge(self, before: int) -> int:
        """Remove recipients retired before `before` (unix ms), and message files nothing refers to."""

        def fn(tx: Tx) -> list[int]:
            c = tx.conn
            refs = [
                r[0]
                for r in c.execute(
                    "SELECT DISTINCT message_ref FROM outbound WHERE state NOT IN ('queued', 'held') AND updated < ?",
                    (before,),
                ).fetchall()
            ]
            c.execute("DELETE FROM outbound WHERE state NOT IN ('queued', 'held') AND updated < ?", (before,))
            gone = []
            for ref in refs:
                if c.execute("SELECT 1 FROM outbound WHERE message_ref = ? LIMIT 1", (ref,)).fetchone() is None:
                    c.execute("DELETE FROM outbound_messages WHERE id = ?", (ref,))
                    tx.remove_file(self.message_path(ref))  # a message over INLINE_BODY
                    gone.append(ref)
            return gone

        return len(await self.db.write(fn))


_LIST_SQL = (
    "SELECT o.*, m.message_id AS header_message_id, m.subject, m.sender, m.metadata FROM outbound o"
    " JOIN outbound_messages m ON m.id = o.message_ref WHERE {where} ORDER BY o.id DESC LIMIT ?"
)


# A metadata filter matching at most this many messages with this many recipients in
# all is answered from them; more matches are found by walking the history.
FEW_MESSAGES = 500
FEW_RECIPIENTS = 5000


def recipient_forms(recipient: str) -> list[str]:
    """How a recipient may be stored: its domain as an A-label (the API queues addresses
    with an ASCII local part so) or in Unicode (SMTP submission, international local
    parts). Letter case is left to the comparison (COLLATE NOCASE)."""
    try:
        a = parse_address(recipient.strip())
    except AddressError:
        return [recipient]
    lp = quote_localpart(a.localpart)
    return list(dict.fromkeys([f"{lp}@{a.domain}", f"{lp}@{unicode_domain(a.domain)}"]))


def list_filters(account_id: int, f: OutboundFilter, before: int | None) -> list[tuple[list[str], list[object]]]:
    """WHERE clauses and their arguments for OutboundStore.list: one pair per form of
    the recipient filter (each an index walk in id order), else one."""
    where = ["o.account_id = ?"]
    args: list[object] = [account_id]
    if before is not None:
        where.append("o.id < ?")
        args.append(before)
    if f.state:
        where.append("o.state = ?")
        args.append(f.state)
    if f.recipient_domain:
        where.append("o.recipient_domain = ?")
        args.append(f.recipient_domain.lower())
    if f.message_id:
        where.append("m.message_id = ?")
        args.append(f.message_id)
    if f.since is not None:
        where.append("o.created >= ?")
        args.append(f.since)
    if f.until is not None:
        where.append("o.created < ?")
        args.append(f.until)
    for k, v in f.metadata.items():
        where.append(
            "EXISTS (SELECT 1 FROM outbound_metadata md WHERE md.account_id = o.account_id"
            " AND md.key = ? AND md.value = ? AND md.message_ref = o.message_ref)"
        )
        args += [k, v]
    if not f.recipient:
        return [(where, args)]
    # The same collation as the index outbound_account_recipient, so it serves the lookup.
    return [
        ([where[0], "o.recipient = ? COLLATE NOCASE", *where[1:]], [args[0], form, *args[1:]])
        for form in recipient_forms(f.recipient)
    ]


def list_sql(where: list[str]) -> str:
    # Only the fixed clauses of list_filters are joined in; every value is a parameter.
    return _LIST_SQL.format(where=" AND ".join(where))


def _list_rows(
    c: sqlite3.Connection, account_id: int, f: OutboundFilter, where: list[str], args: list[object], limit: int
) -> list[sqlite3.Row]:
    if f.metadata:
        # Few messages with this metadata: start from them (index lookups) rather
        # than walking the account's history newest first until a page is full,
        # which reads every row when nothing matches. Many: the walk stops early.
        k, v = next(iter(f.metadata.items()))
        refs = [
            r[0]
            for r in c.execute(
                "SELECT message_ref FROM outbound_metadata WHERE account_id = ? AND key = ? AND value = ? LIMIT ?",
                (account_id, k, v, FEW_MESSAGES + 1),
            )
        ]
        if not refs:
            return []
        if len(refs) <= FEW_MESSAGES:
            marks = ",".join("?" * len(refs))
            (n,) = c.execute(
                f"SELECT count(*) FROM (SELECT 1 FROM outbound WHERE message_ref IN ({marks}) LIMIT ?)",  # noqa: S608
                [*refs, FEW_RECIPIENTS + 1],
            ).fetchone()
            if n <= FEW_RECIPIENTS:  # few rows to sort: answer from them
                narrowed = list_sql([f"o.message_ref IN ({marks})", *where])
                return c.execute(narrowed, [*refs, *args, limit]).fetchall()
    return c.execute(list_sql(where), [*args, limit]).fetchall()


def _index_metadata(c: sqlite3.Connection, account_id: int, ref: int, metadata: dict[str, str]) -> None:
    if metadata:
        c.executemany(
            "INSERT OR IGNORE INTO outbound_metadata (account_id, key, value, message_ref) VALUES (?, ?, ?, ?)",
            [(account_id, k, v, ref) for k, v in metadata.items()],
        )


def _item(r: sqlite3.Row) -> OutboundItem:
    return OutboundItem(
        row=_row(r),
        header_message_id=r["header_message_id"],
        subject=r["subject"],
        sender=r["sender"],
        metadata=_meta_dec.decode(r["metadata"]),
    )


def _row(r: object) -> OutboundRow:
    import sqlite3

    assert isinstance(r, sqlite3.Row)
    return OutboundRow(
        id=r["id"],
        message_ref=r["message_ref"],
        account_id=r["account_id"],
        from_id=r["from_id"],
        mail_from=r["mail_from"],
        recipient=r["recipient"],
        recipient_domain=r["recipient_domain"],
        state=r["state"],
        attempts=r["attempts"],
        next_attempt=r["next_attempt"],
        deliver_by=r["deliver_by"],
        last_code=r["last_code"],
        last_enhanced=r["last_enhanced"],
        last_text=r["last_text"],
        delayed_dsn=bool(r["delayed_dsn"]),
        created=r["created"],
        updated=r["updated"],
        suppressed_by=_by_dec.decode(r["suppressed_by"]) if r["suppressed_by"] else None,
    )
