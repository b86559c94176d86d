"""The queue loop: starts due work, sleeps until it is due, never spins on blocked work."""

from __future__ import annotations

import asyncio

from mta.dueloop import Dispatched, DueLoop
from mta.log import get_logger


def test_blocked_due_work_does_not_spin() -> None:
    """Work due now that cannot start (in flight) must not make the loop call dispatch
    over and over; a kick (a finished task) makes it look again."""
    calls = 0

    def dispatch() -> Dispatched:
        nonlocal calls
        calls += 1
        return Dispatched(0, False, 999_000)  # overdue, but nothing could start

    async def purge(now: int) -> int:
        return 0

    async def main() -> tuple[int, int]:
        loop = DueLoop(
            get_logger("test"),
            now=lambda: 1_000_000,
            dispatch=dispatch,
            purge=purge,
            purge_every_ms=10**9,
        )
        loop.start()
        await asyncio.sleep(0.3)
        idle = calls
        loop.kick()
        await asyncio.sleep(0.05)
        await loop.stop()
        return idle, calls

    idle, total = asyncio.run(main())
    assert 1 <= idle <= 3, idle  # a spinning loop calls it thousands of times
    assert total == idle + 1


def test_stop_during_a_kick_ends_the_loop() -> None:
    """A kick that wakes the loop just as stop() cancels it (a delivery finishing during
    shutdown) must not swallow the cancel: stop() returns."""

    async def purge(now: int) -> int:
        return 0

    async def main() -> list[int]:
        loop = DueLoop(
            get_logger("test"),
            now=lambda: 0,
            dispatch=lambda: Dispatched(0, False, None),
            purge=purge,
            purge_every_ms=10**9,
        )
        stuck = []
        for turns in range(4):  # where in the wake-up the cancel lands
            loop.start()
            await asyncio.sleep(0.01)
            runner = loop._runner
            assert runner is not None
            loop.kick()
            for _ in range(turns):
                await asyncio.sleep(0)
            stopping = asyncio.ensure_future(loop.stop())
            _, pending = await asyncio.wait({stopping}, timeout=1)
            if pending:
                stuck.append(turns)
                runner.cancel()
                await stopping
        return stuck

    assert asyncio.run(main()) == []


def test_one_dispatch_per_kick_unless_the_batch_was_full() -> None:
    """Work started from a batch that was not full: nothing else is due, so the loop
    sleeps until next_at or a kick instead of reading the queue again."""
    calls = 0
    full = [True, False]  # the first dispatch takes a full batch, then one more

    def dispatch() -> Dispatched:
        nonlocal calls
        calls += 1
        more = full.pop(0) if full else False
        return Dispatched(1, more, None)

    async def purge(now: int) -> int:
        return 0

    async def main() -> list[int]:
        loop = DueLoop(get_logger("test"), now=lambda: 0, dispatch=dispatch, purge=purge, purge_every_ms=10**9)
        loop.start()
        await asyncio.sleep(0.05)
        seen = [calls]
        for _ in range(3):
            loop.kick()
            await asyncio.sleep(0.05)
            seen.append(calls)
        await loop.stop()
        return seen

    assert asyncio.run(main()) == [2, 3, 4, 5]


def test_kicks_in_a_burst_start_their_work_together() -> None:
    """With gather_s, kicks that come within it (sends arriving one after another) lead
    to one dispatch after the first of them, not one each; when the last dispatch left
    due work waiting for a slot, a kick (a finished task) does not wait."""
    calls = 0
    blocked = False

    def dispatch() -> Dispatched:
        nonlocal calls
        calls += 1
        return Dispatched(1, False, 0 if blocked else None)

    async def purge(now: int) -> int:
        return 0

    async def main() -> list[int]:
        nonlocal blocked
        loop = DueLoop(
            get_logger("test"), now=lambda: 0, dispatch=dispatch, purge=purge, purge_every_ms=10**9, gather_s=0.1
        )
        loop.start()
        await asyncio.sleep(0.02)
        seen = [calls]  # the first look, at start
        for _ in range(5):
            loop.kick()
            await asyncio.sleep(0.01)
        seen.append(calls)  # still gathering
        await asyncio.sleep(0.15)
        seen.append(calls)
        blocked = True
        loop.kick()
        await asyncio.sleep(0.15)  # gathered; this dispatch leaves work waiting
        seen.append(calls)
        loop.kick()  # a finished task: at once
        await asyncio.sleep(0.02)
        seen.append(calls)
        await loop.stop()
        return seen

    assert asyncio.run(main()) == [1, 1, 2, 3, 4]
