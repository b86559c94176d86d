"""Who is calling: HTTP Basic (an account address and password) or an API key (Bearer).

Every /v1 resource except the service root needs one. A wrong or missing credential
answers 401 with a problem detail and a ``WWW-Authenticate`` challenge. Failures are
counted per source address and login, and per source address (mta.authlimit); past
a limit that address gets 429 with ``Retry-After`` until the window passes. A valid
API key, or a password verified before from the same address, is recognized first and
never refused by the throttle, so a guesser slows only itself and cannot lock anyone
out. Verified
Basic credentials are cached briefly by mta.auth, so a Basic call does not pay the
argon2 cost every time.
"""

from __future__ import annotations

import base64
import binascii
from typing import Any

import msgspec
from litestar import Request
from litestar.di import NamedDependency

from api.problems import ProblemError
from api.state import AppState
from mta.authlimit import TooManyFailures


class Principal(msgspec.Struct, frozen=True):
    account_id: int
    account_name: str
    scopes: frozenset[str]
    key_id: int | None = None  # set when an API key authenticated


ALL_SCOPES = frozenset({"send", "read", "manage"})


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
    if scheme == "basic":
        try:
            login, sep, password = base64.b64decode(cred, validate=True).decode("utf-8").partition(":")
        except (binascii.Error, ValueError, UnicodeDecodeError):
            raise _unauthorized("malformed Basic credentials") from None
        if not sep:
            raise _unauthorized("malformed Basic credentials")
        try:
            account = await app_state.authenticator().verify(login, password, ip)
        except TooManyFailures as e:
            raise _rate_limited(e) from None
        if account is None:
            raise _unauthorized("wrong credentials")
        return Principal(account.account_id, account.name, ALL_SCOPES)
    if scheme == "bearer":
        # A key is long and random: checking it first costs a guesser nothing it could use.
        key = app_state.require_store().api_keys.verify(cred)
        if key is not None:
            return Principal(key.account_id, key.account_name, frozenset(key.scopes), key.key_id)
        prefix = f"key:{cred.split('_')[1] if cred.count('_') == 2 else ''}"
        try:
            app_state.authenticator().throttle.begin(ip, prefix)  # a failure, counted as it is checked
        except TooManyFailures as e:
            raise _rate_limited(e) from None
        raise _unauthorized("wrong credentials")
    if not header:
        raise _unauthorized("authentication required: HTTP Basic with an account address, or an API key")
    raise _unauthorized(f"unsupported authorization scheme {scheme!r}")


def _rate_limited(e: TooManyFailures) -> ProblemError:
    return ProblemError(
        429,
        "rate_limited",
        "too many failed authentications from your address; try again later",
        headers={"Retry-After": str(int(e.retry_after) + 1)},
    )


def require_scope(p: Principal, scope: str) -> None:
    if scope not in p.scopes:
        raise ProblemError(403, "forbidden", f"this API key lacks the {scope!r} scope")
