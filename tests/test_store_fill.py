"""OutboundStore.fill_history (the benchmark's 1 M-row history): its rows list like real ones."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from mailwright.config import Outbound
from mta.dns import MX
from mta.store import Store
from tests.conftest import PASSWORD, ServerThread, make_config
from tests.helpers import downgrade_to_9, wait_for
from tests.mx import SinkMX, TableResolver

FILLED = 1000
FROM_ID = re.compile(r"[a-z2-7]{26}")


@pytest.fixture
def srv(data_dir: Path, mx: SinkMX) -> Iterator[ServerThread]:
    store = Store.open(data_dir)
    try:
        alice = store.account("alice")
        assert alice is not None
        store.queue.fill_history(alice.id, FILLED, now_ms=int(time.time() * 1000), recipients_domain="Example.ORG")
    finally:
        store.close()
    resolver = TableResolver({"remote.test": [MX(10, "mx.remote.test")]}, {"mx.remote.test": ["127.0.0.1"]})
    s = ServerThread(make_config(data_dir, outbound=Outbound(mx_port=mx.port)), resolver=resolver).start()
    yield s
    s.stop()


def _all(c: httpx.Client, **params: str | int) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    cursor = None
    while True:
        page = c.get("/v1/outbound", params={**params, **({"cursor": cursor} if cursor else {})}).json()
        items += page["items"]
        cursor = page["next_cursor"]
        if not cursor:
            return items


def test_filled_rows_list_like_real_ones(srv: ServerThread) -> None:
    with httpx.Client(
        base_url=f"http://127.0.0.1:{srv.port('http')}", auth=("alice@example.com", PASSWORD), timeout=10
    ) as c:
        r = c.post(
            "/v1/send",
            json={
                "to": [{"address": "ok@remote.test"}, {"address": "reject@remote.test"}],
                "subject": "s",
                "text": "x",
            },
        )
        assert r.status_code == 202, r.text
        wait_for(lambda: not c.get("/v1/outbound", params={"state": "queued"}).json()["items"])

        items = _all(c, limit=300)
        assert len(items) == FILLED + 2
        ids = [i["id"] for i in items]
        assert ids == sorted(ids, reverse=True) and len(set(ids)) == len(ids)
        real = {i["recipient"]: i for i in items[:2]}
        filled = items[2:]
        assert set(real) == {"ok@remote.test", "reject@remote.test"}
        assert len({i["from_id"] for i in items}) == len(items)

        # Field for field the same shape as what a delivery leaves.
        by_state = {s: next(i for i in filled if i["state"] == s) for s in ("delivered", "failed")}
        for state, real_item in (("delivered", real["ok@remote.test"]), ("failed", real["reject@remote.test"])):
            fake = by_state[state]
            assert fake.keys() == real_item.keys()
            for k, v in real_item.items():
                assert type(fake[k]) is type(v), k
            assert fake["last_result"].keys() == real_item["last_result"].keys()
            assert fake["last_result"]["smtp_code"] // 100 == real_item["last_result"]["smtp_code"] // 100
            assert fake["attempts"] == 1 and fake["next_attempt"] is None
            assert FROM_ID.fullmatch(fake["from_id"])
            assert fake["sender"] == real_item["sender"] == "alice@example.com"
            assert fake["created"] < fake["updated"] <= real_item["created"]
            detail = c.get(f"/v1/outbound/{fake['id']}").json()
            real_detail = c.get(f"/v1/outbound/{real_item['id']}").json()
            assert len(detail["attempt_history"]) == len(real_detail["attempt_history"]) == 1
            assert detail["attempt_history"][0].keys() == real_detail["attempt_history"][0].keys()
            assert detail["attempt_history"][0]["smtp_code"] == fake["last_result"]["smtp_code"]

        assert {i["state"] for i in filled} == {"delivered", "failed"}
        assert all(i["metadata"] == {"campaign": "history"} for i in filled)
        assert filled[-1]["recipient"] == "r0@example.org" and filled[0]["recipient"] == f"r{FILLED - 1}@example.org"

        # The filters and the indexes behind them find the filled rows.
        failed = _all(c, state="failed", limit=20)
        assert len(failed) == FILLED // 20 + 1
        assert [i["id"] for i in _all(c, recipient="r7@example.org")] == [
            i["id"] for i in filled if i["recipient"] == "r7@example.org"
        ]
        assert len(_all(c, recipient_domain="example.org", limit=500)) == FILLED
        assert len(_all(c, metadata="campaign=history", limit=500)) == FILLED
        assert _all(c, metadata="campaign=other") == []
        page = c.get("/v1/outbound", params={"limit": 50, "state": "delivered"}).json()
        assert len(page["items"]) == 50 and page["next_cursor"]


@pytest.mark.parametrize("few", [5000, 0])
def test_metadata_filter_from_the_index_and_by_walking(
    srv: ServerThread, monkeypatch: pytest.MonkeyPatch, few: int
) -> None:
    """A metadata filter answers the same whether it starts from the few matching
    messages (FEW_RECIPIENTS 5000) or walks the history (FEW_RECIPIENTS 0): all 1,000
    filled rows, newest first, in pages; a value nothing has gives an empty page."""
    from mta.store import outbound

    monkeypatch.setattr(outbound, "FEW_RECIPIENTS", few)
    with httpx.Client(base_url=f"http://127.0.0.1:{srv.port('http')}", auth=("alice@example.com", PASSWORD)) as c:
        got = _all(c, metadata="campaign=history")
        assert len(got) == FILLED
        assert [i["id"] for i in got] == sorted((i["id"] for i in got), reverse=True)
        assert c.get("/v1/outbound", params={"metadata": "campaign=none"}).json()["items"] == []
        both = c.get("/v1/outbound", params={"metadata": ["campaign=history", "other=x"]}).json()["items"]
        assert both == []


def test_migration_indexes_existing_metadata(tmp_path: Path) -> None:
    """Schema 8 fills outbound_metadata from what schema 7 kept in outbound_messages.metadata."""
    import sqlite3

    d = tmp_path / "d"
    store = Store.open(d)
    try:
        store.add_domain("example.com")
        acc = store.add_account("a")
        store.queue.fill_history(acc.id, 3, now_ms=int(time.time() * 1000))
    finally:
        store.close()
    conn = sqlite3.connect(d / "mailwright.db")
    downgrade_to_9(conn)
    conn.execute("DROP TABLE outbound_metadata")
    conn.execute("DROP TABLE outbound_bodies")  # schema 9
    conn.execute("PRAGMA user_version = 7")
    conn.commit()
    conn.close()
    store = Store.open(d)
    try:
        rows = store.db.read_sync(lambda c: c.execute("SELECT key, value FROM outbound_metadata").fetchall())
        assert [tuple(r) for r in rows] == [("campaign", "history")]
    finally:
        store.close()
