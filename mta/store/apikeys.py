"""API keys: created and revoked by an account, shown once, stored as a SHA-256 of the secret.

A key reads ``mw_<prefix>_<secret>``: the prefix (public) finds the row, the secret
(128 bits) is compared by its hash in constant time. Hashing a high-entropy secret
with SHA-256 is enough (no slow password hash), which keeps every API call cheap.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from collections.abc import Sequence

import msgspec

from mta.store.db import Database, Tx

SCOPES = ("send", "read", "manage")


class APIKey(msgspec.Struct, frozen=True):
    id: int
    account_id: int
    name: str
    prefix: str
    scopes: list[str]
    created: int
    last_used: int | None
    revoked: int | None


class KeyPrincipal(msgspec.Struct, frozen=True):
    key_id: int
    account_id: int
    account_name: str
    scopes: list[str]


def _b32(n: int) -> str:
    return base64.b32encode(os.urandom(n)).decode().rstrip("=").lower()


def _hash(secret: str) -> bytes:
    return hashlib.sha256(secret.encode()).digest()


class APIKeyStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    def create(self, account_id: int, name: str, scopes: Sequence[str], now: int) -> tuple[APIKey, str]:
        """A new key; returns it and the full token, which is never stored."""
        prefix, secret = _b32(8), _b32(20)

        def fn(tx: Tx) -> APIKey:
            cur = tx.conn.execute(
                "INSERT INTO api_keys (account_id, name, prefix, secret_hash, scopes, created)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (account_id, name, prefix, _hash(secret), " ".join(scopes), now),
            )
            return APIKey(int(cur.lastrowid or 0), account_id, name, prefix, list(scopes), now, None, None)

        return self.db.write_sync(fn), f"mw_{prefix}_{secret}"

    def list(self, account_id: int) -> list[APIKey]:
        rows = self.db.read_sync(
            lambda c: c.execute("SELECT * FROM api_keys WHERE account_id = ? ORDER BY id", (account_id,)).fetchall()
        )
        return [
            APIKey(
                r["id"],
                r["account_id"],
                r["name"],
                r["prefix"],
                r["scopes"].split(),
                r["created"],
                r["last_used"],
                r["revoked"],
            )
            for r in rows
        ]

    def revoke(self, account_id: int, key_id: int, now: int) -> bool:
        def fn(tx: Tx) -> bool:
            cur = tx.conn.execute(
                "UPDATE api_keys SET revoked = ? WHERE id = ? AND account_id = ? AND revoked IS NULL",
                (now, key_id, account_id),
            )
            return cur.rowcount > 0

        return self.db.write_sync(fn)

    def verify(self, token: str) -> KeyPrincipal | None:
        parts = token.split("_")
        if len(parts) != 3 or parts[0] != "mw" or not parts[1] or not parts[2]:
            return None
        row = self.db.read_sync(
            lambda c: c.execute(
                "SELECT k.id, k.account_id, k.secret_hash, k.scopes, k.revoked, a.name FROM api_keys k"
                " JOIN accounts a ON a.id = k.account_id WHERE k.prefix = ?",
                (parts[1],),
            ).fetchone()
        )
        if row is None or row["revoked"] is not None:
            return None
        if not hmac.compare_digest(bytes(row["secret_hash"]), _hash(parts[2])):
            return None
        return KeyPrincipal(row["id"], row["account_id"], row["name"], row["scopes"].split())
