"""The outbound queue worker: picks due recipients, delivers, retries, reports (RFC 5321 section 4.5.4).

Due recipients are grouped into deliveries (same message, same MAIL FROM, same
domain; with unique from-ids every recipient has its own MAIL FROM and so its own
transaction). Deliveries run concurrently, bounded overall and per destination
domain, so one slow domain does not hold up the rest.

After an attempt, per recipient:
- accepted: ``delivered``;
- refused for good: ``failed``, and the sender gets a DSN (RFC 3464) in their Inbox;
- refused for now: retried after 7.5 minutes, doubling each time (capped at 8 h, with
  +-10% jitter); still failing after 4 hours, the sender gets one "delayed" DSN; still
  failing after the queue's maximum age (5 days), ``failed`` with a DSN;
- past the message's ``deliver_by``: ``expired``, no further attempts.
Every attempt is recorded with host, IP, TLS, code and text. A state change calls the
``on_event`` hook (the webhooks layer subscribes there). Recipients in flight are
remembered in memory; after a crash they are simply due again. What a delivery
stores locally (the message for a local recipient, a DSN) commits with its outcome,
so local delivery is exactly once; a remote one is at-least-once, and an attempt a
crash cut off after the message data went out is noted in the history as a possible
duplicate (``OutboundStore.recover`` at start).
"""

from __future__ import annotations

import asyncio
import random
import time
from collections import defaultdict
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime

import msgspec

from mta.delivery import LocalDelivery, Trace
from mta.dsn import RecipientStatus, compose_dsn
from mta.dueloop import Dispatched, DueLoop
from mta.log import get_logger
from mta.queue.transport import Delivery, DeliveryResult, RcptResult, Transport
from mta.store import Prepared, Store, Target
from mta.store.mail import CHANGES_RETENTION_MS
from mta.store.outbound import Outcome
from mta.store.types import Attempt, OutboundEvent, OutboundRow, QueueItem
from mta.suppress import suppresses

log = get_logger("queue")

MINUTE = 60_000
HOUR = 60 * MINUTE
INLINE_READ = 256 * 1024  # message files up to this size are read on the event loop


class QueueSettings(msgspec.Struct, frozen=True):
    concurrency: int = 32
    per_domain: int = 4
    first_retry_ms: int = int(7.5 * MINUTE)
    max_retry_ms: int = 8 * HOUR
    delayed_dsn_after_ms: int = 4 * HOUR
    max_age_ms: int = 5 * 24 * HOUR
    retention_ms: int = 14 * 24 * HOUR
    purge_every_ms: int = HOUR
    batch: int = 200
    # After new work is queued, wait this long before starting it, so that what comes
    # in a burst is delivered together (see DueLoop); mail is not the slower for 10 ms.
    gather_ms: int = 10


EventHook = Callable[[OutboundEvent], Awaitable[None]]


def outbound_event(
    kind: str,
    row: OutboundRow,
    *,
    message_id: str,
    subject: str,
    metadata: dict[str, str],
    time: int,
    result: RcptResult | None = None,
    error: str = "",
) -> OutboundEvent:
    """The event for a state change of row; result is the reply that caused it, if any."""
    return OutboundEvent(
        event=kind,
        outbound_id=row.id,
        account_id=row.account_id,
        from_id=row.from_id,
        message_id=message_id,
        subject=subject,
        recipient=row.recipient,
        smtp_code=result.code if result else None,
        enhanced_code=result.enhanced if result else "",
        error=error or ("" if result is None or result.outcome == "ok" else result.text),
        metadata=metadata,
        time=time,
    )


def retry_delay(attempts: int, s: QueueSettings, rng: random.Random) -> int:
    """Wait before the next try, after `attempts` failed attempts."""
    base = min(s.first_retry_ms * (2 ** max(0, attempts - 1)), s.max_retry_ms)
    return int(base * rng.uniform(0.9, 1.1))


