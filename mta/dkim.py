"""DKIM signing of outgoing mail (RFC 6376) with Ed25519 (RFC 8463) and RSA.

Every local domain has two keys, Ed25519 and RSA-2048, and outgoing messages carry a
signature by each: receivers that understand Ed25519 use it, the others use RSA.
Signatures use relaxed/relaxed canonicalization, a timestamp, no body length limit,
and oversign From so a second From cannot be added after signing.

Implemented: key generation, the DNS TXT record to publish, signing, and a verify
helper taking the TXT lookup as a function (tests). Signing is done here rather than
by dkimpy: relaxed canonicalization is a few lines (RFC 6376 section 3.4), and
dkimpy's Python header handling and per-call key parsing cost more than the
signatures themselves on the send path; dkimpy verifies what is signed here in the
tests, and verifies incoming mail. prepare() does the canonicalization and
signature() the key operation, so a caller can run the RSA operation (which lets go
of the GIL) in a thread and the rest where it likes. Not here: verifying incoming
mail, with RFC 8601 results, is mta.dkimverify; ARC is not implemented.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import os
import re
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Literal, NamedTuple

import dkim as dkimpy
import msgspec
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ed25519, padding, rsa

SIGNED_HEADERS = [
    b"from",
    b"to",
    b"cc",
    b"subject",
    b"date",
    b"message-id",
    b"reply-to",
    b"in-reply-to",
    b"references",
    b"mime-version",
    b"content-type",
    b"content-transfer-encoding",
    b"list-unsubscribe",
    b"list-unsubscribe-post",
]


class DKIMKey(msgspec.Struct, frozen=True):
    selector: str
    algorithm: Literal["ed25519", "rsa"]
    private_pem: str  # PKCS#8 PEM


def generate_keys(now: datetime | None = None) -> list[DKIMKey]:
    """One Ed25519 and one RSA-2048 key, with selectors unique by date and a random suffix."""
    now = now or datetime.now(UTC)
    suffix = f"{now:%Y%m}{os.urandom(2).hex()}"
    enc = serialization.Encoding.PEM
    fmt = serialization.PrivateFormat.PKCS8
    none = serialization.NoEncryption()
    ed = ed25519.Ed25519PrivateKey.generate().private_bytes(enc, fmt, none).decode()
    rs = rsa.generate_private_key(public_exponent=65537, key_size=2048).private_bytes(enc, fmt, none).decode()
    return [
        DKIMKey(selector=f"mwed{suffix}", algorithm="ed25519", private_pem=ed),
        DKIMKey(selector=f"mwrsa{suffix}", algorithm="rsa", private_pem=rs),
    ]


def _load(key: DKIMKey) -> ed25519.Ed25519PrivateKey | rsa.RSAPrivateKey:
    k = serialization.load_pem_private_key(key.private_pem.encode(), password=None)
    if not isinstance(k, ed25519.Ed25519PrivateKey | rsa.RSAPrivateKey):
        raise ValueError(f"DKIM key {key.selector} is neither Ed25519 nor RSA")
    return k


def dns_record(key: DKIMKey) -> str:
    """The TXT value to publish at ``<selector>._domainkey.<domain>``."""
    k = _load(key)
    if isinstance(k, ed25519.Ed25519PrivateKey):
        raw = k.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        return f"v=DKIM1; k=ed25519; p={base64.b64encode(raw).decode()}"
    der = k.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    return f"v=DKIM1; k=rsa; p={base64.b64encode(der).decode()}"


@functools.lru_cache(maxsize=256)
def _private_key(key: DKIMKey) -> ed25519.Ed25519PrivateKey | rsa.RSAPrivateKey:
    """The key object, parsed once: loading an RSA key checks it, which costs milliseconds."""
    return _load(key)


_WSP = re.compile(rb"[ \t]+")
# Runs that relaxed canonicalization changes: a single space is canonical already, and
# replacing every one of them was most of the cost of canonicalizing a body.
_WSP_RUN = re.compile(rb"[ \t]*\t[ \t]*| {2,}")
_TRAILING_WSP = re.compile(rb"[ \t]+\r\n")
_FOLD = re.compile(rb"\r\n(?=[ \t])")


def relaxed_body(body: bytes) -> bytes:
    """RFC 6376 section 3.4.4: runs of WSP as one SP, none at line ends, no empty lines
    at the end; a non-empty body ends with CRLF."""
    if b"\t" in body or b"  " in body:
        body = _WSP_RUN.sub(b" ", body)
    if b" \r\n" in body:
        body = _TRAILING_WSP.sub(b"\r\n", body)
    # A last line without CRLF keeps its trailing space (only non-SMTP input has one),
    # as dkimpy canonicalizes it.
    body = body.rstrip(b"\r\n")
    return body + b"\r\n" if body else b""


def relaxed_header(name: bytes, value: bytes) -> bytes:
    """RFC 6376 section 3.4.2: lower-case name, unfolded value with runs of WSP as one SP,
    no WSP around the colon or at the end."""
    value = _WSP.sub(b" ", _FOLD.sub(b"", value)).strip(b" \r\n")
    return name.strip().lower() + b":" + value


def _fields(head: bytes) -> list[tuple[bytes, bytes]]:
    """(name, raw value) of each header field, continuation lines kept."""
    out: list[tuple[bytes, bytes]] = []
    for line in head.split(b"\r\n"):
        if line[:1] in (b" ", b"\t") and out:
            out[-1] = (out[-1][0], out[-1][1] + b"\r\n" + line)
        elif line:
            name, _, value = line.partition(b":")
            out.append((name, value))
    return out


_WIDTH = 76


def _words(tag: str) -> list[str]:
    """tag cut where folding whitespace may go inside its value (RFC 6376 section 3.5):
    after each colon of h=, and anywhere in the base64 of bh=."""
    name, _, value = tag.partition("=")
    if name == "h":
        parts = value.split(":")
        return [f"h={parts[0]}:", *(p + ":" for p in parts[1:-1]), parts[-1]] if len(parts) > 1 else [tag]
    if name == "bh":
        chunks = [value[i : i + 4] for i in range(0, len(value), 4)]
        return [f"bh={chunks[0]}", *chunks[1:]] if chunks else [tag]
    return [tag]


def _fold_tags(tags: list[str]) -> bytes:
    """The DKIM-Signature field folded at 76 columns: between tags, after the colons of
    h= and inside bh=; signed_field() folds the b= value the same way."""
    lines = ["DKIM-Signature:"]
    for tag in tags:
        for i, word in enumerate(_words(tag)):
            sep = " " if i == 0 else ""
            if len(lines[-1]) + len(sep) + len(word) > _WIDTH:
                lines.append(" " + word)
            else:
                lines[-1] += sep + word
    return "\r\n".join(lines).encode()


def _b64_folded(data: bytes, column: int) -> str:
    """data in base64, its first line continuing at column, each line at most 76 wide."""
    b = base64.b64encode(data).decode()
    first = max(0, _WIDTH - column)
    rest = b[first:]
    return b[:first] + "".join("\r\n " + rest[i : i + _WIDTH - 1] for i in range(0, len(rest), _WIDTH - 1))


class Unsigned(NamedTuple):
    """One DKIM-Signature field before its signature: the field up to "b=", the key,
    and the data the key signs."""

    field: bytes
    key: DKIMKey
    data: bytes


def prepare(
    message: bytes,
    domain: str,
    keys: list[DKIMKey],
    headers: list[bytes] | None = None,
    now: int | None = None,
) -> list[Unsigned]:
    """The DKIM-Signature fields of message (Ed25519 first), each waiting for signature().
    All of the work in Python; signature() is the key operation."""
    end = message.find(b"\r\n\r\n")
    head, body = (message, b"") if end < 0 else (message[: end + 2], message[end + 4 :])
    fields = _fields(head)
    present = {n.strip().lower() for n, _ in fields}
    include = [h for h in (headers or SIGNED_HEADERS) if h in present]
    if b"from" not in include:
        raise ValueError("a message without From: cannot be DKIM-signed")
    include.append(b"from")  # oversign: no second From can be added later
    # Each name in h= takes the last not yet used field of that name (RFC 6376 5.4.2).
    used: dict[bytes, int] = {}
    signed_fields = b""
    by_name: dict[bytes, list[tuple[bytes, bytes]]] = {}
    for n, v in fields:
        by_name.setdefault(n.strip().lower(), []).append((n, v))
    for h in include:
        instances = by_name.get(h, [])
        k = used.get(h, 0)
        if k < len(instances):
            n, v = instances[len(instances) - 1 - k]
            signed_fields += relaxed_header(n, v) + b"\r\n"
        used[h] = k + 1
    bh = base64.b64encode(hashlib.sha256(relaxed_body(body)).digest()).decode()
    t = int(time.time()) if now is None else now
    h_tag = "h=" + ":".join(x.decode() for x in include) + ";"
    out = []
    for key in sorted(keys, key=lambda k: k.algorithm != "ed25519"):
        algorithm = "ed25519-sha256" if key.algorithm == "ed25519" else "rsa-sha256"
        tags = [
            "v=1;",
            f"a={algorithm};",
            "c=relaxed/relaxed;",
            f"d={domain};",
            f"s={key.selector};",
            f"t={t};",
            h_tag,
            f"bh={bh};",
        ]
        unsigned = _fold_tags([*tags, "b="])
        name, _, value = unsigned.partition(b":")
        out.append(Unsigned(unsigned, key, signed_fields + relaxed_header(name, value)))
    return out


def signature(u: Unsigned) -> bytes:
    """The signature of u's data by its key. RSA lets go of the GIL while it works;
    Ed25519 takes some microseconds."""
    pk = _private_key(u.key)
    if isinstance(pk, ed25519.Ed25519PrivateKey):
        return pk.sign(hashlib.sha256(u.data).digest())  # RFC 8463: Ed25519 over the SHA-256 hash
    return pk.sign(u.data, padding.PKCS1v15(), hashes.SHA256())


def signed_field(u: Unsigned, sig: bytes) -> bytes:
    """u's DKIM-Signature field with its signature, CRLF-terminated."""
    column = len(u.field) - (u.field.rfind(b"\n") + 1)
    return u.field + _b64_folded(sig, column).encode() + b"\r\n"


