"""Suppression lists and hold rules: what the queue checks when a message is queued."""

from __future__ import annotations

import sqlite3

import msgspec

from mta.store.db import Database, Tx


class Suppression(msgspec.Struct, frozen=True):
    address: str
    base_address: str
    reason: str
    manual: bool
    created: int


class HoldRule(msgspec.Struct, frozen=True):
    id: int
    account_id: int | None
    sender_domain: str
    recipient_domain: str
    created: int


def _supp(r: sqlite3.Row) -> Suppression:
    return Suppression(r["address"], r["base_address"], r["reason"], bool(r["manual"]), r["created"])


def _rule(r: sqlite3.Row) -> HoldRule:
    return HoldRule(r["id"], r["account_id"], r["sender_domain"], r["recipient_domain"], r["created"])


class SuppressionStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    def add(self, account_id: int, address: str, base: str, reason: str, manual: bool, now: int) -> Suppression:
        """Add or replace (a manual entry is never replaced by an automatic one)."""

        def fn(tx: Tx) -> Suppression:
            add_suppression(tx.conn, account_id, address, base, reason, manual, now)
            row = tx.conn.execute(
                "SELECT * FROM suppressions WHERE account_id = ? AND base_address = ?", (account_id, base)
            ).fetchone()
            return _supp(row)

        return self.db.write_sync(fn)

    def get(self, account_id: int, base: str) -> Suppression | None:
        row = self.db.read_sync(
            lambda c: c.execute(
                "SELECT * FROM suppressions WHERE account_id = ? AND base_address = ?", (account_id, base)
            ).fetchone()
        )
        return None if row is None else _supp(row)

    def remove(self, account_id: int, base: str) -> bool:
        def fn(tx: Tx) -> bool:
            cur = tx.conn.execute(
                "DELETE FROM suppressions WHERE account_id = ? AND base_address = ?", (account_id, base)
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


def add_suppression(
    c: sqlite3.Connection, account_id: int, address: str, base: str, reason: str, manual: bool, now: int
) -> bool:
    """Insert or update; returns whether the address is newly suppressed."""
    row = c.execute(
        "SELECT manual FROM suppressions WHERE account_id = ? AND base_address = ?", (account_id, base)
    ).fetchone()
    if row is not None and row["manual"] and not manual:
        return False
    c.execute(
        "INSERT INTO suppressions (account_id, base_address, address, reason, manual, created)"
        " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (account_id, base_address) DO UPDATE SET"
        " address = excluded.address, reason = excluded.reason, manual = excluded.manual",
        (account_id, base, address, reason[:1000], int(manual), now),
    )
    return row is None


class HoldRuleStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    def add(self, account_id: int | None, sender_domain: str, recipient_domain: str, now: int) -> HoldRule:
        def fn(tx: Tx) -> HoldRule:
            cur = tx.conn.execute(
                "INSERT INTO hold_rules (account_id, sender_domain, recipient_domain, created) VALUES (?, ?, ?, ?)",
                (account_id, sender_domain, recipient_domain, now),
            )
            return HoldRule(int(cur.lastrowid or 0), account_id, sender_domain, recipient_domain, now)

        return self.db.write_sync(fn)

    def list(self, account_id: int | None) -> list[HoldRule]:
        """An account's own rules, or with None every rule."""
        if account_id is None:
            rows = self.db.read_sync(lambda c: c.execute("SELECT * FROM hold_rules ORDER BY id").fetchall())
        else:
            rows = self.db.read_sync(
                lambda c: c.execute(
                    "SELECT * FROM hold_rules WHERE account_id = ? ORDER BY id", (account_id,)
                ).fetchall()
            )
        return [_rule(r) for r in rows]

    def get(self, rule_id: int) -> HoldRule | None:
        row = self.db.read_sync(lambda c: c.execute("SELECT * FROM hold_rules WHERE id = ?", (rule_id,)).fetchone())
        return None if row is None else _rule(row)

    def remove(self, rule_id: int) -> bool:
        def fn(tx: Tx) -> bool:
            return tx.conn.execute("DELETE FROM hold_rules WHERE id = ?", (rule_id,)).rowcount > 0

        return self.db.write_sync(fn)


def held_by_rule(c: sqlite3.Connection, account_id: int, sender_domain: str, recipient_domain: str) -> bool:
    row = c.execute(
        "SELECT 1 FROM hold_rules WHERE (account_id IS NULL OR account_id = ?)"
        " AND (sender_domain = '' OR sender_domain = ?) AND (recipient_domain = '' OR recipient_domain = ?) LIMIT 1",
        (account_id, sender_domain, recipient_domain),
    ).fetchone()
    return row is not None


def suppressed(c: sqlite3.Connection, account_id: int, base: str) -> bool:
    row = c.execute(
        "SELECT 1 FROM suppressions WHERE account_id = ? AND base_address = ?", (account_id, base)
    ).fetchone()
    return row is not None
