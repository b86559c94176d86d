"""DMARC: does the From: domain stand behind this message (RFC 7489).

``verify`` finds the policy record at ``_dmarc.<From domain>``, or at the
organizational domain's when there is none (section 6.6.3; the organizational
domain comes from the Public Suffix List through ``publicsuffixlist``), and checks
that an SPF pass or a DKIM pass is aligned with the From: domain, relaxed (same
organizational domain) or strict (same name) as adkim=/aspf= say.

Results are RFC 8601 words: ``pass``, ``fail``, ``none`` (no record, or no usable
one), ``temperror`` (the record could not be fetched, or nothing aligned passed and
SPF or DKIM had a temporary error), ``permerror`` (a record with invalid tag values,
or a message with From: addresses in several domains). The policy the domain asks
for (p=, or sp= for a subdomain found through its organizational domain) and pct=
are returned; applying them (quarantine, reject) is not implemented, nor are
reports (rua=, ruf=), which are parsed past.
"""

from __future__ import annotations

import email.utils
import functools
from typing import Literal

import msgspec
from publicsuffixlist import PublicSuffixList

from mta.dns import DNSError, Resolver

Result = Literal["none", "pass", "fail", "temperror", "permerror"]
Policy = Literal["", "none", "quarantine", "reject"]
_POLICIES: tuple[Policy, ...] = ("none", "quarantine", "reject")


class DMARCResult(msgspec.Struct, frozen=True):
    result: Result
    from_domain: str = ""
    policy: Policy = ""  # what the domain asks for mail that fails
    pct: int = 100  # the share of failing mail the policy is for
    record_domain: str = ""  # where the record was found (the From or organizational domain)
    comment: str = ""


class Record(msgspec.Struct, frozen=True):
    p: Policy
    sp: Policy = ""
    adkim: Literal["r", "s"] = "r"
    aspf: Literal["r", "s"] = "r"
    pct: int = 100


@functools.cache
def _psl() -> PublicSuffixList:
    return PublicSuffixList()  # the list bundled with the package; reading it takes ~50 ms


def organizational_domain(domain: str) -> str:
    """Section 3.2: the public suffix plus one label; the domain itself when it is a suffix."""
    domain = domain.lower().rstrip(".")
    return _psl().privatesuffix(domain) or domain


def aligned(domain: str, from_domain: str, mode: str) -> bool:
    a, b = domain.lower().rstrip("."), from_domain.lower().rstrip(".")
    if mode == "s":
        return a == b
    return organizational_domain(a) == organizational_domain(b)


def from_domain(values: list[str]) -> tuple[str, str]:
    """The RFC5322.From domain of the From: field values, or ("", why not)."""
    domains = {
        addr.rpartition("@")[2].lower().rstrip(".") for _, addr in email.utils.getaddresses(values) if "@" in addr
    }
    domains.discard("")
    if not domains:
        return "", "no From: domain"
    if len(domains) > 1:
        return "", "From: has addresses in several domains"
    return domains.pop(), ""


def parse(txt: str) -> Record | None:
    """A DMARC record; None when it is not one (no v=DMARC1 first, or no valid p= and no rua=).

    ValueError for a tag with an invalid value."""
    tags: dict[str, str] = {}
    for i, part in enumerate(txt.split(";")):
        name, sep, value = part.partition("=")
        name, value = name.strip().lower(), value.strip()
        if i == 0 and (name != "v" or value != "DMARC1"):
            return None
        if sep and name not in tags:
            tags[name] = value
    p, sp = tags.get("p", "").lower(), tags.get("sp", "").lower()
    if p not in _POLICIES or (sp and sp not in _POLICIES):
        if not tags.get("rua"):
            return None
        p, sp = "none", ""  # section 6.6.3 step 6: act as p=none when there is somewhere to report
    adkim, aspf = tags.get("adkim", "r").lower(), tags.get("aspf", "r").lower()
    if adkim not in ("r", "s") or aspf not in ("r", "s"):
        raise ValueError("adkim= and aspf= must be r or s")
    try:
        pct = int(tags.get("pct", "100"))
    except ValueError:
        raise ValueError("pct= must be a number") from None
    if not 0 <= pct <= 100:
        raise ValueError("pct= must be 0 to 100")
    return msgspec.convert({"p": p, "sp": sp, "adkim": adkim, "aspf": aspf, "pct": pct}, Record)


async def _lookup(resolver: Resolver, domain: str) -> Record | None:
    """The one DMARC record at _dmarc.domain; None for none or several (section 6.6.3)."""
    records = [t for t in await resolver.txt(f"_dmarc.{domain}") if t.strip().lower().startswith("v=dmarc1")]
    parsed = [r for r in (parse(t) for t in records) if r is not None]
    return parsed[0] if len(parsed) == 1 else None


async def verify(
    resolver: Resolver,
    from_dom: str,
    *,
    spf: str,
    spf_domain: str,
    dkim_domains: list[str],
    temporary: bool = False,
) -> DMARCResult:
    """from_dom: the From: domain; spf: the SPF result for spf_domain (MAIL FROM or HELO);
    dkim_domains: the d= of signatures that passed; temporary: SPF or DKIM had a temperror."""
    org = organizational_domain(from_dom)
    record_domain = from_dom
    try:
        record = await _lookup(resolver, from_dom)
        if record is None and org != from_dom:
            record_domain = org
            record = await _lookup(resolver, org)
    except DNSError as e:
        result: Result = "temperror" if e.temporary else "none"
        return DMARCResult(result, from_dom, comment=str(e))
    except ValueError as e:
        return DMARCResult("permerror", from_dom, record_domain=record_domain, comment=f"invalid record: {e}")
    if record is None:
        return DMARCResult("none", from_dom, comment=f"no DMARC record for {from_dom}")
    policy = record.sp if record_domain != from_dom and record.sp else record.p

    def done(result: Result, comment: str) -> DMARCResult:
        return DMARCResult(result, from_dom, policy, record.pct, record_domain, comment)

    if spf == "pass" and aligned(spf_domain, from_dom, record.aspf):
        return done("pass", f"SPF pass for {spf_domain} is aligned")
    for d in dkim_domains:
        if aligned(d, from_dom, record.adkim):
            return done("pass", f"DKIM pass for {d} is aligned")
    if temporary:
        return done("temperror", "no aligned pass; SPF or DKIM had a temporary error")
    return done("fail", "neither SPF nor DKIM passed aligned with From:")
