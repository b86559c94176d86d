"""Figure 4, delivery: N messages queued with one send_at, then the time until a local
sink MX has accepted all of them, messages per second end to end.

The server is a `mailwright serve` (bench/serve.py) whose only route is an SMTP relay
to the sink: an aiosmtpd Controller in this process that accepts everything and
notes when each message's DATA was accepted. The messages are queued through
POST /v1/send/batch (500 a call, a few calls at once) with send_at far enough ahead
that all of them are queued before the first is due; the figure is N over the time
from send_at to the sink's N-th message. Recipients are spread over DOMAINS domains,
so the per-domain limit (4 at once) does not bind, the overall one (32) does.
"""

from __future__ import annotations

import asyncio
import sys
import threading
import time
from datetime import UTC, datetime

import httpx
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session

from bench.common import Figure, percentile
from bench.serve import ADDRESS, PASSWORD, Serve

DOMAINS = 20
BATCH = 500
CALLS_AT_ONCE = 4
TEXT = "A message for the delivery benchmark. " * 20


class SinkHandler:
    """Accepts every message and notes when (time.time()) each DATA was accepted."""

    def __init__(self) -> None:
        self.times: list[float] = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        with self.lock:
            self.times.append(time.time())
        return "250 2.0.0 Accepted by the sink"

    @property
    def count(self) -> int:
        with self.lock:
            return len(self.times)


class Sink:
    def __init__(self, port: int) -> None:
        self.handler = SinkHandler()
        self.port = port
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=port, server_hostname="sink.test")

    def __enter__(self) -> Sink:
        self.controller.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.controller.stop()


def _message(i: int, send_at: str) -> dict[str, object]:
    return {
        "to": [{"address": f"rcpt{i}@d{i % DOMAINS}.example.net"}],
        "subject": f"delivery {i}",
        "text": TEXT,
        "send_at": send_at,
    }


async def _queue(client: httpx.AsyncClient, count: int, send_at: str) -> None:
    sem = asyncio.Semaphore(CALLS_AT_ONCE)

    async def call(start: int) -> None:
        async with sem:
            msgs = [_message(i, send_at) for i in range(start, min(count, start + BATCH))]
            r = await client.post("/v1/send/batch", json={"messages": msgs})
            r.raise_for_status()
            refused = [x for x in r.json()["results"] if x["status"] != 202]
            if refused:
                raise RuntimeError(f"send/batch refused {len(refused)}: {refused[0]}")

    await asyncio.gather(*(call(s) for s in range(0, count, BATCH)))


async def delivery(serve: Serve, sink: Sink, count: int, lead: float) -> Figure:
    """Queue `count` messages due `lead` seconds from now, wait for the sink to have them."""
    async with httpx.AsyncClient(base_url=serve.url, auth=(ADDRESS, PASSWORD), timeout=300) as client:
        due = time.time() + lead
        send_at = datetime.fromtimestamp(due, UTC).isoformat().replace("+00:00", "Z")
        t0 = time.time()
        await _queue(client, count, send_at)
        queued_in = time.time() - t0
        overran = time.time() - due
        if overran > 0:  # some were due before the last was queued: the figure includes queueing
            print(f"delivery: queueing ran {overran:.1f} s past send_at", file=sys.stderr)
        deadline = due + 300
        while sink.handler.count < count and time.time() < deadline:
            await asyncio.sleep(0.05)
        with sink.handler.lock:
            times = sorted(sink.handler.times)
        if len(times) < count:
            raise RuntimeError(f"the sink got {len(times)} of {count} messages within 300 s of send_at")
        # The sink's 250 comes before the server records the result: wait for that, and check it.
        deadline = time.time() + 60
        while (await client.get("/v1/outbound", params={"state": "queued", "limit": 1})).json()["items"]:
            if time.time() > deadline:
                raise RuntimeError("the sink has every message but some are still queued a minute later")
            await asyncio.sleep(0.1)
    elapsed = times[-1] - due
    return Figure(
        name=f"Delivery to a local sink MX, {count} queued messages",
        value=round(count / elapsed, 1),
        unit="msg/s",
        n=count,
        note=(
            (f"QUEUEING OVERRAN send_at BY {overran:.1f} s; " if overran > 0 else "")
            + f"send_at to the sink's last; first at +{(times[0] - due) * 1000:.0f} ms, "
            f"half at +{percentile([t - due for t in times], 0.5):.1f} s; "
            f"queued via send/batch in {queued_in:.1f} s; {DOMAINS} domains, concurrency 32"
        ),
    )
