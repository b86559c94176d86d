"""SCRAM-SHA-256 server side (RFC 5802, RFC 7677), for SMTP AUTH now and IMAP later.

The password never crosses the connection and the server stores only salted keys
(see mta.credentials.scram_credentials). Channel binding (SCRAM-SHA-256-PLUS) is not
offered: a client that asks for it (gs2 flag "p") is refused. An unknown user gets a
made-up salt and fails at the proof, so the exchange does not reveal which logins
exist.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os

from mta.credentials import SCRAM_ITERATIONS


class ScramError(Exception):
    """The exchange failed; the message is safe to show to the client."""


def _attrs(msg: str) -> list[tuple[str, str]]:
    out = []
    for item in msg.split(","):
        if len(item) < 2 or item[1] != "=":
            raise ScramError(f"malformed attribute {item[:20]!r}")
        out.append((item[0], item[2:]))
    return out


def _saslname(s: str) -> str:
    if "=" in s.replace("=2C", "").replace("=3D", ""):
        raise ScramError("malformed user name")
    return s.replace("=2C", ",").replace("=3D", "=")


class ScramServer:
    """One exchange: ``first`` with the client-first message, then ``final``."""

    def __init__(self) -> None:
        self.username = ""
        self._gs2 = ""
        self._client_first_bare = ""
        self._server_first = ""
        self._nonce = ""
        self._stored_key = b""
        self._server_key = b""
        self._known = False

    def start(self, client_first: bytes) -> str:
        """Parse client-first; returns the user name to look credentials up for."""
        try:
            msg = client_first.decode("utf-8")
        except UnicodeDecodeError:
            raise ScramError("client-first is not UTF-8") from None
        parts = msg.split(",", 2)
        if len(parts) != 3:
            raise ScramError("malformed client-first message")
        flag, authzid, bare = parts
        if flag.startswith("p="):
            raise ScramError("channel binding is not supported; use SCRAM-SHA-256 without -PLUS")
        if flag not in ("n", "y"):
            raise ScramError("malformed gs2 header")
        attrs = _attrs(bare)
        if len(attrs) < 2 or attrs[0][0] != "n" or attrs[1][0] != "r" or not attrs[1][1]:
            raise ScramError("client-first needs n= and r=")
        self.username = _saslname(attrs[0][1])
        if authzid and (not authzid.startswith("a=") or _saslname(authzid[2:]).lower() != self.username.lower()):
            raise ScramError("authorization identity must be empty or the user name")
        self._gs2 = f"{flag},{authzid},"
        self._client_first_bare = bare
        self._nonce = attrs[1][1] + base64.b64encode(os.urandom(18)).decode()
        return self.username

    def challenge(self, stored: str | None) -> bytes:
        """server-first, from the stored credentials (None: unknown user or no password)."""
        if stored:
            salt_b64, iterations, stored_b64, server_b64 = stored.split(",")
            self._stored_key = base64.b64decode(stored_b64)
            self._server_key = base64.b64decode(server_b64)
            self._known = True
        else:
            salt_b64 = base64.b64encode(hashlib.sha256(b"mailwright" + self.username.encode()).digest()[:16]).decode()
            iterations = str(SCRAM_ITERATIONS)
        self._server_first = f"r={self._nonce},s={salt_b64},i={iterations}"
        return self._server_first.encode()

    def finish(self, client_final: bytes) -> bytes:
        """Check the proof in client-final; returns server-final ("v=...")."""
        try:
            msg = client_final.decode("utf-8")
        except UnicodeDecodeError:
            raise ScramError("client-final is not UTF-8") from None
        without_proof, sep, proof_attr = msg.rpartition(",p=")
        if not sep:
            raise ScramError("client-final has no proof")
        attrs = dict(_attrs(without_proof))
        if attrs.get("c") != base64.b64encode(self._gs2.encode()).decode():
            raise ScramError("channel binding data does not match")
        if attrs.get("r") != self._nonce:
            raise ScramError("nonce does not match")
        try:
            proof = base64.b64decode(proof_attr, validate=True)
        except ValueError:
            raise ScramError("proof is not base64") from None
        auth_message = f"{self._client_first_bare},{self._server_first},{without_proof}".encode()
        signature = hmac.digest(self._stored_key or b"\0" * 32, auth_message, "sha256")
        if len(proof) != len(signature):
            raise ScramError("authentication failed")
        client_key = bytes(a ^ b for a, b in zip(proof, signature, strict=True))
        ok = hmac.compare_digest(hashlib.sha256(client_key).digest(), self._stored_key or b"\1" * 32)
        if not (ok and self._known):
            raise ScramError("authentication failed")
        server_sig = hmac.digest(self._server_key, auth_message, "sha256")
        return b"v=" + base64.b64encode(server_sig)
