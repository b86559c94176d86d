"""Webhooks end to end: real sends, a real HTTP receiver, signatures checked with standardwebhooks."""

from __future__ import annotations

import asyncio
import smtplib
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from standardwebhooks import Webhook

from mailwright.config import Outbound, WebhooksConfig
from mta.dns import MX
from mta.store import Store
from mta.store.types import EnqueueRequest
from mta.store.webhooks import WebhookConfig
from tests.conftest import PASSWORD, FakeClock, ServerThread, make_config
from tests.helpers import wait_for
from tests.mx import SinkMX, TableResolver
from tests.receiver import Call, Receiver
from webhooks import http
from webhooks.ssrf import URLRefused, check_url

RESOLVER = TableResolver({"remote.test": [MX(10, "mx.remote.test")]}, {"mx.remote.test": ["127.0.0.1"]})


def server(data_dir: Path, mx: SinkMX, clock: FakeClock, **webhooks: object) -> ServerThread:
    cfg = make_config(
        data_dir,
        outbound=Outbound(mx_port=mx.port),
        webhooks=WebhooksConfig(allow_private=True, **webhooks),  # type: ignore[arg-type]
    )
    return ServerThread(cfg, resolver=RESOLVER, clock=clock).start()


@pytest.fixture
def srv(data_dir: Path, mx: SinkMX, clock: FakeClock) -> Iterator[ServerThread]:
    s = server(data_dir, mx, clock)
    yield s
    s.stop()


def client(s: ServerThread, login: str = "alice@example.com") -> httpx.Client:
    return httpx.Client(base_url=f"http://127.0.0.1:{s.port('http')}", auth=(login, PASSWORD), timeout=10)


def configure(c: httpx.Client, **settings: object) -> str:
    r = c.put("/v1/webhooks", json=settings)
    assert r.status_code == 200, r.text
    secret: str = r.json()["signing_secret"]
    assert secret.startswith("whsec_")
    return secret


def send(c: httpx.Client, to: str, **extra: object) -> int:
    r = c.post("/v1/send", json={"to": [{"address": to}], "subject": "hello", "text": "x", **extra})
    assert r.status_code == 202, r.text
    outbound_id: int = r.json()["submissions"][0]["outbound_id"]
    return outbound_id


def verified(call: Call, secret: str) -> dict[str, object]:
    """The payload, after standardwebhooks checked the signature (it raises otherwise)."""
    payload: dict[str, object] = Webhook(secret).verify(call.body, call.headers)
    return payload


def events(r: Receiver, path: str, secret: str) -> list[dict[str, object]]:
    return [verified(c, secret) for c in r.at(path)]


