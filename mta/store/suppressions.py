"""Suppression lists: addresses an account will not send to, and how a recipient is matched.

Each entry is one row per address as it was given (the domain in lower-case A-labels,
the local part as given), so no entry is ever lost or merged when the matching rules
change. Next to it is its matching form (``base_address``, not unique): the address as
the receiving domain reads it (see mta/suppress.py for the table of known providers),
for the server's own domains as delivery resolves it (``name+tag`` of an account whose
separator is ``+`` is ``name``), plus the account's own ``fold_separators`` at every
domain. An entry marked ``exact`` (a failure that localserve simulated) is matched by
its address alone, without any folding. A recipient is suppressed when its matching
form, computed the same way in the transaction that queues it, names an entry; when
several do, the manual one, then the oldest, is the one reported. Whatever changes the
rules (``fold_separators``, an address added at one of the server's domains) recomputes
the matching forms in the same transaction; it never deletes an entry.
"""

from __future__ import annotations

import sqlite3

import msgspec

from mta.smtp.address import AddressError, normalize_localpart, quote_localpart
from mta.store.db import Database, Tx
from mta.store.localparts import untagged
from mta.suppress import EXACT, FOLD_CHARS, fold_localpart, parse, provider_folding


class Suppression(msgspec.Struct, frozen=True):
    address: str
    base_address: str
    reason: str
    manual: bool
    created: int


def _supp(r: sqlite3.Row) -> Suppression:
    return Suppression(r["address"], r["base_address"], r["reason"], bool(r["manual"]), r["created"])


def identity(address: str) -> str:
    """What names an entry: the local part as given, the domain in lower-case A-labels."""
    try:
        addr = parse(address)
    except AddressError:
        local, at, domain = address.strip().rpartition("@")
        return f"{local}{at}{domain.lower()}"
    return f"{quote_localpart(addr.localpart)}@{addr.domain}"


def exact_key(address: str) -> str:
    """The matching form without any folding."""
    try:
        addr = parse(address)
    except AddressError:
        return address.strip().lower()
    return f"{fold_localpart(normalize_localpart(addr.localpart), EXACT)}@{addr.domain}"


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

    def key(self, address: str, exact: bool = False) -> str:
        """The matching form; an address that does not parse is matched as written, lower-cased."""
        if exact:
            return exact_key(address)
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

    # An entry matches by the recipient's matching form, or, if it is exact, by the
    # recipient's exact form; written so that both are lookups in suppressions_base.
    _MATCHING = "account_id = ? AND base_address IN (?, ?) AND (base_address = ? OR exact = 1)"

    def _args(self, address: str) -> tuple[int, str, str, str]:
        key = self.key(address)
        return self.account_id, key, exact_key(address), key

    def find(self, address: str) -> Suppression | None:
        """The entry that suppresses address, if any: a manual one first, then the oldest."""
        row = self.c.execute(
            f"SELECT * FROM suppressions WHERE {self._MATCHING} ORDER BY manual DESC, created, address LIMIT 1",  # noqa: S608 - a fixed clause
            self._args(address),
        ).fetchone()
        return None if row is None else _supp(row)

    def remove(self, address: str) -> int:
        """Delete every entry that suppresses address; how many there were."""
        return self.c.execute(f"DELETE FROM suppressions WHERE {self._MATCHING}", self._args(address)).rowcount  # noqa: S608 - a fixed clause


class SuppressionStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    def add(self, account_id: int, address: str, reason: str, manual: bool, now: int) -> Suppression:
        """Add or replace the entry for address (a manual entry is never replaced by an
        automatic one); returns it."""

        def fn(tx: Tx) -> Suppression:
            add_suppression(tx.conn, account_id, address, reason, manual, now)
            row = tx.conn.execute(
                "SELECT * FROM suppressions WHERE account_id = ? AND address = ?", (account_id, identity(address))
            ).fetchone()
            return _supp(row)

        return self.db.write_sync(fn)

    def get(self, account_id: int, address: str) -> Suppression | None:
        """The entry that suppresses address, if any."""
        return self.db.read_sync(lambda c: Matcher(c, account_id).find(address))

    def remove(self, account_id: int, address: str) -> bool:
        """Remove every entry that suppresses address, so that it is no longer suppressed;
        False when there is none."""
        return self.db.write_sync(lambda tx: Matcher(tx.conn, account_id).remove(address) > 0)

    def list(
        self, account_id: int, prefix: str, after: str, limit: int, after_address: str = chr(0x10FFFF)
    ) -> list[Suppression]:
        """Ordered by base address, then address; (`after`, `after_address`) are those of
        the last entry of the previous page."""
        rows = self.db.read_sync(
            lambda c: c.execute(
                "SELECT * FROM suppressions WHERE account_id = ? AND base_address >= ?"
                " AND (base_address, address) > (?, ?) AND substr(base_address, 1, ?) = ?"
                " ORDER BY base_address, address LIMIT ?",
                (account_id, prefix, after, after_address, len(prefix), prefix, limit),
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


def add_suppression(
    c: sqlite3.Connection, account_id: int, address: str, reason: str, manual: bool, now: int, exact: bool = False
) -> bool:
    """Insert or update the entry for address (``exact``: matched without folding);
    returns whether the address is newly suppressed."""
    m = Matcher(c, account_id)
    ident = identity(address)
    newly = m.find(address) is None
    row = c.execute(
        "SELECT manual FROM suppressions WHERE account_id = ? AND address = ?", (account_id, ident)
    ).fetchone()
    if row is not None and row["manual"] and not manual:
        return False
    c.execute(
        "INSERT INTO suppressions (account_id, address, base_address, reason, manual, created, exact)"
        " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (account_id, address) DO UPDATE SET"
        " base_address = excluded.base_address, reason = excluded.reason, manual = excluded.manual,"
        " exact = excluded.exact",
        (account_id, ident, m.key(address, exact), reason[:1000], int(manual), now, int(exact)),
    )
    return newly


def rekey(c: sqlite3.Connection, account_id: int | None = None, domain: str | None = None) -> None:
    """Recompute the matching forms of an account's entries (None: every account's),
    or only of those at one domain. Entries are never deleted or merged."""
    where, args = "1", list[int | str]()
    if account_id is not None:
        where, args = "account_id = ?", [account_id]
    if domain is not None:
        where += " AND substr(address, -?) = ?"
        args += [len(domain) + 1, "@" + domain]
    rows = c.execute(
        f"SELECT rowid, account_id, address, base_address, exact FROM suppressions WHERE {where}",  # noqa: S608 - fixed clauses
        args,
    ).fetchall()
    matchers: dict[int, Matcher] = {}
    for r in rows:
        m = matchers.setdefault(r["account_id"], Matcher(c, r["account_id"]))
        key = m.key(r["address"], bool(r["exact"]))
        if key != r["base_address"]:
            c.execute("UPDATE suppressions SET base_address = ? WHERE rowid = ?", (key, r["rowid"]))
