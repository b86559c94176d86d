"""How the server's own domains read a local part: an address that is not configured
itself but is an account's address plus a tag (``name+tag``, with the separator that
account chose) goes to that account. Delivery and suppression matching both use this."""

from __future__ import annotations

import sqlite3

# Characters an account may choose to separate a local part from its tag.
SEPARATOR_CHARS = "+-_=."


def untagged(c: sqlite3.Connection, domain_id: int, localpart: str) -> tuple[str, int] | None:
    """(the configured local part, its account) when localpart is one with a tag; for
    each separator character its first occurrence only, the earliest first."""
    seen = set()
    for i, ch in enumerate(localpart):
        if ch in SEPARATOR_CHARS and ch not in seen and i > 0:
            seen.add(ch)
            row = c.execute(
                "SELECT a.account_id FROM addresses a JOIN accounts acc ON acc.id = a.account_id"
                " WHERE a.domain_id = ? AND a.localpart = ? AND acc.catchall_separator = ?",
                (domain_id, localpart[:i], ch),
            ).fetchone()
            if row is not None:
                return localpart[:i], int(row[0])
    return None
