"""Password authentication for HTTP Basic, SMTP submission and IMAP: login address + password.

Verifying an argon2id hash is deliberately slow, so it runs in a worker thread and a
successful check is remembered for a few minutes (keyed by a SHA-256 of login and
password, never the password itself; a changed password invalidates it, once the
store's account lookup, remembered for two seconds, sees the change). A remembered
password is recognized before the failure throttle (mta.authlimit) is asked, so a
user who has logged in is not refused because someone guessed from their address;
any other attempt from an address past its limit is refused unchecked.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import time

from mta import credentials
from mta.authlimit import AuthThrottle, TooManyFailures
from mta.log import get_logger
from mta.store import LoginAccount, Store

log = get_logger("auth")

CACHE_SECONDS = 300.0

__all__ = ["Authenticator", "TooManyFailures"]


class Authenticator:
    def __init__(self, store: Store, throttle: AuthThrottle | None = None) -> None:
        self.store = store
        self.throttle = throttle or AuthThrottle()
        self._cache: dict[bytes, tuple[float, int, str]] = {}

    async def verify(self, login: str, password: str, remote_ip: str) -> LoginAccount | None:
        """The account, if login and password are right; None otherwise.

        Raises TooManyFailures, without checking the password, when remote_ip has failed
        too often, unless the password is one verified before."""
        account = self.store.login(login)
        if account is None or not account.password_hash:
            self.throttle.check(remote_ip, login)
            self.failed(login, remote_ip)
            return None
        key = hashlib.sha256(f"{login.lower()}\0{password}".encode("utf-8", "surrogateescape")).digest()
        hit = self._cache.get(key)
        now = time.monotonic()
        if (
            hit is not None
            and hit[0] > now
            and hit[1] == account.account_id
            and hmac.compare_digest(hit[2], account.password_hash)
        ):
            self.throttle.succeeded(remote_ip, login)
            return account
        self.throttle.check(remote_ip, login)
        if not await asyncio.to_thread(credentials.verify_password, account.password_hash, password):
            self.failed(login, remote_ip)
            return None
        if len(self._cache) > 10_000:
            self._cache.clear()
        self._cache[key] = (now + CACHE_SECONDS, account.account_id, account.password_hash)
        self.throttle.succeeded(remote_ip, login)
        return account

    def scram_lookup(self, login: str, remote_ip: str) -> tuple[LoginAccount | None, str | None]:
        """The account of login and its stored SCRAM-SHA-256 credentials, if any.

        Raises TooManyFailures when remote_ip has failed too often (SCRAM proves the
        password only at the end, so it cannot be recognized before)."""
        self.throttle.check(remote_ip, login)
        account = self.store.login(login)
        return account, (account.scram_sha256 if account is not None else None)

    def succeeded(self, login: str, remote_ip: str) -> None:
        """Record a success of a mechanism verified elsewhere (SCRAM)."""
        self.throttle.succeeded(remote_ip, login)

    def failed(self, login: str, remote_ip: str) -> None:
        """Record a failure (also of a mechanism verified elsewhere: SCRAM)."""
        self.throttle.failed(remote_ip, login)
        log.info("authentication failed", login=login, remote_ip=remote_ip)
