"""Bounce matching end to end: reports injected over SMTP to from_id addresses."""

from __future__ import annotations

import json
import re
import smtplib
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest
from standardwebhooks import Webhook

from mailwright.config import Outbound, WebhooksConfig
from mta.dns import MX
from mta.dsn import RecipientStatus, compose_dsn
from tests.conftest import PASSWORD, FakeClock, ServerThread, make_config
from tests.helpers import inbox, wait_for
from tests.mx import SinkMX, TableResolver
from tests.receiver import Receiver
from tests.test_bounce_corpus import CORPUS
from tests.test_dsn_parse import ARF, POSTFIX, REAL, REAL_SOURCES

REAL_RETURN_PATH = "alice+abcdefghijklmnopqrstuvwxyz@example.com"  # in make_real_dsns.py

RESOLVER = TableResolver({"remote.test": [MX(10, "mx.remote.test")]}, {"mx.remote.test": ["127.0.0.1"]})


@pytest.fixture
def srv(data_dir: Path, mx: SinkMX, clock: FakeClock) -> Iterator[ServerThread]:
    cfg = make_config(data_dir, outbound=Outbound(mx_port=mx.port), webhooks=WebhooksConfig(allow_private=True))
    s = ServerThread(cfg, resolver=RESOLVER, clock=clock).start()
    yield s
    s.stop()


class App:
    """Alice's side: the API, her webhook receiver and its secret."""

    def __init__(self, srv: ServerThread, receiver: Receiver) -> None:
        self.srv = srv
        self.receiver = receiver
        self.api = httpx.Client(
            base_url=f"http://127.0.0.1:{srv.port('http')}", auth=("alice@example.com", PASSWORD), timeout=10
        )
        r = self.api.put("/v1/webhooks", json={"outgoing_url": receiver.url("/out")})
        self.secret = r.json()["signing_secret"]

    def sent(self, to: str) -> tuple[int, str]:
        """Send to `to`, wait until the remote MX accepted it; (outbound id, return address)."""
        r = self.api.post("/v1/send", json={"to": [{"address": to}], "subject": "hello", "text": "x"})
        oid = r.json()["submissions"][0]["outbound_id"]
        try:
            wait_for(lambda: self.api.get(f"/v1/outbound/{oid}").json()["state"] == "delivered")
        except AssertionError:
            raise AssertionError(self.api.get(f"/v1/outbound/{oid}").json()) from None
        row = self.srv.store.queue.get(oid)
        assert row is not None and "+" in row.mail_from
        return oid, row.mail_from

    def inject(self, to: str, data: bytes, mail_from: str = "") -> str:
        with smtplib.SMTP("127.0.0.1", self.srv.port("smtp")) as s:
            s.ehlo("mx1.remote.test")
            code, text = s.docmd("MAIL", f"FROM:<{mail_from}>")
            assert code == 250, text
            code, text = s.docmd("RCPT", f"TO:<{to}>")
            assert code == 250, text
            code, text = s.data(data)
            assert code == 250, text
            return text.decode()

    def events(self, outbound_id: int) -> list[dict[str, object]]:
        out = []
        for c in self.receiver.at("/out"):
            e: dict[str, object] = Webhook(self.secret).verify(c.body, c.headers)
            if e["outbound_id"] == outbound_id:
                out.append(e)
        return out

    def inbox_subjects(self) -> list[str]:
        return [m.subject for m, _ in inbox(self.srv.store, "alice")]


@pytest.fixture
def app(srv: ServerThread, receiver: Receiver) -> Iterator[App]:
    a = App(srv, receiver)
    yield a
    a.api.close()


def test_postfix_dsn_fails_and_suppresses(app: App) -> None:
    oid, return_path = app.sent("gone@remote.test")
    wait_for(lambda: [e["event"] for e in app.events(oid)] == ["delivered"])
    reply = app.inject(return_path, POSTFIX)
    assert f"report on {oid}" in reply
    wait_for(lambda: len(app.events(oid)) == 2)
    e = app.events(oid)[1]
    assert e["event"] == "failed" and e["dsn"] is True and e["suppressing"] is True
    assert e["smtp_code"] == 550 and e["enhanced_code"] == "5.1.1" and "User unknown" in str(e["error"])
    assert e["sequence"] == 2
    detail = app.api.get(f"/v1/outbound/{oid}").json()
    assert detail["state"] == "failed" and detail["last_result"]["enhanced_code"] == "5.1.1"
    assert detail["attempt_history"][-1]["host"] == "store.remote.test"
    sup = app.api.get("/v1/suppressions/gone@remote.test").json()
    assert sup["manual"] is False and "User unknown" in sup["reason"]
    assert "Undelivered Mail Returned to Sender" not in app.inbox_subjects()  # consumed, not stored


