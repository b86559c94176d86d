"""Throttling failed authentications so that a guesser slows only itself.

Failures are counted per source address and login together, and per source address
alone, in a sliding window; past either limit that address is told to wait (HTTP 429,
SMTP 454, IMAP NO [UNAVAILABLE]) before its next try is even checked. Nothing is
counted per login alone: then anyone could lock a user out by failing on purpose
from elsewhere.

An attempt is counted as a failure when it starts (AuthThrottle.begin), in the same
step that checks the limits, and taken back when it succeeds (AuthThrottle.end).
Checking a password takes tens of milliseconds in a worker thread, so counting only
afterwards would let parallel attempts from one address all pass the check; an
attempt cut off half way stays counted. An attempt refused only because others from
its address are still being checked may wait for them (AuthThrottle.settled) and ask
again, so a client's parallel first requests with a right password are not refused.

A source address is an IPv4 address or an IPv6 /64 (one subscriber's usual share, so
walking through its own /64 gains a guesser nothing); an IPv4-mapped IPv6 address is
its IPv4 address. The counts live in memory, for one process. The source address is
the TCP peer: behind a reverse proxy every client shares the proxy's address.
"""

from __future__ import annotations

import asyncio
import ipaddress
import threading
import time
from collections import deque
from dataclasses import dataclass

PER_LOGIN_LIMIT = 10  # failures per (address, login) in WINDOW
PER_ADDRESS_LIMIT = 20  # failures per address, whatever the login, in WINDOW
WINDOW = 60.0
MAX_KEYS = 100_000  # past this many counted keys, forget them all (memory bound)
IPV6_PREFIX = 64


def source_key(ip: str) -> str:
    """The source an address counts as: IPv4 as is, IPv6 by its /64, IPv4-mapped IPv6 as IPv4.

    Anything that is not an IP address (a Unix socket's empty peer) is its own key."""
    try:
        addr = ipaddress.ip_address(ip.split("%", 1)[0])
    except ValueError:
        return ip
    if isinstance(addr, ipaddress.IPv6Address):
        if addr.ipv4_mapped is not None:
            return str(addr.ipv4_mapped)
        return str(ipaddress.IPv6Network((addr, IPV6_PREFIX), strict=False))
    return str(addr)


class FailureLimiter:
    """At most `limit` failures per key in `window` seconds."""

    def __init__(self, limit: int, window: float = WINDOW) -> None:
        self.limit = limit
        self.window = window
        self._hits: dict[str, deque[float]] = {}

    def _prune(self, key: str, now: float) -> deque[float]:
        q = self._hits.setdefault(key, deque())
        while q and q[0] <= now - self.window:
            q.popleft()
        return q

    def blocked(self, key: str) -> float:
        """Seconds until key may try again; 0 when it may."""
        now = time.monotonic()
        q = self._prune(key, now)
        if len(q) < self.limit:
            if not q:
                self._hits.pop(key, None)
            return 0.0
        return max(0.0, q[0] + self.window - now)

    def fail(self, key: str, now: float | None = None) -> None:
        if len(self._hits) > MAX_KEYS:
            self._hits.clear()
        now = time.monotonic() if now is None else now
        self._prune(key, now).append(now)

    def unfail(self, key: str, stamp: float) -> None:
        """Take back the failure counted at stamp, if it is still counted."""
        q = self._hits.get(key)
        if q is not None and stamp in q:
            q.remove(stamp)
            if not q:
                del self._hits[key]

    def forget(self, key: str) -> None:
        self._hits.pop(key, None)

    def count(self, key: str) -> int:
        q = self._hits.get(key)
        return len(self._prune(key, time.monotonic())) if q else 0


class TooManyFailures(Exception):
    """This address failed too often; it may try again after retry_after seconds."""

    def __init__(self, retry_after: float, pending: bool = False) -> None:
        super().__init__(f"too many failed authentications; try again in {int(retry_after) + 1} s")
        self.retry_after = retry_after
        self.pending = pending  # under the limits once the attempts being checked succeed


