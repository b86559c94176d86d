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

# Threads for the RSA operation, shared by every Submitter of the process: one per
# core. It lets go of the GIL while it works; the canonicalization around it is
# Python, and runs on the event loop, so that these threads hold the GIL only to
# start and to return (a thread running Python makes each of the loop's SQLite
# calls, which let go of the GIL too, wait to take it back). With the default pool's
# six threads API sends at c=16 were 15-25% slower than with two (A/B, 2 cores).
_signers: concurrent.futures.ThreadPoolExecutor | None = None
# A message up to this size is canonicalized on the event loop (0.1 ms for a small one).
PREPARE_ON_LOOP = 256 * 1024
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

    async def sign(self, data: bytes, sender: str) -> bytes:
        """data with the DKIM-Signature fields of the sender domain's keys prepended."""
        domain = sender.rpartition("@")[2].lower()
        keys = self.store.known_dkim_keys(domain)
        if keys is None:  # the domain's first message: make its keys, off the event loop
            keys = await asyncio.to_thread(self.store.dkim_keys, domain)
        if not keys:
            return data
        loop = asyncio.get_running_loop()
        fields = []
        if len(data) <= PREPARE_ON_LOOP:
            unsigned = dkim.prepare(data, domain, keys)
        else:  # canonicalizing a large body takes a while: not on the loop
            unsigned = await loop.run_in_executor(_signing_pool(), dkim.prepare, data, domain, keys)
        for u in unsigned:
            if u.key.algorithm == "ed25519":
                sig = dkim.signature(u)  # microseconds: not worth a thread
            else:
                sig = await loop.run_in_executor(_signing_pool(), dkim.signature, u)
            fields.append(dkim.signed_field(u, sig))
        return b"".join(fields) + data

    async def submit(
        self,
        req: EnqueueRequest,
        idempotency: tuple[str, bytes] | None = None,
        response: Callable[[list[Submission]], tuple[int, bytes]] | None = None,
    ) -> tuple[list[Submission], tuple[int, bytes] | None]:
        signed = await self.sign(req.data, req.sender)
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