def test_every_event_type_signed(srv: ServerThread, receiver: Receiver, clock: FakeClock) -> None:
    with client(srv) as alice, client(srv, "bob@example.com") as bob:
        secret = configure(alice, outgoing_url=receiver.url("/out"), incoming_url=receiver.url("/in"))
        bob_secret = configure(bob, incoming_url=receiver.url("/bob"))
        assert secret != bob_secret
        assert alice.get("/v1/webhooks").json() == {
            "outgoing_url": receiver.url("/out"),
            "incoming_url": receiver.url("/in"),
            "events": [],
            "has_authorization": False,
            "signing_secret": None,
            "previous_secret_valid_until": None,
        }
        assert alice.post("/v1/suppressions", json={"address": "gone@remote.test"}).status_code == 201
        ids = {
            "delivered": send(alice, "ok@remote.test", metadata={"order": "42"}),
            "failed": send(alice, "reject@remote.test"),
            "delayed": send(alice, "later@remote.test"),
            "suppressed": send(alice, "gone@remote.test"),
            "expired": send(
                alice,
                "later2@remote.test",
                deliver_by=(datetime.fromtimestamp(clock.now, UTC) + timedelta(minutes=2)).isoformat(),
            ),
        }
        scheduled = send(alice, "ok2@remote.test", send_at=(datetime.now(UTC) + timedelta(hours=1)).isoformat())
        assert alice.post(f"/v1/outbound/{scheduled}/cancel").status_code == 200
        ids["canceled"] = scheduled
        send(alice, "bob@example.com", subject="to bob")
        wait_for(lambda: len(receiver.at("/out")) >= 7 and len(receiver.at("/bob")) == 1)
        by_id = {e["outbound_id"]: e for e in events(receiver, "/out", secret)}
        got = {kind: by_id[oid] for kind, oid in ids.items()}
        for kind, oid in ids.items():
            e = got[kind]
            assert e["event"] == kind
            assert e["version"] == 1 and e["outbound_id"] == oid and e["sequence"] == 1, e
            assert e["subject"] == "hello" and str(e["message_id"]).startswith("<")
            assert str(e["from_id"]) and str(e["time"]).endswith("Z")
        assert got["delivered"]["metadata"] == {"order": "42"}
        assert got["delivered"]["smtp_code"] == 250 and got["delivered"]["recipient"] == "ok@remote.test"
        assert got["failed"]["smtp_code"] == 550 and got["failed"]["enhanced_code"] == "5.1.1"
        assert got["failed"]["suppressing"] is True and "No such user" in str(got["failed"]["error"])
        assert got["delayed"]["smtp_code"] == 451 and got["delayed"]["suppressing"] is False
        assert got["suppressed"]["smtp_code"] is None and got["expired"]["enhanced_code"]
        # Bob's incoming event is signed with bob's secret, not alice's.
        [call] = receiver.at("/bob")
        incoming = verified(call, bob_secret)
        with pytest.raises(Exception, match="signature"):
            verified(call, secret)
        assert incoming["event"] == "incoming" and incoming["subject"] == "to bob"
        assert incoming["from"] == [{"name": "", "address": "alice@example.com"}]
        assert incoming["text"] == "x\n" and incoming["meta"]["mailbox"] == "Inbox"  # type: ignore[index]
        # A retry of the delayed recipient is a second event with the next sequence.
        clock.advance(9 * 60)
        srv.kick()
        wait_for(lambda: len([e for e in events(receiver, "/out", secret) if e["event"] == "delayed"]) == 2)
        seqs = [e["sequence"] for e in events(receiver, "/out", secret) if e["outbound_id"] == ids["delayed"]]
        assert seqs == [1, 2]


def test_incoming_reply_names_the_outbound(srv: ServerThread, receiver: Receiver) -> None:
    with client(srv) as alice:
        secret = configure(alice, incoming_url=receiver.url("/in"), events=["incoming"])
        r = alice.post(
            "/v1/send",
            json={
                "to": [{"address": "customer@remote.test"}],
                "subject": "Your order",
                "text": "x",
                "metadata": {"order": "7"},
            },
        )
        sent = r.json()
        msg = (
            "From: Customer <customer@remote.test>\r\nTo: alice@example.com\r\nSubject: Re: Your order\r\n"
            f"Message-ID: <reply1@remote.test>\r\nIn-Reply-To: {sent['message_id']}\r\n"
            f"References: <older@x> {sent['message_id']}\r\nDate: Tue, 24 Nov 2026 10:00:00 +0100\r\n"
            "Auto-Submitted: auto-replied\r\nMIME-Version: 1.0\r\n"
            'Content-Type: multipart/mixed; boundary="b"\r\n\r\n'
            "--b\r\nContent-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
            "Gr=FC=DFe\r\n"
            "--b\r\nContent-Type: application/pdf; name=a.pdf\r\nContent-Disposition: attachment; filename=a.pdf\r\n"
            "Content-Transfer-Encoding: base64\r\n\r\nJVBERi0=\r\n--b--\r\n"
        )
        with smtplib.SMTP("127.0.0.1", srv.port("smtp")) as s:
            s.sendmail("customer@remote.test", ["alice@example.com"], msg.encode())
        wait_for(lambda: len(receiver.at("/in")) == 1)
        e = verified(receiver.at("/in")[0], secret)
        assert e["subject"] == "Re: Your order" and str(e["text"]).startswith("Grüße")
        assert e["date"] == "2026-11-24T09:00:00Z" and e["references"] == ["<older@x>", sent["message_id"]]
        assert e["in_reply_to_outbound"] == {
            "outbound_id": sent["submissions"][0]["outbound_id"],
            "message_id": sent["message_id"],
            "recipient": "customer@remote.test",
            "metadata": {"order": "7"},
        }
        meta = e["meta"]
        assert isinstance(meta, dict)
        assert meta["mail_from"] == "customer@remote.test" and meta["rcpt_to"] == "alice@example.com"
        assert meta["remote_ip"] == "127.0.0.1" and meta["automated"] is True
        assert meta["automated_reason"] == "auto-reply"
        structure = e["structure"]
        assert isinstance(structure, dict) and structure["content_type"] == "multipart/mixed"
        assert [(p["path"], p["content_type"], p["filename"]) for p in structure["parts"]] == [
            ("1", "text/plain", ""),
            ("2", "application/pdf", "a.pdf"),
        ]


