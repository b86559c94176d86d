"""A small HTTP/1.1 client for webhook calls (RFC 9112): one POST per connection.

Written for this one job rather than taken from a general client because the call
must connect to the address the SSRF check approved (webhooks/ssrf.py), never
follow redirects, bound the whole call by one timeout, and keep only an excerpt of
the answer. HTTPS verifies the certificate against the URL's host name (SNI).
Not implemented: keep-alive, HTTP/2, proxies, compressed responses.
"""

from __future__ import annotations

import asyncio
import ssl

import msgspec

from webhooks.ssrf import check_url, resolve

EXCERPT = 1024
MAX_HEADER = 64 * 1024


class Response(msgspec.Struct, frozen=True):
    status: int
    excerpt: str  # the start of the body, for the delivery history


class CallError(Exception):
    """The call got no HTTP answer: refused URL, DNS, connect, TLS, timeout, bad response."""


_tls: ssl.SSLContext | None = None


def _tls_context() -> ssl.SSLContext:
    global _tls
    if _tls is None:
        _tls = ssl.create_default_context()
    return _tls


async def post(
    url: str,
    headers: dict[str, str],
    body: bytes,
    *,
    timeout: float,
    allow_private: bool,
    tls_context: ssl.SSLContext | None = None,
) -> Response:
    try:
        async with asyncio.timeout(timeout):
            return await _post(url, headers, body, allow_private, tls_context)
    except TimeoutError:
        raise CallError(f"no answer within {timeout:g} s") from None
    except ValueError as e:  # URLRefused and malformed answers
        raise CallError(str(e)) from None
    except ssl.SSLError as e:
        raise CallError(f"TLS: {e.reason or e}") from None
    except OSError as e:
        raise CallError(f"connection: {e.strerror or e}") from None


async def _post(
    url: str, headers: dict[str, str], body: bytes, allow_private: bool, tls_context: ssl.SSLContext | None
) -> Response:
    scheme, host, port, target = check_url(url)
    ips = await resolve(host, port, allow_private)
    tls = (tls_context or _tls_context()) if scheme == "https" else None
    last: OSError | None = None
    for ip in ips:
        try:
            reader, writer = await asyncio.open_connection(
                ip, port, ssl=tls, server_hostname=host if tls else None, limit=MAX_HEADER
            )
        except OSError as e:
            last = e
            continue
        try:
            default_port = 443 if scheme == "https" else 80
            host_header = host if port == default_port else f"{host}:{port}"
            if ":" in host and not host.startswith("["):
                host_header = f"[{host}]" if port == default_port else f"[{host}]:{port}"
            lines = [f"POST {target} HTTP/1.1", f"Host: {host_header}"]
            lines += [f"{k}: {v}" for k, v in headers.items()]
            lines += [f"Content-Length: {len(body)}", "Connection: close", "", ""]
            writer.write("\r\n".join(lines).encode("utf-8") + body)
            await writer.drain()
            return await _read_response(reader)
        finally:
            writer.close()
            try:
                await writer.wait_closed()
            except (OSError, ssl.SSLError):
                pass
    assert last is not None
    raise last


async def _read_response(reader: asyncio.StreamReader) -> Response:
    for _ in range(10):  # interim 1xx answers (100 Continue, 103 Early Hints) come first
        try:
            head = await reader.readuntil(b"\r\n\r\n")
        except asyncio.IncompleteReadError:
            raise ValueError("the connection closed before an HTTP answer") from None
        except asyncio.LimitOverrunError:
            raise ValueError("the answer's header is too large") from None
        status_line, _, rest = head.decode("latin-1").partition("\r\n")
        parts = status_line.split(" ", 2)
        if len(parts) < 2 or not parts[0].startswith("HTTP/") or not parts[1].isdigit():
            raise ValueError(f"not an HTTP answer: {status_line[:100]!r}")
        status = int(parts[1])
        if status >= 200:
            break
    else:
        raise ValueError("only interim (1xx) answers")
    fields: dict[str, str] = {}
    for line in rest.split("\r\n"):
        k, sep, v = line.partition(":")
        if sep:
            fields[k.strip().lower()] = v.strip()
    try:
        async with asyncio.timeout(2):
            data = await _read_excerpt(reader, fields)
    except (ValueError, asyncio.IncompleteReadError, TimeoutError):
        data = b""  # the status is what counts; a slow or broken body only loses the excerpt
    return Response(status=status, excerpt=data.decode("utf-8", "replace"))


async def _read_excerpt(reader: asyncio.StreamReader, fields: dict[str, str]) -> bytes:
    if "chunked" in fields.get("transfer-encoding", "").lower():
        size_line = await reader.readline()
        size = int(size_line.split(b";")[0].strip() or b"0", 16)
        return await reader.readexactly(min(size, EXCERPT))
    if "content-length" in fields:
        n = min(int(fields["content-length"]), EXCERPT)
        return await reader.readexactly(n) if n > 0 else b""
    return await reader.read(EXCERPT)
