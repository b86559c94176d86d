"""mta.compose: structure, encodings and refusals, checked by parsing with the email package."""

from __future__ import annotations

import email
import email.policy
import random
from datetime import UTC, datetime
from typing import Any

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
        ({"headers": [("X-Ok", "a\r\nBcc: x@y")]}, "headers.X-Ok"),
        ({"headers": [("Bad Name", "v")]}, "headers.Bad Name"),
        ({"headers": [("X-Ok", "v"), ("Subject", "v")]}, "headers.Subject"),
        ({"headers": [("Content-Type", "text/html")]}, "headers.Content-Type"),
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


# Words that exercise the header encoders: non-ASCII, controls, quoting specials,
# encoded-word look-alikes, words too long for a line, odd whitespace.
_WORDS = [
    "word", "a", "Grüße", "日本語", "🎉", "=?utf-8?q?x?=", "x" * 90, "ä" * 50, "\x01ctl", "q\"uote",
    "back\\slash", "(paren)", "a.b", "@", ",", ";", "\u00a0", "e\u0301", "<x>", "''", "%20", "_", "=", "??==",
]  # fmt: skip
_GAPS = [" ", " ", "  ", "\t", ""]


def _phrase(rnd: random.Random) -> str:
    return "".join(rnd.choice(_WORDS) + rnd.choice(_GAPS) for _ in range(rnd.randint(0, 12)))


def _squash(s: str) -> str:
    return " ".join(s.split())


@pytest.mark.parametrize("seed", range(4))
def test_header_fields_read_back_as_given(seed: int) -> None:
    """Random subjects, display names, extra fields and file names, written and read
    back with the email package: the same text (whitespace aside, which folding and
    Python's display-name parser change), lines within 998 octets, ASCII unless
    SMTPUTF8."""
    rnd = random.Random(seed)
    for _ in range(250):
        subject, name, value = _phrase(rnd), _phrase(rnd).replace("\t", " "), _phrase(rnd)
        filename = _phrase(rnd).strip() or "f"
        utf8 = rnd.random() < 0.2
        c = compose(
            draft(
                from_=Addr("app@example.com", name),
                to=[Addr("jörg@bücher.example" if utf8 else "a@example.org", name)],
                subject=subject,
                headers=[("X-Test", value)],
                attachments=[Attachment(filename, "application/octet-stream", b"\x00")],
            ),
            "h",
        )
        head = c.data.split(b"\r\n\r\n")[0]
        assert all(len(line) <= 998 for line in head.split(b"\r\n"))
        assert c.smtputf8 == utf8 and (utf8 or head.isascii())
        m = email.message_from_string(c.data.decode(), policy=email.policy.default) if utf8 else parse(c.data)
        assert _squash(str(m["Subject"])) == _squash(subject)
        assert _squash(str(m["X-Test"])) == _squash(value)
        # Python's parser keeps the space between encoded words in a display name
        assert "".join(m["To"].addresses[0].display_name.split()) == "".join(name.split())
        if not (filename.startswith("<") and filename.endswith(">")):  # get_filename strips <>
            assert list(m.walk())[-1].get_filename() == filename


_TEXT = ["word", " ", "  ", "\t", "\n", "\r\n", "\r", ".", "From ", "=", "ü", "日本語", "\x01", "x" * 100, "\x7f"]


@pytest.mark.parametrize("seed", range(2))
def test_bodies_read_back_as_given(seed: int) -> None:
    """Random text and HTML bodies and binary attachments: the same content back,
    line ends as CRLF, no line over 998 octets, nothing but ASCII on the wire."""
    rnd = random.Random(seed)
    for _ in range(300):
        text = "".join(rnd.choice(_TEXT) for _ in range(rnd.randint(0, 40)))
        html = "".join(rnd.choice(_TEXT) for _ in range(rnd.randint(0, 40)))
        blob = rnd.randbytes(rnd.randint(0, 300))
        c = compose(draft(text=text, html=html, attachments=[Attachment("b", "application/octet-stream", blob)]), "h")
        assert c.data.isascii() and all(len(line) <= 998 for line in c.data.split(b"\r\n"))
        assert b"\n" not in c.data.replace(b"\r\n", b"") and b"\r" not in c.data.replace(b"\r\n", b"")
        m = parse(c.data)
        for subtype, given in (("plain", text), ("html", html)):
            want = given.replace("\r\n", "\n").replace("\r", "\n")
            want += "" if want.endswith("\n") else "\n"
            assert m.get_body((subtype,)).get_content().replace("\r\n", "\n") == want  # type: ignore[union-attr]
        assert list(m.walk())[-1].get_content() == blob


