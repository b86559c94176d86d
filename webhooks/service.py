"""Webhooks for the service: turns outbound state changes and deliveries into calls.

The store records each event in its outbox in the same transaction as the change
(mta/store/webhooks.py). Woken by the outbound queue's events and by local delivery
(and once at start, for rows a crash left), this service reads the outbox, builds
the payload for each account that wants that event, and queues the calls while
removing the row, in one transaction. An account's configuration is cached in
memory and replaced when it is changed through the API (one process owns the store).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

import msgspec

from mta.log import get_logger
from mta.queue import OutboundEvent
from mta.store import Store, types
from mta.store.webhooks import NewCall, OutboxRow, WebhookConfig
from webhooks import incoming, signing
from webhooks.payloads import OutgoingEvent, SuppressedBy, TestEvent
from webhooks.queue import WebhookQueue, WebhookSettings

log = get_logger("webhooks")

_enc = msgspec.json.Encoder()

OUTBOX_PAGE = 100  # outbox rows turned into calls per transaction


class Webhooks:
    def __init__(
        self, store: Store, settings: WebhookSettings | None = None, *, clock: Callable[[], float] = time.time
    ) -> None:
        self.store = store
        self.settings = settings or WebhookSettings()
        self.clock = clock
        self._configs: dict[int, WebhookConfig] = {}
        self.queue = WebhookQueue(store, self.config, self.settings, clock=clock)
        self._more = asyncio.Event()
        self._drainer: asyncio.Task[None] | None = None

    def now(self) -> int:
        return int(self.clock() * 1000)

    def config(self, account_id: int) -> WebhookConfig:
        cfg = self._configs.get(account_id)
        if cfg is None:
            cfg = self.store.webhooks.config(account_id)
            self._configs[account_id] = cfg
        return cfg

    async def put_config(
        self, account_id: int, *, outgoing_url: str, incoming_url: str, events: list[str], authorization: str
    ) -> tuple[WebhookConfig, bool]:
        """Store the settings; a secret is made when the first URL is set. Calls still
        waiting go to the new URLs (a typo fixed now reaches the receiver on the next
        attempt); those whose kind has no URL any more are superseded. Returns (config,
        whether the secret is new)."""
        old = self.config(account_id)
        new_secret = not old.secret and bool(outgoing_url or incoming_url)
        cfg = msgspec.structs.replace(
            old,
            outgoing_url=outgoing_url,
            incoming_url=incoming_url,
            events=events,
            authorization=authorization,
            secret=signing.new_secret() if new_secret else old.secret,
        )
        self._configs[account_id] = self.store.webhooks.put_config(cfg, self.now())
        if (old.outgoing_url, old.incoming_url) != (outgoing_url, incoming_url):
            await self.store.webhooks.retarget(account_id, outgoing_url, incoming_url, self.now())
            self.queue.kick()
        return cfg, new_secret

    def rotate_secret(self, account_id: int, grace_ms: int) -> WebhookConfig:
        """A new secret; the old one keeps signing alongside for grace_ms."""
        old = self.config(account_id)
        cfg = msgspec.structs.replace(
            old,
            secret=signing.new_secret(),
            old_secret=old.secret if grace_ms > 0 else "",
            old_secret_until=self.now() + grace_ms if grace_ms > 0 and old.secret else 0,
        )
        self._configs[account_id] = self.store.webhooks.put_config(cfg, self.now())
        return cfg

    @staticmethod
    def wants(cfg: WebhookConfig, event: str) -> bool:
        return not cfg.events or event in cfg.events

    @staticmethod
    def url(cfg: WebhookConfig, target: str) -> str:
        """The URL calls of this kind (outgoing, incoming) go to now; empty: none."""
        return cfg.incoming_url if target == "incoming" else cfg.outgoing_url

    # -- the outbox: events recorded with the changes that made them --

    def wake(self, *_: object) -> None:
        """Hook for the outbound queue and local delivery: new events are in the outbox."""
        self._more.set()

    async def outbound(self, ev: OutboundEvent) -> None:
        self.wake()

    def start(self) -> None:
        self._drainer = asyncio.create_task(self._drain_forever())
        self.queue.start()

    async def stop(self) -> None:
        if self._drainer is not None:
            self._drainer.cancel()
            try:
                await self._drainer
            except asyncio.CancelledError:
                pass
            self._drainer = None
        await self.queue.stop()

    async def _drain_forever(self) -> None:
        while True:  # at start too: rows left by a crash
            self._more.clear()
            try:
                await self.drain()
            except Exception:
                log.exception("turning events into webhook calls failed")
                await asyncio.sleep(1)
                continue
            await self._more.wait()

    async def drain(self) -> int:
        """Turn every event in the outbox into webhook calls; returns how many rows."""
        n = 0
        while rows := self.store.webhooks.outbox(OUTBOX_PAGE):
            # One transaction for the page: a commit per row made a burst of events
            # wait for as many fsyncs one after another.
            await self.store.webhooks.consume([(row.id, await self._calls(row)) for row in rows], self.now())
            n += len(rows)
            self.queue.kick()
        return n

    async def _calls(self, row: OutboxRow) -> list[NewCall]:
        cfg = self.config(row.account_id)
        if not self.wants(cfg, row.event):
            return []
        if row.kind == "outbound":
            if not cfg.outgoing_url or not row.from_id:  # no URL (any more), or purged
                return []
            base = OutgoingEvent(
                event=row.event,  # type: ignore[arg-type]  # the queue's kinds are OutgoingEventType
                outbound_id=row.ref,
                from_id=row.from_id,
                message_id=row.message_id,
                subject=row.subject,
                recipient=row.recipient,
                suppressing=row.suppressing,
                suppressed_by=suppressed_by(row.suppressed_by),
                dsn=row.dsn,
                smtp_code=row.code,
                enhanced_code=row.enhanced,
                error=row.error,
                metadata=row.metadata,
                time=incoming.rfc3339(row.time),
            )

            def payload(seq: int) -> bytes:
                return _enc.encode(msgspec.structs.replace(base, sequence=seq))

            report = row.dsn or row.event == "complained"
            return [
                NewCall(row.account_id, "outgoing", cfg.outgoing_url, row.event, row.ref, payload, row.time, report)
            ]
        if not cfg.incoming_url or not row.mailbox_id:  # no URL (any more), or deleted
            return []
        try:
            body = await asyncio.to_thread(self._incoming_payload, row)
        except FileNotFoundError:
            return []
        except Exception:
            log.exception("building the incoming payload failed", message=row.ref)
            return []
        return [NewCall(row.account_id, "incoming", cfg.incoming_url, "incoming", None, _constant(body), row.time)]

    def _incoming_payload(self, row: OutboxRow) -> bytes:
        data = self.store.message_path(row.ref).read_bytes()
        msg = incoming.headers(data)
        ids = incoming.reply_ids(msg)
        replied = self.store.queue.by_message_ids(row.account_id, ids) if ids else []
        if len(replied) > 1:  # the message named nearest (In-Reply-To first) wins
            order = {m: i for i, m in enumerate(ids)}
            first = min(order.get(r.header_message_id, len(ids)) for r in replied)
            replied = [r for r in replied if order.get(r.header_message_id) == first]
        ev = incoming.build(
            data,
            msg,
            stored_id=row.ref,
            mailbox=self.store.mailbox_name(row.mailbox_id),
            mail_from=row.mail_from,
            rcpt_to=row.rcpt_to,
            remote_ip=row.remote_ip,
            auth=row.auth,
            received_ms=row.received,
            now_ms=row.time,
            replied=replied,
        )
        return _enc.encode(ev)

    async def test(self, account_id: int) -> list[int]:
        """Queue a `test` event to each configured URL; returns the delivery ids."""
        cfg = self.config(account_id)
        body = _enc.encode(TestEvent(time=incoming.rfc3339(self.now())))
        ids = []
        targets = {cfg.incoming_url: "incoming", cfg.outgoing_url: "outgoing"}  # one call when both are the same
        for url, target in targets.items():
            if url:
                call = NewCall(account_id, target, url, "test", None, _constant(body), self.now())
                ids.append(await self.store.webhooks.enqueue(call, self.now()))
        self.queue.kick()
        return ids


def suppressed_by(by: types.SuppressedBy | None) -> SuppressedBy | None:
    """The payload form of the entry that suppressed a recipient."""
    if by is None:
        return None
    return SuppressedBy(address=by.address, reason=by.reason, created=incoming.rfc3339(by.created))


def _constant(body: bytes) -> Callable[[int], bytes]:
    """A payload maker for events without a sequence."""
    return lambda _seq: body
