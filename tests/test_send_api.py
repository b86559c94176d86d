"""The send API end to end: HTTP in, the queue, a real SMTP server as the remote MX, DSNs back.

The remote side is aiosmtpd on loopback reached through a DNS table; the queue's
clock is moved forward by the tests instead of sleeping.
"""

from __future__ import annotations

import base64
import email
import email.policy
import importlib
import socket
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from mta import dkim
from mta.dns import MX
from tests.conftest import PASSWORD, FakeClock, ServerThread, make_config
from tests.helpers import inbox, wait_for
from tests.mx import SinkMX, TableResolver


def resolver() -> TableResolver:
    return TableResolver(
        {
            "remote.test": [MX(10, "mx.remote.test")],
            "nullmx.test": [MX(0, "")],
        },
        {"mx.remote.test": ["127.0.0.1"], "bare.test": ["127.0.0.1"]},
    )


@pytest.fixture
def srv(data_dir: Path, mx: SinkMX, clock: FakeClock) -> Iterator[ServerThread]:
    from mailwright.config import Outbound

    s = ServerThread(make_config(data_dir, outbound=Outbound(mx_port=mx.port)), resolver=resolver(), clock=clock)
    s.start()
    yield s
    s.stop()


def api(s: ServerThread) -> httpx.Client:
    return httpx.Client(base_url=f"http://127.0.0.1:{s.port('http')}", auth=("alice@example.com", PASSWORD), timeout=10)


def outbound(s: ServerThread, oid: int) -> tuple[str, int]:
    row = s.store.queue.get(oid)
    assert row is not None
    return row.state, row.attempts


def dkim_txt(s: ServerThread) -> Callable[[str], str | None]:
    keys = {f"{k.selector}._domainkey.example.com": dkim.dns_record(k) for k in s.store.dkim_keys("example.com")}
    return keys.get


def test_send_delivers_signed_message_to_remote_mx(srv: ServerThread, mx: SinkMX) -> None:
    with api(srv) as c:
        r = c.post(
            "/v1/send",
            json={
                "to": [{"address": "someone@remote.test", "name": "Some One"}],
                "subject": "Grüße",
                "text": "hello ✓",
                "html": "<p>hello ✓</p>",
                "attachments": [{"name": "data.bin", "content_type": "application/octet-stream",
                                 "data": base64.b64encode(b"\x00\x01\x02binary").decode()}],
                "metadata": {"order": "1234"},
            },
        )  # fmt: skip
    assert r.status_code == 202, r.text
    body = r.json()
    [sub] = body["submissions"]
    assert sub["address"] == "someone@remote.test"
    assert len(sub["from_id"]) >= 20
    wait_for(lambda: len(mx.messages) == 1)
    got = mx.messages[0]
    assert got.mail_from == f"alice+{sub['from_id']}@example.com"
    assert got.rcpt_tos == ["someone@remote.test"]
    msg = email.message_from_bytes(got.data, policy=email.policy.default)
    assert msg["Subject"] == "Grüße"
    assert msg["Message-ID"] == body["message_id"]
    assert msg.get_body(("plain",)).get_content().strip() == "hello ✓"  # type: ignore[union-attr]
    [att] = list(msg.iter_attachments())
    assert att.get_filename() == "data.bin" and att.get_content() == b"\x00\x01\x02binary"
    results = dkim.verify(got.data, dkim_txt(srv))
    assert len(results) == 2 and all(ok for _, _, ok in results)
    wait_for(lambda: outbound(srv, sub["outbound_id"]) == ("delivered", 1))
    [att_rec] = srv.store.queue.attempts(sub["outbound_id"])
    assert att_rec.code == 250 and att_rec.ip == "127.0.0.1" and att_rec.host == "mx.remote.test"


