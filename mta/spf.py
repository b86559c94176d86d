"""SPF: may this IP address send mail for this domain (RFC 7208).

``check_host`` is the function of RFC 7208 section 4: it fetches the domain's
``v=spf1`` TXT record through a ``mta.dns.Resolver`` and evaluates it for the
client's address. ``verify`` picks the identity the way a receiving server does:
the MAIL FROM domain, or the HELO name when MAIL FROM is the null path.

Implemented: the mechanisms all, include, a, mx, ip4, ip6, exists (with dual CIDR
lengths on a and mx), the qualifiers, the modifiers redirect and exp (exp is parsed
and checked but the explanation is never fetched: we reject nothing on SPF yet),
macro expansion of domain-specs (section 7: s l o d i p v h, the reverse and digit
transformers, delimiters, URL-escaping upper-case letters, %% %_ %-), the limits of
section 4.6.4 (10 DNS-querying terms, 10 MX hosts, 2 void lookups: permerror beyond),
and all seven results. Not implemented: ptr (it is deprecated, section 5.5, and
never matches here; %{p} expands to "unknown"), the c/r/t macros (only valid in exp),
and a separate HELO check before MAIL FROM (section 2.3 makes it optional).
"""

from __future__ import annotations

import ipaddress
import re
import urllib.parse
from typing import Literal

import msgspec

from mta.dns import DNSError, Resolver
from mta.smtp.address import AddressError, normalize_domain

Result = Literal["none", "neutral", "pass", "fail", "softfail", "temperror", "permerror"]
IP = ipaddress.IPv4Address | ipaddress.IPv6Address

MAX_LOOKUPS = 10  # DNS-querying terms per check_host, includes and redirects counted
MAX_VOID = 2  # lookups answering nothing (NXDOMAIN or no records)
MAX_MX = 10  # hosts of one mx mechanism

_QUALIFIERS: dict[str, Result] = {"+": "pass", "-": "fail", "~": "softfail", "?": "neutral"}
_MECHANISM = re.compile(r"([+\-~?]?)([a-z][a-z0-9_.\-]*)(.*)", re.I | re.S)
_MODIFIER = re.compile(r"([a-z][a-z0-9_.\-]*)=(.*)", re.I | re.S)
_DUAL_CIDR = re.compile(r"(?::([^/]+))?(?:/(\d{1,3}))?(?://(\d{1,3}))?")
_MACRO = re.compile(r"\{([a-z])(\d{0,3})(r?)([.\-+,/_=]*)\}", re.I)  # more than 3 digits: malformed
# Section 12: ip4-network = qnum "." qnum "." qnum "." qnum, ip4-cidr-length = "/" ("0" / %x31-39 0*1DIGIT);
# a netmask instead of a length is a syntax error.
_IP4_NET = re.compile(r"[0-9.]+(?:/(?:0|[1-9][0-9]?))?")
_IP6_NET = re.compile(r"[0-9a-fA-F:.]+(?:/(?:0|[1-9][0-9]{0,2}))?")
_TOPLABEL = re.compile(r"[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?", re.I)


class SPFResult(msgspec.Struct, frozen=True):
    result: Result
    identity: Literal["mailfrom", "helo"]
    domain: str  # the domain checked (of MAIL FROM, or the HELO name)
    comment: str = ""  # why, in a few words


class _Stop(Exception):
    """Evaluation ends with this result (temperror, permerror), wherever it is."""

    def __init__(self, result: Result, reason: str) -> None:
        super().__init__(reason)
        self.result: Result = result
        self.reason = reason


class _Term(msgspec.Struct, frozen=True):
    qualifier: Result
    name: str  # all, include, a, mx, ptr, ip4, ip6, exists
    spec: str = ""  # domain-spec (macro string) for include, a, mx, ptr, exists
    net: ipaddress.IPv4Network | ipaddress.IPv6Network | None = None  # ip4, ip6
    cidr4: int = 32
    cidr6: int = 128
    text: str = ""


class _Record(msgspec.Struct, frozen=True):
    terms: list[_Term]
    redirect: str | None = None


async def verify(resolver: Resolver, ip: str, mail_from: str, helo: str) -> SPFResult:
    """SPF for an SMTP transaction: the MAIL FROM domain, or HELO for a null sender."""
    if mail_from:
        domain = mail_from.rpartition("@")[2]
        identity: Literal["mailfrom", "helo"] = "mailfrom"
        sender = mail_from
    else:
        domain, identity, sender = helo, "helo", f"postmaster@{helo}"
    domain = domain.lower().rstrip(".")
    try:
        domain = normalize_domain(domain)  # RFC 8616 section 4: U-labels are checked as A-labels
    except AddressError:
        pass  # not a domain: check_host says so
    result, comment = await check_host(resolver, ip, domain, sender, helo)
    return SPFResult(result, identity, domain, comment)


