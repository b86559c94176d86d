"""Throttling failed authentications so that a guesser slows only itself.

Failures are counted per source address and login together, and per source address
alone, in a sliding window; past either limit that address is told to wait (HTTP 429,
SMTP 454, IMAP NO [UNAVAILABLE]) before its next try is even checked. Nothing is
counted per login alone: then anyone could lock a user out by failing on purpose
from elsewhere. A credential known to be right (an API key, a password that was
verified before) is recognized before the throttle is asked, so the owner of a
credential is never refused because someone else guessed from the same address.

The counts live in memory, for one process. The source address is the TCP peer.
"""

from __future__ import annotations

import time
from collections import deque

PER_LOGIN_LIMIT = 10  # failures per (address, login) in WINDOW
PER_ADDRESS_LIMIT = 20  # failures per address, whatever the login, in WINDOW
WINDOW = 60.0
MAX_KEYS = 100_000  # past this many counted keys, forget them all (memory bound)


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

    def fail(self, key: str) -> None:
        if len(self._hits) > MAX_KEYS:
            self._hits.clear()
        now = time.monotonic()
        self._prune(key, now).append(now)

    def forget(self, key: str) -> None:
        self._hits.pop(key, None)


class TooManyFailures(Exception):
    """This address failed too often; it may try again after retry_after seconds."""

    def __init__(self, retry_after: float) -> None:
        super().__init__(f"too many failed authentications; try again in {int(retry_after) + 1} s")
        self.retry_after = retry_after


class AuthThrottle:
    """The limits for one service: HTTP, SMTP and IMAP share them."""

    def __init__(self, per_login: int = PER_LOGIN_LIMIT, per_address: int = PER_ADDRESS_LIMIT) -> None:
        self._pair = FailureLimiter(per_login)
        self._address = FailureLimiter(per_address)

    @staticmethod
    def _key(ip: str, login: str) -> str:
        return f"{ip}\0{login.lower()}"

    def check(self, ip: str, login: str) -> None:
        """Raise TooManyFailures when ip may not try login now."""
        wait = max(self._address.blocked(ip), self._pair.blocked(self._key(ip, login)))
        if wait > 0:
            raise TooManyFailures(wait)

    def failed(self, ip: str, login: str) -> None:
        self._address.fail(ip)
        self._pair.fail(self._key(ip, login))

    def succeeded(self, ip: str, login: str) -> None:
        """The login's own failures from ip are forgotten; the address's count stays, so
        an attacker's own account does not reset its guessing at others'."""
        self._pair.forget(self._key(ip, login))
