"""Browser sessions: a random token kept in a cookie, stored only as its SHA-256.

A session belongs to one account and carries a CSRF token that the page echoes in a
header (api.auth checks it). It ends at its absolute expiry, after its idle timeout
without use, at logout, or when the account's password changes (``end_all``, called in
the transaction that changes it). Using a session moves ``last_used`` forward, written
at most every REFRESH_MS, so a request with a session costs one indexed read, not a
commit; the idle timeout is kept to within that.

The token is 256 random bits: a SHA-256 of it is enough (no slow password hash), and a
copy of the database gives no one a working cookie.
"""

from __future__ import annotations

import hashlib
import secrets
import sqlite3

import msgspec

from mta.store.db import Database, Tx

REFRESH_MS = 60_000  # last_used is written when it is older than this
MAX_PER_ACCOUNT = 50  # the oldest sessions of an account beyond this end
MAX_TOKEN = 100  # a cookie value longer than this is no token of ours


class Session(msgspec.Struct, frozen=True):
    id: int
    account_id: int
    account_name: str
    address: str
    csrf_token: str
    created: int  # ms since the epoch, as every time here
    last_used: int
    expires: int  # the absolute end
    idle_timeout: int  # ms without use that end it

    def ends(self, now: int) -> bool:
        """Whether the session is over at now."""
        return now >= self.expires or now >= self.last_used + self.idle_timeout


def _hash(token: str) -> bytes:
    return hashlib.sha256(token.encode("utf-8", "surrogateescape")).digest()


_SELECT = (
    "SELECT s.id, s.account_id, a.name, s.address, s.csrf_token, s.created, s.last_used, s.expires,"
    " s.idle_timeout FROM sessions s JOIN accounts a ON a.id = s.account_id"
)


def _session(row: sqlite3.Row) -> Session:
    return Session(*tuple(row))


def end_all(conn: sqlite3.Connection, account_id: int) -> None:
    """End every session of an account (its password changed), in the caller's transaction."""
    conn.execute("DELETE FROM sessions WHERE account_id = ?", (account_id,))


class SessionStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def create(
        self, account_id: int, address: str, now: int, *, lifetime_ms: int, idle_ms: int
    ) -> tuple[Session, str]:
        """A new session; returns it and its token, which is never stored.

        Sessions over (of any account) are removed on the way, and the account's oldest
        beyond MAX_PER_ACCOUNT."""
        token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(24)

        def fn(tx: Tx) -> Session:
            c = tx.conn
            c.execute("DELETE FROM sessions WHERE expires <= ? OR last_used + idle_timeout <= ?", (now, now))
            cur = c.execute(
                "INSERT INTO sessions (account_id, token_hash, csrf_token, address, created, last_used, expires,"
                " idle_timeout) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (account_id, _hash(token), csrf, address, now, now, now + lifetime_ms, idle_ms),
            )
            c.execute(
                "DELETE FROM sessions WHERE account_id = ? AND id NOT IN"
                " (SELECT id FROM sessions WHERE account_id = ? ORDER BY last_used DESC, id DESC LIMIT ?)",
                (account_id, account_id, MAX_PER_ACCOUNT),
            )
            row = c.execute(f"{_SELECT} WHERE s.id = ?", (cur.lastrowid,)).fetchone()
            return _session(row)

        return await self.db.write(fn, on_loop=True), token

    def find(self, token: str) -> Session | None:
        """The session of a token, whether over or not; None for an unknown token."""
        if not token or len(token) > MAX_TOKEN:
            return None
        row = self.db.read_sync(lambda c: c.execute(f"{_SELECT} WHERE s.token_hash = ?", (_hash(token),)).fetchone())
        return None if row is None else _session(row)

    async def use(self, token: str, now: int) -> Session | None:
        """The live session of a token, its use recorded; None when unknown or over (an
        ended one is removed)."""
        s = self.find(token)
        if s is None:
            return None
        sid = s.id
        if s.ends(now):
            await self.db.write(lambda tx: tx.conn.execute("DELETE FROM sessions WHERE id = ?", (sid,)), on_loop=True)
            return None
        if now - s.last_used >= min(REFRESH_MS, s.idle_timeout // 10):
            await self.db.write(
                lambda tx: tx.conn.execute("UPDATE sessions SET last_used = ? WHERE id = ?", (now, sid)),
                on_loop=True,
            )
            s = msgspec.structs.replace(s, last_used=now)
        return s

    def live(self, session_id: int, now: int) -> bool:
        """Whether a session still lives at now (its use is not recorded: a long-lived
        request, such as an event stream, asks this to end with its session)."""
        row = self.db.read_sync(lambda c: c.execute(f"{_SELECT} WHERE s.id = ?", (session_id,)).fetchone())
        return row is not None and not _session(row).ends(now)

    async def end(self, token: str) -> bool:
        """Log out: the session of token ends; False when there was none."""
        if not token or len(token) > MAX_TOKEN:
            return False

        def fn(tx: Tx) -> bool:
            return tx.conn.execute("DELETE FROM sessions WHERE token_hash = ?", (_hash(token),)).rowcount > 0

        return await self.db.write(fn, on_loop=True)
