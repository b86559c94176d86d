"""Requests a browser could be made to send: refused before they reach a handler.

A page on another site can make a browser send a form (a body of
``application/x-www-form-urlencoded``, ``multipart/form-data`` or ``text/plain``) to
this server, and the browser adds HTTP Basic credentials it remembers for it (after a
401 with ``WWW-Authenticate: Basic``, or a URL with a password). Two rules close that
(cross-site request forgery, see the Fetch standard's Sec-Fetch-Site and RFC 6454's
Origin):

- every request body is ``application/json``, or ``multipart/form-data`` where the API
  documents it (POST /v1/send); other media types, and a body without a Content-Type,
  get 415. A cross-site page can only send JSON after a CORS preflight, which this
  server never grants.
- a request with Basic credentials that a browser marks as coming from another site
  (``Sec-Fetch-Site: cross-site`` or ``same-site``) or that carries an ``Origin`` other
  than this server's own gets 403. Programs (curl, the SDKs) send neither header; a
  browser application uses an API key, which no browser sends on its own, or a session
  cookie, which api.auth accepts for a change only with its X-CSRF-Token header.

``check`` is the one place of the rules: the litestar application runs it as a
middleware, and api.fastsend calls it for the POST /v1/send it answers itself.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from litestar.enums import ScopeType
from litestar.types import ASGIApp, Receive, Scope, Send

from api.problems import ProblemError

JSON = "application/json"
MULTIPART = "multipart/form-data"
# Paths that also take multipart/form-data bodies, as the OpenAPI document says.
MULTIPART_PATHS = frozenset({"/v1/send"})
_NO_BODY_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
_DEFAULT_PORTS = {"http": 80, "https": 443}


def check(scope: Scope) -> None:
    """Raise the 403 or 415 problem for a request that breaks a rule."""
    headers: dict[bytes, bytes] = {}
    has_body = False
    for name, value in scope["headers"]:
        if name in (b"authorization", b"origin", b"sec-fetch-site", b"host", b"content-type"):
            headers.setdefault(name, value)
        elif name == b"content-length":
            has_body = has_body or value.strip().lstrip(b"0") != b""
        elif name == b"transfer-encoding":
            has_body = True
    if headers.get(b"authorization", b"")[:6].lower() == b"basic " and _from_elsewhere(headers):
        raise ProblemError(
            403,
            "cross_site_credentials",
            "a browser request from another site may not carry Basic credentials; "
            "call from a program, or with an API key",
        )
    method = scope.get("method", "GET")
    ctype = headers.get(b"content-type")
    if method in _NO_BODY_METHODS or (ctype is None and not has_body):
        return
    media = (ctype or b"").split(b";", 1)[0].strip().lower().decode("latin-1")
    path = scope.get("path", "")
    if media == JSON or (media == MULTIPART and path in MULTIPART_PATHS):
        return
    wanted = f"{JSON} or {MULTIPART}" if path in MULTIPART_PATHS else JSON
    got = f"a body of {media}" if media else "a body without a Content-Type"
    raise ProblemError(415, "unsupported_media_type", f"{got}: send {wanted}")


def _from_elsewhere(headers: dict[bytes, bytes]) -> bool:
    site = headers.get(b"sec-fetch-site", b"").strip().lower()
    if site in (b"cross-site", b"same-site"):
        return True
    origin = headers.get(b"origin")
    if origin is None:
        return False
    return not _same_origin(origin.decode("latin-1").strip(), headers.get(b"host", b"").decode("latin-1"))


def _same_origin(origin: str, host: str) -> bool:
    """Whether Origin names this server as the request reached it (its Host).

    Only host and port are compared: behind a proxy that ends TLS the request arrives
    as http while the page's origin is https."""
    if origin == "null":  # an opaque origin: a sandboxed frame, a file, a redirect
        return False
    try:
        o = urlsplit(origin)
        h = urlsplit("//" + host)
        o_port = o.port or _DEFAULT_PORTS.get(o.scheme)
        h_port = h.port or _DEFAULT_PORTS.get(o.scheme)
    except ValueError:
        return False
    return bool(o.hostname) and o.hostname == h.hostname and o_port == h_port


def csrf_guard(app: ASGIApp) -> ASGIApp:
    """litestar middleware: the rules of ``check`` before routing to a handler."""

    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == ScopeType.HTTP:
            check(scope)
        await app(scope, receive, send)

    return middleware