def test_retries_with_growing_gaps(srv: ServerThread, receiver: Receiver, clock: FakeClock) -> None:
    receiver.script("/flaky", [500, 500, 500])
    with client(srv) as alice:
        secret = configure(alice, outgoing_url=receiver.url("/flaky"))
        send(alice, "ok@remote.test")
        gaps = []

        def after(n: int) -> dict[str, object]:
            """The call's record once its n-th attempt is recorded."""
            wait_for(lambda: len(receiver.at("/flaky")) == n)
            wait_for(lambda: alice.get("/v1/webhook-deliveries").json()["items"][0]["attempts"] == n)
            [item] = alice.get("/v1/webhook-deliveries").json()["items"]
            out: dict[str, object] = alice.get(f"/v1/webhook-deliveries/{item['id']}").json()
            return out

        for n in range(1, 5):
            d: dict[str, Any] = after(n)
            if n < 4:
                assert d["state"] == "pending" and d["last_status"] == 500
                last = datetime.fromisoformat(d["attempt_history"][-1]["time"])
                gap = datetime.fromisoformat(d["next_attempt"]) - last
                gaps.append(gap.total_seconds())
                clock.advance(gap.total_seconds() + 1)
                srv.kick()
        assert d["state"] == "delivered"
        assert [a["status"] for a in d["attempt_history"]] == [500, 500, 500, 200]
        assert d["attempt_history"][-1]["response"] == "ok" and d["attempt_history"][0]["error"] == "HTTP status 500"
        assert 54 <= gaps[0] <= 66 and 108 <= gaps[1] <= 132 and 216 <= gaps[2] <= 264, gaps
        calls = receiver.at("/flaky")
        assert len({c.headers["webhook-id"] for c in calls}) == 1
        for c in calls:
            verified(c, secret)


def test_restart_mid_retry_loses_nothing(data_dir: Path, mx: SinkMX, clock: FakeClock, receiver: Receiver) -> None:
    receiver.script("/down", [503])
    s = server(data_dir, mx, clock)
    try:
        with client(s) as alice:
            secret = configure(alice, outgoing_url=receiver.url("/down"))
            send(alice, "ok@remote.test")
            wait_for(lambda: len(receiver.at("/down")) == 1)
            wait_for(lambda: alice.get("/v1/webhook-deliveries").json()["items"][0]["attempts"] == 1)
    finally:
        s.stop()
    clock.advance(120)
    s = server(data_dir, mx, clock)
    try:
        s.kick()
        wait_for(lambda: len(receiver.at("/down")) == 2)
        first, second = receiver.at("/down")
        assert first.headers["webhook-id"] == second.headers["webhook-id"]
        assert verified(second, secret)["event"] == "delivered"
        with client(s) as alice:
            wait_for(lambda: alice.get("/v1/webhook-deliveries").json()["items"][0]["state"] == "delivered")
    finally:
        s.stop()


