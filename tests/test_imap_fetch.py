"""IMAP FETCH rendering: ENVELOPE, BODY/BODYSTRUCTURE, BODY[section], BINARY[section]."""

from __future__ import annotations

import base64
import email.header

import pytest

from mta.imapserver.fetch import (
    Section,
    UnknownCTE,
    binary_bytes,
    body_structure,
    envelope,
    header_fields,
    nstring,
    part_at,
    quoted_or_literal,
    section_bytes,
)
from mta.message import Envelope, Part, parse


def crlf(s: str) -> bytes:
    return s.replace("\n", "\r\n").encode("utf-8")


# A tiny IMAP response tokenizer: checks that parentheses balance and literals have the
# length they announce, and gives the structure for assertions.
Token = str | bytes | int | None | list["Token"]


def tokenize(data: bytes) -> Token:
    pos = 0

    def value() -> Token:
        nonlocal pos
        c = data[pos : pos + 1]
        if c == b"(":
            pos += 1
            items: list[Token] = []
            while data[pos : pos + 1] != b")":
                if items:
                    assert data[pos : pos + 1] in (b" ", b"("), f"no space at {pos}: {data[pos:]!r}"
                    if data[pos : pos + 1] == b" ":
                        pos += 1
                items.append(value())
            pos += 1
            return items
        if c == b'"':
            pos += 1
            out = bytearray()
            while data[pos : pos + 1] != b'"':
                ch = data[pos : pos + 1]
                assert ch not in (b"", b"\r", b"\n"), "unterminated quoted string"
                if ch == b"\\":
                    pos += 1
                    assert data[pos : pos + 1] in (b'"', b"\\")
                out += data[pos : pos + 1]
                pos += 1
            pos += 1
            return bytes(out)
        if c == b"{":
            end = data.index(b"}\r\n", pos)
            n = int(data[pos + 1 : end])
            pos = end + 3
            lit = data[pos : pos + n]
            assert len(lit) == n
            pos += n
            return lit
        end = pos
        while end < len(data) and data[end : end + 1] not in b" ()":
            end += 1
        atom = data[pos:end]
        pos = end
        if atom == b"NIL":
            return None
        assert atom.isdigit(), f"unexpected atom {atom!r}"
        return int(atom)

    v = value()
    assert pos == len(data), f"trailing data: {data[pos:]!r}"
    return v


SIMPLE = crlf(
    """Date: Mon, 7 Feb 1994 21:52:25 -0800
From: Fred Foobar <foobar@Blurdybloop.example>
Subject: afternoon meeting
To: mooch@owatagu.siam.edu.example
Message-Id: <B27397-0100000@Blurdybloop.example>
MIME-Version: 1.0
Content-Type: TEXT/PLAIN; CHARSET=US-ASCII

Hello Joe, do you think we can meet at 3:30 tomorrow?
"""
)

MIXED = crlf(
    """From: Ann <ann@example.com>
To: bob@example.org, "Carol C." <carol@example.net>
Cc: dave@example.org
Reply-To: replies@example.com
Subject: mixed
Date: Tue, 2 Dec 2025 10:00:00 +0000
Message-ID: <m1@example.com>
In-Reply-To: <m0@example.com>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="b1"

preamble
--b1
Content-Type: text/plain; charset=utf-8

Hello Bob.
Second line.
--b1
Content-Type: text/html; charset=utf-8
Content-Transfer-Encoding: quoted-printable

<p>Hello =E2=82=AC</p>
--b1
Content-Type: application/pdf; name="rates.pdf"
Content-Transfer-Encoding: base64
Content-Disposition: attachment; filename*=utf-8''%E2%82%AC%20rates.pdf
Content-ID: <att1@example.com>
Content-Description: Rates
Content-Language: en, de
Content-Location: http://example.com/rates.pdf
Content-MD5: Q2hlY2sgSW50ZWdyaXR5IQ==

JVBERi0xLjQK
--b1--
epilogue
"""
)

