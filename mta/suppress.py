"""Suppression matching: the form two addresses are compared in, and which failures suppress.

A suppression names one mailbox, so by default an address matches exactly: the domain
in its lower-case A-label form, the local part NFC-normalized and lower-cased (RFC 5321
lets a server treat case in a local part as significant; practically none do, and a
suppression that a capital letter could get around would be worse). Sub-addresses
(RFC 5233 "+detail") are folded only where the receiving domain is known to deliver
them to the same mailbox, with the separator it uses:

======================================  =========  ============
domains                                 separator  dots ignored
======================================  =========  ============
gmail.com, googlemail.com               ``+``      yes
outlook.com, hotmail.com, live.com      ``+``      no
fastmail.com, fastmail.fm               ``+``      no
icloud.com, me.com, mac.com             ``+``      no
yahoo.com                               ``-``      no
======================================  =========  ============

So ``John.Doe+news@gmail.com`` is the same recipient as ``johndoe@gmail.com``, while
``mary-jane@corp.example`` and ``mary@corp.example`` are two. The server's own domains
fold by the separator of the account that receives the mail (see
``mta.store.suppressions``), and an account may ask for more separators to be folded at
every domain (``fold_separators``).

A permanent failure suppresses when its enhanced code says the mailbox does not exist
or the recipient refuses mail (RFC 3463: 5.1.1 no such mailbox, 5.1.10 null MX, 5.2.1
mailbox disabled, 5.7.1 delivery not authorized); policy and content codes such as
5.7.26 (DMARC) or other 5.7.x authentication failures do not, since they say nothing
about the recipient.
"""

from __future__ import annotations

from typing import NamedTuple

from mta.smtp.address import Address, normalize_localpart, parse_address

SUPPRESSING_CODES = frozenset({"5.1.1", "5.1.10", "5.2.1", "5.7.1"})

# What an account may add to the table at every domain (fold_separators).
FOLD_CHARS = "+-_="


class Folding(NamedTuple):
    """How a domain reads local parts: a tag after the first of `separators` does not
    count, nor do dots when `dots`."""

    separators: str = ""
    dots: bool = False

    def plus(self, separators: str) -> Folding:
        extra = "".join(ch for ch in separators if ch not in self.separators)
        return Folding(self.separators + extra, self.dots) if extra else self


EXACT = Folding()

_PLUS = Folding("+")
PROVIDERS: dict[str, Folding] = {
    "gmail.com": Folding("+", dots=True),
    "googlemail.com": Folding("+", dots=True),
    "outlook.com": _PLUS,
    "hotmail.com": _PLUS,
    "live.com": _PLUS,
    "fastmail.com": _PLUS,
    "fastmail.fm": _PLUS,
    "icloud.com": _PLUS,
    "me.com": _PLUS,
    "mac.com": _PLUS,
    "yahoo.com": Folding("-"),
}


def provider_folding(domain: str) -> Folding:
    """The table's entry for a domain (A-label, lower case); EXACT when it is not listed."""
    return PROVIDERS.get(domain, EXACT)


def fold_localpart(localpart: str, folding: Folding) -> str:
    """localpart (already lower-cased) without its tag and, where they do not count, its dots."""
    cut = min((i for i in (localpart.find(s) for s in folding.separators) if i > 0), default=-1)
    if cut > 0:
        localpart = localpart[:cut]
    if folding.dots:
        localpart = localpart.replace(".", "") or localpart
    return localpart


def parse(address: str) -> Address:
    """The address; raises AddressError for something that is not one."""
    return parse_address(address.strip())


def matching_form(address: str, folding: Folding = EXACT) -> str:
    """The form suppressions are compared in; raises AddressError."""
    addr = parse(address)
    return f"{fold_localpart(normalize_localpart(addr.localpart), folding)}@{addr.domain}"


def suppresses(enhanced: str, code: int | None) -> bool:
    """Whether a permanent failure with this reply should suppress the address."""
    if enhanced:
        return enhanced in SUPPRESSING_CODES
    return code == 550  # no enhanced code: a bare 550 is "mailbox unavailable"
