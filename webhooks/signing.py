"""Standard Webhooks signatures (https://www.standardwebhooks.com/, spec v1).

Each call carries ``webhook-id`` (the same on every retry of one call),
``webhook-timestamp`` (unix seconds of this attempt) and ``webhook-signature``:
space-separated ``v1,<base64 HMAC-SHA256(secret, "id.timestamp.body")>`` values, one
per secret in use (two while a rotated-out secret is still in its grace period).
Secrets are ``whsec_`` + base64 of 24 random bytes, as the spec's libraries expect.
Not implemented: the asymmetric ``v1a`` (Ed25519) signature scheme.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

PREFIX = "whsec_"


def new_secret() -> str:
    return PREFIX + base64.b64encode(secrets.token_bytes(24)).decode("ascii")


def _key(secret: str) -> bytes:
    raw = secret.removeprefix(PREFIX)
    return base64.b64decode(raw + "=" * (-len(raw) % 4))


def sign(secret: str, msg_id: str, timestamp: int, body: bytes) -> str:
    mac = hmac.new(_key(secret), f"{msg_id}.{timestamp}.".encode() + body, hashlib.sha256).digest()
    return "v1," + base64.b64encode(mac).decode("ascii")


def headers(msg_id: str, timestamp: int, body: bytes, signing_secrets: list[str]) -> dict[str, str]:
    """The three Standard Webhooks headers for one attempt."""
    return {
        "webhook-id": msg_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": " ".join(sign(s, msg_id, timestamp, body) for s in signing_secrets if s),
    }