async def check_host(resolver: Resolver, ip: str, domain: str, sender: str, helo: str = "") -> tuple[Result, str]:
    """RFC 7208 section 4: the result for ip sending as sender, by the record of domain."""
    try:
        addr: IP = ipaddress.ip_address(ip.split("%")[0])
    except ValueError:
        return "permerror", f"{ip!r} is not an IP address"
    if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped is not None:
        addr = addr.ipv4_mapped
    local, _, sender_domain = sender.rpartition("@")
    check = _Check(resolver, addr, local or "postmaster", sender_domain.lower() or domain, helo)
    try:
        return await check.run(domain.lower().rstrip("."), top=True)
    except _Stop as e:
        return e.result, e.reason


_LABEL = re.compile(r"[a-z0-9_](?:[a-z0-9_\-]{0,61}[a-z0-9_])?", re.I)


def _valid_domain(domain: str) -> bool:
    labels = domain.split(".")
    return len(labels) >= 2 and len(domain) <= 253 and all(map(_LABEL.fullmatch, labels)) and not labels[-1].isdigit()


def _truncate(domain: str) -> str:
    """Section 7.3: drop labels from the left until the name fits in 253 characters."""
    while len(domain) > 253 and "." in domain:
        domain = domain.split(".", 1)[1]
    return domain


