"""Password authentication for HTTP Basic, SMTP submission and IMAP: login address + password.

Verifying an argon2id hash is deliberately slow, so it runs in a worker thread and a
successful check is remembered for a few minutes (keyed by a SHA-256 of login,
password and source address, never the password itself; a changed password
invalidates it, once the store's account lookup, remembered for two seconds, sees the
change). A password remembered for the same source address (mta.authlimit.source_key)
is recognized before the failure throttle is asked, so a user who has logged in is not
refused because someone guessed from their own address; from any other address it is
checked like any guess, so an address past its limit learns nothing about whether a
password is right. Every other attempt is counted against the limits before it is
checked (mta.authlimit.AuthThrottle.begin), so parallel attempts cannot pass them.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import time

from mta import credentials
from mta.authlimit import Attempt, AuthThrottle, TooManyFailures, source_key
from mta.log import get_logger
from mta.store import LoginAccount, Store

log = get_logger("auth")

CACHE_SECONDS = 300.0
SETTLE_SECONDS = 10.0  # longest wait for attempts being checked before refusing

__all__ = ["Attempt", "Authenticator", "TooManyFailures"]


class Authenticator:
    def __init__(self, store: Store, throttle: AuthThrottle | None = None) -> None:
        self.store = store
        self.throttle = throttle or AuthThrottle()
        self._cache: dict[bytes, tuple[float, int, str]] = {}

    async def verify(self, login: str, password: str, remote_ip: str) -> LoginAccount | None:
        """The account, if login and password are right; None otherwise.

        Raises TooManyFailures, without checking the password, when remote_ip has failed
        too often, unless the password is one verified before from the same source."""
        key = hashlib.sha256(
            f"{login.lower()}\0{password}\0{source_key(remote_ip)}".encode("utf-8", "surrogateescape")
        ).digest()
        deadline = time.monotonic() + SETTLE_SECONDS
        while True:
            account = self.store.login(login)
            hit = self._cache.get(key)
            now = time.monotonic()
            if (
                account is not None
                and account.password_hash
                and hit is not None
                and hit[0] > now
                and hit[1] == account.account_id
                and hmac.compare_digest(hit[2], account.password_hash)
            ):
                self.throttle.succeeded(remote_ip, login)
                return account
            try:
                attempt = self.throttle.begin(remote_ip, login)
                break
            except TooManyFailures as e:
                # Refused only for attempts still being checked: once they end, this one
                # may be remembered (their password was right) or under the limits.
                if not (e.pending and await self.throttle.settled(remote_ip, deadline - now)):
                    raise
        ok = False
        try:
            if account is not None and account.password_hash:
                ok = await asyncio.to_thread(credentials.verify_password, account.password_hash, password)
            if ok and account is not None and account.password_hash:
                # Remembered before the attempt ends, for the attempts waiting on it.
                if len(self._cache) > 10_000:
                    self._cache.clear()
                self._cache[key] = (now + CACHE_SECONDS, account.account_id, account.password_hash)
        finally:
            self.end(attempt, ok)
        return account if ok else None

    def scram_lookup(self, login: str, remote_ip: str) -> tuple[LoginAccount | None, str | None, Attempt]:
        """The account of login, its stored SCRAM-SHA-256 credentials, if any, and the
        attempt begun, to be ended with end() once the client's proof is checked.

        Raises TooManyFailures when remote_ip has failed too often (SCRAM proves the
        password only at the end, so it cannot be recognized before)."""
        attempt = self.throttle.begin(remote_ip, login)
        account = self.store.login(login)
        return account, (account.scram_sha256 if account is not None else None), attempt

    def end(self, attempt: Attempt, ok: bool) -> None:
        """Finish an attempt begun by verify or scram_lookup: a failure stays counted."""
        self.throttle.end(attempt, ok)
        if not ok:
            log.info("authentication failed", login=attempt.login, remote_ip=attempt.ip)
