"""Accepting a message for sending: DKIM-sign it with the sender domain's keys, queue it.

The one way into the outbound queue, for the HTTP send call and SMTP submission
alike. A local domain without DKIM keys gets its Ed25519 and RSA keys on first use.
"""

from __future__ import annotations

from collections.abc import Callable

from mta import dkim
from mta.log import get_logger
from mta.queue.worker import OutboundEvent, Queue
from mta.store import Store
from mta.store.types import EnqueueRequest, OutboundItem, Submission

log = get_logger("queue")


class Submitter:
    def __init__(self, store: Store, queue: Queue) -> None:
        self.store = store
        self.queue = queue

    def sign(self, data: bytes, sender: str) -> bytes:
        domain = sender.rpartition("@")[2].lower()
        keys = self.store.dkim_keys(domain)
        if not keys:
            return data
        return dkim.sign(data, domain, keys) + data

    async def submit(
        self,
        req: EnqueueRequest,
        idempotency: tuple[str, bytes] | None = None,
        response: Callable[[list[Submission]], tuple[int, bytes]] | None = None,
    ) -> tuple[list[Submission], tuple[int, bytes] | None]:
        signed = self.sign(req.data, req.sender)
        from msgspec.structs import replace

        subs, replay = await self.store.queue.enqueue(
            replace(req, data=signed), idempotency, response, now=self.queue.now()
        )
        for s in subs:
            if s.state == "suppressed":
                await self.queue.emit(self._event("suppressed", req, s))
        if any(s.state == "queued" for s in subs):
            self.queue.kick()
            log.info(
                "queued",
                message_id=req.message_id,
                sender=req.sender,
                rcpts=len(subs),
                outbound=",".join(str(s.outbound_id) for s in subs),
            )
        return subs, replay

    def _event(self, kind: str, req: EnqueueRequest, s: Submission) -> OutboundEvent:
        return OutboundEvent(
            event=kind,
            outbound_id=s.outbound_id,
            account_id=req.account_id,
            from_id=s.from_id,
            message_id=req.message_id,
            subject=req.subject,
            recipient=s.address,
            smtp_code=None,
            enhanced_code="",
            error="the recipient is on the suppression list" if kind == "suppressed" else "",
            metadata=req.metadata,
            time=self.queue.now(),
        )

    async def canceled(self, it: OutboundItem) -> None:
        """Report a recipient canceled through the API."""
        await self.queue.emit(
            OutboundEvent(
                event="canceled",
                outbound_id=it.row.id,
                account_id=it.row.account_id,
                from_id=it.row.from_id,
                message_id=it.header_message_id,
                subject=it.subject,
                recipient=it.row.recipient,
                smtp_code=None,
                enhanced_code="",
                error="",
                metadata=it.metadata,
                time=self.queue.now(),
            )
        )