def test_encoded_word_look_alikes_stay_literal() -> None:
    c = compose(
        draft(
            subject="see =?utf-8?q?hi?= here",
            attachments=[Attachment("=?utf-8?q?evil?=.exe", "application/octet-stream", b"x")],
        ),
        "h",
    )
    m = parse(c.data)
    assert m["Subject"] == "see =?utf-8?q?hi?= here"
    assert list(m.walk())[-1].get_filename() == "=?utf-8?q?evil?=.exe"
    assert b"filename*=utf-8''" in c.data


def test_folding_keeps_lines_short_and_urls_whole() -> None:
    url = "<https://example.com/unsubscribe/" + "a" * 80 + ">"
    c = compose(
        draft(
            to=[Addr(f"user{i}@example.org", f"User Number {i}") for i in range(12)],
            headers=[("List-Unsubscribe", f"{url}, <mailto:u@example.com>")],
            references=[f"<ref{i}@example.org>" for i in range(10)],
        ),
        "h",
    )
    head = c.data.split(b"\r\n\r\n")[0].split(b"\r\n")
    assert [line for line in head if len(line) > 78] == [b"List-Unsubscribe: " + url.encode() + b","]
    m = parse(c.data)
    assert len(m["To"].addresses) == 12 and m["To"].addresses[11].display_name == "User Number 11"
    assert m["List-Unsubscribe"] == f"{url}, <mailto:u@example.com>"


def test_refuses_a_header_line_over_998_octets_and_odd_content_ids() -> None:
    with pytest.raises(ComposeError) as exc:
        compose(draft(headers=[("X-Long", "y" * 1000)]), "h")
    assert exc.value.field == "headers"
    inline = [Attachment("a.png", "image/png", b"x", content_id="has space")]
    with pytest.raises(ComposeError) as exc:
        compose(draft(html="<img src='cid:x'>", inline=inline), "h")
    assert exc.value.field == "inline[0].content_id"


def test_html_alone_gets_a_text_alternative_unless_refused() -> None:
    html = (
        "<html><head><style>p {color: red}</style></head><body><h1>Your order</h1>"
        "<p>Hello <b>Ann</b>,<br>it has shipped &amp; will arrive Monday.</p>"
        '<ul><li>Boots</li><li>Socks</li></ul><p><a href="https://shop.example/t/42">Track it</a></p>'
        "<script>track()</script></body></html>"
    )
    m = parse(compose(draft(text=None, html=html), "h").data)
    assert m.get_content_type() == "multipart/alternative"
    assert [p.get_content_type() for p in m.iter_parts()] == ["text/plain", "text/html"]
    text = m.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert text.replace("\r\n", "\n") == (
        "Your order\n\nHello Ann,\nit has shipped & will arrive Monday.\n\n- Boots\n- Socks\n\n"
        "Track it (https://shop.example/t/42)\n"
    )
    assert m.get_body(("html",)).get_content().strip() == html  # type: ignore[union-attr]
    # Inline images keep their place beside the HTML; the text comes first.
    logo = Attachment("logo.png", "image/png", b"\x89PNG", content_id="logo")
    m = parse(compose(draft(text=None, html='<img src="cid:logo" alt="Shop">', inline=[logo]), "h").data)
    assert [p.get_content_type() for p in m.iter_parts()] == ["text/plain", "multipart/related"]
    assert m.get_body(("plain",)).get_content().strip() == "Shop"  # type: ignore[union-attr]
    # Asked not to, or a draft (saved as written): the HTML alone.
    assert parse(compose(draft(text=None, html=html, text_from_html=False), "h").data).get_content_type() == "text/html"
    assert parse(compose(draft(text=None, html=html), "h", draft=True).data).get_content_type() == "text/html"


def test_text_alternative_reads_each_link_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Links do not nest, as in a browser: an <a> closes the open one. So thousands of
    unclosed anchors (a send any API key can make) cost work in proportion to their
    length, not its square; the output chunks read to find link texts are counted."""
    from mta.message import plaintext

    class Counted(list[str]):
        read = 0

        def __getitem__(self, i: Any) -> Any:
            got = super().__getitem__(i)
            if isinstance(i, slice):
                Counted.read += len(got)
            return got

    real_init = plaintext._Writer.__init__

    def init(self: Any) -> None:
        real_init(self)
        self.out = Counted()

    monkeypatch.setattr(plaintext._Writer, "__init__", init)
    assert plaintext.html_to_plain('<a href="1">x<a href="2">y</a>z</a>') == "x (1)y (2)z\n"
    n = 5000
    Counted.read = 0
    text = plaintext.html_to_plain('<a href="h">x' * n + "</a>" * n)
    assert text.count("(h)") == n
    assert Counted.read <= 4 * n