def test_hung_receiver_does_not_delay_others(data_dir: Path, mx: SinkMX, clock: FakeClock, receiver: Receiver) -> None:
    receiver.hang("/hang")
    s = server(data_dir, mx, clock, concurrency=4, per_url=2, timeout_seconds=30)
    try:
        with client(s) as alice, client(s, "bob@example.com") as bob:
            configure(alice, outgoing_url=receiver.url("/hang"))
            bob_secret = configure(bob, incoming_url=receiver.url("/bob"))
            for i in range(6):
                send(alice, f"ok{i}@remote.test")
            wait_for(lambda: receiver.in_flight["/hang"] == 2)
            send(alice, "bob@example.com")
            wait_for(lambda: len(receiver.at("/bob")) == 1)
            assert verified(receiver.at("/bob")[0], bob_secret)["event"] == "incoming"
            # Still only two calls to the hung URL at once.
            assert receiver.in_flight["/hang"] == 2 and receiver.at("/hang") == []
            receiver.release()
            wait_for(lambda: len(receiver.at("/hang")) == 7)  # six sends and the one to bob
    finally:
        receiver.release()
        s.stop()


def test_newer_event_supersedes_pending(srv: ServerThread, receiver: Receiver, clock: FakeClock) -> None:
    receiver.script("/out", [500] * 5)
    with client(srv) as alice:
        configure(alice, outgoing_url=receiver.url("/out"))
        oid = send(alice, "later@remote.test")
        wait_for(lambda: len(receiver.at("/out")) == 1)
        wait_for(lambda: alice.get("/v1/webhook-deliveries").json()["items"][0]["attempts"] == 1)
        clock.advance(9 * 60)  # the outbound retry is due, and the webhook retry too
        srv.kick()
        wait_for(lambda: len(alice.get("/v1/webhook-deliveries", params={"outbound_id": oid}).json()["items"]) == 2)
        newer, older = alice.get("/v1/webhook-deliveries", params={"outbound_id": oid}).json()["items"]
        assert older["state"] == "superseded" and older["sequence"] == 1
        assert newer["sequence"] == 2 and newer["event"] == "delayed"
        sup = alice.get("/v1/webhook-deliveries", params={"state": "superseded"}).json()["items"]
        assert [d["id"] for d in sup] == [older["id"]]


def test_secret_rotation_signs_with_both(srv: ServerThread, receiver: Receiver, clock: FakeClock) -> None:
    with client(srv) as alice:
        old = configure(alice, outgoing_url=receiver.url("/out"))
        r = alice.post("/v1/webhooks/rotate-secret", json={"grace_seconds": 3600})
        assert r.status_code == 200 and r.json()["previous_secret_valid_until"]
        new = r.json()["signing_secret"]
        assert new != old and alice.get("/v1/webhooks").json()["signing_secret"] is None
        send(alice, "ok@remote.test")
        wait_for(lambda: len(receiver.at("/out")) == 1)
        call = receiver.at("/out")[0]
        assert len(call.headers["webhook-signature"].split()) == 2
        verified(call, old)
        verified(call, new)
        clock.advance(3601)
        send(alice, "ok2@remote.test")
        wait_for(lambda: len(receiver.at("/out")) == 2)
        call = receiver.at("/out")[1]
        verified(call, new)
        with pytest.raises(Exception, match="signature"):
            verified(call, old)


