"""Suppression lists: addresses an account will not send to, and how a recipient is matched.

Each entry is kept under its matching form (``base_address``): the address as the
receiving domain reads it (see mta/suppress.py for the table of known providers), for
the server's own domains as delivery resolves it (``name+tag`` of an account whose
separator is ``+`` is ``name``), plus the account's own ``fold_separators`` at every
domain. A recipient is suppressed when its matching form, computed the same way in the
transaction that queues it, names an entry. Changing ``fold_separators`` recomputes the
account's entries in the same transaction.
"""

from __future__ import annotations

import sqlite3

import msgspec

from mta.smtp.address import AddressError, normalize_localpart
from mta.store.db import Database, Tx
from mta.store.localparts import untagged
from mta.suppress import FOLD_CHARS, fold_localpart, parse, provider_folding


class Suppression(msgspec.Struct, frozen=True):
    address: str
    base_address: str
    reason: str
    manual: bool
    created: int


def _supp(r: sqlite3.Row) -> Suppression:
    return Suppression(r["address"], r["base_address"], r["reason"], bool(r["manual"]), r["created"])


class Matcher:
    """Matching forms for one account, within one connection's view of the database."""

    def __init__(self, c: sqlite3.Connection, account_id: int) -> None:
        self.c = c
        self.account_id = account_id
        row = c.execute("SELECT suppression_fold FROM accounts WHERE id = ?", (account_id,)).fetchone()
        self.extra = str(row[0]) if row is not None else ""
        self._domains: dict[str, int | None] = {}

    def _own(self, domain: str) -> int | None:
        if domain not in self._domains:
            row = self.c.execute("SELECT id FROM domains WHERE name = ?", (domain,)).fetchone()
            self._domains[domain] = None if row is None else int(row[0])
        return self._domains[domain]

    def key(self, address: str) -> str:
        """The matching form; an address that does not parse is matched as written, lower-cased."""
        try:
            addr = parse(address)
        except AddressError:
            return address.strip().lower()
        lp = normalize_localpart(addr.localpart)
        domain_id = self._own(addr.domain)
        if domain_id is not None:
            exists = self.c.execute(
                "SELECT 1 FROM addresses WHERE domain_id = ? AND localpart = ?", (domain_id, lp)
            ).fetchone()
            tagged = None if exists else untagged(self.c, domain_id, lp)
            if tagged is not None:
                lp = tagged[0]
        lp = fold_localpart(lp, provider_folding(addr.domain).plus(self.extra))
        return f"{lp}@{addr.domain}"

    def find(self, address: str) -> Suppression | None:
        """The entry that suppresses address, if any."""
        row = self.c.execute(
            "SELECT * FROM suppressions WHERE account_id = ? AND base_address = ?", (self.account_id, self.key(address))
        ).fetchone()
        return None if row is None else _supp(row)


class SuppressionStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    def add(self, account_id: int, address: str, reason: str, manual: bool, now: int) -> Suppression:
        """Add or replace (a manual entry is never replaced by an automatic one)."""

        def fn(tx: Tx) -> Suppression:
            add_suppression(tx.conn, account_id, address, reason, manual, now)
            found = Matcher(tx.conn, account_id).find(address)
            assert found is not None
            return found

        return self.db.write_sync(fn)

    def get(self, account_id: int, address: str) -> Suppression | None:
        """The entry that suppresses address, if any."""
        return self.db.read_sync(lambda c: Matcher(c, account_id).find(address))

    def remove(self, account_id: int, address: str) -> bool:
        """Remove the entry that suppresses address; False when there is none."""

        def fn(tx: Tx) -> bool:
            key = Matcher(tx.conn, account_id).key(address)
            cur = tx.conn.execute(
                "DELETE FROM suppressions WHERE account_id = ? AND base_address = ?", (account_id, key)
            )
            return cur.rowcount > 0

        return self.db.write_sync(fn)

    def list(self, account_id: int, prefix: str, after: str, limit: int) -> list[Suppression]:
        """Ordered by base address; `after` is the last base address of the previous page."""
        rows = self.db.read_sync(
            lambda c: c.execute(
                "SELECT * FROM suppressions WHERE account_id = ? AND base_address >= ? AND base_address > ?"
                " AND substr(base_address, 1, ?) = ? ORDER BY base_address LIMIT ?",
                (account_id, prefix, after, len(prefix), prefix, limit),
            ).fetchall()
        )
        return [_supp(r) for r in rows]

    def fold_separators(self, account_id: int) -> str:
        row = self.db.read_sync(
            lambda c: c.execute("SELECT suppression_fold FROM accounts WHERE id = ?", (account_id,)).fetchone()
        )
        return "" if row is None else str(row[0])

    def set_fold_separators(self, account_id: int, separators: str) -> str:
        """Fold tags after these characters at every domain (a subset of FOLD_CHARS, in
        that order); the account's entries are matched by the new rule at once."""
        if any(ch not in FOLD_CHARS for ch in separators):
            raise ValueError(f"separators are some of {FOLD_CHARS!r}")
        seps = "".join(ch for ch in FOLD_CHARS if ch in separators)

        def fn(tx: Tx) -> str:
            tx.conn.execute("UPDATE accounts SET suppression_fold = ? WHERE id = ?", (seps, account_id))
            rekey(tx.conn, account_id)
            return seps

        return self.db.write_sync(fn)


def add_suppression(c: sqlite3.Connection, account_id: int, address: str, reason: str, manual: bool, now: int) -> bool:
    """Insert or update; returns whether the address is newly suppressed."""
    key = Matcher(c, account_id).key(address)
    row = c.execute(
        "SELECT manual FROM suppressions WHERE account_id = ? AND base_address = ?", (account_id, key)
    ).fetchone()
    if row is not None and row["manual"] and not manual:
        return False
    c.execute(
        "INSERT INTO suppressions (account_id, base_address, address, reason, manual, created)"
        " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (account_id, base_address) DO UPDATE SET"
        " address = excluded.address, reason = excluded.reason, manual = excluded.manual",
        (account_id, key, address, reason[:1000], int(manual), now),
    )
    return row is None


def rekey(c: sqlite3.Connection, account_id: int | None = None) -> None:
    """Recompute the matching forms of an account's entries (None: every account's).
    Entries that now share a form become one: a manual one wins, then the oldest."""
    where, args = ("WHERE account_id = ?", (account_id,)) if account_id is not None else ("", ())
    rows = c.execute(f"SELECT * FROM suppressions {where} ORDER BY manual DESC, created", args).fetchall()  # noqa: S608 - a fixed clause
    c.execute(f"DELETE FROM suppressions {where}", args)  # noqa: S608 - a fixed clause
    matchers: dict[int, Matcher] = {}
    for r in rows:
        m = matchers.setdefault(r["account_id"], Matcher(c, r["account_id"]))
        c.execute(
            "INSERT OR IGNORE INTO suppressions (account_id, base_address, address, reason, manual, created)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (r["account_id"], m.key(r["address"]), r["address"], r["reason"], r["manual"], r["created"]),
        )