def test_html_only_sends_get_a_text_alternative(srv: ServerThread, mx: SinkMX) -> None:
    html = '<p>Your code is <b>4711</b>.</p><p><a href="https://app.example/login">Log in</a></p>'
    with api(srv) as c:
        for to, extra in (("a@remote.test", {}), ("b@remote.test", {"text_from_html": False})):
            r = c.post("/v1/send", json={"to": [{"address": to}], "subject": "code", "html": html, **extra})
            assert r.status_code == 202, r.text
        bad = c.post("/v1/send", json={"draft_id": 1, "text_from_html": False})
        assert bad.status_code == 400 and "text_from_html" in bad.json()["detail"]
    wait_for(lambda: len(mx.messages) == 2)
    got = {m.rcpt_tos[0]: email.message_from_bytes(m.data, policy=email.policy.default) for m in mx.messages}
    a = got["a@remote.test"]
    assert [p.get_content_type() for p in a.iter_parts()] == ["text/plain", "text/html"]
    text = a.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert text.replace("\r\n", "\n") == "Your code is 4711.\n\nLog in (https://app.example/login)\n"
    assert got["b@remote.test"].get_content_type() == "text/html"  # asked for the HTML alone
    # The text part is signed like the rest.
    assert all(ok for m in mx.messages for _, _, ok in dkim.verify(m.data, dkim_txt(srv)))


def test_permanent_failure_records_code_and_sends_dsn(srv: ServerThread, mx: SinkMX) -> None:
    with api(srv) as c:
        r = c.post("/v1/send", json={"to": [{"address": "reject@remote.test"}], "subject": "nope", "text": "x"})
    oid = r.json()["submissions"][0]["outbound_id"]
    wait_for(lambda: outbound(srv, oid)[0] == "failed")
    row = srv.store.queue.get(oid)
    assert row is not None and row.last_code == 550 and row.last_enhanced == "5.1.1"
    wait_for(lambda: len(inbox(srv.store, "alice")) == 1)
    [(_, raw)] = inbox(srv.store, "alice")
    dsn = email.message_from_bytes(raw, policy=email.policy.default)
    assert dsn.get_content_type() == "multipart/report"
    assert dsn.get_param("report-type") == "delivery-status"
    assert b"reject@remote.test" in raw and b"5.1.1" in raw
    assert mx.messages == []


def test_temporary_failure_retries_with_backoff(srv: ServerThread, clock: FakeClock) -> None:
    with api(srv) as c:
        r = c.post("/v1/send", json={"to": [{"address": "later@remote.test"}], "subject": "s", "text": "x"})
    oid = r.json()["submissions"][0]["outbound_id"]
    wait_for(lambda: outbound(srv, oid) == ("queued", 1))
    gaps = []
    for attempt in (2, 3, 4):
        row = srv.store.queue.get(oid)
        assert row is not None
        gaps.append(row.next_attempt - int(clock() * 1000))
        clock.advance(gaps[-1] / 1000 + 1)
        srv.kick()
        wait_for(lambda a=attempt: outbound(srv, oid) == ("queued", a))  # type: ignore[misc]
    minute = 60_000
    assert 0.9 * 7.5 * minute <= gaps[0] <= 1.1 * 7.5 * minute
    assert 0.9 * 15 * minute <= gaps[1] <= 1.1 * 15 * minute
    assert 0.9 * 30 * minute <= gaps[2] <= 1.1 * 30 * minute
    assert len(srv.store.queue.attempts(oid)) == 4


def test_dns_failures_are_permanent(srv: ServerThread) -> None:
    with api(srv) as c:
        r = c.post(
            "/v1/send",
            json={
                "to": [{"address": "a@nowhere.test"}, {"address": "b@nullmx.test"}, {"address": "c@bare.test"}],
                "text": "x",
            },
        )
    ids = [s["outbound_id"] for s in r.json()["submissions"]]
    wait_for(lambda: all(outbound(srv, i)[0] != "queued" for i in ids[:2]))
    rows = [srv.store.queue.get(i) for i in ids]
    assert rows[0] is not None and rows[0].state == "failed" and rows[0].last_enhanced == "5.1.2"
    assert rows[1] is not None and rows[1].state == "failed" and rows[1].last_enhanced == "5.1.10"