def test_settings_validation_retry_and_isolation(srv: ServerThread, receiver: Receiver) -> None:
    receiver.script("/out", [500] * 11)
    with client(srv) as alice, client(srv, "bob@example.com") as bob:
        bad = alice.put("/v1/webhooks", json={"outgoing_url": receiver.url("/out"), "events": ["delivered", "nope"]})
        assert bad.status_code == 400 and bad.json()["errors"][0]["field"] == "events"
        bad = alice.put("/v1/webhooks", json={"outgoing_url": "ftp://example.com/x"})
        assert bad.status_code == 422 and bad.json()["code"] == "url_refused"
        bad = alice.put("/v1/webhooks", json={"outgoing_url": "x", "authorization": "a\r\nX-Evil: 1"})
        assert bad.status_code in (400, 422)
        assert alice.put("/v1/webhooks", json={"extra": 1}).status_code == 400
        configure(alice, outgoing_url=receiver.url("/out"), authorization="Bearer t0k", events=["failed"])
        send(alice, "ok@remote.test")  # delivered: not wanted
        send(alice, "reject@remote.test")
        wait_for(lambda: len(receiver.at("/out")) == 1)
        assert receiver.at("/out")[0].headers["authorization"] == "Bearer t0k"
        [d] = alice.get("/v1/webhook-deliveries").json()["items"]
        assert d["event"] == "failed"
        # Another account sees none of it.
        assert bob.get("/v1/webhook-deliveries").json()["items"] == []
        assert bob.get(f"/v1/webhook-deliveries/{d['id']}").status_code == 404
        assert bob.post(f"/v1/webhook-deliveries/{d['id']}/retry").status_code == 404
        assert bob.get("/v1/webhooks").json()["outgoing_url"] == ""
        # A manual retry calls now.
        wait_for(lambda: alice.get(f"/v1/webhook-deliveries/{d['id']}").json()["attempts"] == 1)
        r = alice.post(f"/v1/webhook-deliveries/{d['id']}/retry")
        assert r.status_code == 202 and r.json()["state"] == "pending"
        wait_for(lambda: len(receiver.at("/out")) == 2)
        # The test event.
        r = alice.post("/v1/webhooks/test")
        assert r.status_code == 202
        # An object naming the calls (not a bare list), each one to look up.
        [test_id] = r.json()["delivery_ids"]
        assert alice.get(f"/v1/webhook-deliveries/{test_id}").json()["event"] == "test"
        wait_for(lambda: len(receiver.at("/out")) == 3)
        assert receiver.at("/out")[2].json()["event"] == "test"
        assert bob.post("/v1/webhooks/test").status_code == 409


def test_private_urls_refused_unless_allowed(data_dir: Path, mx: SinkMX, clock: FakeClock) -> None:
    cfg = make_config(data_dir, outbound=Outbound(mx_port=mx.port))  # allow_private defaults to false
    s = ServerThread(cfg, resolver=RESOLVER, clock=clock).start()
    try:
        with client(s) as alice:
            for url in (
                "http://127.0.0.1:8080/hook",
                "http://localhost/hook",
                "http://10.1.2.3/hook",
                "http://192.168.0.1/hook",
                "http://169.254.169.254/latest/meta-data",
                "http://[::1]/hook",
                "http://[::ffff:127.0.0.1]/hook",
                "http://0.0.0.0/hook",
                "http://user:pw@93.184.215.14/hook",
                "http://[64:ff9b::a00:1]/hook",  # NAT64 of 10.0.0.1
                "http://[2002:a00:1::]/hook",  # 6to4 of 10.0.0.1
                "http://[::1/hook",  # malformed
            ):
                r = alice.put("/v1/webhooks", json={"outgoing_url": url})
                assert r.status_code == 422, url
                assert r.json()["errors"][0]["field"] == "outgoing_url"
                # A refused address says how to allow it; a malformed URL does not.
                assert ("allow_private = true in the [webhooks] section" in r.json()["detail"]) == (
                    "not a public address" in r.json()["detail"]
                ), r.json()
            r = alice.put("/v1/webhooks", json={"outgoing_url": "http://127.0.0.1:8080/hook"})
            assert "allow_private = true in the [webhooks] section" in r.json()["errors"][0]["message"]
            assert alice.put("/v1/webhooks", json={"incoming_url": "https://93.184.215.14/hook"}).status_code == 200
            # A URL that turns private after it was accepted (DNS changed) is refused at call time.
            acc = s.store.account("alice")
            assert acc is not None
            assert s.rt is not None and s.rt.webhooks is not None
            w = s.rt.webhooks
            cfg_now = w.config(acc.id)
            s.store.webhooks.put_config(
                WebhookConfig(account_id=acc.id, outgoing_url="http://127.0.0.1:9/x", secret=cfg_now.secret), 0
            )
            w._configs.pop(acc.id)
            send(alice, "ok@remote.test")
            wait_for(lambda: alice.get("/v1/webhook-deliveries").json()["items"] != [])
            wait_for(lambda: alice.get("/v1/webhook-deliveries").json()["items"][0]["attempts"] == 1)
            d = alice.get("/v1/webhook-deliveries").json()["items"][0]
            assert d["last_status"] is None and "not a public address" in d["last_error"]
    finally:
        s.stop()


