"""Password hashing (argon2id) and SCRAM-SHA-256 credentials (RFC 5802, RFC 7677).

A password is stored twice, never in clear: as an argon2id hash for PLAIN and LOGIN,
and as SCRAM salted keys (StoredKey, ServerKey) so SCRAM-SHA-256 can authenticate
without the password. Checking argon2 costs tens of milliseconds on purpose; async
callers run it in a thread.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import unicodedata

import argon2

_hasher = argon2.PasswordHasher()  # argon2id with the library's recommended cost

SCRAM_ITERATIONS = 10_000


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (argon2.exceptions.VerificationError, argon2.exceptions.InvalidHashError):
        return False


def scram_credentials(password: str, salt: bytes | None = None, iterations: int = SCRAM_ITERATIONS) -> str:
    """Encode ``salt,iterations,storedkey,serverkey`` (base64 fields) for storage."""
    salt = salt or os.urandom(16)
    salted = hashlib.pbkdf2_hmac("sha256", saslprep(password).encode(), salt, iterations)
    client_key = hmac.digest(salted, b"Client Key", "sha256")
    stored_key = hashlib.sha256(client_key).digest()
    server_key = hmac.digest(salted, b"Server Key", "sha256")
    b64 = base64.b64encode
    return f"{b64(salt).decode()},{iterations},{b64(stored_key).decode()},{b64(server_key).decode()}"


def saslprep(s: str) -> str:
    """The parts of SASLprep (RFC 4013) that matter for real passwords: NFKC and spaces."""
    s = "".join(" " if unicodedata.category(c) == "Zs" else c for c in s)
    return unicodedata.normalize("NFKC", s)
