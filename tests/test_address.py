"""mta.smtp.address: SMTP paths, parameters, IDNA and SMTPUTF8."""

from __future__ import annotations

import pytest

from mta.smtp.address import Address, AddressError, normalize_domain, parse_address, parse_params, parse_path


@pytest.mark.parametrize(
    ("arg", "expected", "rest"),
    [
        ("<a@example.com>", Address("a", "example.com"), ""),
        ("<A.B+tag@Example.COM> SIZE=10", Address("A.B+tag", "example.com"), "SIZE=10"),
        ("<>", None, ""),
        ("<> BODY=8BITMIME", None, "BODY=8BITMIME"),
        ('<"john doe"@example.com>', Address("john doe", "example.com"), ""),
        ('<"a\\"b"@example.com>', Address('a"b', "example.com"), ""),
        ("<@relay.example,@other.example:user@example.com>", Address("user", "example.com"), ""),
        ("a@example.com", Address("a", "example.com"), ""),
        ("<jörg@bücher.example>", Address("jörg", "xn--bcher-kva.example"), ""),
        ("<postmaster@[127.0.0.1]>", Address("postmaster", "[127.0.0.1]"), ""),
        ("<x@[IPv6:::1]>", Address("x", "[IPv6:::1]"), ""),
    ],
)
def test_parse_path(arg: str, expected: Address | None, rest: str) -> None:
    assert parse_path(arg) == (expected, rest)


@pytest.mark.parametrize(
    "arg",
    [
        "<a@example.com",
        "<noat>",
        "<@example.com>",
        "<a@>",
        "<a@exa mple.com>",
        "<a@-x.example>",
        "<a..b@example.com>",
        "<.a@example.com>",
        "<" + "x" * 65 + "@example.com>",
        "<a@" + "x" * 64 + ".com>",
        "<a@example.com>junk",
        "<a@[300.1.1.1]>",
        "",
    ],
)
def test_parse_path_rejects(arg: str) -> None:
    with pytest.raises(AddressError):
        parse_path(arg)


def test_non_ascii_needs_smtputf8() -> None:
    with pytest.raises(AddressError):
        parse_address("jörg@example.com", smtputf8=False)
    assert parse_address("jörg@example.com").is_ascii is False


def test_display_forms() -> None:
    a = parse_address("Jörg@Bücher.Example")
    assert str(a) == "Jörg@bücher.example"
    assert a.ascii == "Jörg@xn--bcher-kva.example"
    assert a.key == "jörg@xn--bcher-kva.example"
    assert str(Address("john doe", "example.com")) == '"john doe"@example.com'


def test_params() -> None:
    assert parse_params("SIZE=100 body=8BITMIME SMTPUTF8") == {"SIZE": "100", "BODY": "8BITMIME", "SMTPUTF8": ""}
    for bad in ("SIZE=", "=1", "SIZE=1 SIZE=2", "BAD_KEY=1"):
        with pytest.raises(AddressError):
            parse_params(bad)


def test_normalize_domain() -> None:
    assert normalize_domain("Example.COM.") == "example.com"
    assert normalize_domain("xn--bcher-kva.example") == "xn--bcher-kva.example"
    with pytest.raises(AddressError):
        normalize_domain("")
    with pytest.raises(AddressError):
        normalize_domain("under_score.example")