def test_timeout_counts_as_failure(data_dir: Path, mx: SinkMX, clock: FakeClock, receiver: Receiver) -> None:
    receiver.hang("/slow")
    s = server(data_dir, mx, clock, timeout_seconds=0.5)
    try:
        with client(s) as alice:
            configure(alice, outgoing_url=receiver.url("/slow"))
            start = time.monotonic()
            send(alice, "ok@remote.test")
            wait_for(lambda: alice.get("/v1/webhook-deliveries").json()["items"] != [])
            wait_for(lambda: alice.get("/v1/webhook-deliveries").json()["items"][0]["attempts"] == 1)
            d = alice.get("/v1/webhook-deliveries").json()["items"][0]
            assert d["state"] == "pending" and d["last_error"] == "no answer within 0.5 s"
            assert time.monotonic() - start < 5
    finally:
        receiver.release()
        s.stop()


def test_events_are_recorded_with_the_change(data_dir: Path, mx: SinkMX, clock: FakeClock, receiver: Receiver) -> None:
    """The event is written in the transaction that changes the state, so it is sent even
    when the process that made the change never got to it (here: no service was running)."""
    s = server(data_dir, mx, clock)
    try:
        with client(s) as alice:
            secret = configure(alice, outgoing_url=receiver.url("/out"))
            assert alice.post("/v1/hold-rules", json={"recipient_domain": "remote.test"}).status_code == 201
            oid = send(alice, "held@remote.test")
    finally:
        s.stop()
    store = Store.open(data_dir)
    try:
        acc = store.account("alice")
        assert acc is not None
        assert asyncio.run(store.queue.control(acc.id, oid, "cancel", int(clock.now * 1000))) is None
    finally:
        store.close()
    assert receiver.at("/out") == []
    s = server(data_dir, mx, clock)
    try:
        wait_for(lambda: len(receiver.at("/out")) == 1)
        e = verified(receiver.at("/out")[0], secret)
        assert e["event"] == "canceled" and e["outbound_id"] == oid and e["recipient"] == "held@remote.test"
    finally:
        s.stop()