def test_idempotent_retry_sends_once(srv: ServerThread, mx: SinkMX) -> None:
    payload = {"to": [{"address": "once@remote.test"}], "subject": "once", "text": "x"}
    with api(srv) as c:
        r1 = c.post("/v1/send", json=payload, headers={"Idempotency-Key": "k-1"})
        r2 = c.post("/v1/send", json=payload, headers={"Idempotency-Key": "k-1"})
        r3 = c.post("/v1/send", json={**payload, "subject": "other"}, headers={"Idempotency-Key": "k-1"})
    assert r1.status_code == r2.status_code == 202
    assert r1.json() == r2.json()
    assert r3.status_code == 422 and r3.json()["code"] == "idempotency_key_reused"
    wait_for(lambda: len(mx.messages) == 1)
    wait_for(lambda: outbound(srv, r1.json()["submissions"][0]["outbound_id"])[0] == "delivered")
    assert len(mx.messages) == 1


def test_bad_requests_name_the_field(srv: ServerThread) -> None:
    with api(srv) as c:
        cases = [
            ({"to": [], "text": "x"}, "to"),
            ({"to": [{"address": "a@remote.test"}]}, "text"),
            ({"to": [{"address": "not an address"}], "text": "x"}, "to[0].address"),
            ({"to": [{"address": "a@remote.test"}], "subject": "a\r\nBcc: x@y", "text": "x"}, "subject"),
            ({"to": [{"address": "a@remote.test"}], "text": "x", "attachments": [{"name": "f", "data": "!!"}]},
             "attachments[0].data"),
        ]  # fmt: skip
        for payload, field in cases:
            r = c.post("/v1/send", json=payload)
            assert r.status_code == 400, (payload, r.text)
            p = r.json()
            assert r.headers["content-type"].startswith("application/problem+json")
            assert p["errors"][0]["field"] == field, (payload, p)
        r = c.post("/v1/send", json={"to": [{"address": "a@remote.test"}], "text": "x", "bogus": 1})
        assert r.status_code == 400 and r.json()["code"] == "validation_failed"
        r = c.post(
            "/v1/send", json={"from": {"address": "bob@example.com"}, "to": [{"address": "a@b.test"}], "text": "x"}
        )
        assert r.status_code == 403 and r.json()["code"] == "sender_not_allowed"


