"""localserve's simulated remote servers: which recipients simulate what, over the real send API."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import msgspec
import pytest

from mailwright.localserve import prepare
from mta.queue.loopback import simulated
from tests.conftest import ServerThread
from tests.helpers import inbox, wait_for
from tests.receiver import Receiver


def test_only_a_separator_and_a_keyword_or_code_simulate() -> None:
    ordinary = [
        "customer550@example.com",
        "order-421@shop.example",  # codes only as x-NNN: numbered addresses are ordinary
        "user+550@example.com",
        "room-1550@example.com",
        "permerror@example.com",
        "mytimeout@example.com",
        "x-delayed-not@example.com",
        "x-350@example.org",  # 3xx is no final reply
        "x-650@example.org",
    ]
    assert [simulated(a) for a in ordinary] == [None] * len(ordinary)
    assert simulated("x-550@example.org") == simulated("x+550@example.org")
    r = simulated("x+550@example.org")
    assert r is not None and (r.outcome, r.code) == ("permanent", 550)
    r = simulated("anything-permerror@example.org")
    assert r is not None and (r.outcome, r.code, r.enhanced) == ("permanent", 550, "5.1.1")
    r = simulated("X-421@Shop.example")
    assert r is not None and (r.outcome, r.code) == ("temporary", 421)
    r = simulated("a.b+Temperror@example.org")
    assert r is not None and r.outcome == "temporary"


def _server(tmp_path: Path, *, fast_retries: bool) -> ServerThread:
    cfg = prepare(tmp_path / "localserve", 1000, fast_retries=fast_retries)
    cfg = msgspec.structs.replace(cfg, listeners=[msgspec.structs.replace(x, port=0) for x in cfg.listeners])
    return ServerThread(cfg).start()


@pytest.fixture
def slow(tmp_path: Path) -> Iterator[ServerThread]:
    """localserve with the ordinary retry schedule (minutes)."""
    s = _server(tmp_path, fast_retries=False)
    yield s
    s.stop()


def _client(s: ServerThread) -> httpx.Client:
    return httpx.Client(base_url=f"http://127.0.0.1:{s.port('http')}", auth=("dev@localhost", "mailwright"), timeout=10)


def _send(c: httpx.Client, to: str) -> int:
    r = c.post("/v1/send", json={"to": [{"address": to}], "subject": f"to {to}", "text": "x"})
    assert r.status_code == 202, r.text
    oid: int = r.json()["submissions"][0]["outbound_id"]
    return oid


def _state(c: httpx.Client, oid: int) -> str:
    state: str = c.get(f"/v1/outbound/{oid}").json()["state"]
    return state


def test_ordinary_addresses_are_delivered_and_delayed_and_expired_take_seconds(
    slow: ServerThread, receiver: Receiver
) -> None:
    with _client(slow) as c:
        assert c.put("/v1/webhooks", json={"outgoing_url": receiver.url("/out")}).status_code == 200
        ids = {
            to: _send(c, to)
            for to in (
                "customer550@example.com",
                "order-421@shop.example",
                "x+550@example.org",
                "x-delayed@example.org",
                "x-expired@example.org",
            )
        }
        want = {
            "customer550@example.com": "delivered",
            "order-421@shop.example": "delivered",
            "x+550@example.org": "failed",
            # Without --fast-retries too: the retry comes seconds later, not 7.5 minutes.
            "x-delayed@example.org": "delivered",
            "x-expired@example.org": "expired",
        }
        wait_for(lambda: {to: _state(c, oid) for to, oid in ids.items()} == want, timeout=20)

    def events(to: str) -> list[str]:
        return [str(call.json()["event"]) for call in receiver.calls if call.json().get("recipient") == to]

    wait_for(lambda: events("x-expired@example.org") == ["delayed", "expired"])
    wait_for(lambda: events("x-delayed@example.org") == ["delayed", "delivered"])
    assert events("customer550@example.com") == ["delivered"]
    # The delayed recipient counts as deferred past the notice time: a "delayed" DSN, then the message.
    subjects = [m.subject for m, _ in inbox(slow.store, "dev")]
    assert "to x-delayed@example.org" in subjects and "to customer550@example.com" in subjects
    reports = [raw for m, raw in inbox(slow.store, "dev") if b"multipart/report" in raw]
    assert any(b"Action: delayed" in raw and b"x-delayed@example.org" in raw for raw in reports)


def test_fast_retries_retry_within_seconds(tmp_path: Path) -> None:
    s = _server(tmp_path, fast_retries=True)
    try:
        with _client(s) as c:
            oid = _send(c, "x-temperror@example.org")
            # The third attempt, 1 + 2 s after the first, and the delayed DSN after 5 s.
            wait_for(lambda: len(c.get(f"/v1/outbound/{oid}").json()["attempt_history"]) >= 3, timeout=20)
            assert _state(c, oid) == "queued"

            def delayed_dsn() -> bool:
                return any(b"Action: delayed" in raw for _, raw in inbox(s.store, "dev"))

            wait_for(delayed_dsn, timeout=20)
    finally:
        s.stop()


def test_a_simulated_failure_suppresses_only_its_own_address(slow: ServerThread) -> None:
    """The tag asked for the failure: dev+permerror@localhost (localhost folds by +) and
    john+permerror@gmail.com, jane-permerror@yahoo.com (providers that fold) suppress
    themselves, not the mailbox they would fold to."""
    failing = ["dev+permerror@localhost", "john+permerror@gmail.com", "jane-permerror@yahoo.com"]
    with _client(slow) as c:
        ids = [_send(c, to) for to in failing]
        wait_for(lambda: [_state(c, oid) for oid in ids] == ["failed"] * 3, timeout=20)
        # The DSNs have come back too (they must not suppress more either).
        wait_for(lambda: sum(b"Action: failed" in raw for _, raw in inbox(slow.store, "dev")) >= 3, timeout=20)
        items = c.get("/v1/suppressions").json()["items"]
        assert sorted((i["address"], i["base_address"]) for i in items) == sorted((a, a) for a in failing)
        fine = ["dev@localhost", "dev+orders@localhost", "john@gmail.com", "john+news@gmail.com", "jane@yahoo.com"]
        oks = [_send(c, to) for to in fine]
        wait_for(lambda: [_state(c, oid) for oid in oks] == ["delivered"] * len(fine), timeout=20)
        assert [_state(c, _send(c, to)) for to in failing] == ["suppressed"] * 3