def test_calls_go_to_the_url_configured_at_each_attempt(
    srv: ServerThread, receiver: Receiver, clock: FakeClock
) -> None:
    """A typo in the URL fixed after the event: the waiting call reaches the fixed URL at
    its next attempt (not 31 hours of retries to the old one), with the settings' new
    Authorization, and a manual retry goes there too."""
    receiver.script("/typo", [404] * 20)
    with client(srv) as alice:
        configure(alice, outgoing_url=receiver.url("/typo"), authorization="Bearer old")
        send(alice, "ok@remote.test")
        wait_for(lambda: len(receiver.at("/typo")) == 1)
        wait_for(lambda: alice.get("/v1/webhook-deliveries").json()["items"][0]["attempts"] == 1)
        r = alice.put("/v1/webhooks", json={"outgoing_url": receiver.url("/fixed"), "authorization": "Bearer new"})
        assert r.status_code == 200
        [d] = alice.get("/v1/webhook-deliveries").json()["items"]
        assert d["state"] == "pending" and d["url"] == receiver.url("/fixed")
        clock.advance(2 * 60)
        srv.kick()
        wait_for(lambda: len(receiver.at("/fixed")) == 1)
        assert receiver.at("/fixed")[0].headers["authorization"] == "Bearer new"
        assert receiver.at("/typo")[0].headers["authorization"] == "Bearer old"
        wait_for(lambda: alice.get(f"/v1/webhook-deliveries/{d['id']}").json()["state"] == "delivered")
        detail = alice.get(f"/v1/webhook-deliveries/{d['id']}").json()
        assert [(a["url"], a["status"]) for a in detail["attempt_history"]] == [
            (receiver.url("/typo"), 404),
            (receiver.url("/fixed"), 200),
        ]
        # A manual retry goes to the URL configured now, too.
        assert alice.patch("/v1/webhooks", json={"outgoing_url": receiver.url("/moved")}).status_code == 200
        r = alice.post(f"/v1/webhook-deliveries/{d['id']}/retry")
        assert r.status_code == 202 and r.json()["url"] == receiver.url("/moved")
        wait_for(lambda: len(receiver.at("/moved")) == 1)
        assert len(receiver.at("/typo")) == 1
        # Turning the kind off ends waiting calls; a retry then says there is no URL.
        receiver.script("/down", [500] * 20)
        assert alice.patch("/v1/webhooks", json={"outgoing_url": receiver.url("/down")}).status_code == 200
        oid = send(alice, "ok2@remote.test")
        wait_for(lambda: len(receiver.at("/down")) == 1)
        wait_for(lambda: alice.get("/v1/webhook-deliveries").json()["items"][0]["attempts"] == 1)
        assert alice.patch("/v1/webhooks", json={"outgoing_url": ""}).status_code == 200
        [d2] = alice.get("/v1/webhook-deliveries", params={"outbound_id": oid}).json()["items"]
        assert d2["state"] == "superseded"
        r = alice.post(f"/v1/webhook-deliveries/{d2['id']}/retry")
        assert r.status_code == 409 and r.json()["code"] == "no_webhooks"


def test_patch_changes_some_settings_put_replaces_all(srv: ServerThread, receiver: Receiver) -> None:
    with client(srv) as alice:
        r = alice.patch("/v1/webhooks", json={"outgoing_url": receiver.url("/out")})
        assert r.status_code == 200 and r.json()["signing_secret"].startswith("whsec_")  # the first URL set
        r = alice.patch("/v1/webhooks", json={"incoming_url": receiver.url("/in"), "authorization": "Bearer t"})
        assert r.status_code == 200 and r.json()["signing_secret"] is None
        r = alice.patch("/v1/webhooks", json={"events": ["failed", "incoming"]})
        assert r.json() == {
            "outgoing_url": receiver.url("/out"),
            "incoming_url": receiver.url("/in"),
            "events": ["failed", "incoming"],
            "has_authorization": True,
            "signing_secret": None,
            "previous_secret_valid_until": None,
        }
        bad = alice.patch("/v1/webhooks", json={"events": ["nope"]})
        assert bad.status_code == 400 and bad.json()["errors"][0]["field"] == "events"
        assert alice.patch("/v1/webhooks", json={"extra": 1}).status_code == 400
        assert alice.patch("/v1/webhooks", json={"outgoing_url": "ftp://x.test/"}).json()["code"] == "url_refused"
        assert alice.get("/v1/webhooks").json()["events"] == ["failed", "incoming"]  # unchanged by refusals
        # PUT is a full replacement: what the body leaves out is reset.
        r = alice.put("/v1/webhooks", json={"outgoing_url": receiver.url("/out")})
        assert r.json()["incoming_url"] == "" and r.json()["events"] == []
        assert r.json()["has_authorization"] is False


