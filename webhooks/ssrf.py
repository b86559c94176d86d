"""Webhook URL checks: no SSRF through a webhook (loopback, private, link-local and other
non-public addresses are refused unless the operator allows them).

A URL is checked when it is configured, and its host is resolved and checked again
before every call; the call then connects to exactly the address that was checked
(webhooks/http.py), so a DNS answer that changes between check and connect cannot
point a call at an internal address. Redirects are not followed.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from urllib.parse import quote, urlsplit

from mta.smtp.address import AddressError, normalize_domain

MAX_URL = 2000


class URLRefused(ValueError):
    def __init__(self, message: str, *, private: bool = False) -> None:
        super().__init__(message)
        self.private = private  # refused only because the address is not public


def check_url(url: str) -> tuple[str, str, int, str]:
    """Syntax: http(s), a host, no credentials. Returns (scheme, host, port, path?query):
    the host lower-cased, an international name as its A-label (IDNA 2003, as for mail
    domains); the path and query with non-ASCII characters percent-encoded."""
    if len(url) > MAX_URL:
        raise URLRefused(f"the URL is longer than {MAX_URL} characters")
    if any(c in url for c in "\r\n\t ") or not url.isprintable():
        raise URLRefused("the URL contains spaces or control characters")
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - validates the port
    except ValueError as e:
        raise URLRefused(f"the URL is malformed: {e}") from None
    if parts.scheme not in ("http", "https"):
        raise URLRefused("the URL must start with http:// or https://")
    if not parts.hostname:
        raise URLRefused("the URL has no host")
    if parts.username or parts.password:
        raise URLRefused("credentials do not belong in the URL; use the authorization setting")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise URLRefused("the URL has an invalid port") from None
    host = parts.hostname  # lower-cased by urlsplit
    if not host.isascii():
        try:
            host = normalize_domain(host)  # an international name as its A-label, for DNS and Host:
        except AddressError as e:
            raise URLRefused(f"the URL's host is not a valid domain name: {e}") from None
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    # Non-ASCII in the path or query goes out percent-encoded as UTF-8 (RFC 3986 3.3).
    target = "".join(c if c.isascii() else quote(c, safe="") for c in target)
    return parts.scheme, host, port, target


# IPv6 ranges that carry an IPv4 address a gateway may translate into an internal one:
# NAT64 (RFC 6052, RFC 8215), 6to4 (RFC 3056), IPv4-compatible and IPv4-translated forms.
_EMBEDDING = [
    ipaddress.ip_network(n)
    for n in ("64:ff9b::/96", "64:ff9b:1::/48", "2002::/16", "::/96", "::ffff:0:0:0/96", "2001::/32")
]


def is_public(ip: str) -> bool:
    addr = ipaddress.ip_address(ip)
    if isinstance(addr, ipaddress.IPv6Address):
        if addr.ipv4_mapped is not None:
            addr = addr.ipv4_mapped
        elif any(addr in net for net in _EMBEDDING):
            return False  # refused outright: what it reaches depends on the network
    return addr.is_global and not addr.is_multicast


async def resolve(host: str, port: int, allow_private: bool) -> list[str]:
    """The addresses a call to host may connect to; URLRefused if any is not public
    (unless allowed) or the name does not resolve."""
    loop = asyncio.get_running_loop()
    try:
        infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as e:
        raise URLRefused(f"{host} does not resolve: {e}") from None
    ips: list[str] = []
    for info in infos:
        ip = str(info[4][0])
        if not allow_private and not is_public(ip):
            raise URLRefused(f"{host} resolves to {ip}, which is not a public address", private=True)
        if ip not in ips:
            ips.append(ip)
    if not ips:
        raise URLRefused(f"{host} has no addresses")
    return ips


async def check_destination(url: str, allow_private: bool) -> None:
    """Refuse a URL that is malformed or whose host resolves to a non-public address."""
    _, host, port, _ = check_url(url)
    await resolve(host, port, allow_private)
