"""mta.compose: structure, encodings and refusals, checked by parsing with the email package."""

from __future__ import annotations

import email
import email.policy
from datetime import UTC, datetime

import pytest

from mta.compose import Addr, Attachment, ComposeError, Draft, compose


def parse(data: bytes) -> email.message.EmailMessage:
    msg = email.message_from_bytes(data, policy=email.policy.default)
    assert isinstance(msg, email.message.EmailMessage)
    return msg


def draft(**kw: object) -> Draft:
    base: dict[str, object] = {"from_": Addr("app@example.com", "App"), "to": [Addr("a@example.org")], "text": "hi"}
    base.update(kw)
    return Draft(**base)  # type: ignore[arg-type]


def test_plain_text_only_is_a_single_part() -> None:
    c = compose(draft(subject="hello"), "mail.example.com")
    m = parse(c.data)
    assert m.get_content_type() == "text/plain"
    assert m["Subject"] == "hello" and m["From"] == "App <app@example.com>"
    assert c.message_id == m["Message-ID"] and c.message_id.endswith("@mail.example.com>")
    assert m["MIME-Version"] == "1.0" and m["Date"]
    assert c.recipients == ["a@example.org"] and not c.smtputf8
    assert b"\r\n" in c.data and b"\n" not in c.data.replace(b"\r\n", b"")


def test_full_structure_round_trips() -> None:
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256))
    c = compose(
        draft(
            subject="Grüße aus Köln — 日本語 🎉",
            to=[Addr("a@example.org", "Jörg Müller"), Addr("b@bücher.example")],
            cc=[Addr("c@example.org")],
            bcc=[Addr("secret@example.org")],
            reply_to=[Addr("replies@example.com")],
            text="Grüße ✓\n" + "long line " * 200,
            html="<p>Grüße <img src='cid:logo'></p>",
            inline=[Attachment("logo.png", "image/png", png, content_id="logo")],
            attachments=[Attachment("Prüfbericht 2026.pdf", "application/pdf", b"%PDF-1.4\x00\x01")],
            alternatives=[Attachment("invite.ics", "text/calendar", b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")],
            headers=[("X-Campaign", "q3"), ("List-Unsubscribe", "<mailto:u@example.com>")],
            references=["<a@x>", "b@x"],
            in_reply_to="b@x",
            date=datetime(2026, 11, 24, 12, 0, tzinfo=UTC),
        ),
        "mail.example.com",
    )
    m = parse(c.data)
    assert [p.get_content_type() for p in m.walk()] == [
        "multipart/mixed",
        "multipart/alternative",
        "text/plain",
        "multipart/related",
        "text/html",
        "image/png",
        "text/calendar",
        "application/pdf",
    ]
    assert m["Subject"] == "Grüße aus Köln — 日本語 🎉"
    assert "Bcc" not in m and b"secret@" not in c.data
    assert c.recipients == ["a@example.org", "b@xn--bcher-kva.example", "c@example.org", "secret@example.org"]
    assert m["To"].addresses[0].display_name == "Jörg Müller"
    assert m["Reply-To"] == "replies@example.com"
    assert m["References"] == "<a@x> <b@x>" and m["In-Reply-To"] == "<b@x>"
    assert m["X-Campaign"] == "q3" and m["Date"] == "Tue, 24 Nov 2026 12:00:00 +0000"
    plain = m.get_body(("plain",)).get_content().replace("\r\n", "\n")  # type: ignore[union-attr]
    assert plain == "Grüße ✓\n" + "long line " * 200 + "\n"
    parts = {p.get_content_type(): p for p in m.walk()}
    assert parts["image/png"].get_content() == png and parts["image/png"]["Content-ID"] == "<logo>"
    assert parts["application/pdf"].get_filename() == "Prüfbericht 2026.pdf"
    assert parts["application/pdf"].get_content() == b"%PDF-1.4\x00\x01"
    assert all(len(line) <= 998 for line in c.data.split(b"\r\n"))
    assert b"MIME-Version" not in c.data.split(b"\r\n\r\n", 1)[1]


def test_smtputf8_local_part() -> None:
    c = compose(draft(to=[Addr("jörg@bücher.example")]), "h")
    assert c.smtputf8 and c.recipients == ["jörg@bücher.example"]
    assert "jörg@bücher.example".encode() in c.data


def test_long_subject_folds() -> None:
    c = compose(draft(subject="word " * 400), "h")
    assert all(len(line) <= 78 for line in c.data.split(b"\r\n\r\n")[0].split(b"\r\n"))
    assert parse(c.data)["Subject"].strip() == ("word " * 400).strip()


@pytest.mark.parametrize(
    ("kw", "field"),
    [
        ({"subject": "x\r\nBcc: victim@example.org"}, "subject"),
        ({"to": [Addr("a@example.org", "Evil\nBcc: x@y")]}, "to[0].name"),
        ({"to": [Addr("a@example.org\r\nX: y")]}, "to[0].address"),
        ({"cc": [Addr("not an address")]}, "cc[0].address"),
        ({"bcc": [Addr("a@@example.org")]}, "bcc[0].address"),
        ({"reply_to": [Addr("x@-bad.example")]}, "reply_to[0].address"),
        ({"from_": Addr("nobody")}, "from.address"),
        ({"headers": [("X-Ok", "a\r\nBcc: x@y")]}, "headers[0]"),
        ({"headers": [("Bad Name", "v")]}, "headers[0]"),
        ({"headers": [("Subject", "v")]}, "headers[0]"),
        ({"headers": [("Content-Type", "text/html")]}, "headers[0]"),
        ({"attachments": [Attachment("a\nb.txt", "text/plain", b"x")]}, "attachments[0].name"),
        ({"attachments": [Attachment("a.txt", "not-a-type", b"x")]}, "attachments[0].content_type"),
        ({"attachments": [Attachment("a", "multipart/mixed", b"x")]}, "attachments[0].content_type"),
        ({"html": "<p>x</p>", "inline": [Attachment("a.png", "image/png", b"x")]}, "inline[0].content_id"),
        ({"text": None, "html": None}, "text"),
        ({"to": [], "cc": [], "bcc": []}, "to"),
        ({"message_id": "no brackets or at"}, "message_id"),
        ({"in_reply_to": "<a@b>\r\n"}, "in_reply_to"),
        ({"references": ["ok@x", "bad"]}, "references[1]"),
        ({"date": datetime(2026, 1, 1)}, "date"),
    ],
)
def test_refusals_name_the_field(kw: dict[str, object], field: str) -> None:
    with pytest.raises(ComposeError) as exc:
        compose(draft(**kw), "h")
    assert exc.value.field == field


def test_size_limit() -> None:
    with pytest.raises(ComposeError) as exc:
        compose(draft(attachments=[Attachment("big", "application/octet-stream", b"x" * 10_000)]), "h", max_size=5000)
    assert exc.value.field == "size"


def test_body_lines_over_998_still_make_a_valid_message() -> None:
    c = compose(draft(text="x" * 5000, html="<p>" + "y" * 5000 + "</p>"), "h")
    assert all(len(line) <= 998 for line in c.data.split(b"\r\n"))
    m = parse(c.data)
    assert m.get_body(("plain",)).get_content().strip() == "x" * 5000  # type: ignore[union-attr]
