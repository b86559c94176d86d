"""POST /v1/send with a JSON body, served without the framework's per-request machinery.

Sending is the call applications make most, and for a small message litestar's routing,
dependency injection, parameter parsing and response building cost about as much as
composing, signing and queueing it. This ASGI layer in front of the litestar
application takes the plain case, a JSON SendRequest with a Content-Length within the
body limit, and answers it with the same functions the litestar handler calls: the same
rules against cross-site requests (api.csrf), the same authentication, throttle and
scope check, the same decoding, send_one, and the same problem details for every error.

Everything else goes to litestar untouched, before any of the body is read: multipart
bodies, other media types and methods, a chunked body, an Idempotency-Key that is too
long (litestar's parameter validation answers it), a header given twice.
"""

from __future__ import annotations

import hashlib

import msgspec
from litestar.enums import ScopeType
from litestar.types import ASGIApp, HTTPResponseBodyEvent, HTTPResponseStartEvent, Receive, Scope, Send

from api.auth import principal_of, require_scope
from api.controllers.send import MAX_IDEMPOTENCY_KEY, decode_request, send_one
from api.csrf import check
from api.problems import PROBLEM_JSON, problem_of
from api.state import AppState

PATH = "/v1/send"
_WANTED = frozenset(
    {b"authorization", b"content-type", b"content-length", b"idempotency-key", b"cookie", b"x-csrf-token"}
)
_JSON = b"application/json"


def fast_send(app: ASGIApp, state: AppState, max_body: int) -> ASGIApp:
    """app with POST /v1/send (JSON) answered here; max_body: litestar's body limit."""

    async def handler(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != ScopeType.HTTP or scope["method"] != "POST" or scope["path"] != PATH:
            await app(scope, receive, send)
            return
        headers: dict[bytes, bytes] = {}
        for name, value in scope["headers"]:
            if name in _WANTED:
                if name in headers:
                    await app(scope, receive, send)
                    return
                headers[name] = value
        ctype = headers.get(b"content-type", b"").lower()
        length = headers.get(b"content-length", b"")
        key = headers.get(b"idempotency-key")
        if (
            not (ctype == _JSON or ctype.startswith(_JSON + b";"))
            or not length.isdigit()
            or int(length) > max_body
            or (key is not None and len(key) > MAX_IDEMPOTENCY_KEY)  # latin-1: a byte per character
        ):
            await app(scope, receive, send)
            return
        try:
            check(scope)  # the rules against cross-site requests, as litestar's middleware
            # Who is asking comes first, as in litestar (a dependency, resolved before
            # the handler reads the body): no body is read for a caller turned away.
            client = scope.get("client")
            csrf = headers.get(b"x-csrf-token")
            principal = await principal_of(
                headers.get(b"authorization", b"").decode("latin-1"),
                client[0] if client else "",
                state,
                cookie=headers.get(b"cookie", b"").decode("latin-1"),
                csrf=csrf.decode("latin-1") if csrf is not None else None,
                method="POST",
            )
            require_scope(principal, "send")
            chunks: list[bytes] = []
            while True:
                message = await receive()
                if message["type"] != "http.request":
                    return  # the client went away
                chunks.append(message["body"])
                if not message.get("more_body", False):
                    break
            body = b"".join(chunks)
            req = decode_request(body, "body")
            idem = (key.decode("latin-1"), hashlib.sha256(body).digest()) if key else None
            status, out = await send_one(req, principal, state, idem, client[0] if client else "")
            ctype_out = b"application/json"
            extra: dict[str, str] = {}
        except Exception as exc:
            problem, extra = problem_of(exc, PATH)
            status, out, ctype_out = problem.status, msgspec.json.encode(problem), PROBLEM_JSON.encode()
        response_headers = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in extra.items()]
        response_headers += [(b"content-type", ctype_out), (b"content-length", str(len(out)).encode())]
        start: HTTPResponseStartEvent = {"type": "http.response.start", "status": status, "headers": response_headers}
        await send(start)
        end: HTTPResponseBodyEvent = {"type": "http.response.body", "body": out, "more_body": False}
        await send(end)

    return handler
