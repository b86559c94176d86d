"""A small HTTP/1.1 client for the timed loops: keep-alive connections, Basic auth, JSON.

httpx spends about a millisecond of CPU per request, on the same two cores as the
server it measures; this client spends a tenth of that, so the figures are the
server's. It sends what a typical client sends (Host, Authorization, Accept-Encoding:
gzip) and reads Content-Length and chunked bodies, gzip-decoded when the server
compressed them. It is for the benchmarks only: no TLS, redirects, proxies or
timeouts beyond the caller's.
"""

from __future__ import annotations

import asyncio
import base64
import zlib
from typing import Any
from urllib.parse import urlencode

import msgspec

_json = msgspec.json.Encoder()


class Reply(msgspec.Struct):
    status: int
    body: bytes

    def json(self) -> Any:
        return msgspec.json.decode(self.body)

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


class HTTP:
    """Requests to one host and port over a pool of keep-alive connections (one per
    request in flight)."""

    def __init__(self, host: str, port: int, user: str, password: str) -> None:
        self.host, self.port = host, port
        cred = base64.b64encode(f"{user}:{password}".encode()).decode()
        self._head = f"Host: {host}:{port}\r\nAuthorization: Basic {cred}\r\nAccept-Encoding: gzip\r\n"
        self._idle: list[tuple[asyncio.StreamReader, asyncio.StreamWriter]] = []

    async def request(
        self, method: str, path: str, *, json: object = None, params: dict[str, Any] | None = None
    ) -> Reply:
        target = f"{path}?{urlencode(params)}" if params else path
        body = b"" if json is None else _json.encode(json)
        head = f"{method} {target} HTTP/1.1\r\n{self._head}"
        if json is not None:
            head += "Content-Type: application/json\r\n"
        if body or method in ("POST", "PUT", "PATCH"):
            head += f"Content-Length: {len(body)}\r\n"
        request = head.encode() + b"\r\n" + body
        while True:
            reused = bool(self._idle)
            conn = self._idle.pop() if reused else await asyncio.open_connection(self.host, self.port)
            reader, writer = conn
            try:
                writer.write(request)
                status, data, keep = await _response(reader, method)
                break
            except (ConnectionError, asyncio.IncompleteReadError):
                writer.close()
                if not reused:
                    raise
                # The server closed an idle connection (keep-alive timeout) before
                # reading the request: send it again on a new one, as browsers do.
            except BaseException:
                writer.close()
                raise
        if keep:
            self._idle.append(conn)
        else:
            writer.close()
        return Reply(status, data)

    async def get(self, path: str, params: dict[str, Any] | None = None) -> Reply:
        return await self.request("GET", path, params=params)

    async def post(self, path: str, json: object) -> Reply:
        return await self.request("POST", path, json=json)

    async def close(self) -> None:
        for _, writer in self._idle:
            writer.close()
        self._idle.clear()


async def _response(reader: asyncio.StreamReader, method: str) -> tuple[int, bytes, bool]:
    """(status, body, whether the connection may be reused) of the next response."""
    lines = (await reader.readuntil(b"\r\n\r\n")).split(b"\r\n")
    status = int(lines[0].split(b" ", 2)[1])
    length: int | None = None
    chunked = gzip = close = False
    for line in lines[1:]:
        name, _, value = line.partition(b":")
        name, value = name.strip().lower(), value.strip().lower()
        if name == b"content-length":
            length = int(value)
        elif name == b"transfer-encoding":
            chunked = b"chunked" in value
        elif name == b"content-encoding":
            gzip = value == b"gzip"
        elif name == b"connection":
            close = value == b"close"
    if method == "HEAD" or status in (204, 304) or 100 <= status < 200:
        body = b""
    elif chunked:
        chunks = []
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            if size == 0:
                await _trailer(reader)
                break
            chunks.append(await reader.readexactly(size))
            await reader.readexactly(2)
        body = b"".join(chunks)
    elif length is not None:
        body = await reader.readexactly(length)
    else:
        body, close = await reader.read(), True
    if gzip:
        body = zlib.decompress(body, 16 + zlib.MAX_WBITS)
    return status, body, not close


async def _trailer(reader: asyncio.StreamReader) -> None:
    while (await reader.readuntil(b"\r\n")) != b"\r\n":
        pass
