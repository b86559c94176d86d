"""Password authentication for SMTP submission (and IMAP later): login address + password.

Verifying an argon2id hash is deliberately slow, so it runs in a worker thread and a
successful check is remembered for a few minutes (keyed by a SHA-256 of login and
password, never the password itself; a changed password invalidates it, once the
store's account lookup, remembered for two seconds, sees the change). Failed
attempts from one IP address are slowed down: each failure past the third within
ten minutes adds a delay before the answer, up to five seconds.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import time

from mta import credentials
from mta.log import get_logger
from mta.store import LoginAccount, Store

log = get_logger("auth")

CACHE_SECONDS = 300.0
FAILURE_WINDOW = 600.0
FREE_FAILURES = 3
MAX_DELAY = 5.0


class Authenticator:
    def __init__(self, store: Store) -> None:
        self.store = store
        self._cache: dict[bytes, tuple[float, int, str]] = {}
        self._failures: dict[str, tuple[float, int]] = {}

    async def verify(self, login: str, password: str, remote_ip: str) -> LoginAccount | None:
        """The account, if login and password are right; None otherwise (after any delay)."""
        account = self.store.login(login)
        ok = False
        if account is not None and account.password_hash:
            key = hashlib.sha256(f"{login.lower()}\0{password}".encode("utf-8", "surrogateescape")).digest()
            hit = self._cache.get(key)
            now = time.monotonic()
            if (
                hit is not None
                and hit[0] > now
                and hit[1] == account.account_id
                and hmac.compare_digest(hit[2], account.password_hash)
            ):
                ok = True
            else:
                ok = await asyncio.to_thread(credentials.verify_password, account.password_hash, password)
                if ok:
                    if len(self._cache) > 10_000:
                        self._cache.clear()
                    self._cache[key] = (now + CACHE_SECONDS, account.account_id, account.password_hash)
        if ok:
            self._failures.pop(remote_ip, None)
            return account
        await self._slow_down(remote_ip)
        log.info("authentication failed", login=login, remote_ip=remote_ip)
        return None

    def scram_lookup(self, login: str) -> tuple[LoginAccount | None, str | None]:
        """The account of login and its stored SCRAM-SHA-256 credentials, if any."""
        account = self.store.login(login)
        return account, (account.scram_sha256 if account is not None else None)

    async def succeeded(self, remote_ip: str) -> None:
        self._failures.pop(remote_ip, None)

    async def failed(self, login: str, remote_ip: str) -> None:
        """Record a failure of a mechanism verified elsewhere (SCRAM); may delay."""
        await self._slow_down(remote_ip)
        log.info("authentication failed", login=login, remote_ip=remote_ip)

    async def _slow_down(self, remote_ip: str) -> None:
        now = time.monotonic()
        since, count = self._failures.get(remote_ip, (now, 0))
        if now - since > FAILURE_WINDOW:
            since, count = now, 0
        count += 1
        if len(self._failures) > 100_000:
            self._failures.clear()
        self._failures[remote_ip] = (since, count)
        if count > FREE_FAILURES:
            await asyncio.sleep(min(MAX_DELAY, 0.5 * (count - FREE_FAILURES)))