def test_fast_path_answers_as_litestar_does(srv: ServerThread, monkeypatch: pytest.MonkeyPatch) -> None:
    """POST /v1/send with a JSON body is answered in front of litestar (api.fastsend);
    the same request sent chunked goes through litestar. Both give the same answers."""
    fastsend = importlib.import_module("api.fastsend")
    taken = 0
    real = fastsend.principal_of

    async def counted(*args: Any, **kwargs: Any) -> Any:
        nonlocal taken
        taken += 1
        return await real(*args, **kwargs)

    monkeypatch.setattr(fastsend, "principal_of", counted)
    base = f"http://127.0.0.1:{srv.port('http')}"
    with api(srv) as c:
        r = c.post("/v1/api-keys", json={"name": "reader", "scopes": ["read"]})
        reader = {"Authorization": f"Bearer {r.json()['token']}"}
    ok = {"to": [{"address": "f@remote.test"}], "subject": "s", "text": "x"}
    alice = "Basic " + base64.b64encode(f"alice@example.com:{PASSWORD}".encode()).decode()
    cases: list[tuple[bytes, dict[str, str]]] = [
        (b'{"to": [{"address": "f@remote.test"}]}', {"Authorization": alice}),  # no text
        (b'{"to": 5}', {"Authorization": alice}),
        (b'{"to": ', {"Authorization": alice}),
        (httpx.Request("POST", "/", json=ok).content, {}),
        (httpx.Request("POST", "/", json=ok).content, {"Authorization": "Bearer mw_x_y"}),
        (httpx.Request("POST", "/", json=ok).content, reader),
        (httpx.Request("POST", "/", json=ok).content, {"Authorization": alice, "Idempotency-Key": "k" * 300}),
        (b'{"to": [{"address": "\xff@remote.test"}], "text": "x"}', {"Authorization": alice}),  # not UTF-8
        (httpx.Request("POST", "/", json=ok).content, {"Authorization": alice, "Origin": "https://evil.example"}),
    ]
    with httpx.Client(base_url=base, timeout=10) as h:
        for body, headers in cases:
            headers = {**headers, "Content-Type": "application/json"}
            fast = h.post("/v1/send", content=body, headers=headers)
            framework = h.post("/v1/send", content=iter([body]), headers=headers)  # chunked
            assert "content-length" not in framework.request.headers
            assert (fast.status_code, fast.headers["content-type"]) == (
                framework.status_code,
                framework.headers["content-type"],
            ), body
            assert fast.json() == framework.json(), body
            assert fast.headers.get("www-authenticate") == framework.headers.get("www-authenticate")
        # The long Idempotency-Key is litestar's to refuse; the cross-site one is refused unauthenticated.
        assert taken == len(cases) - 2
        # A caller turned away is answered before its body is read (a large one here,
        # never sent), as litestar does.
        with socket.create_connection(("127.0.0.1", srv.port("http")), timeout=5) as sock:
            sock.sendall(
                b"POST /v1/send HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                b"Content-Length: 30000000\r\n\r\n{"
            )
            assert sock.recv(100).startswith(b"HTTP/1.1 401 ")
        assert [h.post("/v1/send", content=b, headers={**hd, "Content-Type": "application/json"}).status_code
                for b, hd in cases] == [400, 400, 400, 401, 401, 403, 400, 400, 403]  # fmt: skip
        # Sent twice with one Idempotency-Key, once each way: one message, one answer.
        headers = {"Authorization": alice, "Content-Type": "application/json", "Idempotency-Key": "both-ways"}
        body = httpx.Request("POST", "/", json=ok).content
        first = h.post("/v1/send", content=body, headers=headers)
        again = h.post("/v1/send", content=iter([body]), headers=headers)
        assert first.status_code == again.status_code == 202
        assert first.json() == again.json()


def test_batch_answers_per_message(srv: ServerThread, mx: SinkMX) -> None:
    with api(srv) as c:
        r = c.post(
            "/v1/send/batch",
            json={"messages": [
                {"to": [{"address": "b1@remote.test"}], "text": "one"},
                {"to": [{"address": "bad address"}], "text": "two"},
                {"to": [{"address": "b3@remote.test"}], "text": "three"},
            ]},
        )  # fmt: skip
    assert r.status_code == 200
    results = r.json()["results"]
    assert [x["status"] for x in results] == [202, 400, 202]
    assert results[1]["error"]["errors"][0]["field"] == "to[0].address"
    wait_for(lambda: len(mx.messages) == 2)


def test_authentication_and_api_keys(srv: ServerThread, mx: SinkMX) -> None:
    base = f"http://127.0.0.1:{srv.port('http')}"
    payload = {"to": [{"address": "k@remote.test"}], "text": "x"}
    r = httpx.post(base + "/v1/send", json=payload)
    assert r.status_code == 401 and "WWW-Authenticate" in r.headers and r.json()["code"] == "unauthorized"
    r = httpx.post(base + "/v1/send", json=payload, auth=("alice@example.com", "wrong"))
    assert r.status_code == 401
    with api(srv) as c:
        r = c.post("/v1/api-keys", json={"name": "shop", "scopes": ["send"]})
        assert r.status_code == 201
        token, key_id = r.json()["token"], r.json()["key"]["id"]
        assert [k["name"] for k in c.get("/v1/api-keys").json()["items"]] == ["shop"]
    bearer = {"Authorization": f"Bearer {token}"}
    assert httpx.post(base + "/v1/send", json=payload, headers=bearer).status_code == 202
    # A send-only key cannot manage keys.
    assert httpx.get(base + "/v1/api-keys", headers=bearer).status_code == 403
    # Another account cannot revoke alice's key.
    bob = httpx.Client(base_url=base, auth=("bob@example.com", PASSWORD))
    assert bob.delete(f"/v1/api-keys/{key_id}").status_code == 404
    with api(srv) as c:
        assert c.delete(f"/v1/api-keys/{key_id}").status_code == 204
    assert httpx.post(base + "/v1/send", json=payload, headers=bearer).status_code == 401
    # Guessing is cut off.
    codes = [httpx.post(base + "/v1/send", json=payload, auth=("alice@example.com", f"guess{i}")).status_code
             for i in range(12)]  # fmt: skip
    assert 429 in codes
    r = httpx.post(base + "/v1/send", json=payload, auth=("alice@example.com", "guess"))
    assert r.status_code == 429 and int(r.headers["Retry-After"]) > 0


def test_restart_delivers_what_was_queued(data_dir: Path, mx: SinkMX, clock: FakeClock) -> None:
    from mailwright.config import Outbound

    mx.stop()  # the remote server is down: the first attempt fails temporarily
    cfg = make_config(data_dir, outbound=Outbound(mx_port=mx.port))
    s1 = ServerThread(cfg, resolver=resolver(), clock=clock).start()
    with api(s1) as c:
        oid = c.post("/v1/send", json={"to": [{"address": "x@remote.test"}], "text": "x"}).json()["submissions"][0][
            "outbound_id"
        ]
    wait_for(lambda: outbound(s1, oid) == ("queued", 1))
    s1.stop()
    mx2 = SinkMX()
    mx2.port = mx.port
    mx2.controller.port = mx.port
    mx2.start()
    try:
        clock.advance(3600)
        s2 = ServerThread(cfg, resolver=resolver(), clock=clock).start()
        try:
            wait_for(lambda: len(mx2.messages) == 1)
            wait_for(lambda: outbound(s2, oid) == ("delivered", 2))
        finally:
            s2.stop()
    finally:
        mx2.stop()


def test_delayed_dsn_then_give_up(srv: ServerThread, clock: FakeClock) -> None:
    """Still failing after 4 hours: one delayed DSN; after 5 days: failed, with a DSN."""
    with api(srv) as c:
        r = c.post("/v1/send", json={"to": [{"address": "later@remote.test"}], "subject": "slow", "text": "x"})
    oid = r.json()["submissions"][0]["outbound_id"]
    wait_for(lambda: outbound(srv, oid) == ("queued", 1))
    assert inbox(srv.store, "alice") == []

    def attempt_after(seconds: float) -> None:
        n = outbound(srv, oid)[1]
        clock.advance(seconds)
        srv.kick()
        wait_for(lambda: outbound(srv, oid)[1] == n + 1 or outbound(srv, oid)[0] != "queued")

    attempt_after(4 * 3600 + 60)
    wait_for(lambda: len(inbox(srv.store, "alice")) == 1)
    delayed = email.message_from_bytes(inbox(srv.store, "alice")[0][1], policy=email.policy.default)
    assert str(delayed["Subject"]).startswith("Delivery delayed")
    assert b"Will-Retry-Until:" in inbox(srv.store, "alice")[0][1]
    attempt_after(3600)
    assert len(inbox(srv.store, "alice")) == 1  # only one delayed DSN
    attempt_after(5 * 24 * 3600)
    wait_for(lambda: outbound(srv, oid)[0] == "failed")
    wait_for(lambda: len(inbox(srv.store, "alice")) == 2)
    failed = email.message_from_bytes(inbox(srv.store, "alice")[1][1], policy=email.policy.default)
    assert str(failed["Subject"]).startswith("Delivery failed")


def test_deliver_by_expires_and_send_at_waits(srv: ServerThread, clock: FakeClock, mx: SinkMX) -> None:
    from datetime import UTC, datetime, timedelta

    now = datetime.fromtimestamp(clock(), UTC)
    with api(srv) as c:
        r1 = c.post(
            "/v1/send",
            json={"to": [{"address": "later@remote.test"}], "text": "code 123456",
                  "deliver_by": (now + timedelta(minutes=5)).isoformat()},
        )  # fmt: skip
        r2 = c.post(
            "/v1/send",
            json={"to": [{"address": "future@remote.test"}], "text": "later",
                  "send_at": (now + timedelta(hours=1)).isoformat(), "save_sent": True},
        )  # fmt: skip
        bad = c.post(
            "/v1/send", json={"to": [{"address": "a@remote.test"}], "text": "x", "send_at": "2026-01-01T00:00"}
        )
    assert bad.status_code == 400 and bad.json()["errors"][0]["field"] == "send_at"
    expiring = r1.json()["submissions"][0]["outbound_id"]
    future = r2.json()["submissions"][0]["outbound_id"]
    # The first attempt fails temporarily; the next one would come after the deadline.
    wait_for(lambda: outbound(srv, expiring)[0] == "expired")
    assert outbound(srv, future) == ("queued", 0)
    # save_sent put a copy in Sent.
    assert [m.subject for m, _ in inbox(srv.store, "alice", "sent")] == [""]
    clock.advance(3601)
    srv.kick()
    wait_for(lambda: outbound(srv, future) == ("delivered", 1))
    assert [m.rcpt_tos for m in mx.messages] == [["future@remote.test"]]


def test_multipart_send_with_file_parts(srv: ServerThread, mx: SinkMX) -> None:
    import json

    big = bytes(range(256)) * 4096  # 1 MiB of binary
    with api(srv) as c:
        r = c.post(
            "/v1/send",
            data={"request": json.dumps({"to": [{"address": "files@remote.test"}], "subject": "files",
                                         "text": "see attached", "html": "<img src='cid:logo'>"})},
            files=[("attachments", ("big.bin", big, "application/octet-stream")),
                   ("inline", ("logo.png", b"\x89PNG fake", "image/png"))],
        )  # fmt: skip
        assert r.status_code == 400 and r.json()["errors"][0]["field"] == "inline[0].content_id"
        r = c.post(
            "/v1/send",
            data={"request": json.dumps({"to": [{"address": "files@remote.test"}], "subject": "files",
                                         "text": "see attached"})},
            files=[("attachments", ("big.bin", big, "application/octet-stream")),
                   ("attachments", ("notes.txt", "grüße".encode(), "text/plain"))],
        )  # fmt: skip
        assert r.status_code == 202, r.text
        assert c.post("/v1/send", content=b"x", headers={"content-type": "text/plain"}).status_code == 415
        assert c.post("/v1/send", data={"nope": "x"}).status_code == 415  # urlencoded
        no_request = c.post("/v1/send", files=[("attachments", ("a.txt", b"a", "text/plain"))])
        assert no_request.status_code == 400 and "request" in no_request.json()["detail"]
    wait_for(lambda: len(mx.messages) == 1)
    msg = email.message_from_bytes(mx.messages[0].data, policy=email.policy.default)
    atts = {a.get_filename(): a.get_content() for a in msg.iter_attachments()}
    assert atts["big.bin"] == big
    assert atts["notes.txt"].strip() == "grüße"


def test_openapi_describes_send() -> None:
    import json

    from api.openapi import document

    doc = json.loads(document())
    op = doc["paths"]["/v1/send"]["post"]
    assert op["operationId"] == "send"
    assert set(op["requestBody"]["content"]) == {"application/json", "multipart/form-data"}
    fields = doc["components"]["schemas"]["SendRequest"]["properties"]
    for f in ("from", "to", "cc", "bcc", "reply_to", "subject", "text", "html", "headers", "metadata", "attachments",
              "inline", "alternatives", "references", "in_reply_to", "message_id", "date", "require_tls", "send_at",
              "deliver_by", "save_sent"):  # fmt: skip
        assert f in fields, f
        assert fields[f].get("description"), f
    assert doc["paths"]["/v1/send/batch"]["post"]["operationId"] == "sendBatch"