@pytest.mark.parametrize(("action", "status", "code"), [("delayed", "4.4.1", 451), ("relayed", "2.0.0", 250)])
def test_dsn_reports_without_changing_state(app: App, action: str, status: str, code: int) -> None:
    oid, return_path = app.sent("slow@remote.test")
    dsn = compose_dsn(
        reporting_mta="relay.remote.test",
        from_address="postmaster@relay.remote.test",
        to_address=return_path,
        original_message=b"Subject: hello\r\n\r\nx\r\n",
        recipients=[
            RecipientStatus(
                final_recipient="slow@remote.test",
                action=action,  # type: ignore[arg-type]
                status=status,
                diagnostic=f"{code} {status} the remote server said so",
                last_attempt=datetime.now(UTC),
            )
        ],
    )
    app.inject(return_path, dsn)
    wait_for(lambda: len(app.events(oid)) == 2)
    e = app.events(oid)[1]
    assert (e["event"], e["dsn"], e["smtp_code"], e["suppressing"]) == (action, True, code, False)
    assert app.api.get(f"/v1/outbound/{oid}").json()["state"] == "delivered"


def test_forged_and_unrecognized_change_nothing(app: App) -> None:
    oid, return_path = app.sent("real@remote.test")
    # A from_id that was never given out: ordinary mail, no event, no suppression.
    forged = POSTFIX.replace(b"Undelivered Mail", b"Forged Mail")
    app.inject("alice+" + "a" * 26 + "@example.com", forged)
    wait_for(lambda: "Forged Mail Returned to Sender" in app.inbox_subjects())
    assert app.api.get("/v1/suppressions/gone@remote.test").status_code == 404
    # The right from_id, but the report names someone else: unrecognized, kept.
    app.inject(return_path, POSTFIX.replace(b"Undelivered Mail", b"Other Mail"))
    wait_for(lambda: len(app.events(oid)) == 2)
    e = app.events(oid)[1]
    assert e["event"] == "unrecognized" and e["dsn"] is True and "gone@remote.test" in str(e["error"])
    assert "Other Mail Returned to Sender" in app.inbox_subjects()
    assert app.api.get("/v1/suppressions/gone@remote.test").status_code == 404
    assert app.api.get(f"/v1/outbound/{oid}").json()["state"] == "delivered"
    # An auto-reply to the return address: unrecognized, kept.
    app.inject(
        return_path, b"From: real@remote.test\r\nSubject: Out of office\r\n\r\nback soon\r\n", "real@remote.test"
    )
    wait_for(lambda: len(app.events(oid)) == 3)
    assert app.events(oid)[2]["event"] == "unrecognized" and app.events(oid)[2]["dsn"] is False
    assert "Out of office" in app.inbox_subjects()
    # The same from_id at another account's address is not a match.
    app.inject(return_path.replace("alice+", "bob+"), POSTFIX.replace(b"Undelivered", b"Bob's"))
    wait_for(lambda: any(m.subject.startswith("Bob's") for m, _ in inbox(app.srv.store, "bob")))
    assert len(app.events(oid)) == 3


def test_complaint_suppresses(app: App) -> None:
    oid, return_path = app.sent("someone@remote.test")
    app.inject(return_path, ARF.replace(b"someone@provider.test", b"someone@remote.test"))
    wait_for(lambda: len(app.events(oid)) == 2)
    e = app.events(oid)[1]
    assert (e["event"], e["suppressing"], e["dsn"]) == ("complained", True, False)
    assert "complaint (abuse)" in app.api.get("/v1/suppressions/someone@remote.test").json()["reason"]