NESTED = crlf(
    """From: Ann <ann@example.com>
Subject: nested
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="outer"

--outer
Content-Type: multipart/alternative; boundary="alt"

--alt
Content-Type: text/plain

plain
--alt
Content-Type: text/html

<b>html</b>
--alt--

--outer
Content-Type: message/rfc822
Content-Disposition: attachment

From: Carol <carol@example.net>
Subject: inner
X-Note: one
 two
Content-Type: multipart/mixed; boundary="in"

--in
Content-Type: text/plain

inner text
--in
Content-Type: image/png
Content-Transfer-Encoding: base64

iVBORw0KGgo=
--in--

--outer
Content-Type: message/rfc822

Subject: single

just a body
--outer
Content-Type: application/octet-stream
Content-Transfer-Encoding: x-uuencode

begin 644 x
--outer--
"""
)

QP = crlf(
    """Subject: qp
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: quoted-printable

Caf=C3=A9 au lait, a long line that is =
soft broken.
a=3Db
"""
)

INTL = crlf(
    """Subject: =?utf-8?q?Gr=C3=BC=C3=9Fe?= aus Berlin
From: =?iso-8859-1?q?J=F6rg?= <joerg@example.de>
To: "Zoë" <zoë@bücher.example>, "Quote \\"me\\"" <q@example.com>
Date: Wed, 3 Dec 2025 08:00:00 +0100

x
"""
)


def test_envelope_simple_matches_rfc_format() -> None:
    _, env = parse(SIMPLE)
    fred = b'(("Fred Foobar" NIL "foobar" "Blurdybloop.example"))'
    assert envelope(env, False) == (
        b'("Mon, 7 Feb 1994 21:52:25 -0800" "afternoon meeting" '
        + fred
        + b" "
        + fred
        + b" "
        + fred
        + b' ((NIL NIL "mooch" "owatagu.siam.edu.example")) NIL NIL NIL "<B27397-0100000@Blurdybloop.example>")'
    )
    assert envelope(env, True) == envelope(env, False)


def test_envelope_mixed() -> None:
    _, env = parse(MIXED)
    assert envelope(env, False) == (
        b'("Tue, 2 Dec 2025 10:00:00 +0000" "mixed" '
        b'(("Ann" NIL "ann" "example.com")) '
        b'(("Ann" NIL "ann" "example.com")) '
        b'((NIL NIL "replies" "example.com")) '
        b'((NIL NIL "bob" "example.org")("Carol C." NIL "carol" "example.net")) '
        b'((NIL NIL "dave" "example.org")) '
        b'NIL "<m0@example.com>" "<m1@example.com>")'
    )


def test_envelope_empty() -> None:
    assert envelope(Envelope(), False) == b"(NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL)"


def test_envelope_non_ascii_without_utf8() -> None:
    _, env = parse(INTL)
    out = envelope(env, False)
    tok = tokenize(out)
    assert isinstance(tok, list)
    assert tok[0] == b"Wed, 3 Dec 2025 08:00:00 +0100"
    assert out.startswith(b'("Wed, 3 Dec 2025 08:00:00 +0100" "=?utf-8?b?')
    subject = tok[1]
    assert isinstance(subject, bytes) and subject.isascii()
    assert str(email.header.make_header(email.header.decode_header(subject.decode()))) == "Grüße aus Berlin"
    assert b'(("=?utf-8?b?SsO2cmc=?=" NIL "joerg" "example.de"))' in out
    # The local part has no ASCII form: a literal of its UTF-8 bytes; the host as an A-label.
    assert b'(("=?utf-8?b?Wm/Dqw==?=" NIL {4}\r\nzo\xc3\xab "xn--bcher-kva.example")' in out
    assert b'("Quote \\"me\\"" NIL "q" "example.com"))' in out
    assert tok[5] == [
        [b"=?utf-8?b?Wm/Dqw==?=", None, "zoë".encode(), b"xn--bcher-kva.example"],
        [b'Quote "me"', None, b"q", b"example.com"],
    ]


def test_envelope_non_ascii_with_utf8() -> None:
    _, env = parse(INTL)
    joerg = '(("Jörg" NIL "joerg" "example.de"))'
    expected = (
        f'("Wed, 3 Dec 2025 08:00:00 +0100" "Grüße aus Berlin" {joerg} {joerg} {joerg} '
        '(("Zoë" NIL "zoë" "bücher.example")("Quote \\"me\\"" NIL "q" "example.com")) NIL NIL NIL NIL)'
    )
    assert envelope(env, True) == expected.encode()


