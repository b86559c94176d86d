"""DKIM verification of incoming mail (RFC 6376 section 6), through dkimpy.

dkimpy does the cryptography and canonicalization; its key lookup (``dnsfunc``) is
synchronous, so the key records are fetched first through our ``mta.dns.Resolver``
(concurrently, under the caller's time limit) and handed to it from a table, and
the verification runs in a thread (dkimpy's RSA is pure Python).

Each signature gets an RFC 8601 result: ``pass``; ``fail`` when the signature or the
body hash does not verify or the signature is otherwise rejected by dkimpy
(expired, a key too small); ``permerror`` for a signature without d=/s=, no key
record, or a malformed key; ``temperror`` when the key lookup failed temporarily.
The message's result is ``pass`` if any signature passed, else ``temperror``,
``fail``, ``permerror`` in that order, and ``none`` without signatures.

At most ``MAX_SIGNATURES`` signatures are checked. Not implemented: ARC (RFC 8617),
the i= identity in results, and a separate policy for l= (body length) signatures,
which dkimpy verifies as signed.
"""

from __future__ import annotations

import asyncio
from typing import Literal

import dkim as dkimpy
import msgspec

from mta.dns import DNSError, Resolver
from mta.message.headers import parse_headers

Result = Literal["none", "pass", "fail", "temperror", "permerror"]
MAX_SIGNATURES = 10


class Signature(msgspec.Struct, frozen=True):
    result: Result
    domain: str  # d=
    selector: str  # s=
    algorithm: str = ""  # a=
    b: str = ""  # the start of b=, which tells signatures apart (RFC 6008)
    comment: str = ""


class DKIMResult(msgspec.Struct, frozen=True):
    result: Result
    signatures: list[Signature] = []

    @property
    def passed(self) -> list[str]:
        """The signing domains (d=) with a signature that verified."""
        return list(dict.fromkeys(s.domain for s in self.signatures if s.result == "pass"))


def _tags(value: bytes) -> dict[bytes, bytes]:
    try:
        tags: dict[bytes, bytes] = dkimpy.util.parse_tag_value(value)
        return tags
    except dkimpy.util.InvalidTagValueList:
        return {}


def _key_name(tags: dict[bytes, bytes]) -> str:
    s, d = tags.get(b"s", b""), tags.get(b"d", b"")
    return f"{s.decode('ascii', 'replace')}._domainkey.{d.decode('ascii', 'replace')}".lower() if s and d else ""


async def verify(resolver: Resolver, message: bytes) -> DKIMResult:
    values = parse_headers(message).get_all("dkim-signature") or []
    if not values:
        return DKIMResult("none")
    names = {_key_name(_tags(str(v).encode("utf-8", "replace"))) for v in values[:MAX_SIGNATURES]} - {""}
    keys: dict[str, list[str] | DNSError] = {}

    async def fetch(name: str) -> None:
        try:
            keys[name] = await resolver.txt(name)
        except DNSError as e:
            keys[name] = e

    await asyncio.gather(*(fetch(n) for n in names))
    return await asyncio.to_thread(_verify, message, keys)


MAX_RSA_BITS = 4096
MAX_RSA_EXPONENT = 2**32 + 1


def _verify(message: bytes, keys: dict[str, list[str] | DNSError]) -> DKIMResult:
    try:
        d = dkimpy.DKIM(message)
    except dkimpy.DKIMException as e:
        return DKIMResult("permerror", [Signature("permerror", "", "", comment=f"unparsable message: {e}")])
    raws = [v for k, v in d.headers if k.lower() == b"dkim-signature"][:MAX_SIGNATURES]
    out: list[Signature] = []
    for i, raw in enumerate(raws):
        tags = _tags(raw)
        domain = tags.get(b"d", b"").decode("ascii", "replace").lower()
        selector = tags.get(b"s", b"").decode("ascii", "replace")
        algorithm = tags.get(b"a", b"").decode("ascii", "replace")
        b = b"".join(tags.get(b"b", b"").split())[:8].decode("ascii", "replace")

        def sig(result: Result, comment: str = "") -> Signature:
            return Signature(result, domain, selector, algorithm, b, comment)  # noqa: B023 - used at once

        name = _key_name(tags)
        if not name:
            out.append(sig("permerror", "signature without d= or s="))
            continue
        answer = keys.get(name, [])
        if isinstance(answer, DNSError):
            out.append(sig("temperror" if answer.temporary else "permerror", str(answer)))
            continue
        records = [r for r in answer if "p=" in r]
        if not records:
            out.append(sig("permerror", f"no key at {name}"))
            continue
        key = records[0].encode("utf-8", "replace")
        try:
            pk, keysize, ktag, _ = dkimpy.evaluate_pk(name.encode(), key)
        except (dkimpy.DKIMException, ValueError) as e:
            out.append(sig("permerror", f"bad key: {e}"))
            continue
        if ktag == b"rsa" and (keysize > MAX_RSA_BITS or pk["publicExponent"] > MAX_RSA_EXPONENT):
            # RFC 6376 3.3.3 lets verifiers refuse keys over 2048 bits; a huge modulus or
            # exponent would hold the interpreter for seconds in dkimpy's pure-Python RSA.
            out.append(sig("permerror", f"RSA key of {keysize} bits or exponent too large"))
            continue
        try:
            ok = bool(d.verify(idx=i, dnsfunc=lambda _name, timeout=5: key))  # noqa: B023 - called here
        except dkimpy.DKIMException as e:
            out.append(sig("fail", str(e)[:200]))
            continue
        out.append(sig("pass") if ok else sig("fail", "signature did not verify"))
    results = {s.result for s in out}
    order: tuple[Result, ...] = ("pass", "temperror", "fail")
    return DKIMResult(next((r for r in order if r in results), "permerror"), out)
