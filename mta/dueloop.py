"""The loop that drives a durable work queue (outbound mail, webhook calls).

Now and then it purges old history; otherwise it starts what is due and sleeps
until the next due time or a ``kick`` (new work, a finished task, a test that moved
its clock). Woken by a kick, it first waits ``gather_s``, so that work queued in a
burst (a stream of API sends) is started together: one read of the queue, and the
deliveries' writes share their commits; not when its last dispatch left due work
waiting for a slot, which the kick of a finished task then starts at once. ``dispatch`` says in
one go what it started, whether there may be more due now (it took a full batch), and
when the earliest work it did not start is due, so a kick costs one read of the
queue. Work that is due but cannot start (over a concurrency limit) does not make it
spin: it waits for the kick of a finished task. Times are unix ms from the queue's
clock, which tests replace.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import NamedTuple

from mta.log import Logger

IDLE_S = 60.0  # look again at least this often
BLOCKED_S = 1.0  # when work is due but none could start


class Dispatched(NamedTuple):
    """What one dispatch did. next_at: when the earliest work not started (and not in
    flight) is due, unix ms; at or before now it is due but over a limit; None: none."""

    started: int
    more: bool  # a full batch was taken: more may be due now
    next_at: int | None


class DueLoop:
    def __init__(
        self,
        log: Logger,
        *,
        now: Callable[[], int],
        dispatch: Callable[[], Dispatched],
        purge: Callable[[int], Awaitable[int]],
        purge_every_ms: int,
        gather_s: float = 0.0,
    ) -> None:
        self.log = log
        self.gather_s = gather_s
        self.now = now
        self.dispatch = dispatch
        self.purge = purge
        self.purge_every_ms = purge_every_ms
        self._wake = asyncio.Event()
        self._runner: asyncio.Task[None] | None = None

    def kick(self) -> None:
        self._wake.set()

    def start(self) -> None:
        self._runner = asyncio.create_task(self._run())

    async def stop(self) -> None:
        if self._runner is not None:
            self._runner.cancel()
            try:
                await self._runner
            except asyncio.CancelledError:
                pass
            self._runner = None

    async def _run(self) -> None:
        last_purge = 0
        while True:
            if self.now() - last_purge >= self.purge_every_ms:
                last_purge = self.now()
                try:
                    n = await self.purge(last_purge)
                    if n:
                        self.log.info("history purged", count=n)
                except Exception:
                    self.log.exception("purging history failed")
            try:
                d = self.dispatch()
            except Exception:
                self.log.exception("dispatch failed")
                d = Dispatched(0, False, self.now())  # look again after BLOCKED_S
            self._wake.clear()
            if d.started and d.more:
                continue
            timeout = IDLE_S
            blocked = d.next_at is not None and d.next_at <= self.now()  # due, over a limit
            if d.next_at is not None:
                wait = (d.next_at - self.now()) / 1000
                # Due but not started: over a concurrency limit. A finished task
                # kicks; do not spin on it (the short timeout is only a safety net).
                timeout = min(timeout, wait if wait > 0 else BLOCKED_S)
            # asyncio.timeout, not wait_for: on Python 3.11 wait_for loses a cancel that
            # arrives as the wait ends (a kick during stop), and stop() waited forever.
            try:
                async with asyncio.timeout(timeout):
                    await self._wake.wait()
            except TimeoutError:
                continue
            if self.gather_s > 0 and not blocked:
                await asyncio.sleep(self.gather_s)