def test_plain_text_qmail_bounce(app: App) -> None:
    """A real qmail bounce (not RFC 3464) from the corpus, retargeted at our recipient."""
    oid, return_path = app.sent("userx@remote.test")
    sample = (CORPUS / "qmail_01.txt").read_bytes().replace(b"userx@example.de", b"userx@remote.test")
    sample = sample.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    assert f"report on {oid}" in app.inject(return_path, sample)
    wait_for(lambda: len(app.events(oid)) == 2)
    e = app.events(oid)[1]
    assert (e["event"], e["dsn"]) == ("failed", True)
    assert app.api.get(f"/v1/outbound/{oid}").json()["state"] == "failed"


SAMPLES = [
    "qmail_01.txt",
    "yahoo_01.txt",
    "microsoft_01.txt",
    "postfix_01.txt",
    "exim_01.txt",
    "groupwise_01.txt",
    "smtp32_01.txt",
    "dsn_01.txt",
    "simple_10.txt",
    "llnl_01.txt",
    "hotpop_01.txt",
    "simple_03.txt",  # a warning: temporary
    "dsn_05.txt",  # delayed
]


@pytest.mark.parametrize("name", SAMPLES)
def test_corpus_samples_over_smtp(app: App, name: str) -> None:
    """Third-party bounces, each retargeted at a recipient we sent to and injected to its
    return address, end in the event their class says."""
    [(address, kind)] = json.loads((CORPUS / "expected.json").read_text())[name].items()
    ours = address.split("@")[0] + "@remote.test"
    oid, return_path = app.sent(ours)
    sample = re.sub(re.escape(address).encode(), ours.encode(), (CORPUS / name).read_bytes(), flags=re.IGNORECASE)
    sample = sample.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    assert f"report on {oid}" in app.inject(return_path, sample)
    wait_for(lambda: len(app.events(oid)) == 2)
    e = app.events(oid)[1]
    assert e["dsn"] is True and e["event"] == ("failed" if kind == "permanent" else "delayed"), e
    state = app.api.get(f"/v1/outbound/{oid}").json()["state"]
    assert state == ("failed" if kind == "permanent" else "delivered")


def _delayed_dsn(return_path: str, recipient: str) -> bytes:
    return compose_dsn(
        reporting_mta="relay.remote.test",
        from_address="postmaster@relay.remote.test",
        to_address=return_path,
        original_message=b"Subject: hello\r\n\r\nx\r\n",
        recipients=[
            RecipientStatus(
                final_recipient=recipient,
                action="delayed",
                status="4.4.1",
                diagnostic="451 4.4.1 the next hop is down",
                last_attempt=datetime.now(UTC),
            )
        ],
    )


@pytest.mark.parametrize(("report", "receiver_up"), [("complained", True), ("delayed", False)])
def test_report_during_delivery_is_not_superseded_by_it(
    app: App, mx: SinkMX, clock: FakeClock, report: str, receiver_up: bool
) -> None:
    """A report (complaint, DSN) arrives while the delivery it is about is still being
    recorded (the remote server has the message; its answer to DATA is not in yet).
    The `delivered` event recorded afterwards is older news: it neither replaces the
    report's call still waiting nor follows the report to the receiver."""
    mx.hold()
    if not receiver_up:
        app.receiver.script("/out", [500])
    r = app.api.post("/v1/send", json={"to": [{"address": "someone@remote.test"}], "subject": "hello", "text": "x"})
    oid = r.json()["submissions"][0]["outbound_id"]
    assert mx.handler.in_data.wait(10)
    row = app.srv.store.queue.get(oid)
    assert row is not None and row.state == "queued"
    if report == "complained":
        app.inject(row.mail_from, ARF.replace(b"someone@provider.test", b"someone@remote.test"))
    else:
        app.inject(row.mail_from, _delayed_dsn(row.mail_from, "someone@remote.test"))
    wait_for(lambda: len(app.receiver.at("/out")) == 1)  # the report's call was made (answered 500 when down)
    mx.release()
    wait_for(lambda: app.api.get(f"/v1/outbound/{oid}").json()["state"] == "delivered")

    def calls() -> dict[str, dict[str, object]]:
        items = app.api.get("/v1/webhook-deliveries", params={"outbound_id": oid}).json()["items"]
        return {d["event"]: d for d in items}

    wait_for(lambda: len(calls()) == 2)
    assert calls()["delivered"]["state"] == "superseded"
    if not receiver_up:
        assert calls()[report]["state"] == "pending"
        clock.advance(120)
        app.srv.kick()
    wait_for(lambda: calls()[report]["state"] == "delivered")
    got = [Webhook(app.secret).verify(c.body, c.headers) for c in app.receiver.at("/out") if c.status == 200]
    assert [(e["event"], e["outbound_id"]) for e in got] == [(report, oid)]


