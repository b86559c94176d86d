"""Who is calling: HTTP Basic (an account address and password), an API key (Bearer), or
a browser session (the ``mw_session`` cookie that POST /v1/sessions sets).

Every /v1 resource except the service root needs one. A wrong or missing credential
answers 401 with a problem detail and a ``WWW-Authenticate`` challenge. Failures are
counted per source address and login, and per source address (mta.authlimit); past
a limit that address gets 429 with ``Retry-After`` until the window passes. A valid
API key, or a password verified before from the same address, is recognized first and
never refused by the throttle, so a guesser slows only itself and cannot lock anyone
out. Verified
Basic credentials are cached briefly by mta.auth, so a Basic call does not pay the
argon2 cost every time.

A browser sends its cookie on its own, so a request that authenticates with the session
cookie and changes something (any method but GET, HEAD and OPTIONS) must also carry the
session's CSRF token in ``X-CSRF-Token``, which a page of another site cannot know
(403 ``csrf_failed`` otherwise). The cookie is SameSite=Strict as well: two locks, as
OWASP's CSRF cheat sheet advises. An Authorization header, when there is one, decides
and the cookie is ignored. 401s about a session challenge with Bearer only: a Basic
challenge would make the browser open its own password dialog over the webmail.
"""

from __future__ import annotations

import base64
import binascii
import hmac
from typing import Any

import msgspec
from litestar import Request
from litestar.di import NamedDependency

from api.problems import ProblemError
from api.state import AppState
from mta.authlimit import TooManyFailures
from mta.store.sessions import Session

SESSION_COOKIE = "mw_session"
CSRF_HEADER = "X-CSRF-Token"
# A 401 about a session: no Basic challenge, which would open the browser's dialog.
SESSION_CHALLENGE = {"WWW-Authenticate": 'Bearer realm="mailwright"'}
_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class Principal(msgspec.Struct, frozen=True):
    account_id: int
    account_name: str
    scopes: frozenset[str]
    key_id: int | None = None  # set when an API key authenticated
    session_id: int | None = None  # set when a session cookie authenticated


ALL_SCOPES = frozenset({"send", "read", "manage"})


def _unauthorized(detail: str) -> ProblemError:
    return ProblemError(401, "unauthorized", detail, headers={"WWW-Authenticate": 'Basic realm="mailwright", Bearer'})


async def authenticate(request: Request[Any, Any, Any], app_state: NamedDependency[AppState]) -> Principal:
    """The dependency every authenticated handler takes as ``principal``."""
    ip = request.client.host if request.client else ""
    h = request.headers
    return await principal_of(
        h.get("authorization", ""),
        ip,
        app_state,
        cookie=h.get("cookie", ""),
        csrf=h.get(CSRF_HEADER),
        method=request.method,
    )


def session_token(cookie_header: str) -> str | None:
    """The session cookie's value in a Cookie header (RFC 6265 section 5.4), if any."""
    for pair in cookie_header.split(";"):
        name, sep, value = pair.strip().partition("=")
        if sep and name == SESSION_COOKIE:
            value = value.strip().strip('"')
            return value or None
    return None


async def session_of(token: str, csrf: str | None, method: str, app_state: AppState) -> Session:
    """The live session of a cookie's token, its use recorded; raises 401 when it has
    ended, 403 when the method changes something and csrf is not the session's token."""
    s = await app_state.require_store().sessions.use(token, app_state.now_ms())
    if s is None:
        raise ProblemError(401, "unauthorized", "the session has ended; log in again", headers=SESSION_CHALLENGE)
    if method not in _SAFE_METHODS and not (
        csrf and hmac.compare_digest(csrf.encode("utf-8", "surrogateescape"), s.csrf_token.encode())
    ):
        raise ProblemError(
            403,
            "csrf_failed",
            f"a {method} with a session cookie needs the session's csrf_token in the {CSRF_HEADER} header",
        )
    return s


async def principal_of(
    header: str,
    ip: str,
    app_state: AppState,
    *,
    cookie: str = "",
    csrf: str | None = None,
    method: str = "GET",
) -> Principal:
    """Who an Authorization header value, or else a session cookie (from ip, for a
    request of method with csrf as its X-CSRF-Token), is; raises the 401, 403 or 429 problem."""
    if not header and cookie:
        token = session_token(cookie)
        if token is not None:
            s = await session_of(token, csrf, method, app_state)
            return Principal(s.account_id, s.account_name, ALL_SCOPES, session_id=s.id)
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
            raise rate_limited(e) from None
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
            raise rate_limited(e) from None
        raise _unauthorized("wrong credentials")
    if not header:
        raise _unauthorized(
            "authentication required: HTTP Basic with an account address, an API key, or a session cookie"
        )
    raise _unauthorized(f"unsupported authorization scheme {scheme!r}")


def rate_limited(e: TooManyFailures) -> ProblemError:
    return ProblemError(
        429,
        "rate_limited",
        "too many failed authentications from your address; try again later",
        headers={"Retry-After": str(int(e.retry_after) + 1)},
    )


def require_scope(p: Principal, scope: str) -> None:
    if scope not in p.scopes:
        raise ProblemError(403, "forbidden", f"this API key lacks the {scope!r} scope")
