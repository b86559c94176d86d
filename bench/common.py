"""Timing helpers for the benchmarks: run an operation for a while at a concurrency."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any, TypeVar

import msgspec

from mailwright.runtime import new_loop

T = TypeVar("T")


def run(main: Coroutine[Any, Any, T]) -> T:
    """Run a figure's coroutine on the loop the service uses (uvloop), so the client
    side of a figure costs as little as it can."""
    with asyncio.Runner(loop_factory=new_loop) as runner:
        return runner.run(main)


class Figure(msgspec.Struct):
    name: str
    value: float
    unit: str
    p50_ms: float | None = None
    p99_ms: float | None = None
    n: int = 0
    note: str = ""
    target: str = ""  # the target, as text ("≥ 450/s"), or ""


def percentile(values: list[float], q: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, int(q * len(s)))] if s else 0.0


async def run_for(
    seconds: float,
    concurrency: int,
    make_worker: Callable[[int], Awaitable[Callable[[], Awaitable[None]]]],
    warmup: float = 1.0,
) -> tuple[int, float, list[float]]:
    """Each of `concurrency` workers repeats its operation; after `warmup` seconds,
    operations are counted for `seconds`. Returns (count, elapsed, latencies in ms)."""
    ops = [await make_worker(i) for i in range(concurrency)]
    start = time.perf_counter()
    measure_from = start + warmup
    stop_at = measure_from + seconds
    latencies: list[float] = []

    async def loop(op: Callable[[], Awaitable[None]]) -> None:
        while True:
            t0 = time.perf_counter()
            if t0 >= stop_at:
                return
            await op()
            t1 = time.perf_counter()
            if t0 >= measure_from:
                latencies.append((t1 - t0) * 1000)

    await asyncio.gather(*(loop(op) for op in ops))
    return len(latencies), time.perf_counter() - measure_from, latencies


def rate_figure(name: str, count: int, elapsed: float, latencies: list[float] | None = None, note: str = "") -> Figure:
    lat = latencies or []
    return Figure(
        name=name,
        value=round(count / elapsed, 1) if elapsed > 0 else 0.0,
        unit="msg/s",
        p50_ms=round(percentile(lat, 0.5), 2) if lat else None,
        p99_ms=round(percentile(lat, 0.99), 2) if lat else None,
        n=count,
        note=note,
    )
