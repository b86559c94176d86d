"""DNS lookups for delivery (RFC 5321 section 5, RFC 7505 null MX) and for checking
senders (TXT for SPF, DKIM and DMARC), through dnspython.

``Resolver`` is the boundary: the system resolver in production, a table in tests.
Errors say whether they are worth retrying (a timeout or SERVFAIL) or final (the
domain does not exist). TXT lookups treat a missing name like a name without TXT.
"""

from __future__ import annotations

import random
from typing import Protocol

import dns.asyncresolver
import dns.exception
import dns.resolver
import msgspec


class DNSError(Exception):
    def __init__(self, message: str, temporary: bool) -> None:
        super().__init__(message)
        self.temporary = temporary


class MX(msgspec.Struct, frozen=True):
    preference: int
    host: str  # without trailing dot; "" for a null MX


class Resolver(Protocol):
    async def mx(self, domain: str) -> list[MX]:
        """MX records; [] when the domain exists without MX. DNSError otherwise."""
        ...

    async def addresses(self, host: str) -> list[str]:
        """IPv6 and IPv4 addresses of host, IPv6 first; [] when there are none."""
        ...

    async def txt(self, name: str) -> list[str]:
        """TXT records, each one's strings joined (RFC 7208 section 3.3); [] when the name
        does not exist or has none. DNSError (temporary) when the answer cannot be had."""
        ...


class SystemResolver:
    def __init__(self, timeout: float = 10.0) -> None:
        self._r = dns.asyncresolver.Resolver()
        self._r.lifetime = timeout

    async def mx(self, domain: str) -> list[MX]:
        try:
            ans = await self._r.resolve(domain, "MX")
        except dns.resolver.NXDOMAIN:
            raise DNSError(f"domain {domain} does not exist", temporary=False) from None
        except dns.resolver.NoAnswer:
            return []
        except (dns.resolver.NoNameservers, dns.exception.Timeout, dns.resolver.LifetimeTimeout) as e:
            raise DNSError(f"looking up MX of {domain}: {e}", temporary=True) from None
        return [MX(int(r.preference), str(r.exchange).rstrip(".")) for r in ans]

    async def addresses(self, host: str) -> list[str]:
        out: list[str] = []
        nx = 0
        for rtype in ("AAAA", "A"):
            try:
                ans = await self._r.resolve(host, rtype)
            except dns.resolver.NXDOMAIN:
                nx += 1
                continue
            except dns.resolver.NoAnswer:
                continue
            except (dns.resolver.NoNameservers, dns.exception.Timeout, dns.resolver.LifetimeTimeout) as e:
                raise DNSError(f"looking up {rtype} of {host}: {e}", temporary=True) from None
            out.extend(r.to_text() for r in ans)
        if nx == 2:
            raise DNSError(f"host {host} does not exist", temporary=False)
        return out

    async def txt(self, name: str) -> list[str]:
        try:
            ans = await self._r.resolve(name, "TXT")
        except (dns.resolver.NXDOMAIN, dns.resolver.NoAnswer):
            return []
        except (dns.resolver.NoNameservers, dns.exception.Timeout, dns.resolver.LifetimeTimeout) as e:
            raise DNSError(f"looking up TXT of {name}: {e}", temporary=True) from None
        except dns.exception.DNSException as e:  # a name that cannot be a DNS name, for one
            raise DNSError(f"looking up TXT of {name}: {e}", temporary=False) from None
        return [b"".join(r.strings).decode("utf-8", "replace") for r in ans]


def order_mx(records: list[MX]) -> list[MX]:
    """Preference order, equal preferences shuffled (RFC 5321 section 5.1)."""
    rs = list(records)
    random.shuffle(rs)
    return sorted(rs, key=lambda r: r.preference)


def is_null_mx(records: list[MX]) -> bool:
    return len(records) == 1 and records[0].host in ("", ".")
