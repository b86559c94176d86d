"""The incoming payload builder and the signature, without a server."""

from __future__ import annotations

from datetime import UTC, datetime

import msgspec
from standardwebhooks import Webhook

from webhooks import incoming, signing
from webhooks.payloads import IncomingEvent


def build(data: bytes) -> IncomingEvent:
    return incoming.build(
        data,
        incoming.headers(data),
        stored_id=1,
        mailbox="Inbox",
        mail_from="a@example.org",
        rcpt_to="b@example.com",
        remote_ip="",
        received_ms=0,
        now_ms=0,
        replied=[],
    )


def test_signature_matches_standardwebhooks() -> None:
    secret = signing.new_secret()
    body = b'{"event":"test"}'
    ts = int(datetime.now(UTC).timestamp())
    expected = Webhook(secret).sign("msg_1", datetime.fromtimestamp(ts, UTC), body.decode())
    assert signing.sign(secret, "msg_1", ts, body) == expected
    h = signing.headers("msg_1", ts, body, [secret, signing.new_secret()])
    assert Webhook(secret).verify(body, h) == {"event": "test"}


def test_bodies_truncated_at_one_mib() -> None:
    big = "é" * (600 * 1024)  # 1.2 MB of UTF-8
    data = (
        "From: a@example.org\r\nSubject: big\r\nMIME-Version: 1.0\r\n"
        "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" + big
    ).encode()
    ev = build(data)
    assert ev.text_truncated and len(ev.text.encode()) <= incoming.MAX_BODY
    assert ev.text == big[: len(ev.text)] and ev.html == "" and not ev.html_truncated
    assert ev.structure.path == "1" and ev.structure.content_type == "text/plain"


def test_html_base64_nested_message_and_unknown_charset() -> None:
    data = (
        b'From: "J\xc3\xbcrgen" <j@example.org>\r\nTo: b@example.com, c@example.com\r\n'
        b"Subject: =?utf-8?q?caf=C3=A9?=\r\n"
        b'MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="o"\r\n\r\n'
        b'--o\r\nContent-Type: multipart/alternative; boundary="i"\r\n\r\n'
        b"--i\r\nContent-Type: text/plain; charset=x-unknown\r\n\r\nplain\r\n"
        b"--i\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
        b"PHA+aGk8L3A+\r\n--i--\r\n"
        b"--o\r\nContent-Type: message/rfc822\r\n\r\n"
        b"Subject: inner\r\nContent-Type: text/html\r\n\r\n<b>not the body</b>\r\n--o--\r\n"
    )
    ev = build(data)
    assert ev.subject == "café" and [a.address for a in ev.to] == ["b@example.com", "c@example.com"]
    assert ev.from_[0].name == "Jürgen" and ev.reply_to == []
    assert ev.text == "plain" and ev.html == "<p>hi</p>"
    paths = [(p.path, p.content_type) for p in ev.structure.parts]
    assert paths == [("1", "multipart/alternative"), ("2", "message/rfc822")]
    assert [p.path for p in ev.structure.parts[0].parts] == ["1.1", "1.2"]
    assert [(p.path, p.content_type) for p in ev.structure.parts[1].parts] == [("2.1", "text/html")]
    assert msgspec.json.decode(msgspec.json.encode(ev))["from"][0]["address"] == "j@example.org"


def test_automated() -> None:
    def why(headers: str) -> str:
        return build(f"From: a@example.org\r\n{headers}\r\n\r\nx\r\n".encode()).meta.automated_reason

    assert why("Auto-Submitted: no") == ""
    assert why("Auto-Submitted: auto-generated") == "auto-submitted"
    assert why("Auto-Submitted: auto-replied") == "auto-reply"
    assert why("Subject: Out of Office: back Monday") == "auto-reply"
    assert why("List-Id: <news.example.org>") == "mailing-list"
    assert why("Precedence: bulk") == "bulk"
    assert why("Subject: hello") == ""


def test_reply_ids_order() -> None:
    data = b"In-Reply-To: <b@x>\r\nReferences: <a@x> <b@x>\r\n\r\n"
    assert incoming.reply_ids(incoming.headers(data)) == ["<b@x>", "<b@x>", "<a@x>"]