class Queue:
    def __init__(
        self,
        store: Store,
        transport: Transport,
        delivery: LocalDelivery,
        hostname: str,
        *,
        settings: QueueSettings | None = None,
        on_event: EventHook | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.store = store
        self.transport = transport
        self.delivery = delivery
        self.hostname = hostname
        self.settings = settings or QueueSettings()
        self.on_event = on_event
        self.clock = clock
        self.rng = random.Random()
        self._inflight: set[int] = set()
        self._tasks: set[asyncio.Task[None]] = set()
        self._stopping = False
        self._sem = asyncio.Semaphore(self.settings.concurrency)
        self._domain_sems: dict[str, asyncio.Semaphore] = defaultdict(
            lambda: asyncio.Semaphore(self.settings.per_domain)
        )
        self._loop = DueLoop(
            log,
            now=self.now,
            dispatch=self.dispatch,
            purge=self._purge,
            purge_every_ms=self.settings.purge_every_ms,
            gather_s=self.settings.gather_ms / 1000,
        )

    def now(self) -> int:
        return int(self.clock() * 1000)

    def kick(self) -> None:
        """Something was queued or released: look for due work (after gather_ms)."""
        self._loop.kick()

    def start(self) -> None:
        self._stopping = False
        # Before any delivery starts: attempts a crash cut off become history entries.
        recovered = self.store.queue.recover()
        if recovered:
            log.warning("attempts cut off by a crash: possible duplicates", recipients=recovered)
        self._loop.start()

    async def stop(self) -> None:
        self._stopping = True
        await self._loop.stop()
        # Deliveries in progress finish (or time out) so their results are recorded;
        # those still waiting for a concurrency slot do not start (they stay queued).
        if self._tasks:
            await asyncio.wait(self._tasks, timeout=30)

    async def _purge(self, now: int) -> int:
        # The mail change log is retired on the same hourly round as the queue history.
        await self.store.mail.purge_changes(now - CHANGES_RETENTION_MS)
        return await self.store.queue.purge(now - self.settings.retention_ms)

    def dispatch(self) -> Dispatched:
        """Start deliveries for what is due now."""
        if self._sem.locked():  # every slot busy; a finished delivery kicks
            return Dispatched(0, False, self.now())
        due = self.store.queue.due(self.now(), self.settings.batch, self._inflight)
        groups: dict[tuple[int, str, str], list[QueueItem]] = defaultdict(list)
        for it in due.items:
            groups[(it.row.message_ref, it.row.mail_from, it.row.recipient_domain)].append(it)
        for group in groups.values():
            for it in group:
                self._inflight.add(it.row.id)
            t = asyncio.create_task(self._deliver(group))
            self._tasks.add(t)
            t.add_done_callback(self._done)
        return Dispatched(len(groups), due.more, due.next_at)

    def _done(self, t: asyncio.Task[None]) -> None:
        self._tasks.discard(t)
        self._loop.kick()  # a slot is free (DueLoop starts waiting work at once)

    async def run_until_idle(self) -> None:
        """Deliver everything due now, and wait for it (tests and tools)."""
        while True:
            self.dispatch()
            if not self._tasks:
                return
            await asyncio.wait(set(self._tasks))

    async def _deliver(self, group: list[QueueItem]) -> None:
        first = group[0]
        domain = first.row.recipient_domain
        try:
            async with self._sem, self._domain_sems[domain]:
                if self._stopping:
                    return
                await self._attempt(group)
        except Exception:
            log.exception("delivery failed unexpectedly", outbound=first.row.id, domain=domain)
        finally:
            for it in group:
                self._inflight.discard(it.row.id)

    async def _attempt(self, group: list[QueueItem]) -> None:
        now = self.now()
        live: list[QueueItem] = []
        outcomes: list[Outcome] = []
        events: list[OutboundEvent] = []
        for it in group:
            if it.row.deliver_by is not None and now >= it.row.deliver_by:
                outcomes.append((it.row.id, None, "expired", it.row.next_attempt, False, "", False))
                r = RcptResult("permanent", None, "4.4.7", "deliver_by passed before delivery")
                events.append(self._event("expired", it, r, now))
            else:
                live.append(it)
        result: DeliveryResult | None = None
        local: list[Prepared] = []
        data = b""
        if live:
            first = live[0]
            inline = self.store.queue.inline_body(first.row.message_ref)
            if inline is not None:
                data = inline
            else:
                path = self.store.queue.message_path(first.row.message_ref)
                # A small file is read at once: from the page cache that is a few
                # microseconds, where a hand-off to a worker thread and back costs tens.
                small = path.stat().st_size <= INLINE_READ
                data = path.read_bytes() if small else await asyncio.to_thread(path.read_bytes)
            ids = [it.row.id for it in live]

            async def before_data(host: str, ip: str, tls: str) -> None:
                att = Attempt(self.now(), host, ip, tls, None, "", "sending the message data", 0)
                await self.store.queue.in_flight(ids, att)

            d = Delivery(
                mail_from=first.row.mail_from,
                recipients=[it.row.recipient for it in live],
                domain=first.row.recipient_domain,
                data=data,
                smtputf8=first.smtputf8,
                require_tls=first.require_tls,
                account_id=first.row.account_id,
                attempt=first.row.attempts,
                before_data=before_data,
            )
            start = time.monotonic()
            result = await self.transport.deliver(d)
            if result.local is not None:
                local.append(result.local)
            duration = int((time.monotonic() - start) * 1000)
            now = self.now()
            failed: list[tuple[QueueItem, RcptResult]] = []
            delayed: list[tuple[QueueItem, RcptResult, int]] = []
            for it, r in zip(live, result.results, strict=True):
                att = Attempt(
                    time=now,
                    host=result.host,
                    ip=result.ip,
                    tls=result.tls,
                    code=r.code,
                    enhanced=r.enhanced,
                    text=r.text,
                    duration_ms=duration,
                )
                state, nxt, dsn_delayed = self._next(it, r, now)
                suppress = (
                    r.text if state == "failed" and r.outcome == "permanent" and suppresses(r.enhanced, r.code) else ""
                )
                outcomes.append((it.row.id, att, state, nxt, dsn_delayed, suppress, r.simulated))
                log.info(
                    "delivery attempt",
                    outbound=it.row.id,
                    rcpt=it.row.recipient,
                    host=result.host,
                    code=r.code,
                    outcome=r.outcome,
                    state=state,
                )
                if state == "delivered":
                    events.append(self._event("delivered", it, r, now))
                elif state == "failed":
                    events.append(self._event("failed", it, r, now))
                    failed.append((it, r))
                elif state == "expired":
                    events.append(self._event("expired", it, r, now))
                else:
                    events.append(self._event("delayed", it, r, now))
                    if dsn_delayed and not it.row.delayed_dsn:
                        delayed.append((it, r, nxt))
            if failed:
                local.append(await self._dsn(failed, "failed", data, result.host))
            if delayed:
                local.append(await self._dsn([(it, r) for it, r, _ in delayed], "delayed", data, result.host))
        recorded = await self.store.queue.record(outcomes, events, local)
        for p, delivered in zip(local, recorded.stored, strict=True):
            if p.events:
                self.delivery.stored(delivered)
        newly_suppressed = set(recorded.newly_suppressed)
        for ev in events:
            if ev.outbound_id in newly_suppressed:
                ev = msgspec.structs.replace(ev, suppressing=True)
            await self.emit(ev)

    async def emit(self, ev: OutboundEvent) -> None:
        """Hand a state change to the event hook (webhooks)."""
        if self.on_event is not None:
            try:
                await self.on_event(ev)
            except Exception:
                log.exception("event hook failed", event=ev.event, outbound=ev.outbound_id)

    def _next(self, it: QueueItem, r: RcptResult, now: int) -> tuple[str, int, bool]:
        """New state, next attempt time, and whether a delayed DSN is due."""
        s = self.settings
        if r.outcome == "ok":
            return "delivered", now, False
        if r.outcome == "permanent":
            return "failed", now, False
        if r.as_if == "expired":
            return "expired", now, False
        attempts = it.row.attempts + 1
        if now - it.row.created >= s.max_age_ms:
            return "failed", now, False
        nxt = now + (r.retry_in_ms if r.retry_in_ms is not None else retry_delay(attempts, s, self.rng))
        if it.row.deliver_by is not None and nxt >= it.row.deliver_by:
            return "expired", now, False
        return "queued", nxt, r.as_if == "delay_notice" or now - it.row.created >= s.delayed_dsn_after_ms

    def _event(self, kind: str, it: QueueItem, r: RcptResult, now: int) -> OutboundEvent:
        return outbound_event(
            kind, it.row, message_id=it.header_message_id, subject=it.subject, metadata=it.metadata, time=now, result=r
        )

    async def _dsn(self, items: list[tuple[QueueItem, RcptResult]], action: str, data: bytes, host: str) -> Prepared:
        """A DSN to the sending account's Inbox about these recipients of one message, to
        store with the outcome."""
        first = items[0][0]
        now = datetime.now(UTC)
        statuses = [
            RecipientStatus(
                final_recipient=it.row.recipient,
                action="failed" if action == "failed" else "delayed",
                status=r.enhanced or ("5.0.0" if action == "failed" else "4.0.0"),
                remote_mta=host if r.code is not None else "",
                diagnostic=r.text,
                last_attempt=now,
                will_retry_until=(
                    datetime.fromtimestamp((it.row.created + self.settings.max_age_ms) / 1000, UTC)
                    if action == "delayed"
                    else None
                ),
            )
            for it, r in items
        ]
        dsn = compose_dsn(
            reporting_mta=self.hostname,
            from_address=f"postmaster@{self.hostname}",
            to_address=first.sender,
            original_message=data,
            recipients=statuses,
            arrival=datetime.fromtimestamp(first.row.created / 1000, UTC),
        )
        # The DSN goes to the account that sent the message, whatever its From: says.
        log.info("dsn sent", action=action, outbound=first.row.id, to=first.sender)
        return await self.delivery.prepare(
            dsn,
            "",
            [Target(account_id=first.row.account_id, rcpt_to=first.sender)],
            Trace(helo=self.hostname, protocol="local", id="dsn"),
            notify=False,
        )
