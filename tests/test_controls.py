"""Delivery controls over HTTP: outbound history, suppressions, hold rules, queue actions, isolation."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from mailwright.config import Outbound
from mta.dns import MX
from tests.conftest import PASSWORD, FakeClock, ServerThread, make_config
from tests.helpers import wait_for
from tests.mx import SinkMX, TableResolver


@pytest.fixture
def srv(data_dir: Path, mx: SinkMX, clock: FakeClock) -> Iterator[ServerThread]:
    resolver = TableResolver(
        {"remote.test": [MX(10, "mx.remote.test")], "gmail.com": [MX(10, "mx.remote.test")]},
        {"mx.remote.test": ["127.0.0.1"]},
    )
    s = ServerThread(make_config(data_dir, outbound=Outbound(mx_port=mx.port)), resolver=resolver, clock=clock)
    s.start()
    yield s
    s.stop()


def client(s: ServerThread, login: str = "alice@example.com") -> httpx.Client:
    return httpx.Client(base_url=f"http://127.0.0.1:{s.port('http')}", auth=(login, PASSWORD), timeout=10)


def send(c: httpx.Client, *to: str, **extra: object) -> list[dict[str, object]]:
    r = c.post("/v1/send", json={"to": [{"address": a} for a in to], "subject": "s", "text": "x", **extra})
    assert r.status_code == 202, r.text
    subs: list[dict[str, object]] = r.json()["submissions"]
    return subs


def states(c: httpx.Client, **params: str) -> dict[str, str]:
    return {i["recipient"]: i["state"] for i in c.get("/v1/outbound", params=params).json()["items"]}


def test_acceptance_delivered_suppressed_failed(srv: ServerThread) -> None:
    with client(srv) as c:
        r = c.post("/v1/suppressions", json={"address": "gone@remote.test", "reason": "unsubscribed"})
        assert r.status_code == 201 and r.json()["manual"] is True
        subs = send(c, "ok@remote.test", "gone@remote.test", "reject@remote.test", metadata={"campaign": "nov"})
        assert [s["state"] for s in subs] == ["queued", "suppressed", "queued"]
        wait_for(lambda: "queued" not in states(c).values())
        assert states(c) == {
            "ok@remote.test": "delivered",
            "gone@remote.test": "suppressed",
            "reject@remote.test": "failed",
        }
        failed = next(i for i in c.get("/v1/outbound").json()["items"] if i["state"] == "failed")
        assert failed["last_result"] == {"smtp_code": 550, "enhanced_code": "5.1.1", "text": "550 5.1.1 No such user"}
        assert failed["metadata"] == {"campaign": "nov"}
        detail = c.get(f"/v1/outbound/{failed['id']}").json()
        [att] = detail["attempt_history"]
        assert att["smtp_code"] == 550 and att["host"] == "mx.remote.test" and att["ip"] == "127.0.0.1"
        sup = c.get("/v1/suppressions/reject@remote.test")
        assert sup.status_code == 200 and sup.json()["manual"] is False and "5.1.1" in sup.json()["reason"]
        # Filters.
        assert set(states(c, state="failed")) == {"reject@remote.test"}
        assert set(states(c, recipient="ok@remote.test")) == {"ok@remote.test"}
        assert len(states(c, recipient_domain="remote.test")) == 3
        assert len(states(c, metadata="campaign=nov")) == 3
        assert states(c, metadata="campaign=dec") == {}
        bad = c.get("/v1/outbound", params={"metadata": "no-equals"})
        assert bad.status_code == 400 and bad.json()["code"] == "invalid_filter"


def test_pagination_newest_first(srv: ServerThread) -> None:
    with client(srv) as c:
        for i in range(5):
            send(c, f"p{i}@remote.test")
        seen: list[str] = []
        cursor = None
        while True:
            params: dict[str, str | int] = {"limit": 2}
            if cursor:
                params["cursor"] = cursor
            page = c.get("/v1/outbound", params=params).json()
            seen += [i["recipient"] for i in page["items"]]
            cursor = page["next_cursor"]
            if not cursor:
                break
        assert seen == [f"p{i}@remote.test" for i in reversed(range(5))]
        assert c.get("/v1/outbound", params={"cursor": "!!"}).status_code == 400


def test_suppression_matching_and_list(srv: ServerThread) -> None:
    with client(srv) as c:
        c.post("/v1/suppressions", json={"address": "johndoe@gmail.com"})
        [sub] = send(c, "John.Doe+news@gmail.com")
        assert sub["state"] == "suppressed"
        assert c.get("/v1/suppressions/J.O.H.N.D.O.E@GMAIL.com").status_code == 200
        for a in ("alpha@remote.test", "beta@remote.test", "alfa@remote.test"):
            c.post("/v1/suppressions", json={"address": a})
        page = c.get("/v1/suppressions", params={"prefix": "al"}).json()
        assert [s["base_address"] for s in page["items"]] == ["alfa@remote.test", "alpha@remote.test"]
        first = c.get("/v1/suppressions", params={"limit": 2}).json()
        second = c.get("/v1/suppressions", params={"limit": 2, "cursor": first["next_cursor"]}).json()
        assert len(first["items"]) == 2 and len(second["items"]) == 2 and second["next_cursor"] is None
        assert c.delete("/v1/suppressions/johndoe@gmail.com").status_code == 204
        assert c.get("/v1/suppressions/johndoe@gmail.com").status_code == 404
        assert c.delete("/v1/suppressions/johndoe@gmail.com").status_code == 404
        bad = c.post("/v1/suppressions", json={"address": "not an address"})
        assert bad.status_code == 400 and bad.json()["errors"][0]["field"] == "address"


def test_hold_release_and_cancel(srv: ServerThread, mx: SinkMX) -> None:
    with client(srv) as c:
        rule = c.post("/v1/hold-rules", json={"recipient_domain": "remote.test"})
        assert rule.status_code == 201
        [held] = send(c, "one@remote.test")
        [other] = send(c, "two@remote.test")
        assert held["state"] == other["state"] == "held"
        assert c.post(f"/v1/outbound/{held['outbound_id']}/retry").status_code == 409
        r = c.post(f"/v1/outbound/{held['outbound_id']}/release")
        assert r.status_code == 200
        wait_for(lambda: states(c)["one@remote.test"] == "delivered")
        assert [m.rcpt_tos for m in mx.messages] == [["one@remote.test"]]
        r = c.post(f"/v1/outbound/{other['outbound_id']}/cancel")
        assert r.status_code == 200 and r.json()["state"] == "canceled"
        assert c.post(f"/v1/outbound/{other['outbound_id']}/cancel").json()["code"] == "invalid_state"
        # Removing the rule does not release what it held.
        send(c, "three@remote.test")
        assert c.delete(f"/v1/hold-rules/{rule.json()['id']}").status_code == 204
        assert states(c)["three@remote.test"] == "held"
        [fourth] = send(c, "four@remote.test")
        assert fourth["state"] == "queued"
        # A rule for all accounts needs the admin scope.
        assert c.post("/v1/hold-rules", json={"all_accounts": True}).status_code == 403
        # Looking needs the read scope, as docs/delivery-controls.md says; changing, manage.
        token = c.post("/v1/api-keys", json={"name": "reader", "scopes": ["read"]}).json()["token"]
    with httpx.Client(base_url=c.base_url, headers={"Authorization": f"Bearer {token}"}) as reader:
        assert reader.get("/v1/hold-rules").status_code == 200
        assert reader.get("/v1/suppressions").status_code == 200
        assert reader.post("/v1/hold-rules", json={"recipient_domain": "x.test"}).status_code == 403


def test_accounts_are_isolated(srv: ServerThread) -> None:
    with client(srv) as alice, client(srv, "bob@example.com") as bob:
        alice.post("/v1/hold-rules", json={"recipient_domain": "remote.test"})
        alice.post("/v1/suppressions", json={"address": "secret@remote.test"})
        [sub] = send(alice, "x@remote.test")
        oid = sub["outbound_id"]
        rule_id = alice.get("/v1/hold-rules").json()["items"][0]["id"]
        key_id = alice.post("/v1/api-keys", json={"name": "k"}).json()["key"]["id"]
        assert bob.get("/v1/outbound").json()["items"] == []
        for path in (f"/v1/outbound/{oid}",):
            assert bob.get(path).status_code == 404
        for action in ("retry", "cancel", "release"):
            assert bob.post(f"/v1/outbound/{oid}/{action}").status_code == 404
        assert bob.get("/v1/suppressions").json()["items"] == []
        assert bob.get("/v1/suppressions/secret@remote.test").status_code == 404
        assert bob.delete("/v1/suppressions/secret@remote.test").status_code == 404
        assert bob.get("/v1/hold-rules").json()["items"] == []
        assert bob.delete(f"/v1/hold-rules/{rule_id}").status_code == 404
        assert bob.delete(f"/v1/api-keys/{key_id}").status_code == 404
        # Bob's mail is not held by Alice's rule.
        [bobs] = send(bob, "y@remote.test")
        assert bobs["state"] == "queued"
        # Alice's things are intact.
        assert alice.get(f"/v1/outbound/{oid}").json()["state"] == "held"
        assert alice.get("/v1/suppressions/secret@remote.test").status_code == 200


def test_admin_key_holds_every_account(srv: ServerThread, data_dir: Path) -> None:
    _, token = srv.store.api_keys.create(srv.store.account("alice").id, "ops", ["manage", "admin"], 0)  # type: ignore[union-attr]
    admin = httpx.Client(base_url=f"http://127.0.0.1:{srv.port('http')}", headers={"Authorization": f"Bearer {token}"})
    r = admin.post("/v1/hold-rules", json={"all_accounts": True})
    assert r.status_code == 201 and r.json()["all_accounts"] is True
    with client(srv, "bob@example.com") as bob:
        [sub] = send(bob, "z@remote.test")
        assert sub["state"] == "held"
        assert [x["all_accounts"] for x in bob.get("/v1/hold-rules").json()["items"]] == [True]
        assert bob.delete(f"/v1/hold-rules/{r.json()['id']}").status_code == 404
    assert admin.delete(f"/v1/hold-rules/{r.json()['id']}").status_code == 204


def test_retired_history_is_purged_after_retention(srv: ServerThread, clock: FakeClock) -> None:
    with client(srv) as c:
        [done] = send(c, "old@remote.test")
        # Over 64 KB a queued message is a file of its own, not a row.
        [big] = send(c, "big@remote.test", text="long line\n" * 8000)
        wait_for(lambda: states(c).get("old@remote.test") == states(c).get("big@remote.test") == "delivered")
        c.post("/v1/hold-rules", json={"recipient_domain": "remote.test"})
        [waiting] = send(c, "waiting@remote.test")
        ref = srv.store.queue.get(int(done["outbound_id"]))  # type: ignore[call-overload]
        big_ref = srv.store.queue.get(int(big["outbound_id"]))  # type: ignore[call-overload]
        assert ref is not None and big_ref is not None
        assert srv.store.queue.inline_body(ref.message_ref) is not None
        assert not srv.store.queue.message_path(ref.message_ref).exists()
        path = srv.store.queue.message_path(big_ref.message_ref)
        assert srv.store.queue.inline_body(big_ref.message_ref) is None and path.exists()
        clock.advance(15 * 24 * 3600)
        srv.kick()
        wait_for(lambda: c.get(f"/v1/outbound/{done['outbound_id']}").status_code == 404)
        assert srv.store.queue.inline_body(ref.message_ref) is None
        wait_for(lambda: not path.exists())  # the file goes right after the rows' commit
        assert c.get(f"/v1/outbound/{waiting['outbound_id']}").json()["state"] == "held"


def test_suppression_names_one_mailbox(srv: ServerThread) -> None:
    """mary-jane@ is not mary-ann@ nor mary@ at a domain not known to fold tags."""
    with client(srv) as c:
        assert c.post("/v1/suppressions", json={"address": "mary-jane@remote.test"}).status_code == 201
        subs = send(c, "mary-ann@remote.test", "mary@remote.test", "Mary-Jane@REMOTE.test", "mary+x@remote.test")
        assert [s["state"] for s in subs] == ["queued", "queued", "suppressed", "queued"]
        assert c.get("/v1/suppressions/mary@remote.test").status_code == 404
        assert c.get("/v1/suppressions/MARY-JANE@remote.test").json()["base_address"] == "mary-jane@remote.test"
        # Known providers fold with their own separator only: + at Gmail, - at Yahoo.
        c.post("/v1/suppressions", json={"address": "john.doe@gmail.com"})
        c.post("/v1/suppressions", json={"address": "base@yahoo.com"})
        got = send(c, "JohnDoe+news@gmail.com", "john.doe-news@gmail.com", "base-shop@yahoo.com", "base+shop@yahoo.com")
        assert [s["state"] for s in got] == ["suppressed", "queued", "suppressed", "queued"]


def test_suppressed_recipient_names_the_entry(srv: ServerThread) -> None:
    with client(srv) as c:
        entry = c.post("/v1/suppressions", json={"address": "Gone+x@gmail.com", "reason": "unsubscribed"}).json()
        [sub] = send(c, "gone@gmail.com")
        assert sub["state"] == "suppressed"
        detail = c.get(f"/v1/outbound/{sub['outbound_id']}").json()
        assert detail["suppressed_by"] == {
            "address": "Gone+x@gmail.com",
            "reason": "unsubscribed",
            "created": entry["created"],
        }
        assert detail["last_result"] is None and detail["attempt_history"] == []
        listed = c.get("/v1/outbound", params={"state": "suppressed"}).json()["items"]
        assert [i["suppressed_by"]["address"] for i in listed] == ["Gone+x@gmail.com"]
        # The record keeps naming the entry after it is removed.
        assert c.delete("/v1/suppressions/gone@gmail.com").status_code == 204
        assert c.get(f"/v1/outbound/{sub['outbound_id']}").json()["suppressed_by"]["reason"] == "unsubscribed"
        [ok] = send(c, "ok@remote.test")
        wait_for(lambda: c.get(f"/v1/outbound/{ok['outbound_id']}").json()["state"] == "delivered")
        assert c.get(f"/v1/outbound/{ok['outbound_id']}").json()["suppressed_by"] is None


def test_account_opts_into_broader_folding(srv: ServerThread) -> None:
    with client(srv) as c, client(srv, "bob@example.com") as bob:
        assert c.get("/v1/suppression-settings").json() == {"fold_separators": ""}
        c.post("/v1/suppressions", json={"address": "mary-jane@remote.test"})
        r = c.put("/v1/suppression-settings", json={"fold_separators": "-+"})
        assert r.status_code == 200 and r.json() == {"fold_separators": "+-"}
        # Entries already on the list match by the new rule at once.
        assert c.get("/v1/suppressions").json()["items"][0]["base_address"] == "mary@remote.test"
        subs = send(c, "mary-ann@remote.test", "mary+x@remote.test", "maryann@remote.test")
        assert [s["state"] for s in subs] == ["suppressed", "suppressed", "queued"]
        # Only this account's.
        bob.post("/v1/suppressions", json={"address": "mary-jane@remote.test"})
        assert [s["state"] for s in send(bob, "mary-ann@remote.test")] == ["queued"]
        assert c.put("/v1/suppression-settings", json={"fold_separators": ""}).status_code == 200
        assert [s["state"] for s in send(c, "mary-ann@remote.test")] == ["queued"]
        for bad in ({"fold_separators": "."}, {"fold_separators": "+", "x": 1}):
            r = c.put("/v1/suppression-settings", json=bad)
            assert r.status_code == 400, r.text


def test_changing_fold_separators_loses_no_entry(srv: ServerThread) -> None:
    """Two entries that fold to one form stay two: folding and unfolding again gives
    both back, each still suppressing its own address, and the list pages through both."""
    with client(srv) as c:
        c.post("/v1/suppressions", json={"address": "mary-jane@corp.example", "reason": "unsubscribed"})
        c.post("/v1/suppressions", json={"address": "mary-ann@corp.example", "reason": "bounced"})
        assert c.put("/v1/suppression-settings", json={"fold_separators": "-"}).status_code == 200
        page = c.get("/v1/suppressions", params={"prefix": "mary", "limit": 1}).json()
        assert [(i["address"], i["base_address"]) for i in page["items"]] == [
            ("mary-ann@corp.example", "mary@corp.example")
        ]
        page = c.get("/v1/suppressions", params={"prefix": "mary", "cursor": page["next_cursor"]}).json()
        assert [i["address"] for i in page["items"]] == ["mary-jane@corp.example"] and page["next_cursor"] is None
        # Adding while folding adds an entry; it does not overwrite the one with the same form.
        c.post("/v1/suppressions", json={"address": "mary-sue@corp.example", "reason": "complained"})
        # The oldest matching entry is the one named.
        assert c.get("/v1/suppressions/mary@corp.example").json()["address"] == "mary-jane@corp.example"
        assert c.put("/v1/suppression-settings", json={"fold_separators": ""}).status_code == 200
        items = c.get("/v1/suppressions", params={"prefix": "mary"}).json()["items"]
        assert {(i["address"], i["base_address"], i["reason"]) for i in items} == {
            ("mary-jane@corp.example", "mary-jane@corp.example", "unsubscribed"),
            ("mary-ann@corp.example", "mary-ann@corp.example", "bounced"),
            ("mary-sue@corp.example", "mary-sue@corp.example", "complained"),
        }
        subs = send(c, "mary-jane@corp.example", "mary-ann@corp.example", "mary-sue@corp.example", "mary@corp.example")
        assert [s["state"] for s in subs] == ["suppressed", "suppressed", "suppressed", "queued"]
        # Removing by a folded form removes every entry that suppresses it.
        c.put("/v1/suppression-settings", json={"fold_separators": "-"})
        assert c.delete("/v1/suppressions/mary-x@corp.example").status_code == 204
        assert c.get("/v1/suppressions", params={"prefix": "mary"}).json()["items"] == []


def test_own_domain_entries_follow_new_addresses(srv: ServerThread) -> None:
    """An entry at one of the server's domains is matched as delivery reads it now, not
    as it did when added: sales+news@ becomes sales's mailbox once sales@ exists."""
    with client(srv, "bob@example.com") as bob:
        bob.post("/v1/suppressions", json={"address": "sales+news@example.com"})
        assert [s["state"] for s in send(bob, "sales@example.com")] == ["queued"]
        srv.store.add_address("sales@example.com", "alice")  # alice's separator is +
        subs = send(bob, "sales@example.com", "sales+other@example.com", "sales-news@example.com")
        assert [s["state"] for s in subs] == ["suppressed", "suppressed", "queued"]
        assert bob.get("/v1/suppressions/sales@example.com").json()["address"] == "sales+news@example.com"