@dataclass(frozen=True)
class Attempt:
    """An authentication under way, counted as a failure until AuthThrottle.end says otherwise."""

    ip: str
    source: str  # source_key(ip)
    login: str
    stamp: float


class AuthThrottle:
    """The limits for one service: HTTP, SMTP and IMAP share them."""

    def __init__(self, per_login: int = PER_LOGIN_LIMIT, per_address: int = PER_ADDRESS_LIMIT) -> None:
        self._pair = FailureLimiter(per_login)
        self._address = FailureLimiter(per_address)
        self._lock = threading.Lock()  # the listeners may run on more than one thread
        self._busy: dict[str, int] = {}  # attempts being checked, per source and per (source, login)
        self._waiters: list[tuple[asyncio.AbstractEventLoop, asyncio.Future[None]]] = []

    @staticmethod
    def _key(source: str, login: str) -> str:
        return f"{source}\0{login.lower()}"

    def _check(self, source: str, login: str) -> None:
        pair = self._key(source, login)
        wait = max(self._address.blocked(source), self._pair.blocked(pair))
        if wait > 0:
            pending = (
                self._address.count(source) - self._busy.get(source, 0) < self._address.limit
                and self._pair.count(pair) - self._busy.get(pair, 0) < self._pair.limit
            )
            raise TooManyFailures(wait, pending)

    def _busy_add(self, key: str, n: int) -> None:
        left = self._busy.get(key, 0) + n
        if left > 0:
            self._busy[key] = left
        else:
            self._busy.pop(key, None)

    def begin(self, ip: str, login: str) -> Attempt:
        """Start an attempt of ip at login, counted as a failure until ended as a success.

        Raises TooManyFailures, counting nothing, when ip may not try login now."""
        source = source_key(ip)
        with self._lock:
            self._check(source, login)
            now = time.monotonic()
            self._address.fail(source, now)
            self._pair.fail(self._key(source, login), now)
            self._busy_add(source, 1)
            self._busy_add(self._key(source, login), 1)
        return Attempt(ip, source, login, now)

    def end(self, attempt: Attempt, ok: bool) -> None:
        """Finish an attempt. A failure stays counted. A success takes its own count back
        and forgets the login's failures from that address; the address's other failures
        stay, so an attacker's own account does not reset its guessing at others'."""
        with self._lock:
            self._busy_add(attempt.source, -1)
            self._busy_add(self._key(attempt.source, attempt.login), -1)
            if ok:
                self._address.unfail(attempt.source, attempt.stamp)
                self._pair.forget(self._key(attempt.source, attempt.login))
            waiters, self._waiters = self._waiters, []
        for loop, fut in waiters:
            try:
                loop.call_soon_threadsafe(_wake, fut)
            except RuntimeError:  # that loop is closed: nobody waits any more
                pass

    async def settled(self, ip: str, timeout: float) -> bool:
        """Wait until an attempt from ip's source ends, at most timeout seconds; False
        when none was under way or the time ran out."""
        loop = asyncio.get_running_loop()
        fut: asyncio.Future[None] = loop.create_future()
        with self._lock:
            if not self._busy.get(source_key(ip)):
                return False
            self._waiters.append((loop, fut))
        try:
            await asyncio.wait_for(fut, timeout)
        except TimeoutError:
            return False
        return True

    def check(self, ip: str, login: str) -> None:
        """Raise TooManyFailures when ip may not try login now."""
        with self._lock:
            self._check(source_key(ip), login)

    def failed(self, ip: str, login: str) -> None:
        """Count a failure that was not begun (begin + end does both in one step)."""
        source = source_key(ip)
        with self._lock:
            self._address.fail(source)
            self._pair.fail(self._key(source, login))

    def succeeded(self, ip: str, login: str) -> None:
        """Forget login's failures from ip (the address's count stays)."""
        with self._lock:
            self._pair.forget(self._key(source_key(ip), login))


def _wake(fut: asyncio.Future[None]) -> None:
    if not fut.done():
        fut.set_result(None)
