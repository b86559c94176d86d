"""DKIM signing of outgoing mail (RFC 6376) with Ed25519 (RFC 8463) and RSA, through dkimpy.

Every local domain has two keys, Ed25519 and RSA-2048, and outgoing messages carry a
signature by each: receivers that understand Ed25519 use it, the others use RSA.
Signatures use relaxed/relaxed canonicalization, a timestamp, no body length limit,
and oversign From so a second From cannot be added after signing.

Implemented: key generation, the DNS TXT record to publish, signing, and a verify
helper taking the TXT lookup as a function (tests). Not here: verifying incoming
mail, with RFC 8601 results, is mta.dkimverify; ARC is not implemented.
"""

from __future__ import annotations

import base64
import functools
import os
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, Literal

import dkim as dkimpy
import msgspec
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ed25519, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import Prehashed

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


# dkimpy signs RSA in pure Python (about 6 ms per 2048-bit signature); the same
# RSASSA-PKCS1-v1_5 signature from the cryptography package takes a fraction of that.
# dkimpy calls the module-level function by name, so it is replaced there; the key
# dict it passes is turned into a key object once per key.
_rsa_keys: dict[int, rsa.RSAPrivateKey] = {}


def _fast_rsa_sign(hash: Any, private_key: dict[str, int]) -> bytes:
    n = private_key["modulus"]
    key = _rsa_keys.get(n)
    if key is None:
        numbers = rsa.RSAPrivateNumbers(
            p=private_key["prime1"],
            q=private_key["prime2"],
            d=private_key["privateExponent"],
            dmp1=private_key["exponent1"],
            dmq1=private_key["exponent2"],
            iqmp=private_key["coefficient"],
            public_numbers=rsa.RSAPublicNumbers(private_key["publicExponent"], n),
        )
        key = numbers.private_key(unsafe_skip_rsa_key_validation=True)
        if len(_rsa_keys) > 1024:
            _rsa_keys.clear()
        _rsa_keys[n] = key
    algorithm = {"sha256": hashes.SHA256(), "sha1": hashes.SHA1()}[hash.name]  # noqa: S303 - verifying old mail
    return key.sign(hash.digest(), padding.PKCS1v15(), Prehashed(algorithm))


if getattr(dkimpy, "RSASSA_PKCS1_v1_5_sign", None) is not None:
    dkimpy.RSASSA_PKCS1_v1_5_sign = _fast_rsa_sign


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
def _signing_key(key: DKIMKey) -> tuple[bytes, bytes]:
    """dkimpy's private key form and algorithm: PEM for RSA, base64 of the seed for Ed25519.

    Cached: loading an RSA key checks it, which costs tens of milliseconds."""
    if key.algorithm == "rsa":
        return key.private_pem.encode(), b"rsa-sha256"
    k = _load(key)
    if isinstance(k, ed25519.Ed25519PrivateKey):
        seed = k.private_bytes(
            serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
        )
        return base64.b64encode(seed), b"ed25519-sha256"
    return key.private_pem.encode(), b"rsa-sha256"


def _present(message: bytes) -> set[bytes]:
    end = message.find(b"\r\n\r\n")
    head = message if end < 0 else message[:end]
    names = set()
    for line in head.split(b"\r\n"):
        if line and line[:1] not in (b" ", b"\t"):
            names.add(line.partition(b":")[0].strip().lower())
    return names


def sign(message: bytes, domain: str, keys: list[DKIMKey], headers: list[bytes] | None = None) -> bytes:
    """DKIM-Signature fields (CRLF-terminated, Ed25519 first) to prepend to message."""
    present = _present(message)
    include = [h for h in (headers or SIGNED_HEADERS) if h in present]
    if b"from" not in include:
        raise ValueError("a message without From: cannot be DKIM-signed")
    include.append(b"from")  # oversign: no second From can be added later
    out = b""
    for key in sorted(keys, key=lambda k: k.algorithm != "ed25519"):
        privkey, algorithm = _signing_key(key)
        d = dkimpy.DKIM(message, signature_algorithm=algorithm, linesep=b"\r\n")
        sig: bytes = d.sign(
            key.selector.encode(),
            domain.encode(),
            privkey,
            canonicalize=(b"relaxed", b"relaxed"),
            include_headers=include,
        )
        out += sig
    return out


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
