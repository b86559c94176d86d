"""DMARC: does the From: domain stand behind this message (RFC 7489).

``verify`` finds the policy record at ``_dmarc.<From domain>``, or at the
organizational domain's when there is none (section 6.6.3; the organizational
domain comes from the Public Suffix List through ``publicsuffixlist``), and checks
that an SPF pass or a DKIM pass is aligned with the From: domain, relaxed (same
organizational domain) or strict (same name) as adkim=/aspf= say.

Results are RFC 8601 words: ``pass``, ``fail``, ``none`` (no record, or no usable
one), ``temperror`` (the record could not be fetched, or nothing aligned passed and
SPF or DKIM had a temporary error), ``permerror`` (a record with invalid tag values,
or a message without a From: domain). A From: with addresses in several domains is
checked for each, and the strictest policy among those that fail applies (6.6.1).
Domains are compared and looked up as A-labels (RFC 8616). The policy the domain asks
for (p=, or sp= for a subdomain found through its organizational domain) and pct=
are returned; applying them (quarantine, reject) is not implemented, nor are
reports (rua=, ruf=), which are parsed past.
"""

from __future__ import annotations

import email.utils
import functools
import re
from typing import Literal

import msgspec
from publicsuffixlist import PublicSuffixList

from mta.dns import DNSError, Resolver
from mta.smtp.address import AddressError, normalize_domain

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


def a_label(domain: str) -> str:
    """A domain in its ASCII (A-label) form, lower case (RFC 8616 section 6); as given
    when it is not a valid domain."""
    try:
        return normalize_domain(domain.rstrip("."))
    except AddressError:
        return domain.lower().rstrip(".")


def aligned(domain: str, from_domain: str, mode: str) -> bool:
    a, b = a_label(domain), a_label(from_domain)
    if mode == "s":
        return a == b
    return organizational_domain(a) == organizational_domain(b)


def from_domains(values: list[str]) -> list[str]:
    """The RFC5322.From domains of the From: field values, as A-labels, in order."""
    out: list[str] = []
    for _, addr in email.utils.getaddresses(values):
        if "@" in addr:
            d = a_label(addr.rpartition("@")[2])
            if d and d not in out:
                out.append(d)
    return out


_RANK = {"": 0, "none": 1, "quarantine": 2, "reject": 3}


def combine(results: list[DMARCResult]) -> DMARCResult:
    """One verdict for a From with several domains (RFC 7489 6.6.1): the strictest policy
    among the checks that fail; else a temperror or permerror if one had it; else pass if
    all passed; else the first result."""
    failing = [r for r in results if r.result == "fail"]
    if failing:
        return max(failing, key=lambda r: _RANK[r.policy])
    for kind in ("temperror", "permerror"):
        for r in results:
            if r.result == kind:
                return r
    if all(r.result == "pass" for r in results):
        return results[0]
    return next((r for r in results if r.result != "pass"), results[0])


def parse(txt: str) -> Record | None:
    """A DMARC record; None when it is not one (no v=DMARC1 first, or no valid p= and no rua=).

    ValueError for a tag with an invalid value."""
    tags: dict[str, str] = {}
    for i, part in enumerate(txt.split(";")):
        name, sep, value = part.partition("=")
        name, value = name.strip().lower(), value.strip()
        if i == 0 and (name != "v" or value != "DMARC1"):  # section 6.4: WSP around "=" is allowed
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


_VERSION = re.compile(r"\s*v\s*=\s*DMARC1\s*(;|$)")


async def _lookup(resolver: Resolver, domain: str) -> Record | Literal["none", "several"]:
    """The one DMARC record at _dmarc.domain, or "none", or "several" (section 6.6.3:
    several records end discovery; only "none" sends it on to the organizational domain)."""
    records = [t for t in await resolver.txt(f"_dmarc.{domain}") if _VERSION.match(t)]
    parsed = [r for r in (parse(t) for t in records) if r is not None]
    if not parsed:
        return "none"
    return parsed[0] if len(parsed) == 1 else "several"


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
    from_dom = a_label(from_dom)
    org = organizational_domain(from_dom)
    record_domain = from_dom
    try:
        found = await _lookup(resolver, from_dom)
        if found == "none" and org != from_dom:
            record_domain = org
            found = await _lookup(resolver, org)
    except DNSError as e:
        result: Result = "temperror" if e.temporary else "none"
        return DMARCResult(result, from_dom, comment=str(e))
    except ValueError as e:
        return DMARCResult("permerror", from_dom, record_domain=record_domain, comment=f"invalid record: {e}")
    if found == "several":
        return DMARCResult("none", from_dom, comment=f"several DMARC records at {record_domain}: none applies")
    if found == "none":
        return DMARCResult("none", from_dom, comment=f"no DMARC record for {from_dom}")
    record = found
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
