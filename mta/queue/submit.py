"""Accepting a message for sending: DKIM-sign it with the sender domain's keys, queue it.

The one way into the outbound queue, for the HTTP send call and SMTP submission
alike. A local domain without DKIM keys gets its Ed25519 and RSA keys on first use.
"""

from __future__ import annotations

from collections.abc import Callable

from mta import dkim
from mta.log import get_logger
from mta.queue.worker import Queue, outbound_event
from mta.store import Store
from mta.store.outbound import SUPPRESSED_ERROR
from mta.store.types import EnqueueRequest, OutboundItem, Submission

log = get_logger("queue")


class Submitter:
    def __init__(self, store: Store, queue: Queue) -> None:
        self.store = store
        self.queue = queue

    def sign(self, data: bytes, sender: str) -> bytes:
        """data with the DKIM-Signature fields of the sender domain's keys prepended.
        Blocking (a key lookup and the RSA operation, which releases the GIL), so
        enqueue runs it in a worker thread."""
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
        subs, replay = await self.store.queue.enqueue(
            req, idempotency, response, now=self.queue.now(), sign=lambda data: self.sign(data, req.sender)
        )
        for s in subs:
            if s.state == "suppressed":
                row = self.store.queue.get(s.outbound_id)
                assert row is not None
                ev = outbound_event(
                    "suppressed",
                    row,
                    message_id=req.message_id,
                    subject=req.subject,
                    metadata=req.metadata,
                    time=self.queue.now(),
                    error=SUPPRESSED_ERROR,
                )
                await self.queue.emit(ev)
        if any(s.state == "queued" for s in subs):
            self.queue.kick()
            log.info(
                "queued",
                message_id=req.message_id,
                sender=req.sender,
                mail_from=req.mail_from,
                rcpts=len(subs),
                outbound=",".join(str(s.outbound_id) for s in subs),
            )
        return subs, replay

    async def canceled(self, it: OutboundItem) -> None:
        """Report a recipient canceled through the API."""
        ev = outbound_event(
            "canceled",
            it.row,
            message_id=it.header_message_id,
            subject=it.subject,
            metadata=it.metadata,
            time=self.queue.now(),
        )
        await self.queue.emit(ev)
