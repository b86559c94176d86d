"""The store side of suppressions and the outbound history: the schema 10 migration, and
the recipient filter served by its index."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest

from mta.store import Store, suppressions
from mta.store.db import Tx
from mta.store.outbound import list_filters, list_sql
from mta.store.types import OutboundFilter
from tests.helpers import downgrade_to_9


def _downgrade_to_9(d: Path) -> None:
    conn = sqlite3.connect(d / "mailwright.db")
    downgrade_to_9(conn)
    conn.commit()
    conn.close()


def test_migration_matches_old_entries_exactly(tmp_path: Path) -> None:
    """Entries kept under schema 9's base form (any +tag or -tag dropped) are matched
    by the address they were added with from schema 10 on."""
    d = tmp_path / "d"
    store = Store.open(d)
    try:
        acc = store.add_account("a")
        old = [
            ("mary@corp.example", "mary-jane@corp.example", 1, 100),
            ("johndoe@gmail.com", "John.Doe-x@gmail.com", 0, 200),
            ("base@yahoo.com", "base-shop@yahoo.com", 0, 300),
        ]

        def put(tx: Tx) -> None:
            for base, address, manual, created in old:
                tx.conn.execute(
                    "INSERT INTO suppressions (account_id, base_address, address, reason, manual, created)"
                    " VALUES (?, ?, ?, 'r', ?, ?)",
                    (acc.id, base, address, manual, created),
                )

        store.db.write_sync(put)
    finally:
        store.close()
    _downgrade_to_9(d)
    store = Store.open(d)
    try:
        got = {s.base_address: s.address for s in store.suppressions.list(acc.id, "", "", 10)}
        assert got == {
            "mary-jane@corp.example": "mary-jane@corp.example",
            "johndoe-x@gmail.com": "John.Doe-x@gmail.com",
            "base@yahoo.com": "base-shop@yahoo.com",
        }
        assert store.suppressions.get(acc.id, "mary@corp.example") is None
        assert store.suppressions.fold_separators(acc.id) == ""
    finally:
        store.close()


def test_migration_does_not_run_todays_matching(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Schema 10 keeps its own copy of the rules it migrated under: a later change to the
    live matcher cannot change (or break) what migrating an old database does."""
    d = tmp_path / "d"
    store = Store.open(d)
    try:
        store.add_domain("example.com")
        acc = store.add_account("a", address="dev@example.com")

        def put(tx: Tx) -> None:
            tx.conn.execute(
                "INSERT INTO suppressions (account_id, base_address, address, reason, manual, created)"
                " VALUES (?, 'dev@example.com', 'Dev+x@Example.COM', 'r', 1, 1)",
                (acc.id,),
            )

        store.db.write_sync(put)
    finally:
        store.close()
    _downgrade_to_9(d)

    def changed(*_: object, **__: object) -> str:
        raise AssertionError("the migration called the live matcher")

    monkeypatch.setattr(suppressions.Matcher, "key", changed)
    store = Store.open(d)
    try:
        monkeypatch.undo()
        [s] = store.suppressions.list(acc.id, "", "", 10)
        assert (s.address, s.base_address) == ("Dev+x@example.com", "dev@example.com")
        assert store.suppressions.get(acc.id, "dev+y@example.com") == s
    finally:
        store.close()


def test_recipient_filter_is_an_index_walk(tmp_path: Path) -> None:
    """A recipient filter, whatever its case and domain form, is a lookup in the
    (account, recipient COLLATE NOCASE, id) index in id order: no scan, no sort."""
    store = Store.open(tmp_path / "d")
    try:
        acc = store.add_account("a")
        store.queue.fill_history(acc.id, 2000, now_ms=int(time.time() * 1000))
        for q in ("R7@Example.ORG", "r7@bücher.example"):
            queries = list_filters(acc.id, OutboundFilter(recipient=q, state="delivered"), 10**9)
            assert len(queries) == (1 if q.isascii() else 2)
            for where, args in queries:

                def explain(c: sqlite3.Connection, w: list[str] = where, a: list[object] = args) -> list[str]:
                    return [r["detail"] for r in c.execute("EXPLAIN QUERY PLAN " + list_sql(w), [*a, 50])]

                plan = store.db.read_sync(explain)
                assert any("outbound_account_recipient (account_id=? AND recipient=?" in p for p in plan), plan
                assert not any("TEMP B-TREE" in p or p.startswith("SCAN o") for p in plan), plan
        got = store.queue.list(acc.id, OutboundFilter(recipient="R7@EXAMPLE.org"), None, 500)
        assert [i.row.recipient for i in got] == ["r7@example.org"]
    finally:
        store.close()


def test_matching_is_an_index_lookup(tmp_path: Path) -> None:
    """Finding the entry for a recipient looks up its two forms in the (account, base
    address) index: it does not walk the account's whole list."""
    store = Store.open(tmp_path / "d")
    try:
        acc = store.add_account("a")

        def plan(c: sqlite3.Connection) -> list[str]:
            m = suppressions.Matcher(c, acc.id)
            sql = f"EXPLAIN QUERY PLAN SELECT * FROM suppressions WHERE {m._MATCHING}"
            return [str(r[3]) for r in c.execute(sql, m._args("x+y@gmail.com"))]

        assert any("suppressions_base (account_id=? AND base_address=?)" in p for p in store.db.read_sync(plan))
    finally:
        store.close()
