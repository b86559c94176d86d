"""Suppression matching: the base form of an address, and which failures suppress.

Two addresses are the same recipient for suppression when their base forms are equal:
lower-cased, the part of the local part after ``+`` or ``-`` dropped, and dots
removed for domains that ignore them (Gmail and Googlemail). So
``John.Doe+news@gmail.com`` is caught by a suppression of ``johndoe@gmail.com``.

A permanent failure suppresses when its enhanced code says the mailbox does not exist
or the recipient refuses mail (RFC 3463: 5.1.1 no such mailbox, 5.1.10 null MX, 5.2.1
mailbox disabled, 5.7.1 delivery not authorized); policy and content codes such as
5.7.26 (DMARC) or other 5.7.x authentication failures do not, since they say nothing
about the recipient.
"""

from __future__ import annotations

from mta.smtp.address import AddressError, normalize_domain, normalize_localpart

DOTLESS_DOMAINS = frozenset({"gmail.com", "googlemail.com"})

SUPPRESSING_CODES = frozenset({"5.1.1", "5.1.10", "5.2.1", "5.7.1"})


def base_address(address: str) -> str:
    """The matching form; raises AddressError for something that is not an address."""
    local, at, domain = address.strip().rpartition("@")
    if not at or not local:
        raise AddressError("address must be localpart@domain")
    dom = normalize_domain(domain)
    lp = normalize_localpart(local.strip('"'))
    for sep in ("+", "-"):
        head, found, _ = lp.partition(sep)
        if found and head:
            lp = head
    if dom in DOTLESS_DOMAINS:
        lp = lp.replace(".", "")
    return f"{lp}@{dom}"


def suppresses(enhanced: str, code: int | None) -> bool:
    """Whether a permanent failure with this reply should suppress the address."""
    if enhanced:
        return enhanced in SUPPRESSING_CODES
    return code == 550  # no enhanced code: a bare 550 is "mailbox unavailable"
