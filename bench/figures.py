"""The figures: each talks to the server only through HTTP and SMTP (IMAP: bench/imap.py),
so a target is just a host, ports and credentials (see Target)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from email.message import EmailMessage

import aiosmtplib
import httpx
import msgspec

from bench.common import Figure, rate_figure, run_for
from bench.http import HTTP

Op = Callable[[], Awaitable[None]]
SMALL = {"to": [{"address": "bench@example.org"}], "subject": "bench", "text": "hello from the benchmark"}


class Target(msgspec.Struct):
    host: str
    http_port: int
    smtp_port: int
    submission_port: int
    imap_port: int
    user: str
    password: str

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.http_port}"


def _message(size: int, sender: str) -> bytes:
    m = EmailMessage()
    m["From"] = sender
    m["To"] = "bench@example.org"
    m["Subject"] = "bench"
    line = "The quick brown fox jumps over the lazy dog, again and again.\n"
    m.set_content((line * (size // len(line) + 1))[:size])
    return m.as_bytes()


async def api_send(t: Target, concurrency: int, seconds: float) -> Figure:
    client = HTTP(t.host, t.http_port, t.user, t.password)

    async def make(_: int) -> Op:
        async def op() -> None:
            r = await client.post("/v1/send", SMALL)
            if r.status != 202:
                raise RuntimeError(f"send: {r.status} {r.text[:200]}")

        return op

    try:
        count, elapsed, lat = await run_for(seconds, concurrency, make)
    finally:
        await client.close()
    f = rate_figure(f"API send c={concurrency}", count, elapsed, lat)
    f.target = {1: "≥ 450/s", 16: "≥ 900/s"}.get(concurrency, "")
    return f


async def smtp_submission(t: Target, sessions: int, seconds: float) -> Figure:
    data = _message(2048, t.user)

    async def make(_: int) -> Op:
        smtp = aiosmtplib.SMTP(hostname=t.host, port=t.submission_port, start_tls=False, use_tls=False)
        await smtp.connect()
        await smtp.login(t.user, t.password)

        async def op() -> None:
            await smtp.sendmail(t.user, ["bench@example.org"], data)

        return op

    count, elapsed, lat = await run_for(seconds, sessions, make)
    f = rate_figure(f"SMTP submission, AUTH, c={sessions}, 2 KB", count, elapsed, lat)
    f.target = "≥ 550/s"
    return f


async def smtp_receive(t: Target, sessions: int, seconds: float) -> Figure:
    data = _message(2048, "sender@example.net")

    async def make(_: int) -> Op:
        smtp = aiosmtplib.SMTP(hostname=t.host, port=t.smtp_port, start_tls=False, use_tls=False)
        await smtp.connect()

        async def op() -> None:
            await smtp.sendmail("sender@example.net", ["anyone@example.org"], data)

        return op

    count, elapsed, lat = await run_for(seconds, sessions, make)
    return rate_figure(f"SMTP receiving, c={sessions}, 2 KB", count, elapsed, lat)


class _Receiver:
    """A webhook receiver that holds every call until released, then answers 200."""

    def __init__(self) -> None:
        self.count = 0
        self.released = asyncio.Event()
        self.last = 0.0
        self.server: asyncio.Server | None = None

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            head = await reader.readuntil(b"\r\n\r\n")
            length = 0
            for line in head.split(b"\r\n"):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            await reader.readexactly(length)
            await self.released.wait()
            writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            await writer.drain()
            self.count += 1
            self.last = time.perf_counter()
        except (asyncio.IncompleteReadError, ConnectionError, asyncio.CancelledError):
            pass
        finally:
            writer.close()

    async def start(self) -> int:
        self.server = await asyncio.start_server(self.handle, "127.0.0.1", 0)
        return int(self.server.sockets[0].getsockname()[1])


async def webhooks(t: Target, events: int) -> Figure:
    """Queue `events` delivered-events while the receiver holds its calls, then release
    it and time the drain: webhook calls per second, queue to receiver."""
    rcv = _Receiver()
    port = await rcv.start()
    async with httpx.AsyncClient(base_url=t.url, auth=(t.user, t.password), timeout=30) as client:
        r = await client.put(
            "/v1/webhooks", json={"outgoing_url": f"http://127.0.0.1:{port}/hook", "events": ["delivered"]}
        )
        r.raise_for_status()
        sem = asyncio.Semaphore(16)

        async def one() -> None:
            async with sem:
                (await client.post("/v1/send", json=SMALL)).raise_for_status()

        await asyncio.gather(*(one() for _ in range(events)))
        deadline = time.perf_counter() + 120
        while await _count_deliveries(client) < events and time.perf_counter() < deadline:
            await asyncio.sleep(0.2)  # until every event is queued (the receiver holds the first calls)
        pending = events
        start = time.perf_counter()
        rcv.released.set()
        deadline = start + 120
        while rcv.count < pending and time.perf_counter() < deadline:
            await asyncio.sleep(0.05)
        elapsed = (rcv.last or time.perf_counter()) - start
        await client.put("/v1/webhooks", json={})
    assert rcv.server is not None
    rcv.server.close()
    return Figure(
        name="Webhooks delivered to a local receiver",
        value=round(rcv.count / elapsed, 1) if elapsed > 0 else 0.0,
        unit="calls/s",
        n=rcv.count,
        note=f"{events} events queued first, then drained",
    )


async def _count_deliveries(client: httpx.AsyncClient) -> int:
    n, cursor = 0, None
    while True:
        params: dict[str, str | int] = {"limit": 500, **({"cursor": cursor} if cursor else {})}
        page = (await client.get("/v1/webhook-deliveries", params=params)).json()
        n += len(page["items"])
        cursor = page["next_cursor"]
        if not cursor:
            return n


async def fill_mailbox(t: Target, messages: int, sessions: int = 16) -> Figure:
    """Deliver `messages` small messages to the account's Inbox over SMTP; every 1000th
    carries the word "quokka" (for the search figure)."""
    plain = _message(1024, "sender@example.net")
    rare = plain.replace(b"lazy dog", b"quokka", 1)
    counter = iter(range(messages))
    start = time.perf_counter()

    async def session() -> None:
        smtp = aiosmtplib.SMTP(hostname=t.host, port=t.smtp_port, start_tls=False, use_tls=False)
        await smtp.connect()
        try:
            for i in counter:
                await smtp.sendmail("sender@example.net", [t.user], rare if i % 1000 == 0 else plain)
        finally:
            await smtp.quit()

    await asyncio.gather(*(session() for _ in range(sessions)))
    return rate_figure(f"Filling a mailbox over SMTP, c={sessions}, 1 KB", messages, time.perf_counter() - start)


async def mail_reading(t: Target, messages: int, seconds: float) -> list[Figure]:
    """With `messages` in the Inbox: the first page of the mailbox, one message read in
    full, and a full-text search, each repeated for `seconds` by one client."""
    client = HTTP(t.host, t.http_port, t.user, t.password)
    try:
        boxes = (await client.get("/v1/mailboxes")).json()["items"]
        inbox = next(b for b in boxes if b["role"] == "inbox")
        first = (await client.get(f"/v1/mailboxes/{inbox['id']}/messages", params={"limit": 1})).json()["items"][0]
        calls = {
            f"List the first 50 of {inbox['total']} messages": (f"/v1/mailboxes/{inbox['id']}/messages", {}),
            "Read one message in full": (f"/v1/messages/{first['id']}", {}),
            f"Search a word in {inbox['total']} messages": ("/v1/messages", {"q": "quokka"}),
        }
        out = []
        for name, (path, params) in calls.items():

            async def make(_: int, path: str = path, params: dict[str, str] = params) -> Op:
                async def op() -> None:
                    r = await client.get(path, params=params)
                    if r.status != 200:
                        raise RuntimeError(f"{path}: {r.status} {r.text[:200]}")

                return op

            count, elapsed, lat = await run_for(seconds, 1, make)
            f = rate_figure(name, count, elapsed, lat)
            f.unit = "req/s"
            out.append(f)
    finally:
        await client.close()
    return out
