"""/v1/sessions: a browser logs in with an address and password and gets a session cookie.

The cookie (``mw_session``) is HttpOnly, SameSite=Strict, Path=/, and Secure when the
request came over TLS (``https`` as the server saw it, a TLS-ending proxy's
X-Forwarded-Proto included); the answer carries the CSRF token that every
state-changing request with the cookie echoes in ``X-CSRF-Token`` (api.auth). Wrong
credentials count against the same throttle as Basic (mta.authlimit) and are answered
without a Basic challenge, so the browser shows no password dialog of its own.

``GET /webmail/login?token=...`` is localserve's one-click link: a single-use token
(api.login_links) opens a session for ``dev``, for a browser on this machine only.
"""

from __future__ import annotations

import ipaddress
from datetime import UTC, datetime
from typing import Annotated, Any

import msgspec
from litestar import Controller, Request, Response, delete, get, post
from litestar.datastructures import Cookie
from litestar.di import NamedDependency
from litestar.params import JSONBody, QueryParameter
from litestar.response import Redirect
from msgspec import Meta

from api.auth import CSRF_HEADER, SESSION_CHALLENGE, SESSION_COOKIE, rate_limited, session_of, session_token
from api.problems import ProblemError
from api.state import AppState
from mta.authlimit import TooManyFailures
from mta.store.sessions import Session

WEBMAIL = "/webmail/"
SECURITY: list[dict[str, list[str]]] = [{"session": []}]
# Answers that carry a session's secrets (cookie, CSRF token) are kept by no cache.
NO_STORE = {"Cache-Control": "no-store"}


class Login(msgspec.Struct, forbid_unknown_fields=True):
    """An account's login address and password."""

    address: Annotated[
        str,
        Meta(min_length=1, max_length=320, description="A login address of the account.", examples=["dev@localhost"]),
    ]
    password: Annotated[str, Meta(min_length=1, max_length=1024, description="The account's password.")]


class SessionOut(msgspec.Struct):
    """A browser session. Send `csrf_token` as `X-CSRF-Token` with every POST, PUT, PATCH and DELETE."""

    account: Annotated[str, Meta(description="The account's name.", examples=["dev"])]
    address: Annotated[str, Meta(description="The address the session logged in with.", examples=["dev@localhost"])]
    csrf_token: Annotated[
        str, Meta(description=f"Echo it in the `{CSRF_HEADER}` header of every request that changes something.")
    ]
    expires: Annotated[datetime, Meta(description="When the session ends at the latest, used or not (RFC 3339).")]
    idle_timeout_seconds: Annotated[
        int, Meta(description="The session ends after this many seconds without a request.", examples=[1800])
    ]


def _out(s: Session) -> SessionOut:
    return SessionOut(
        account=s.account_name,
        address=s.address,
        csrf_token=s.csrf_token,
        expires=datetime.fromtimestamp(s.expires / 1000, UTC),
        idle_timeout_seconds=s.idle_timeout // 1000,
    )


def cookie_secure(scheme: str) -> bool:
    """Whether the session cookie gets the Secure attribute: the request came over TLS."""
    return scheme in ("https", "wss")


def session_cookie(token: str, *, secure: bool) -> str:
    """The Set-Cookie value that gives the browser the session (RFC 6265bis attributes)."""
    return f"{SESSION_COOKIE}={token}; HttpOnly; SameSite=Strict; Path=/" + ("; Secure" if secure else "")


def cleared_cookie(*, secure: bool) -> str:
    """The Set-Cookie value that makes the browser forget the session's cookie."""
    return session_cookie("", secure=secure) + "; Max-Age=0"


def is_loopback(host: str) -> bool:
    """Whether a peer address is this machine's loopback (an IPv4 one on a dual-stack
    socket, ::ffff:127.0.0.1, included)."""
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return ip.ipv4_mapped.is_loopback
    return ip.is_loopback


