"""Who is calling: HTTP Basic (an account address and password) or an API key (Bearer).

Every /v1 resource except the service root needs one. A wrong or missing credential
answers 401 with a problem detail and a ``WWW-Authenticate`` challenge. Failures are
counted per source IP and per claimed account; past the limit the answer is 429 with
``Retry-After`` until the window passes, so passwords and keys cannot be guessed
quickly. Verified Basic credentials are cached briefly by mta.auth, so a Basic call
does not pay the argon2 cost every time.
"""

from __future__ import annotations

import base64
import binascii
import time
from collections import deque
from typing import Any

import msgspec
from litestar import Request
from litestar.di import NamedDependency

from api.problems import ProblemError
from api.state import AppState


class Principal(msgspec.Struct, frozen=True):
    account_id: int
    account_name: str
    scopes: frozenset[str]
    key_id: int | None = None  # set when an API key authenticated


ALL_SCOPES = frozenset({"send", "read", "manage"})


class FailureLimiter:
    """At most `limit` failures per key in `window` seconds."""

    def __init__(self, limit: int = 10, window: float = 60.0) -> None:
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
        if len(self._hits) > 100_000:
            self._hits.clear()
        self._prune(key, time.monotonic()).append(time.monotonic())


def _unauthorized(detail: str) -> ProblemError:
    return ProblemError(401, "unauthorized", detail, headers={"WWW-Authenticate": 'Basic realm="mailwright", Bearer'})


async def authenticate(request: Request[Any, Any, Any], app_state: NamedDependency[AppState]) -> Principal:
    """The dependency every authenticated handler takes as ``principal``."""
    ip = request.client.host if request.client else ""
    return await principal_of(request.headers.get("authorization", ""), ip, app_state)


async def principal_of(header: str, ip: str, app_state: AppState) -> Principal:
    """Who an Authorization header value (from ip) is; raises the 401 or 429 problem."""
    scheme, _, cred = header.partition(" ")
    scheme = scheme.lower()
    claimed = ""
    if scheme == "basic":
        try:
            login, sep, password = base64.b64decode(cred, validate=True).decode("utf-8").partition(":")
        except (binascii.Error, ValueError, UnicodeDecodeError):
            raise _unauthorized("malformed Basic credentials") from None
        if not sep:
            raise _unauthorized("malformed Basic credentials")
        claimed = f"login:{login.lower()}"
    elif scheme == "bearer":
        claimed = f"key:{cred.split('_')[1] if cred.count('_') == 2 else ''}"
    elif not header:
        raise _unauthorized("authentication required: HTTP Basic with an account address, or an API key")
    else:
        raise _unauthorized(f"unsupported authorization scheme {scheme!r}")
    limiter = app_state.auth_failures
    wait = max(limiter.blocked(f"ip:{ip}"), limiter.blocked(claimed))
    if wait > 0:
        raise ProblemError(
            429,
            "rate_limited",
            "too many failed authentications; try again later",
            headers={"Retry-After": str(int(wait) + 1)},
        )
    store = app_state.require_store()
    if scheme == "basic":
        account = await app_state.authenticator().verify(login, password, ip)
        if account is not None:
            return Principal(account.account_id, account.name, ALL_SCOPES)
    else:
        key = store.api_keys.verify(cred)
        if key is not None:
            return Principal(key.account_id, key.account_name, frozenset(key.scopes), key.key_id)
    limiter.fail(f"ip:{ip}")
    limiter.fail(claimed)
    raise _unauthorized("wrong credentials")


def require_scope(p: Principal, scope: str) -> None:
    if scope not in p.scopes:
        raise ProblemError(403, "forbidden", f"this API key lacks the {scope!r} scope")
