"""The queue loop: starts due work, sleeps until it is due, never spins on blocked work."""

from __future__ import annotations

import asyncio

from mta.dueloop import DueLoop
from mta.log import get_logger


def test_blocked_due_work_does_not_spin() -> None:
    """Work due now that cannot start (in flight) must not make the loop call dispatch
    over and over; a kick (a finished task) makes it look again."""
    calls = 0

    def dispatch() -> int:
        nonlocal calls
        calls += 1
        return 0

    async def purge(now: int) -> int:
        return 0

    async def main() -> tuple[int, int]:
        loop = DueLoop(
            get_logger("test"),
            now=lambda: 1_000_000,
            dispatch=dispatch,
            next_due=lambda: 999_000,  # overdue, but dispatch starts nothing
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
            dispatch=lambda: 0,
            next_due=lambda: None,
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
