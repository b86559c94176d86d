"""mta.dkim: keys, DNS records, signatures that verify, and signatures that break when they should."""

from __future__ import annotations

import base64

from cryptography.hazmat.primitives.serialization import load_der_public_key

from mta import dkim
from mta.compose import Addr, Attachment, Draft, compose

KEYS = dkim.generate_keys()
TXT = {f"{k.selector}._domainkey.example.com": dkim.dns_record(k) for k in KEYS}


def signed(message: bytes) -> bytes:
    return dkim.sign(message, "example.com", KEYS) + message


def test_keys_and_records() -> None:
    ed, rsa = KEYS
    assert ed.algorithm == "ed25519" and rsa.algorithm == "rsa" and ed.selector != rsa.selector
    for k in KEYS:
        tags = dict(t.strip().split("=", 1) for t in dkim.dns_record(k).split(";"))
        assert tags["v"] == "DKIM1" and tags["k"] == k.algorithm
        raw = base64.b64decode(tags["p"])
        if k.algorithm == "ed25519":
            assert len(raw) == 32
        else:
            assert load_der_public_key(raw).key_size == 2048  # type: ignore[union-attr]


def test_sign_and_verify_plain_and_mime() -> None:
    plain = b"From: A <a@example.com>\r\nTo: b@example.org\r\nSubject: hi\r\n\r\nbody\r\n"
    mime = compose(
        Draft(
            from_=Addr("a@example.com"),
            to=[Addr("b@example.org")],
            subject="Grüße",
            text="x",
            html="<p>x</p>",
            attachments=[Attachment("f.bin", "application/octet-stream", b"\x00" * 100)],
        ),
        "example.com",
    ).data
    for msg in (plain, mime):
        s = signed(msg)
        assert s.startswith(b"DKIM-Signature: v=1; a=ed25519-sha256")
        results = dkim.verify(s, TXT.get)
        assert [(d, ok) for d, _, ok in results] == [("example.com", True), ("example.com", True)]


def test_tampering_breaks_signatures() -> None:
    s = signed(b"From: a@example.com\r\nSubject: hi\r\n\r\nbody\r\n")
    for changed in (s.replace(b"body", b"b0dy"), s.replace(b"Subject: hi", b"Subject: ho")):
        assert not any(ok for _, _, ok in dkim.verify(changed, TXT.get))
    # A second From added after signing is caught by the oversigned From.
    added = s.replace(b"Subject: hi", b"From: evil@example.net\r\nSubject: hi")
    assert not any(ok for _, _, ok in dkim.verify(added, TXT.get))


def test_utf8_headers_sign_and_verify() -> None:
    msg = "From: Jörg <jörg@example.com>\r\nSubject: grüße\r\n\r\nx\r\n".encode()
    assert all(ok for _, _, ok in dkim.verify(signed(msg), TXT.get))


def test_unknown_key_does_not_verify() -> None:
    s = signed(b"From: a@example.com\r\n\r\nx\r\n")
    assert dkim.verify(s, lambda name: None) == [(d, sel, False) for d, sel, _ in dkim.verify(s, TXT.get)]


def test_canonicalization_edge_cases_verify() -> None:
    """What relaxed canonicalization must get right, checked by dkimpy's verifier:
    folded and repeated headers, runs of spaces and tabs, trailing blank lines, a body
    without its last CRLF, and an empty body."""
    msgs = [
        b"From: a@example.com\r\nSubject: a\r\n  folded\tline  \r\nTo: x@example.org\r\nTo: y@example.org\r\n"
        b"\r\nline  with \t runs   \r\n\r\n \r\n\r\n",
        b"From:  a@example.com \r\nSubject:x\r\n\r\nno final newline  ",
        b"From: a@example.com\r\n\r\n",
        b"From: a@example.com\r\nReferences: <a@b>\r\n <c@d>\r\n\r\n\tindented\r\n",
    ]
    for m in msgs:
        assert [ok for _, _, ok in dkim.verify(signed(m), TXT.get)] == [True, True], m


def test_relaxed_body_rules() -> None:
    assert dkim.relaxed_body(b"") == b""
    assert dkim.relaxed_body(b"\r\n\r\n") == b""
    assert dkim.relaxed_body(b" a  b \r\n\r\n") == b" a b\r\n"
    assert dkim.relaxed_body(b"x") == b"x\r\n"
    assert dkim.relaxed_header(b"SubJect ", b" a \r\n  b\t c ") == b"subject:a b c"


def test_relaxed_body_fast_paths_match_the_plain_rules() -> None:
    """The shortcuts (single spaces left alone, regexes only when needed) give what the
    RFC 6376 3.4.4 rules give when applied literally, on random bodies."""
    import random
    import re

    runs, trailing = re.compile(rb"[ \t]+"), re.compile(rb"[ \t]+\r\n")

    def literal(body: bytes) -> bytes:
        body = trailing.sub(b"\r\n", runs.sub(b" ", body)).rstrip(b"\r\n")
        return body + b"\r\n" if body else b""

    rnd = random.Random(6376)
    pieces = [b" ", b"\t", b"a", b"\r\n", b"  ", b"b", b"\r", b"\n", b" \t "]
    for _ in range(5000):
        body = b"".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 40)))
        assert dkim.relaxed_body(body) == literal(body), body


def test_signature_field_is_folded_at_76_columns_and_verifies() -> None:
    """RFC 6376 section 3.5: folding whitespace may go between tags, around the colons of
    h= and anywhere in the base64 of bh= and b=; dkimpy verifies every folding."""
    by_selector = {k.selector: dkim.dns_record(k) for k in KEYS}
    every_header = b"".join(
        h.title() + b": <x@example.org>\r\n" for h in dkim.SIGNED_HEADERS if h not in (b"from", b"mime-version")
    )
    folded_inside = {b"h": False, b"bh": False}
    for n in range(1, 40):
        domain = "d" * n + ".example.com"  # shifts every tag after d= along the lines
        message = f"From: a@{domain}\r\n".encode() + every_header + b"MIME-Version: 1.0\r\n\r\nbody\r\n"
        fields = dkim.sign(message, domain, KEYS)
        lines = fields.split(b"\r\n")[:-1]
        assert all(len(line) <= 76 for line in lines), [len(line) for line in lines]
        for tag in folded_inside:
            value = fields.split(b" " + tag + b"=", 1)[1].split(b";", 1)[0]
            folded_inside[tag] |= b"\r\n" in value
        results = dkim.verify(fields + message, lambda name: by_selector.get(name.split(".", 1)[0]))
        assert [ok for _, _, ok in results] == [True, True], domain
    assert folded_inside == {b"h": True, b"bh": True}
