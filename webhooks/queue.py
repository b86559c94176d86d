"""The webhook delivery queue: durable, retried, bounded per destination.

Calls are rows in the store (mta/store/webhooks.py) before anything is sent, so a
restart loses nothing: a call in flight when the process died is simply due again
(receivers deduplicate by ``webhook-id``). A 2xx answer delivers a call; any other
status, a timeout or a connection error schedules the next attempt after 1, 2, 4,
7.5, 15 and 30 minutes, then 1, 2, 4, 8 and 16 hours (each +-10% jitter); after the
last, the call is ``failed`` and stays in the history, where it can be retried.

At most ``per_url`` calls to one URL run at once and ``concurrency`` overall; due
calls to a URL that is at its limit are left for later without blocking other URLs,
so one slow receiver holds up only itself.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections import Counter
from collections.abc import Awaitable, Callable

import msgspec

from mta.dueloop import Dispatched, DueLoop
from mta.log import get_logger
from mta.store import Store
from mta.store.webhooks import WebhookAttempt, WebhookConfig, WebhookDelivery
from webhooks import http, signing

log = get_logger("webhooks")

MINUTE = 60_000
RETRY_MS: tuple[int, ...] = tuple(int(m * MINUTE) for m in (1, 2, 4, 7.5, 15, 30, 60, 120, 240, 480, 960))


class WebhookSettings(msgspec.Struct, frozen=True):
    concurrency: int = 32
    per_url: int = 4
    timeout_s: float = 10.0
    allow_private: bool = False
    retention_ms: int = 14 * 24 * 60 * MINUTE
    purge_every_ms: int = 60 * MINUTE
    batch: int = 100


Poster = Callable[..., Awaitable[http.Response]]


def next_delay(attempts: int, rng: random.Random) -> int | None:
    """Wait before the next attempt after `attempts` failed ones; None: give up."""
    if attempts > len(RETRY_MS):
        return None
    return int(RETRY_MS[attempts - 1] * rng.uniform(0.9, 1.1))


class WebhookQueue:
    def __init__(
        self,
        store: Store,
        config: Callable[[int], WebhookConfig],
        settings: WebhookSettings | None = None,
        *,
        clock: Callable[[], float] = time.time,
        poster: Poster = http.post,
    ) -> None:
        self.store = store
        self.config = config
        self.settings = settings or WebhookSettings()
        self.clock = clock
        self.poster = poster
        self.rng = random.Random()
        self._inflight: set[int] = set()
        self._per_url: Counter[str] = Counter()
        self._tasks: set[asyncio.Task[None]] = set()
        self._loop = DueLoop(
            log,
            now=self.now,
            dispatch=self.dispatch,
            purge=self._purge,
            purge_every_ms=self.settings.purge_every_ms,
        )

    def now(self) -> int:
        return int(self.clock() * 1000)

    def kick(self) -> None:
        self._loop.kick()

    def start(self) -> None:
        self._loop.start()

    async def stop(self) -> None:
        await self._loop.stop()
        # Calls in progress are cut off: they are still pending and run again after a restart.
        for t in list(self._tasks):
            t.cancel()
        if self._tasks:
            await asyncio.wait(self._tasks, timeout=5)

    async def _purge(self, now: int) -> int:
        return await self.store.webhooks.purge(now - self.settings.retention_ms)

    def dispatch(self) -> Dispatched:
        """Start the calls that are due and may run."""
        room = self.settings.concurrency - len(self._tasks)
        if room <= 0:  # every slot busy; a finished call kicks
            return Dispatched(0, False, self.now())
        busy = {u for u, n in self._per_url.items() if n >= self.settings.per_url}
        started = 0
        limit = min(room, self.settings.batch)
        due = self.store.webhooks.due(self.now(), limit, self._inflight, busy)
        for d in due:
            if self._per_url[d.url] >= self.settings.per_url:
                continue
            self._inflight.add(d.id)
            self._per_url[d.url] += 1
            t = asyncio.create_task(self._call(d))
            self._tasks.add(t)
            t.add_done_callback(self._done)
            started += 1
        # next_due leaves out what is in flight, so calls due but held back (their URL
        # has all the calls it may have at once) show as due now.
        return Dispatched(started, len(due) == limit, self.store.webhooks.next_due(self._inflight))

    def _done(self, t: asyncio.Task[None]) -> None:
        self._tasks.discard(t)
        self._loop.kick()

    async def _call(self, d: WebhookDelivery) -> None:
        try:
            await self._attempt(d)
        except Exception:
            log.exception("webhook call failed unexpectedly", delivery=d.id)
        finally:
            self._inflight.discard(d.id)
            self._per_url[d.url] -= 1
            if self._per_url[d.url] <= 0:
                del self._per_url[d.url]

    async def _attempt(self, d: WebhookDelivery) -> None:
        cfg = self.config(d.account_id)
        # The URL configured now, not when the event happened: a fixed typo takes effect at once.
        url = cfg.incoming_url if d.target == "incoming" else cfg.outgoing_url
        if not url:
            await self.store.webhooks.supersede(d.id, self.now())
            return
        secrets = [cfg.secret]
        if cfg.old_secret and cfg.old_secret_until > self.now():
            secrets.append(cfg.old_secret)
        # The timestamp is the real time of this attempt: receivers check it against their clock.
        headers = {"Content-Type": "application/json", "User-Agent": "Mailwright-Webhooks/1"}
        headers.update(signing.headers(d.msg_id, int(time.time()), d.payload, secrets))
        if cfg.authorization:
            headers["Authorization"] = cfg.authorization
        start = time.monotonic()
        status: int | None = None
        excerpt = error = ""
        try:
            resp = await self.poster(
                url,
                headers,
                d.payload,
                timeout=self.settings.timeout_s,
                allow_private=self.settings.allow_private,
            )
            status, excerpt = resp.status, resp.excerpt
            if not 200 <= status < 300:
                error = f"HTTP status {status}"
        except http.CallError as e:
            error = str(e)
        duration = int((time.monotonic() - start) * 1000)
        now = self.now()
        attempts = d.attempts + 1
        if not error:
            state, nxt = "delivered", now
        else:
            delay = next_delay(attempts, self.rng)
            state, nxt = ("failed", now) if delay is None else ("pending", now + delay)
        attempt = WebhookAttempt(now, status, excerpt, error, duration, url)
        await self.store.webhooks.record(d.id, attempt, state, nxt)
        log.info(
            "webhook call",
            delivery=d.id,
            event=d.event,
            url=url,
            status=status or "",
            error=error,
            ms=duration,
            state=state,
        )

    async def run_until_idle(self) -> None:
        """Make every due call and wait for it (tests and tools)."""
        while True:
            self.dispatch()
            if not self._tasks:
                return
            await asyncio.wait(set(self._tasks))