def _post_once(path: str, answer: bytes) -> tuple[int, bytes]:
    """http.post to a one-shot local server that reads the request's head and writes
    answer; the status the call returned, and the head the server read."""

    async def main() -> tuple[int, bytes]:
        seen: list[bytes] = []

        async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            seen.append(await reader.readuntil(b"\r\n\r\n"))
            writer.write(answer)
            await writer.drain()
            writer.close()

        server = await asyncio.start_server(handle, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        try:
            r = await http.post(f"http://127.0.0.1:{port}{path}", {}, b"{}", timeout=5, allow_private=True)
        finally:
            server.close()
        return r.status, seen[0]

    return asyncio.run(main())


def test_interim_answers_are_skipped() -> None:
    """A 100 Continue before the real answer: the real status counts."""
    status, _ = _post_once("/x", b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n")
    assert status == 204


def test_international_urls_go_out_as_a_labels_and_percent_encoding() -> None:
    """A webhook URL with an international host name or path: the host is looked up
    and named in Host: as its A-label, and the path goes out percent-encoded."""
    assert check_url("https://Bücher.Example:8443/hööks?q=ü") == (
        "https",
        "xn--bcher-kva.example",
        8443,
        "/h%C3%B6%C3%B6ks?q=%C3%BC",
    )
    with pytest.raises(URLRefused):
        check_url("http://bü..example/x")

    _, head = _post_once("/hööks?q=ü", b"HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n")
    assert head.startswith(b"POST /h%C3%B6%C3%B6ks?q=%C3%BC HTTP/1.1\r\n")
    assert head.isascii()


def test_suppressed_event_names_the_entry(data_dir: Path, mx: SinkMX, clock: FakeClock, receiver: Receiver) -> None:
    """The `suppressed` event says which entry matched, from what was stored with the
    recipient: it is sent after a restart, and after the entry itself is gone."""
    s = server(data_dir, mx, clock)
    try:
        with client(s) as alice:
            secret = configure(alice, outgoing_url=receiver.url("/out"))
            r = alice.post("/v1/suppressions", json={"address": "Mary-Jane@remote.test", "reason": "asked us"})
            created = r.json()["created"]
    finally:
        s.stop()
    store = Store.open(data_dir)
    try:
        acc = store.account("alice")
        assert acc is not None
        req = EnqueueRequest(
            account_id=acc.id,
            mail_from="alice@example.com",
            recipients=["mary-jane@remote.test", "mary@remote.test"],
            data=b"Subject: x\r\n\r\nx\r\n",
            message_id="<m@x>",
            subject="x",
            sender="alice@example.com",
        )
        subs, _ = asyncio.run(store.queue.enqueue(req, now=int(clock.now * 1000)))
        assert [x.state for x in subs] == ["suppressed", "queued"]
        assert store.suppressions.remove(acc.id, "mary-jane@remote.test")
    finally:
        store.close()
    s = server(data_dir, mx, clock)
    try:
        wait_for(lambda: any(verified(c, secret)["event"] == "suppressed" for c in receiver.at("/out")))
        [e] = [p for p in events(receiver, "/out", secret) if p["event"] == "suppressed"]
        assert e["outbound_id"] == subs[0].outbound_id and e["recipient"] == "mary-jane@remote.test"
        assert e["suppressed_by"] == {"address": "Mary-Jane@remote.test", "reason": "asked us", "created": created}
        wait_for(lambda: any(verified(c, secret)["event"] == "delivered" for c in receiver.at("/out")))
        [d] = [p for p in events(receiver, "/out", secret) if p["event"] == "delivered"]
        assert d["recipient"] == "mary@remote.test" and d["suppressed_by"] is None
    finally:
        s.stop()
