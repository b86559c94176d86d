"""Sender authentication of mail received over SMTP, and its Authentication-Results (RFC 8601).

``check`` runs SPF (mta.spf, for MAIL FROM or HELO) and DKIM (mta.dkimverify)
at the same time, then DMARC (mta.dmarc) on what they found, all within one time
budget: a check that has not finished when it runs out is ``temperror``, so an
unreachable resolver delays a delivery by the budget at most. An unexpected error
in a check is logged and also counts as ``temperror``: mail is never refused or
lost because a check broke.

``header`` renders the verdict as an ``Authentication-Results:`` field with our host
name as authserv-id: one resinfo per method (one per DKIM signature, with header.d,
header.s, header.a and header.b as in RFC 6008), reasons in comments. ``strip_ours``
removes fields arriving in a message that claim our authserv-id (section 5), so a
sender cannot forge our verdict.

Not implemented: iprev, ARC (RFC 8617), reporting, and acting on DMARC policies.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Awaitable
from typing import TypeVar

import msgspec

from mta import dkimverify, dmarc, spf
from mta.dkimverify import DKIMResult
from mta.dmarc import DMARCResult
from mta.dns import Resolver
from mta.log import get_logger
from mta.spf import SPFResult
from mta.store.types import AuthResults

log = get_logger("authres")

T = TypeVar("T")


class Verdict(msgspec.Struct, frozen=True):
    spf: SPFResult
    dkim: DKIMResult
    dmarc: DMARCResult

    @property
    def results(self) -> AuthResults:
        return AuthResults(spf=self.spf.result, dkim=self.dkim.result, dmarc=self.dmarc.result)


async def _within(aw: Awaitable[T], seconds: float, what: str) -> T | None:
    try:
        async with asyncio.timeout(max(seconds, 0.0)):
            return await aw
    except TimeoutError:
        log.info("check timed out", check=what, seconds=round(seconds, 1))
    except Exception:
        log.exception("check failed", check=what)
    return None


async def check(
    resolver: Resolver, *, ip: str, mail_from: str, helo: str, message: bytes, timeout: float = 10.0
) -> Verdict:
    """SPF, DKIM and DMARC for message from ip (mail_from "" for the null sender)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    spf_r, dkim_r = await asyncio.gather(
        _within(spf.verify(resolver, ip, mail_from, helo), timeout, "spf"),
        _within(dkimverify.verify(resolver, message), timeout, "dkim"),
    )
    if spf_r is None:
        domain = mail_from.rpartition("@")[2] if mail_from else helo
        spf_r = SPFResult("temperror", "mailfrom" if mail_from else "helo", domain.lower(), "not finished in time")
    if dkim_r is None:
        dkim_r = DKIMResult("temperror")
    values = from_values(message)
    domains = dmarc.from_domains(values)
    dmarc_r: DMARCResult
    if not domains:
        dmarc_r = DMARCResult("permerror" if values else "none", comment="no From: domain")
    else:
        temporary = "temperror" in (spf_r.result, dkim_r.result)

        async def one(d: str) -> DMARCResult:
            got = await _within(
                dmarc.verify(
                    resolver,
                    d,
                    spf=spf_r.result,
                    spf_domain=spf_r.domain,
                    dkim_domains=dkim_r.passed,
                    temporary=temporary,
                ),
                deadline - loop.time(),
                "dmarc",
            )
            return got or DMARCResult("temperror", d, comment="not finished in time")

        # RFC 7489 6.6.1: each From domain is checked; the strictest failing policy applies.
        dmarc_r = dmarc.combine(list(await asyncio.gather(*(one(d) for d in domains[:MAX_FROM_DOMAINS]))))
    return Verdict(spf_r, dkim_r, dmarc_r)


MAX_FROM_DOMAINS = 10
_FROM = re.compile(rb"from[ \t]*:", re.I)


def from_values(message: bytes) -> list[str]:
    """The values of every From: field of the header, unfolded and decoded as UTF-8.
    Read here rather than by the email package, which drops "From :" (RFC 5322's
    obsolete syntax, which receivers must accept and mail readers show) as a Unix
    From_ line."""
    end = message.find(b"\r\n\r\n")
    head = message if end < 0 else message[: end + 2]
    out: list[str] = []
    current: bytes | None = None
    for line in head.split(b"\r\n"):
        if line[:1] in (b" ", b"\t"):
            if current is not None:
                current += b" " + line.strip()
            continue
        if current is not None:
            out.append(current.decode("utf-8", "replace"))
            current = None
        m = _FROM.match(line)
        if m is not None:
            current = line[m.end() :].strip()
    if current is not None:
        out.append(current.decode("utf-8", "replace"))
    return out