def test_own_domains_fold_by_the_account_separator(srv: ServerThread) -> None:
    """alice's separator is +: alice+news@example.com is alice's mailbox, alice-news@ is not."""
    with client(srv, "bob@example.com") as bob:
        bob.post("/v1/suppressions", json={"address": "alice@example.com"})
        subs = send(bob, "alice+news@example.com", "alice-news@example.com", "ALICE@example.com")
        assert [s["state"] for s in subs] == ["suppressed", "queued", "suppressed"]


def test_recipient_search_ignores_case_and_idn_form(srv: ServerThread) -> None:
    with client(srv) as c:
        c.post("/v1/hold-rules", json={})  # nothing needs to leave
        [plain] = send(c, "Customer@Remote.test")
        [idn] = send(c, "user@bücher.example")
        [intl] = send(c, "jörg@bücher.example")
        send(c, "other@remote.test")

        def found(q: str) -> list[object]:
            r = c.get("/v1/outbound", params={"recipient": q})
            assert r.status_code == 200, r.text
            return [i["id"] for i in r.json()["items"]]

        for q in ("customer@remote.test", "CUSTOMER@REMOTE.TEST", "Customer@Remote.test"):
            assert found(q) == [plain["outbound_id"]], q
        for q in ("user@bücher.example", "User@xn--bcher-kva.example", "USER@BÜCHER.example"):
            assert found(q) == [idn["outbound_id"]], q
        for q in ("jörg@xn--bcher-kva.example", "Jörg@bücher.example"):
            assert found(q) == [intl["outbound_id"]], q
        assert found("nobody@remote.test") == []
