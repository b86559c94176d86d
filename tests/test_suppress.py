"""Suppression matching forms: exact by default, sub-addresses folded only where the domain does."""

from __future__ import annotations

import pytest

from mta.smtp.address import AddressError
from mta.suppress import EXACT, Folding, matching_form, provider_folding


def form(address: str, extra: str = "") -> str:
    dom = address.rpartition("@")[2].lower()
    return matching_form(address, provider_folding(dom).plus(extra))


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        # Unknown domains: exact, only the case folded.
        ("mary-jane@corp.example", "mary-jane@corp.example"),
        ("Mary-Jane@CORP.example", "mary-jane@corp.example"),
        ("mary+news@corp.example", "mary+news@corp.example"),
        ("john.doe@corp.example", "john.doe@corp.example"),
        # Gmail: + and dots.
        ("John.Doe+news@gmail.com", "johndoe@gmail.com"),
        ("john.doe-news@googlemail.com", "johndoe-news@googlemail.com"),
        # Outlook, Fastmail, iCloud: + only.
        ("a.b+x@outlook.com", "a.b@outlook.com"),
        ("a-b@hotmail.com", "a-b@hotmail.com"),
        ("a+x@fastmail.com", "a@fastmail.com"),
        ("a+x@icloud.com", "a@icloud.com"),
        # Yahoo: - only.
        ("base-shop@yahoo.com", "base@yahoo.com"),
        ("base+shop@yahoo.com", "base+shop@yahoo.com"),
        # A leading separator is part of the name, not a tag.
        ("+x@gmail.com", "+x@gmail.com"),
        # International domains compare as A-labels.
        ("Jörg@Bücher.example", "jörg@xn--bcher-kva.example"),
    ],
)
def test_matching_form(address: str, expected: str) -> None:
    assert form(address) == expected


def test_wrong_people_are_not_matched() -> None:
    entry = form("mary-jane@corp.example")
    assert form("mary-ann@corp.example") != entry
    assert form("mary@corp.example") != entry
    assert form("MARY-JANE@corp.example") == entry


def test_account_folding_adds_separators_everywhere() -> None:
    assert form("mary-jane@corp.example", "+-") == "mary@corp.example"
    assert form("mary+x-y@corp.example", "+-") == "mary@corp.example"
    assert form("base+shop@yahoo.com", "+") == "base@yahoo.com"
    assert Folding("+", True).plus("+-") == Folding("+-", True)
    assert EXACT.plus("") is EXACT


def test_not_an_address() -> None:
    for bad in ("not an address", "@x.example", "a@", "a b@x.example"):
        with pytest.raises(AddressError):
            matching_form(bad)