def test_envelope_long_non_ascii_subject_is_several_words_on_one_line() -> None:
    subject = "Ünïcödé " * 20
    out = envelope(Envelope(subject=subject), False)
    tok = tokenize(out)
    assert isinstance(tok, list)
    encoded = tok[1]
    assert isinstance(encoded, bytes)
    assert b"\r" not in encoded and b"\n" not in encoded
    words = encoded.split(b" ")
    assert len(words) > 1 and all(len(w) <= 75 for w in words)
    assert str(email.header.make_header(email.header.decode_header(encoded.decode()))) == subject


def test_envelope_strings_with_line_breaks_become_literals() -> None:
    out = envelope(Envelope(subject="a\r\nb", message_id='<x"y@z>'), False)
    assert out == b'(NIL {4}\r\na\r\nb NIL NIL NIL NIL NIL NIL NIL "<x\\"y@z>")'
    assert tokenize(out) == [None, b"a\r\nb", None, None, None, None, None, None, None, b'<x"y@z>']


def test_body_structure_simple() -> None:
    root, _ = parse(SIMPLE)
    assert body_structure(root, False) == b'("TEXT" "PLAIN" ("CHARSET" "US-ASCII") NIL NIL "7BIT" 55 1)'
    assert body_structure(root, True) == b'("TEXT" "PLAIN" ("CHARSET" "US-ASCII") NIL NIL "7BIT" 55 1 NIL NIL NIL NIL)'


def test_body_structure_mixed() -> None:
    root, _ = parse(MIXED)
    text = b'("TEXT" "PLAIN" ("CHARSET" "utf-8") NIL NIL "7BIT" 24 1'
    html = b'("TEXT" "HTML" ("CHARSET" "utf-8") NIL NIL "QUOTED-PRINTABLE" 22 0'
    pdf = b'("APPLICATION" "PDF" ("NAME" "rates.pdf") "<att1@example.com>" "Rates" "BASE64" 12'
    assert body_structure(root, False) == b"(" + text + b")" + html + b")" + pdf + b') "MIXED")'
    pdf_ext = (
        b' "Q2hlY2sgSW50ZWdyaXR5IQ==" ("attachment" ("filename" "=?utf-8?b?4oKsIHJhdGVzLnBkZg==?=")) ("en" "de")'
        b' "http://example.com/rates.pdf")'
    )
    assert body_structure(root, True) == (
        b"("
        + text
        + b" NIL NIL NIL NIL)"
        + html
        + b" NIL NIL NIL NIL)"
        + pdf
        + pdf_ext
        + b' "MIXED" ("BOUNDARY" "b1") NIL NIL NIL)'
    )
    # With UTF8=ACCEPT the decoded RFC 2231 filename goes out as it is.
    assert '("attachment" ("filename" "€ rates.pdf"))'.encode() in body_structure(root, True, utf8=True)
    assert base64.b64decode("4oKsIHJhdGVzLnBkZg==").decode() == "€ rates.pdf"


def test_body_structure_nested_and_message_rfc822() -> None:
    root, _ = parse(NESTED)
    for ext in (False, True):
        tok = tokenize(body_structure(root, ext))
        assert isinstance(tok, list)
        alt, msg, single, uu = tok[0], tok[1], tok[2], tok[3]
        assert tok[4] == b"MIXED"
        assert isinstance(alt, list) and alt[2] == b"ALTERNATIVE"
        assert isinstance(alt[0], list) and alt[0][:2] == [b"TEXT", b"PLAIN"] and alt[0][6] == 5
        assert isinstance(alt[1], list) and alt[1][:2] == [b"TEXT", b"HTML"]
        assert isinstance(msg, list) and msg[:2] == [b"MESSAGE", b"RFC822"]
        inner_env, inner_body = msg[7], msg[8]
        assert isinstance(inner_env, list)
        assert inner_env[1] == b"inner" and inner_env[2] == [[b"Carol", None, b"carol", b"example.net"]]
        assert isinstance(inner_body, list)
        assert isinstance(inner_body[1], list) and inner_body[1][:2] == [b"IMAGE", b"PNG"]
        assert inner_body[2] == b"MIXED"
        assert isinstance(single, list) and single[:2] == [b"MESSAGE", b"RFC822"]
        assert isinstance(single[8], list) and single[8][:2] == [b"TEXT", b"PLAIN"]
        assert isinstance(uu, list) and uu[5] == b"x-uuencode"
        if ext:
            assert msg[10:] == [None, [b"attachment", None], None, None]
            assert len(alt) == 7  # parts, subtype, params, disposition, language, location
        else:
            assert len(msg) == 10
            assert len(alt) == 3
    # Exact bytes of the message/rfc822 part with its embedded envelope and body.
    p = part_at(root, (3,))
    assert p is not None
    assert body_structure(p, False) == (
        b'("MESSAGE" "RFC822" NIL NIL NIL "7BIT" 30 '
        b'(NIL "single" NIL NIL NIL NIL NIL NIL NIL NIL) '
        b'("TEXT" "PLAIN" ("CHARSET" "us-ascii") NIL NIL "7BIT" 11 0) 2)'
    )