_TOKEN = re.compile(r"[!#$%&'*+\-.0-9A-Z^_`a-z{|}~]+")


MAX_VALUE = 200  # characters of one property value, so every line stays far below 998


def _value(s: str) -> str:
    """A property value: a token as it is, anything else as a quoted-string; cut to
    MAX_VALUE characters."""
    s = s[:MAX_VALUE]
    if _TOKEN.fullmatch(s):
        return s
    return (
        '"'
        + "".join(c if c.isascii() and c.isprintable() else "?" for c in s).replace("\\", "\\\\").replace('"', '\\"')
        + '"'
    )


def _comment(s: str) -> str:
    text = "".join(c if c.isascii() and c.isprintable() and c not in "()\\" else "?" for c in s)[:120]
    return f" ({text})" if text else ""


def header(hostname: str, v: Verdict) -> bytes:
    """The Authentication-Results field (CRLF-terminated, folded one method a line)."""
    parts = [f"spf={v.spf.result}{_comment(v.spf.comment)} smtp.{v.spf.identity}={_value(v.spf.domain or 'unknown')}"]
    if not v.dkim.signatures:
        parts.append(f"dkim={v.dkim.result}")
    for s in v.dkim.signatures:
        props = [f"header.d={_value(s.domain)}"] if s.domain else []
        if s.selector:
            props.append(f"header.s={_value(s.selector)}")
        if s.algorithm:
            props.append(f"header.a={_value(s.algorithm)}")
        if s.b:
            props.append(f"header.b={_value(s.b)}")
        parts.append(" ".join([f"dkim={s.result}{_comment(s.comment)}", *props]))
    d = v.dmarc
    why = f"p={d.policy} {d.comment}" if d.policy else d.comment
    dm = f"dmarc={d.result}{_comment(why)}"
    if d.from_domain:
        dm += f" header.from={_value(d.from_domain)}"
    parts.append(dm)
    return ("Authentication-Results: " + ";\r\n\t".join([hostname, *parts]) + "\r\n").encode()


def _uncomment(text: str) -> str:
    """text with its RFC 5322 comments (nested, with quoted-pairs) replaced by spaces;
    quoted strings are kept, with their quotes."""
    out: list[str] = []
    depth = 0
    quoted = False
    i = 0
    while i < len(text):
        c = text[i]
        if c == "\\" and i + 1 < len(text):
            if depth == 0:
                out.append(text[i : i + 2])
            i += 2
            continue
        if quoted:
            out.append(c)
            quoted = c != '"'
        elif c == '"' and depth == 0:
            out.append(c)
            quoted = True
        elif c == "(":
            depth += 1
            out.append(" ")
        elif c == ")" and depth:
            depth -= 1
        elif depth == 0:
            out.append(c)
        i += 1
    return "".join(out)


def _authserv_id(value: bytes) -> str:
    text = _uncomment(value.replace(b"\r", b"").replace(b"\n", b"").decode("utf-8", "replace"))
    first = text.strip().split(";", 1)[0].strip()
    if first.startswith('"'):  # a quoted-string authserv-id: its content, unescaped
        end = first.find('"', 1)
        while end > 0 and first[end - 1] == "\\":
            end = first.find('"', end + 1)
        first = re.sub(r"\\(.)", r"\1", first[1 : end if end > 0 else None])
    parts = first.split()
    return parts[0].lower().rstrip(".") if parts else ""


def strip_ours(message: bytes, hostname: str) -> bytes:
    """message without the Authentication-Results fields claiming hostname as authserv-id."""
    end = message.find(b"\r\n\r\n")
    end = len(message) if end < 0 else end + 2
    head = message[:end]
    if b"authentication-results" not in head.lower():
        return message
    fields: list[list[bytes]] = []
    for line in head.splitlines(keepends=True):
        if line[:1] in (b" ", b"\t") and fields:
            fields[-1].append(line)
        else:
            fields.append([line])
    ours = hostname.lower().rstrip(".")
    kept = []
    for f in fields:
        name, sep, value = b"".join(f).partition(b":")
        if sep and name.strip().lower() == b"authentication-results" and _authserv_id(value) == ours:
            continue
        kept.append(b"".join(f))
    return b"".join(kept) + message[end:]