class _Check:
    def __init__(self, resolver: Resolver, ip: IP, local: str, sender_domain: str, helo: str) -> None:
        self.resolver = resolver
        self.ip = ip
        self.local = local
        self.sender_domain = sender_domain
        self.helo = helo
        self.lookups = 0
        self.voids = 0

    def _count(self) -> None:
        self.lookups += 1
        if self.lookups > MAX_LOOKUPS:
            raise _Stop("permerror", f"more than {MAX_LOOKUPS} DNS lookups")

    def _void(self) -> None:
        self.voids += 1
        if self.voids > MAX_VOID:
            raise _Stop("permerror", f"more than {MAX_VOID} lookups found nothing")

    async def run(self, domain: str, top: bool = False) -> tuple[Result, str]:
        if not _valid_domain(domain):
            if top:
                return "none", f"{domain!r} is not a domain name"
            raise _Stop("permerror", f"{domain!r} is not a domain name")
        record = await self._record(domain)
        if record is None:
            if top:
                return "none", f"no SPF record at {domain}"
            raise _Stop("permerror", f"no SPF record at {domain}")  # include or redirect to nothing
        for term in record.terms:
            if await self._match(term, domain):
                return term.qualifier, f"{term.text} matched at {domain}"
        if record.redirect is not None:  # only consulted when no mechanism matched (and no all)
            self._count()
            return await self.run(self.expand(record.redirect, domain))
        return "neutral", f"no mechanism matched at {domain}"

    async def _record(self, domain: str) -> _Record | None:
        try:
            txts = await self.resolver.txt(domain)
        except DNSError as e:
            if e.temporary:
                raise _Stop("temperror", str(e)) from None
            txts = []
        records = [t for t in txts if t.lower() == "v=spf1" or t[:7].lower() == "v=spf1 "]
        if not records:
            return None
        if len(records) > 1:
            raise _Stop("permerror", f"{domain} has {len(records)} SPF records")
        return self._parse(records[0])

    def _parse(self, record: str) -> _Record:
        """The whole record is checked before anything is evaluated (section 4.6)."""
        terms: list[_Term] = []
        redirect: str | None = None
        exp: str | None = None
        for text in record.split()[1:]:
            mod = _MODIFIER.fullmatch(text)
            if mod is not None:
                name, value = mod.group(1).lower(), mod.group(2)
                if name == "redirect":
                    if redirect is not None:
                        raise _Stop("permerror", "redirect= twice")
                    self.expand(value, "example.org", check_only=True)
                    redirect = value
                elif name == "exp":
                    if exp is not None:
                        raise _Stop("permerror", "exp= twice")
                    exp = value  # never expanded: explanations are not fetched
                continue  # unknown modifiers are ignored (section 6)
            m = _MECHANISM.fullmatch(text)
            if m is None:
                raise _Stop("permerror", f"cannot parse {text!r}")
            terms.append(self._mechanism(text, _QUALIFIERS[m.group(1) or "+"], m.group(2).lower(), m.group(3)))
        if any(t.name == "all" for t in terms):
            redirect = None  # section 6.1: redirect is ignored when the record has all
        return _Record(terms, redirect)

    def _mechanism(self, text: str, q: Result, name: str, rest: str) -> _Term:
        bad = _Stop("permerror", f"malformed mechanism {text!r}")
        if name == "all":
            if rest:
                raise bad
            return _Term(q, name, text=text)
        if name in ("include", "exists"):
            if not rest.startswith(":") or len(rest) < 2:
                raise bad
            self.expand(rest[1:], "example.org", check_only=True)
            return _Term(q, name, spec=rest[1:], text=text)
        if name == "ptr":
            if rest and not rest.startswith(":"):
                raise bad
            return _Term(q, name, spec=rest[1:], text=text)
        if name in ("a", "mx"):
            m = _DUAL_CIDR.fullmatch(rest)
            if m is None:
                raise bad
            spec, c4, c6 = m.group(1) or "", int(m.group(2) or 32), int(m.group(3) or 128)
            if c4 > 32 or c6 > 128:
                raise bad
            if spec:
                self.expand(spec, "example.org", check_only=True)
            return _Term(q, name, spec=spec, cidr4=c4, cidr6=c6, text=text)
        if name in ("ip4", "ip6"):
            if not rest.startswith(":"):
                raise bad
            if not (_IP4_NET if name == "ip4" else _IP6_NET).fullmatch(rest[1:]):
                raise bad
            try:
                net = ipaddress.ip_network(rest[1:], strict=False)
            except ValueError:
                raise bad from None
            if net.version != (4 if name == "ip4" else 6):
                raise bad
            return _Term(q, name, net=net, text=text)
        raise _Stop("permerror", f"unknown mechanism {text!r}")

    async def _match(self, t: _Term, domain: str) -> bool:
        if t.name == "all":
            return True
        if t.net is not None:
            return self.ip in t.net
        self._count()
        target = self.expand(t.spec, domain) if t.spec else domain
        if t.name == "include":
            # pass matches; fail, softfail and neutral do not; errors have raised _Stop.
            return (await self.run(target))[0] == "pass"
        if t.name == "ptr":
            return False  # deprecated (section 5.5); not evaluated
        if t.name == "exists":
            return any(isinstance(a, ipaddress.IPv4Address) for a in await self._addresses(target, void=True))
        if t.name == "a":
            return self._in(await self._addresses(target, void=True), t)
        # mx
        try:
            mxs = await self.resolver.mx(target)
        except DNSError as e:
            if e.temporary:
                raise _Stop("temperror", str(e)) from None
            mxs = []
        hosts = [m.host for m in mxs if m.host not in ("", ".")]
        if not hosts:
            self._void()
            return False
        if len(hosts) > MAX_MX:
            raise _Stop("permerror", f"{target} has more than {MAX_MX} MX hosts")
        for host in hosts:
            if self._in(await self._addresses(host, void=False), t):
                return True
        return False

    async def _addresses(self, host: str, void: bool) -> list[IP]:
        try:
            found = await self.resolver.addresses(host)
        except DNSError as e:
            if e.temporary:
                raise _Stop("temperror", str(e)) from None
            found = []
        if not found and void:
            self._void()
        out: list[IP] = []
        for a in found:
            try:
                out.append(ipaddress.ip_address(a))
            except ValueError:
                continue
        return out

    def _in(self, addrs: list[IP], t: _Term) -> bool:
        for a in addrs:
            if a.version == self.ip.version:
                cidr = t.cidr4 if a.version == 4 else t.cidr6
                if self.ip in ipaddress.ip_network(f"{a}/{cidr}", strict=False):
                    return True
        return False

    def expand(self, spec: str, domain: str, check_only: bool = False) -> str:
        """Section 7: expand the macros of a domain-spec; permerror when malformed.
        check_only: only check the syntax, including the domain-end (section 12: a
        domain-spec ends in a macro or in "." and a top label)."""
        if check_only and not spec.endswith("}"):
            head, dot, top = spec.rstrip(".").rpartition(".")
            if not dot or not head or not _TOPLABEL.fullmatch(top) or top.isdigit():
                raise _Stop("permerror", f"{spec!r} is not a domain-spec (it must end in .toplabel or a macro)")
        out: list[str] = []
        i = 0
        while i < len(spec):
            c = spec[i]
            if c != "%":
                if not 0x21 <= ord(c) <= 0x7E:
                    raise _Stop("permerror", f"invalid character in {spec!r}")
                out.append(c)
                i += 1
                continue
            nxt = spec[i + 1 : i + 2]
            if nxt in ("%", "_", "-"):
                out.append({"%": "%", "_": " ", "-": "%20"}[nxt])
                i += 2
                continue
            m = _MACRO.match(spec, i + 1)
            if m is None:
                raise _Stop("permerror", f"malformed macro in {spec!r}")
            letter, digits, reverse, delims = m.groups()
            if letter.lower() not in "slodipvh":
                raise _Stop("permerror", f"macro %{{{letter}}} is not allowed here")
            if not check_only:
                out.append(self._macro(letter, digits, bool(reverse), delims, domain))
            if digits and int(digits) == 0:
                raise _Stop("permerror", f"zero parts in macro of {spec!r}")
            i = m.end()
        return _truncate("".join(out).lower().rstrip("."))

    def _macro(self, letter: str, digits: str, reverse: bool, delims: str, domain: str) -> str:
        lower = letter.lower()
        value = {
            "s": f"{self.local}@{self.sender_domain}",
            "l": self.local,
            "o": self.sender_domain,
            "d": domain,
            "h": self.helo,
            "p": "unknown",
            "v": "in-addr" if self.ip.version == 4 else "ip6",
        }.get(lower)
        if value is None:  # i: dotted quad, or dotted nibbles for IPv6
            value = str(self.ip) if self.ip.version == 4 else ".".join(self.ip.exploded.replace(":", ""))
        parts = re.split("[" + re.escape(delims or ".") + "]", value)
        if reverse:
            parts.reverse()
        if digits:
            parts = parts[-int(digits) :]
        value = ".".join(parts)
        if letter.isupper():
            value = urllib.parse.quote(value, safe="")
        return value