def test_body_structure_unparsed_message_is_basic() -> None:
    data = crlf("Content-Type: message/rfc822\nContent-Transfer-Encoding: base64\n\nU3ViamVjdDogeA0KDQp4DQo=\n")
    root, _ = parse(data)
    assert root.message is None
    assert body_structure(root, False) == b'("MESSAGE" "RFC822" NIL NIL NIL "BASE64" 26)'


def test_body_structure_multipart_without_parts() -> None:
    data = crlf("Content-Type: multipart/mixed\n\nno boundary\n")
    root, _ = parse(data)
    assert body_structure(root, False) == b'(("TEXT" "PLAIN" ("CHARSET" "US-ASCII") NIL NIL "7BIT" 0 0) "MIXED")'
    tokenize(body_structure(root, True))


def test_section_top_level() -> None:
    root, _ = parse(MIXED)
    blank = MIXED.index(b"\r\n\r\n") + 4
    assert section_bytes(MIXED, root, Section()) == MIXED
    assert section_bytes(MIXED, root, Section(text="HEADER")) == MIXED[:blank]
    assert section_bytes(MIXED, root, Section(text="TEXT")) == MIXED[blank:]
    assert section_bytes(MIXED, root, Section(text="HEADER.FIELDS", fields=("subject", "FROM", "x-none"))) == (
        b"From: Ann <ann@example.com>\r\nSubject: mixed\r\n\r\n"
    )
    not_fields = section_bytes(MIXED, root, Section(text="HEADER.FIELDS.NOT", fields=("To", "Cc", "Content-Type")))
    assert not_fields == MIXED[:blank].replace(
        b'To: bob@example.org, "Carol C." <carol@example.net>\r\nCc: dave@example.org\r\n', b""
    ).replace(b'Content-Type: multipart/mixed; boundary="b1"\r\n', b"")
    assert section_bytes(MIXED, root, Section(text="MIME")) is None


def test_section_parts_of_mixed() -> None:
    root, _ = parse(MIXED)
    assert section_bytes(MIXED, root, Section((1,))) == b"Hello Bob.\r\nSecond line."
    assert section_bytes(MIXED, root, Section((1,), "MIME")) == b"Content-Type: text/plain; charset=utf-8\r\n\r\n"
    assert section_bytes(MIXED, root, Section((2,))) == b"<p>Hello =E2=82=AC</p>"
    assert section_bytes(MIXED, root, Section((3,))) == b"JVBERi0xLjQK"
    mime = section_bytes(MIXED, root, Section((3,), "MIME"))
    assert mime is not None and mime.startswith(b"Content-Type: application/pdf") and mime.endswith(b"==\r\n\r\n")
    # HEADER and TEXT only exist for message/rfc822 parts.
    for text in ("HEADER", "TEXT", "HEADER.FIELDS"):
        assert section_bytes(MIXED, root, Section((1,), text, ("subject",))) is None
    for path in ((0,), (4,), (1, 1), (3, 1), (1, 1, 1)):
        assert section_bytes(MIXED, root, Section(path)) is None
        assert section_bytes(MIXED, root, Section(path, "MIME")) is None
    assert section_bytes(MIXED, root, Section((1,), "BOGUS")) is None


