"""Webhooks for the service: turns outbound state changes and deliveries into calls.

Subscribes to the outbound queue's events (``outbound``) and to local delivery
(``incoming``), builds the payload for each account that wants that event, and
queues a call in the store. An account's configuration is cached in memory and
replaced when it is changed through the API (one process owns the store).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

import msgspec

from mta.log import get_logger
from mta.queue import OutboundEvent
from mta.store import Delivered, DeliveryMeta, Store
from mta.store.webhooks import WebhookConfig
from webhooks import incoming, signing
from webhooks.payloads import OutgoingEvent, TestEvent
from webhooks.queue import WebhookQueue, WebhookSettings

log = get_logger("webhooks")

_enc = msgspec.json.Encoder()


class Webhooks:
    def __init__(
        self, store: Store, settings: WebhookSettings | None = None, *, clock: Callable[[], float] = time.time
    ) -> None:
        self.store = store
        self.settings = settings or WebhookSettings()
        self.clock = clock
        self._configs: dict[int, WebhookConfig] = {}
        self.queue = WebhookQueue(store, self.config, self.settings, clock=clock)

    def now(self) -> int:
        return int(self.clock() * 1000)

    def config(self, account_id: int) -> WebhookConfig:
        cfg = self._configs.get(account_id)
        if cfg is None:
            cfg = self.store.webhooks.config(account_id)
            self._configs[account_id] = cfg
        return cfg

    def put_config(
        self, account_id: int, *, outgoing_url: str, incoming_url: str, events: list[str], authorization: str
    ) -> tuple[WebhookConfig, bool]:
        """Store the settings; a secret is made when the first URL is set. Returns
        (config, whether the secret is new)."""
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

    async def outbound(self, ev: OutboundEvent) -> None:
        """Event hook of the outbound queue."""
        cfg = self.config(ev.account_id)
        if not cfg.outgoing_url or not self.wants(cfg, ev.event):
            return
        base = OutgoingEvent(
            event=ev.event,  # type: ignore[arg-type]  # the queue's kinds are OutgoingEventType
            outbound_id=ev.outbound_id,
            from_id=ev.from_id,
            message_id=ev.message_id,
            subject=ev.subject,
            recipient=ev.recipient,
            suppressing=ev.suppressing,
            smtp_code=ev.smtp_code,
            enhanced_code=ev.enhanced_code,
            error=ev.error,
            metadata=ev.metadata,
            time=incoming.rfc3339(ev.time),
        )

        def payload(seq: int) -> bytes:
            return _enc.encode(msgspec.structs.replace(base, sequence=seq))

        await self.store.webhooks.enqueue(
            ev.account_id, cfg.outgoing_url, ev.event, ev.outbound_id, payload, self.now()
        )
        self.queue.kick()

    async def incoming(self, data: bytes, delivered: list[Delivered], meta: DeliveryMeta, rcpt_to: list[str]) -> None:
        """Delivery hook: one call per stored message whose account wants it."""
        for d, rcpt in zip(delivered, rcpt_to, strict=True):
            cfg = self.config(d.account_id)
            if not cfg.incoming_url or not self.wants(cfg, "incoming"):
                continue
            try:
                body = await asyncio.to_thread(self._incoming_payload, data, d, meta, rcpt)
            except Exception:
                log.exception("building the incoming payload failed", message=d.message_id)
                continue
            await self.store.webhooks.enqueue(
                d.account_id, cfg.incoming_url, "incoming", None, _constant(body), self.now()
            )
            self.queue.kick()

    def _incoming_payload(self, data: bytes, d: Delivered, meta: DeliveryMeta, rcpt: str) -> bytes:
        ids = incoming.reply_ids(data)
        replied = self.store.queue.by_message_ids(d.account_id, ids) if ids else []
        if len(replied) > 1:  # the message named nearest (In-Reply-To first) wins
            order = {m: i for i, m in enumerate(ids)}
            first = min(order.get(r.header_message_id, len(ids)) for r in replied)
            replied = [r for r in replied if order.get(r.header_message_id) == first]
        mailbox = self.store.mailbox_name(d.mailbox_id)
        ev = incoming.build(
            data,
            stored_id=d.message_id,
            mailbox=mailbox,
            mail_from=meta.mail_from,
            rcpt_to=rcpt,
            remote_ip=meta.remote_ip,
            received_ms=self.now(),
            now_ms=self.now(),
            replied=replied,
        )
        return _enc.encode(ev)

    async def test(self, account_id: int) -> list[int]:
        """Queue a `test` event to each configured URL; returns the delivery ids."""
        cfg = self.config(account_id)
        body = _enc.encode(TestEvent(time=incoming.rfc3339(self.now())))
        ids = []
        for url in dict.fromkeys(u for u in (cfg.outgoing_url, cfg.incoming_url) if u):
            ids.append(await self.store.webhooks.enqueue(account_id, url, "test", None, _constant(body), self.now()))
        self.queue.kick()
        return ids


def _constant(body: bytes) -> Callable[[int], bytes]:
    """A payload maker for events without a sequence."""
    return lambda _seq: body