def sign(
    message: bytes,
    domain: str,
    keys: list[DKIMKey],
    headers: list[bytes] | None = None,
    now: int | None = None,
) -> bytes:
    """DKIM-Signature fields (CRLF-terminated, Ed25519 first) to prepend to message."""
    return b"".join(signed_field(u, signature(u)) for u in prepare(message, domain, keys, headers, now))


def verify(message: bytes, txt_lookup: Callable[[str], str | None]) -> list[tuple[str, str, bool]]:
    """Check each DKIM-Signature; txt_lookup("sel._domainkey.dom") gives the key record."""

    def dnsfunc(name: bytes, timeout: float = 5) -> bytes | None:
        v = txt_lookup(name.decode().rstrip("."))
        return None if v is None else v.encode()

    d = dkimpy.DKIM(message)
    results: list[tuple[str, str, bool]] = []
    sigs = [v for k, v in d.headers if k.lower() == b"dkim-signature"]
    for i, raw in enumerate(sigs):
        tags = dict(
            (t.partition(b"=")[0].strip(), t.partition(b"=")[2].strip()) for t in raw.replace(b"\r\n", b"").split(b";")
        )
        try:
            ok = bool(d.verify(idx=i, dnsfunc=dnsfunc))
        except dkimpy.DKIMException:
            ok = False
        results.append((tags.get(b"d", b"").decode(), tags.get(b"s", b"").decode(), ok))
    return results
