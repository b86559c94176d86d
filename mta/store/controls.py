"""Hold rules: what the queue checks, besides suppressions, when a message is queued."""

from __future__ import annotations

import sqlite3

import msgspec

from mta.store.db import Database, Tx


class HoldRule(msgspec.Struct, frozen=True):
    id: int
    account_id: int | None
    sender_domain: str
    recipient_domain: str
    created: int


def _rule(r: sqlite3.Row) -> HoldRule:
    return HoldRule(r["id"], r["account_id"], r["sender_domain"], r["recipient_domain"], r["created"])


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