@pytest.mark.parametrize("name", sorted(REAL_SOURCES))
def test_real_mta_dsn_over_smtp(app: App, name: str) -> None:
    """A DSN written by a real Exim or Postfix (tests/data/bounces/real, made by
    make_real_dsns.py), sent back to the return address of a message Mailwright sent
    through its API and queue: the recipient fails with the receiving server's 5.1.1
    (Exim's own Status is 5.0.0), in the event, the attempt history and the
    suppression, also when the DSN is an internationalized one (RFC 6533)."""
    recipient = REAL_SOURCES[name]["recipient"]
    oid, return_path = app.sent(recipient)
    dsn = (REAL / name).read_bytes().replace(REAL_RETURN_PATH.encode(), return_path.encode())
    assert len(dsn) == len((REAL / name).read_bytes())  # the same length: nothing else moved
    with smtplib.SMTP("127.0.0.1", app.srv.port("smtp")) as s:
        s.ehlo(REAL_SOURCES[name]["producer"].split()[0].lower() + ".mta-peer.test")
        utf8 = not dsn.isascii()
        s.sendmail("", [return_path], dsn, mail_options=["SMTPUTF8", "BODY=8BITMIME"] if utf8 else [])
    wait_for(lambda: len(app.events(oid)) == 2)
    e = app.events(oid)[1]
    assert (e["event"], e["dsn"], e["smtp_code"], e["enhanced_code"]) == ("failed", True, 550, "5.1.1"), e
    assert e["suppressing"] is True
    detail = app.api.get(f"/v1/outbound/{oid}").json()
    assert detail["state"] == "failed" and detail["last_result"]["enhanced_code"] == "5.1.1"
    assert detail["attempt_history"][-1]["enhanced_code"] == "5.1.1"
    assert app.api.get("/v1/suppressions/" + quote(recipient)).status_code == 200


@pytest.mark.parametrize(
    ("domain", "named"),
    [("bücher.test", "bücher.test"), ("xn--bcher-kva.test", "bücher.test"), ("bücher.test", "xn--bcher-kva.test")],
)
def test_internationalized_dsn_names_an_idn_domain(
    data_dir: Path, mx: SinkMX, clock: FakeClock, receiver: Receiver, domain: str, named: str
) -> None:
    """An RFC 6533 DSN names the recipient's domain in U-labels or A-labels, whichever
    form the message was sent to: the same recipient."""
    mxs = {d: [MX(10, "mx.remote.test")] for d in ("bücher.test", "xn--bcher-kva.test")}
    resolver = TableResolver(mxs, {"mx.remote.test": ["127.0.0.1"]})
    cfg = make_config(data_dir, outbound=Outbound(mx_port=mx.port), webhooks=WebhooksConfig(allow_private=True))
    srv = ServerThread(cfg, resolver=resolver, clock=clock).start()
    app = App(srv, receiver)
    try:
        oid, return_path = app.sent("josé@" + domain)
        real = (REAL / "postfix-smtputf8.eml").read_bytes()
        dsn = real.replace(REAL_RETURN_PATH.encode(), return_path.encode()).replace(
            b"@remote.test", f"@{named}".encode()
        )
        with smtplib.SMTP("127.0.0.1", srv.port("smtp")) as s:
            s.sendmail("", [return_path], dsn, mail_options=["SMTPUTF8", "BODY=8BITMIME"])
        wait_for(lambda: len(app.events(oid)) == 2)
        e = app.events(oid)[1]
        assert (e["event"], e["enhanced_code"], e["suppressing"]) == ("failed", "5.1.1", True), e
    finally:
        app.api.close()
        srv.stop()
