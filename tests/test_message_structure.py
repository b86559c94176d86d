"""mta.message: MIME structure with byte offsets and the envelope, checked against the email package."""

from __future__ import annotations

import email
import email.policy
from email.message import EmailMessage

from mta.message import parse


def build() -> bytes:
    m = EmailMessage()
    m["From"] = "Jörg Müller <jorg@example.com>"
    m["To"] = "a@example.com, Bee <b@example.com>"
    m["Cc"] = "c@example.com"
    m["Subject"] = "Grüße aus Köln"
    m["Message-ID"] = "<id1@example.com>"
    m["In-Reply-To"] = "<id0@example.com>"
    m.set_content("plain text body\nline two\n")
    m.add_alternative("<p>html body</p>", subtype="html")
    m.add_attachment(b"\x00\x01binary" * 50, maintype="application", subtype="octet-stream", filename="dätä.bin")
    inner = EmailMessage()
    inner["Subject"] = "inner"
    inner["From"] = "x@example.org"
    inner.set_content("forwarded")
    m.add_attachment(inner)
    return m.as_bytes(policy=email.policy.SMTP)


def test_structure_offsets_match_the_email_package() -> None:
    raw = build()
    part, env = parse(raw)
    assert (part.media_type, part.media_subtype) == ("multipart", "mixed")
    alt, att, fwd = part.parts
    assert alt.content_type == "multipart/alternative"
    plain, html = alt.parts
    assert plain.content_type == "text/plain" and plain.param("charset") == "utf-8"
    ref = email.message_from_bytes(raw, policy=email.policy.default)
    ref_parts = [p for p in ref.walk() if not p.is_multipart()]
    body = raw[plain.body_offset : plain.end_offset]
    assert body.decode().replace("\r\n", "\n") == str(ref_parts[0].get_payload(decode=False)).replace("\r\n", "\n")
    assert raw[html.body_offset : html.end_offset].startswith(b"<p>html body</p>")
    assert att.filename == "dätä.bin"
    assert att.encoding == "base64"
    assert att.disposition == "attachment"
    import base64

    assert base64.b64decode(raw[att.body_offset : att.end_offset]) == b"\x00\x01binary" * 50
    assert fwd.content_type == "message/rfc822"
    assert fwd.envelope is not None and fwd.envelope.subject == "inner"
    assert fwd.message is not None and raw[fwd.message.body_offset : fwd.message.end_offset].startswith(b"forwarded")
    assert plain.lines == 2
    # The envelope, decoded.
    assert env.subject == "Grüße aus Köln"
    assert env.from_[0].name == "Jörg Müller" and env.from_[0].addr == "jorg@example.com"
    assert [a.addr for a in env.to] == ["a@example.com", "b@example.com"]
    assert env.sender == env.from_ and env.reply_to == env.from_
    assert env.message_id == "<id1@example.com>" and env.in_reply_to == "<id0@example.com>"


def test_malformed_input_never_raises() -> None:
    samples = [
        b"",
        b"no header separator at all",
        b"Content-Type: multipart/mixed; boundary=x\r\n\r\n--x\r\nno close delimiter",
        b"Content-Type: multipart/mixed\r\n\r\nno boundary parameter",
        b"Content-Type: text/\r\n\r\nbroken type",
        b'Content-Type: multipart/mixed; boundary="a"\r\n\r\n--ab\r\nnot a delimiter\r\n--a--\r\n',
        b"Subject: =?bogus?Q?x?=\r\nFrom: <<>>\r\n\r\n",
        b"\n\nbare LF",
    ]
    for raw in samples:
        part, _env = parse(raw)
        assert 0 <= part.body_offset <= part.end_offset == len(raw)


def test_nesting_is_bounded() -> None:
    raw = b""
    for i in range(200):
        raw += b"Content-Type: multipart/mixed; boundary=b%d\r\n\r\n--b%d\r\n" % (i, i)
    part, _ = parse(raw)
    depth = 0
    while part.parts:
        part = part.parts[0]
        depth += 1
    assert depth <= 50


def test_bare_lf_and_delimiter_lookalikes() -> None:
    raw = (
        b'Content-Type: multipart/mixed; boundary="sep"\n\n'
        b"--sep\nContent-Type: text/plain\n\none\n--separator is not a delimiter\n"
        b"--sep\n\ntwo\n--sep--\n"
    )
    part, _ = parse(raw)
    assert len(part.parts) == 2
    first, second = part.parts
    assert raw[first.body_offset : first.end_offset] == b"one\n--separator is not a delimiter"
    assert raw[second.body_offset : second.end_offset] == b"two"
