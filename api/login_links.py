"""Single-use login links: a token that opens a browser session once, from this machine.

localserve mints one at each start and prints ``/webmail/login?token=...`` in its banner
(api.controllers.sessions answers it, to loopback peers only). Only a SHA-256 of each
token is kept, in memory: a restart forgets it and mints a new one.
"""

from __future__ import annotations

import hashlib
import secrets

import msgspec

MAX_LINKS = 100


class LoginLink(msgspec.Struct, frozen=True):
    account_id: int
    address: str
    expires: float  # seconds since the epoch, by the application's clock


def _hash(token: str) -> bytes:
    return hashlib.sha256(token.encode("utf-8", "surrogateescape")).digest()


class LoginLinks:
    def __init__(self) -> None:
        self._links: dict[bytes, LoginLink] = {}

    def mint(self, account_id: int, address: str, expires: float) -> str:
        """A new token that logs in as account (with address) once, until expires."""
        if len(self._links) >= MAX_LINKS:
            self._links.clear()
        token = secrets.token_urlsafe(32)
        self._links[_hash(token)] = LoginLink(account_id, address, expires)
        return token

    def consume(self, token: str, now: float) -> LoginLink | None:
        """The link of token if it is unused and not expired; it cannot be used again."""
        if not token or len(token) > 100:
            return None
        link = self._links.pop(_hash(token), None)
        return link if link is not None and now < link.expires else None
