"""What the sender keeps and what the trace says: Sent copies with Bcc, Received: of the submission hop."""

from __future__ import annotations

import email
import email.policy
import smtplib

import httpx

from tests.conftest import ServerThread
from tests.helpers import inbox, wait_for


def _client(s: ServerThread) -> httpx.Client:
    return httpx.Client(base_url=f"http://127.0.0.1:{s.port('http')}", auth=("dev@localhost", "mailwright"), timeout=10)


def _head(raw: bytes) -> bytes:
    return raw.split(b"\r\n\r\n", 1)[0]


def test_sent_copies_keep_bcc(localserve: ServerThread) -> None:
    with _client(localserve) as c:
        r = c.post(
            "/v1/send",
            json={
                "to": [{"address": "to@example.org"}],
                "bcc": [{"address": "hidden@example.net", "name": "Hid Den"}],
                "subject": "direct",
                "text": "x",
                "save_sent": True,
            },
        )
        assert r.status_code == 202, r.text
        r = c.post(
            "/v1/drafts",
            json={"to": [{"address": "to@example.org"}], "bcc": [{"address": "quiet@example.net"}], "subject": "draft"},
        )
        assert r.status_code == 201, r.text
        r = c.post("/v1/send", json={"draft_id": r.json()["id"], "save_sent": True})
        assert r.status_code == 202, r.text
        sent = {m["subject"]: m for m in c.get("/v1/messages", params={"mailbox": "Sent"}).json()["items"]}
        assert set(sent) == {"direct", "draft"}, sent
        direct = c.get(f"/v1/messages/{sent['direct']['id']}").json()
        assert direct["bcc"] == [{"address": "hidden@example.net", "name": "Hid Den"}]
        draft = c.get(f"/v1/messages/{sent['draft']['id']}").json()
        assert draft["bcc"] == [{"address": "quiet@example.net", "name": ""}]
    # What went out has no Bcc: the catch-all Inbox gets each message once per recipient.
    wait_for(lambda: len(inbox(localserve.store, "dev")) == 4)
    for _, raw in inbox(localserve.store, "dev"):
        assert b"\nBcc:" not in _head(raw) and b"hidden@" not in _head(raw) and b"quiet@" not in _head(raw)


def test_received_line_names_the_submission_protocol(localserve: ServerThread) -> None:
    with _client(localserve) as c:
        r = c.post("/v1/send", json={"to": [{"address": "api@example.org"}], "subject": "by http", "text": "x"})
        assert r.status_code == 202, r.text
    with smtplib.SMTP("127.0.0.1", localserve.port("submission"), timeout=10) as s:
        s.login("dev@localhost", "mailwright")
        s.sendmail("dev@localhost", ["smtp@example.org"], b"From: dev@localhost\r\nSubject: by smtp\r\n\r\nx\r\n")
    wait_for(lambda: len(inbox(localserve.store, "dev")) == 2)
    received = {}
    for m, raw in inbox(localserve.store, "dev"):
        msg = email.message_from_bytes(raw, policy=email.policy.compat32)
        received[m.subject] = [" ".join(str(v).split()) for v in msg.get_all("Received") or []]
    (http,) = received["by http"]
    assert " with HTTP id " in http and "by localhost (Mailwright)" in http and "[127.0.0.1]" in http, http
    (smtp,) = received["by smtp"]
    assert " with ESMTPA id " in smtp, smtp
    assert not any("id queue" in line for lines in received.values() for line in lines)
