"""The HTTP/1.1 connection (RFC 9112): uvicorn's httptools protocol, with requests it
cannot parse answered as problem details.

uvicorn answers a request line, header or chunked body that httptools refuses (raw
UTF-8 in a URL, a malformed chunk size) with a plain-text 400 before the application
sees it, and the request log then shows whatever the application made of the broken
body (a 500). Here the 400 is an ``application/problem+json`` like every other error,
and the log line of the request says 400.
"""

from __future__ import annotations

import msgspec
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from api.problems import Problem
from mta.log import get_logger

log = get_logger("http")

# Set in the ASGI scope of a request whose body turned out malformed after the
# application started on it; the request log reports this status.
REFUSED = "mailwright.refused_status"

_DETAIL = (
    "the request is not valid HTTP/1.1 (RFC 9112): a URL must be ASCII, with other characters "
    "percent-encoded (RFC 3986), and a chunked body must be well formed"
)


class ProblemHttpProtocol(HttpToolsProtocol):
    def send_400_response(self, msg: str) -> None:
        scope = getattr(self, "scope", None)
        running = scope is not None and self.cycle is not None and self.cycle.scope is scope
        if running:
            scope[REFUSED] = 400  # type: ignore[index]  # the app's request log line reports it
        else:
            client = self.client
            log.info(
                "request",
                method=scope.get("method", "") if scope else "",
                path=scope.get("path", "") if scope else "",
                status=400,
                remote_ip=client[0] if client else "",
            )
        body = msgspec.json.encode(
            Problem(
                type="https://mailwright.dev/problems/bad_request",
                title="Bad Request",
                status=400,
                code="bad_request",
                detail=_DETAIL,
            )
        )
        head = [b"HTTP/1.1 400 Bad Request\r\n"]
        for name, value in self.server_state.default_headers:
            head.append(name + b": " + value + b"\r\n")
        head.append(b"content-type: application/problem+json\r\n")
        head.append(b"content-length: " + str(len(body)).encode() + b"\r\n")
        head.append(b"connection: close\r\n\r\n")
        self.transport.write(b"".join(head) + body)
        self.transport.close()
