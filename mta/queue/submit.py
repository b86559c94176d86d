"""Accepting a message for sending: DKIM-sign it with the sender domain's keys, queue it.

The one way into the outbound queue, for the HTTP send call and SMTP submission
alike. A local domain without DKIM keys gets its Ed25519 and RSA keys on first use.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import os
import threading
from collections.abc import Callable

import msgspec

from mta import dkim
from mta.log import get_logger
from mta.queue.worker import Queue, outbound_event
from mta.store import Store
from mta.store.outbound import SUPPRESSED_ERROR
from mta.store.types import EnqueueRequest, OutboundItem, Submission

log = get_logger("queue")

# Signing threads, shared by every Submitter of the process: one per core. The RSA
# operation releases the GIL, but each thread must take it back afterwards while the
# event loop is busy; with the default pool's six threads API sends at c=16 were
# 15-25% slower than with two (A/B runs on 2 cores).
_signers: concurrent.futures.ThreadPoolExecutor | None = None
_signers_lock = threading.Lock()


def _signing_pool() -> concurrent.futures.ThreadPoolExecutor:
    global _signers
    with _signers_lock:
        if _signers is None:
            _signers = concurrent.futures.ThreadPoolExecutor(os.cpu_count() or 1, thread_name_prefix="dkim-sign")
        return _signers


class Submitter:
    def __init__(self, store: Store, queue: Queue) -> None:
        self.store = store
        self.queue = queue

    def sign(self, data: bytes, sender: str) -> bytes:
        """data with the DKIM-Signature fields of the sender domain's keys prepended.
        Blocking (a key lookup and the RSA operation, which releases the GIL), so
        submit runs it in a signing thread."""
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
        signed = await asyncio.get_running_loop().run_in_executor(_signing_pool(), self.sign, req.data, req.sender)
        req = msgspec.structs.replace(req, data=signed)
        subs, replay = await self.store.queue.enqueue(req, idempotency, response, now=self.queue.now())
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