async def _open(
    request: Request[Any, Any, Any], app_state: AppState, account_id: int, address: str
) -> tuple[Session, str]:
    s, token = await app_state.require_store().sessions.create(
        account_id,
        address,
        app_state.now_ms(),
        lifetime_ms=app_state.session_lifetime_ms,
        idle_ms=app_state.session_idle_ms,
    )
    return s, session_cookie(token, secure=cookie_secure(request.url.scheme))


def _current_token(request: Request[Any, Any, Any]) -> str:
    token = session_token(request.headers.get("cookie", ""))
    if token is None:
        raise ProblemError(401, "unauthorized", "no session: log in with POST /v1/sessions", headers=SESSION_CHALLENGE)
    return token


_COOKIE_DOC = [
    Cookie(
        key=SESSION_COOKIE,
        description="The session; HttpOnly, SameSite=Strict, Path=/, Secure over TLS.",
        httponly=True,
        samesite="strict",
        documentation_only=True,
    )
]


class SessionsController(Controller):
    path = "/v1/sessions"
    tags = ["sessions"]  # noqa: RUF012 - litestar reads it as a class attribute

    @post(
        "/",
        operation_id="createSession",
        summary="Log in (a browser session)",
        status_code=201,
        response_cookies=_COOKIE_DOC,
    )
    async def create(
        self, request: Request[Any, Any, Any], data: JSONBody[Login], app_state: NamedDependency[AppState]
    ) -> Response[SessionOut]:
        """Checks the address and password and sets the `mw_session` cookie. Failed logins
        are throttled per source address as for HTTP Basic (429 with Retry-After)."""
        ip = request.client.host if request.client else ""
        try:
            account = await app_state.authenticator().verify(data.address, data.password, ip)
        except TooManyFailures as e:
            raise rate_limited(e) from None
        if account is None:
            raise ProblemError(401, "unauthorized", "wrong address or password", headers=SESSION_CHALLENGE)
        s, cookie = await _open(request, app_state, account.account_id, data.address)
        return Response(_out(s), status_code=201, headers={"Set-Cookie": cookie, **NO_STORE})

    @get("/current", operation_id="getSession", summary="The current session", security=SECURITY)
    async def current(
        self, request: Request[Any, Any, Any], app_state: NamedDependency[AppState]
    ) -> Response[SessionOut]:
        """The session of the cookie, with its CSRF token (for a page that was reloaded);
        401 when there is none or it has ended."""
        return Response(_out(await session_of(_current_token(request), None, "GET", app_state)), headers=NO_STORE)

    @delete("/current", operation_id="deleteSession", summary="Log out", security=SECURITY, status_code=204)
    async def end(self, request: Request[Any, Any, Any], app_state: NamedDependency[AppState]) -> Response[None]:
        """Ends the session on the server (its cookie no longer works anywhere) and clears
        the cookie. Needs `X-CSRF-Token` like every change."""
        token = _current_token(request)
        await session_of(token, request.headers.get(CSRF_HEADER), "DELETE", app_state)
        await app_state.require_store().sessions.end(token)
        cleared = cleared_cookie(secure=cookie_secure(request.url.scheme))
        return Response(None, status_code=204, headers={"Set-Cookie": cleared})


@get("/webmail/login", include_in_schema=False, status_code=303)
async def webmail_login(
    request: Request[Any, Any, Any],
    app_state: NamedDependency[AppState],
    token: Annotated[str, QueryParameter(max_length=100)],
) -> Redirect:
    """localserve's one-click login link: a browser on this machine only, once."""
    host = request.client.host if request.client else ""
    if not is_loopback(host):
        raise ProblemError(403, "forbidden", "a login link works only from a browser on the server's own machine")
    link = app_state.login_links.consume(token, app_state.clock())
    if link is None:
        raise ProblemError(
            403,
            "login_link_invalid",
            "this login link was used already or has expired; restart localserve for a new one, or log in with"
            " the address and password",
        )
    _, cookie = await _open(request, app_state, link.account_id, link.address)
    return Redirect(WEBMAIL, status_code=303, headers={"Set-Cookie": cookie, **NO_STORE})