def test_section_single_part_message_has_part_one() -> None:
    root, _ = parse(SIMPLE)
    body = b"Hello Joe, do you think we can meet at 3:30 tomorrow?\r\n"
    assert section_bytes(SIMPLE, root, Section((1,))) == body
    assert section_bytes(SIMPLE, root, Section(text="TEXT")) == body
    assert section_bytes(SIMPLE, root, Section((1,), "MIME")) == SIMPLE[: -len(body)]
    assert section_bytes(SIMPLE, root, Section((2,))) is None
    assert section_bytes(SIMPLE, root, Section((1, 1))) is None
    assert part_at(root, (1,)) is root
    assert part_at(root, ()) is root


def test_section_into_message_rfc822() -> None:
    root, _ = parse(NESTED)
    assert section_bytes(NESTED, root, Section((1, 1))) == b"plain"
    assert section_bytes(NESTED, root, Section((1, 2))) == b"<b>html</b>"
    assert section_bytes(NESTED, root, Section((1, 2), "MIME")) == b"Content-Type: text/html\r\n\r\n"
    alt = section_bytes(NESTED, root, Section((1,)))
    assert alt is not None and alt.startswith(b"--alt\r\n") and alt.endswith(b"--alt--\r\n")

    inner_header = crlf(
        """From: Carol <carol@example.net>
Subject: inner
X-Note: one
 two
Content-Type: multipart/mixed; boundary="in"

"""
    )
    whole = section_bytes(NESTED, root, Section((2,)))
    assert whole is not None and whole.startswith(inner_header) and whole.endswith(b"--in--\r\n")
    assert section_bytes(NESTED, root, Section((2,), "MIME")) == (
        b"Content-Type: message/rfc822\r\nContent-Disposition: attachment\r\n\r\n"
    )
    assert section_bytes(NESTED, root, Section((2,), "HEADER")) == inner_header
    assert section_bytes(NESTED, root, Section((2,), "TEXT")) == whole[len(inner_header) :]
    assert section_bytes(NESTED, root, Section((2,), "HEADER.FIELDS", ("X-NOTE",))) == b"X-Note: one\r\n two\r\n\r\n"
    assert section_bytes(NESTED, root, Section((2,), "HEADER.FIELDS.NOT", ("x-note", "content-type"))) == (
        b"From: Carol <carol@example.net>\r\nSubject: inner\r\n\r\n"
    )
    assert section_bytes(NESTED, root, Section((2, 1))) == b"inner text"
    assert section_bytes(NESTED, root, Section((2, 1), "MIME")) == b"Content-Type: text/plain\r\n\r\n"
    assert section_bytes(NESTED, root, Section((2, 2))) == b"iVBORw0KGgo="
    assert section_bytes(NESTED, root, Section((2, 3))) is None
    assert section_bytes(NESTED, root, Section((2, 1), "HEADER")) is None

    # A message/rfc822 part whose message is not multipart: its body is part 1.
    assert section_bytes(NESTED, root, Section((3,))) == b"Subject: single\r\n\r\njust a body"
    assert section_bytes(NESTED, root, Section((3,), "HEADER")) == b"Subject: single\r\n\r\n"
    assert section_bytes(NESTED, root, Section((3,), "TEXT")) == b"just a body"
    assert section_bytes(NESTED, root, Section((3, 1))) == b"just a body"
    assert section_bytes(NESTED, root, Section((3, 2))) is None
    assert section_bytes(NESTED, root, Section((5,))) is None


def test_part_at() -> None:
    root, _ = parse(NESTED)
    assert part_at(root, ()) is root
    p = part_at(root, (1,))
    assert p is not None and p.content_type == "multipart/alternative"
    p = part_at(root, (2, 2))
    assert p is not None and p.content_type == "image/png"
    p = part_at(root, (3, 1))
    assert p is not None and p.content_type == "text/plain"
    assert part_at(root, (0,)) is None
    assert part_at(root, (1, 3)) is None
    assert part_at(root, (4, 1)) is None
    assert part_at(Part(), (2,)) is None


