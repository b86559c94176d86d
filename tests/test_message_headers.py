"""parse_headers gives the header fields the email package's header parser gives."""

from __future__ import annotations

import random
from email.parser import BytesHeaderParser
from email.policy import compat32

from mta.message.headers import parse_headers

PIECES = [
    b"From: a@b\r\n", b"To: x\r\n", b" cont\r\n", b"\tcont2\n", b"Subject: hi\r", b"\r\n", b"\n", b"\r",
    b"From sender date\r\n", b"From x", b": noname\r\n", b"nocolon line\r\n", b"X-8bit: \xc3\xa9\xff\r\n",
    b"Bad Name: v\r\n", b"Empty:\r\n", b"Empty2:   \t \r\n", b"Dup: 1\r\n", b"Dup: 2\r\n", b"body text\r\n",
    b"Content-Type: text/plain; charset=utf-8\r\n", b" ; name*=utf-8''%C3%A9\r\n", b"\x00weird: v\r\n",
    b"a:b:c\r\n", b"\r\n\r\n", b"From: trailing", b" \r\n", b"\t\r\n",
]  # fmt: skip


def test_same_fields_as_the_email_packages_parser() -> None:
    """Random sequences of ordinary and broken lines (continuations first, Unix From
    lines anywhere, a colon first, 8-bit bytes, bare CR, no final line end)."""
    reference = BytesHeaderParser(policy=compat32)
    rng = random.Random(7)
    for _ in range(20_000):
        data = b"".join(rng.choice(PIECES) for _ in range(rng.randint(0, 9)))
        want, got = reference.parsebytes(data), parse_headers(data)
        assert list(got.raw_items()) == list(want.raw_items()), data  # names and raw values, in order
        assert [str(v) for v in got.get_all("x-8bit", [])] == [str(v) for v in want.get_all("x-8bit", [])]
        assert got.get_unixfrom() == want.get_unixfrom(), data
        assert (got.get_content_type(), got.get_params()) == (want.get_content_type(), want.get_params()), data
        for name in ("from", "FROM", "dup", "content-type", "x-nothing"):  # the indexed lookups
            assert (name in got) == (name in want), (data, name)
            assert str(got.get(name, "-")) == str(want.get(name, "-")), (data, name)
            assert [str(v) for v in got.get_all(name, [])] == [str(v) for v in want.get_all(name, [])], (data, name)


def test_lookups_follow_changes_to_the_fields() -> None:
    msg = parse_headers(b"Content-Type: text/plain; charset=us-ascii\r\nSubject: a\r\n\r\n")
    assert msg.get("subject") == "a"
    msg.replace_header("Subject", "b")
    msg["X-New"] = "n"
    msg.set_param("charset", "utf-8")
    del msg["content-type"]
    msg.add_header("Content-Type", "text/html")
    assert (msg.get("subject"), msg.get("x-new"), msg.get_content_type()) == ("b", "n", "text/html")
    assert "x-new" in msg and msg.get_all("subject") == ["b"]


def test_a_whole_message_gives_its_header_fields() -> None:
    msg = parse_headers(b"From: a@b\r\nSubject: one\r\n two\r\n\r\nBody: not a field\r\n")
    assert msg.items() == [("From", "a@b"), ("Subject", "one\r\n two")]