def test_header_fields_folded_and_case() -> None:
    header = (
        b"Subject: a\r\n long\r\n\tsubject\r\nTo: x@example.com\r\nX-Foo : 1\r\n continued\r\nto: y@example.com\r\n\r\n"
    )
    assert header_fields(header, ("SUBJECT", "x-foo"), False) == (
        b"Subject: a\r\n long\r\n\tsubject\r\nX-Foo : 1\r\n continued\r\n\r\n"
    )
    assert header_fields(header, ("to",), False) == b"To: x@example.com\r\nto: y@example.com\r\n\r\n"
    assert header_fields(header, ("subject", "x-foo"), True) == b"To: x@example.com\r\nto: y@example.com\r\n\r\n"
    assert header_fields(header, ("nothing",), False) == b"\r\n"
    assert header_fields(header, (), True) == header
    # A header block without the blank line (a part that is all header) still ends with one.
    assert header_fields(b"Subject: s\r\nTo: t", ("to",), False) == b"To: t\r\n\r\n"
    # Nothing after the blank line is looked at.
    assert header_fields(b"A: 1\r\n\r\nB: 2\r\n", ("b",), False) == b"\r\n"


def test_binary() -> None:
    root, _ = parse(MIXED)
    assert binary_bytes(MIXED, root, ()) == MIXED
    assert binary_bytes(MIXED, root, (1,)) == b"Hello Bob.\r\nSecond line."
    assert binary_bytes(MIXED, root, (2,)) == "<p>Hello €</p>".encode()
    assert binary_bytes(MIXED, root, (3,)) == b"%PDF-1.4\n"
    assert binary_bytes(MIXED, root, (4,)) is None
    assert binary_bytes(MIXED, root, (0,)) is None

    root, _ = parse(QP)
    assert binary_bytes(QP, root, (1,)) == "Café au lait, a long line that is soft broken.\r\na=b\r\n".encode()

    root, _ = parse(NESTED)
    assert binary_bytes(NESTED, root, (2, 2)) == b"\x89PNG\r\n\x1a\n"
    with pytest.raises(UnknownCTE):
        binary_bytes(NESTED, root, (4,))


def test_binary_malformed_base64_does_not_raise() -> None:
    data = crlf("Content-Type: application/octet-stream\nContent-Transfer-Encoding: base64\n\naGVs*bG8\n!!=x\n")
    root, _ = parse(data)
    out = binary_bytes(data, root, (1,))
    assert isinstance(out, bytes) and out.startswith(b"hello")


def test_quoted_or_literal_and_nstring() -> None:
    assert quoted_or_literal("plain") == b'"plain"'
    assert quoted_or_literal('a"b\\c') == b'"a\\"b\\\\c"'
    assert quoted_or_literal("") == b'""'
    assert quoted_or_literal("a\r\nb") == b"{4}\r\na\r\nb"
    assert quoted_or_literal("a\nb") == b"{3}\r\na\nb"
    assert quoted_or_literal("é", utf8=True) == '"é"'.encode()
    assert quoted_or_literal("é", utf8=False) == b"{2}\r\n\xc3\xa9"
    assert quoted_or_literal(b"bytes") == b'"bytes"'
    assert quoted_or_literal("é".encode(), utf8=True) == '"é"'.encode()
    assert quoted_or_literal("é".encode(), utf8=False) == b"{2}\r\n\xc3\xa9"
    assert quoted_or_literal(b"\xff\xfe") == b"{2}\r\n\xff\xfe"
    assert quoted_or_literal("a\0b") == b'"ab"'
    assert nstring(None) == b"NIL"
    assert nstring("") == b'""'
    assert nstring("x y") == b'"x y"'
    assert nstring(b'q"') == b'"q\\""'


def test_every_rendering_tokenizes() -> None:
    for data in (SIMPLE, MIXED, NESTED, QP, INTL):
        root, env = parse(data)
        for utf8 in (False, True):
            assert isinstance(tokenize(envelope(env, utf8)), list)
            for ext in (False, True):
                assert isinstance(tokenize(body_structure(root, ext, utf8=utf8)), list)


def test_section_is_hashable_value() -> None:
    assert Section((1, 2), "HEADER.FIELDS", ("To",)) == Section((1, 2), "HEADER.FIELDS", ("To",))
    assert len({Section(), Section()}) == 1
