"""SPF, DKIM, DMARC and Authentication-Results cases found by reviewing them against the
RFCs: several From domains, obsolete "From :", IDN domains, oversized RSA keys, macro
and network syntax, record discovery, forged authserv-ids and line lengths."""

from __future__ import annotations

import asyncio
import base64
import secrets
import time

import pytest

from mta import authres, dkim, dkimverify, dmarc, spf
from tests.mx import TableResolver

KEYS = dkim.generate_keys()
RSA_KEY = KEYS[1]


def _der(tag: int, body: bytes) -> bytes:
    n = len(body)
    length = (
        bytes([n]) if n < 128 else bytes([0x80 | ((n.bit_length() + 7) // 8)]) + n.to_bytes((n.bit_length() + 7) // 8)
    )
    return bytes([tag]) + length + body


def _der_int(i: int) -> bytes:
    return _der(0x02, i.to_bytes(i.bit_length() // 8 + 1))  # one spare byte keeps it positive


def run_spf(record: str, ip: str = "192.0.2.10") -> str:
    r = TableResolver({}, {"example.org": ["192.0.2.10"]}, {"example.org": [record]})
    result, _ = asyncio.run(spf.check_host(r, ip, "example.org", "user@example.org", "helo.example.org"))
    return result


def check(txt: dict[str, list[str]], message: bytes, mail_from: str = "bounce@evil.example") -> authres.Verdict:
    return asyncio.run(
        authres.check(
            TableResolver({}, {}, txt), ip="192.0.2.10", mail_from=mail_from, helo="mx.evil.example", message=message
        )
    )


# -- SPF --


def test_spf_huge_macro_digit_transformer_is_permerror_not_an_exception() -> None:
    # RFC 7208 7.1/4.6: a record that cannot be evaluated is a permerror; check_host must
    # return a result. int() of a 5000-digit transformer raises ValueError (Python's
    # int max_str_digits), which escapes check_host (authres then logs it as temperror).
    assert run_spf("v=spf1 exists:%{d" + "9" * 5000 + "}.example.org -all") == "permerror"


def test_spf_ip4_netmask_instead_of_prefix_length_is_permerror() -> None:
    # RFC 7208 5.6 / 12: ip4-cidr-length = "/" ("0" / %x31-39 0*1DIGIT); a dotted netmask
    # is a syntax error (permerror), not a match. ipaddress.ip_network accepts it.
    assert run_spf("v=spf1 ip4:192.0.2.0/255.255.255.0 -all") == "permerror"


@pytest.mark.parametrize(
    "record",
    [
        "v=spf1 ip4:192.0.2.10 a:nodot -all",  # domain-end needs "." toplabel or a macro
        "v=spf1 ip4:192.0.2.10 redirect=",  # redirect = "redirect" "=" domain-spec (not empty)
    ],
)
def test_spf_syntax_errors_after_the_matching_term_are_permerror(record: str) -> None:
    # RFC 7208 4.6: "if there are any syntax errors anywhere in the record, check_host()
    # returns immediately with the result 'permerror', without further interpretation".
    # ABNF (section 12): domain-spec = macro-string domain-end.
    assert run_spf(record) == "permerror"


def test_spf_idn_mail_from_is_checked_as_a_label() -> None:
    # RFC 8616 section 4 (updating RFC 7208 4.3): U-labels in MAIL FROM/HELO are converted
    # to A-labels before the SPF check. Here the U-label domain is "not a domain": none.
    r = TableResolver({}, {}, {"xn--bcher-kva.example": ["v=spf1 ip4:192.0.2.10 -all"]})
    got = asyncio.run(spf.verify(r, "192.0.2.10", "bounce@bücher.example", "mx.example.net"))
    assert got.result == "pass"


# -- DKIM --


def test_dkim_huge_rsa_key_is_refused_quickly() -> None:
    # RFC 6376 3.3.3: verifiers MUST handle 512..2048-bit keys and MAY handle larger ones;
    # so refusing oversized keys is allowed, and needed: an attacker publishes a 16384-bit
    # modulus with a 16384-bit public exponent. dkimpy's pure-Python pow() then holds the GIL for seconds
    # per signature (up to MAX_SIGNATURES), stalling the event loop past any timeout.
    n = secrets.randbits(16384) | (1 << 16383) | 1
    der = _der(0x30, _der_int(n) + _der_int(n - 2))  # RSAPublicKey
    txt = {f"{RSA_KEY.selector}._domainkey.example.org": [f"v=DKIM1; k=rsa; p={base64.b64encode(der).decode()}"]}
    message = b"From: a@example.org\r\nTo: b@example.com\r\nSubject: x\r\n\r\nbody\r\n"
    signed = dkim.sign(message, "example.org", [RSA_KEY]) + message
    start = time.monotonic()
    got = asyncio.run(dkimverify.verify(TableResolver({}, {}, txt), signed))
    assert got.result != "pass"
    assert time.monotonic() - start < 1.0


# -- DMARC --


def test_dmarc_several_from_domains_apply_the_strictest_failing_policy() -> None:
    # RFC 7489 6.6.1: for a multi-valued From, "apply the DMARC check using each of those
    # domains ... and apply the most strict policy selected among the checks that fail".
    # The code gives permerror with no policy: victim.example's p=reject is bypassed by
    # adding one attacker address next to the spoofed one.
    txt = {"_dmarc.victim.example": ["v=DMARC1; p=reject"], "evil.example": ["v=spf1 ip4:192.0.2.10 -all"]}
    msg = b"From: ceo@victim.example, x@evil.example\r\nTo: a@example.com\r\nSubject: pay\r\n\r\nbody\r\n"
    v = check(txt, msg)
    assert (v.dmarc.result, v.dmarc.policy) == ("fail", "reject")


def test_dmarc_obsolete_from_with_space_before_colon_is_evaluated() -> None:
    # RFC 5322 4.5.2 obs-from = "From" *WSP ":" mailbox-list CRLF; section 4: parsers MUST
    # accept the obsolete syntax (and MUAs show it as the author). Python's email parser
    # drops "From :" (it looks like a Unix From_ line), so DMARC says none for a spoofed
    # domain with p=reject.
    txt = {"_dmarc.victim.example": ["v=DMARC1; p=reject"]}
    msg = b"To: a@example.com\r\nFrom : ceo@victim.example\r\nSubject: pay\r\n\r\nbody\r\n"
    v = check(txt, msg)
    assert (v.dmarc.result, v.dmarc.from_domain, v.dmarc.policy) == ("fail", "victim.example", "reject")


def test_dmarc_utf8_from_domain_uses_a_labels() -> None:
    # RFC 8616 section 6 (updating RFC 7489): U-labels in the From domain are compared and
    # looked up as A-labels. The raw UTF-8 From becomes "b\ufffd\ufffdcher.example" through
    # compat32, so no record is found and the result is none instead of fail.
    txt = {"_dmarc.xn--bcher-kva.example": ["v=DMARC1; p=reject"]}
    msg = "From: ceo@bücher.example\r\nTo: a@example.com\r\nSubject: x\r\n\r\nbody\r\n".encode()
    v = check(txt, msg)
    assert (v.dmarc.result, v.dmarc.policy) == ("fail", "reject")
    # and a DKIM d= (always A-labels) aligns with the U-label From domain
    assert dmarc.aligned("xn--bcher-kva.example", "bücher.example", "s")


def test_dmarc_version_tag_may_have_whitespace_around_equals() -> None:
    # RFC 7489 6.4: dmarc-version = "v" *WSP "=" *WSP %x44 %x4d %x41 %x52 %x43 %x31.
    # _lookup only keeps records starting with exactly "v=dmarc1", so this p=reject
    # record is ignored (none instead of fail).
    r = TableResolver({}, {}, {"_dmarc.example.org": ["v = DMARC1; p=reject"]})
    got = asyncio.run(dmarc.verify(r, "example.org", spf="none", spf_domain="", dkim_domains=[]))
    assert (got.result, got.policy) == ("fail", "reject")


def test_dmarc_several_records_at_from_domain_end_discovery() -> None:
    # RFC 7489 6.6.3 steps 3 and 5: the organizational domain is asked only when the set at
    # the From domain is empty; "if the remaining set contains multiple records ... policy
    # discovery terminates and DMARC processing is not applied".
    txt = {
        "_dmarc.news.example.org": ["v=DMARC1; p=none", "v=DMARC1; p=none; pct=50"],
        "_dmarc.example.org": ["v=DMARC1; p=reject"],
    }
    r = TableResolver({}, {}, txt)
    got = asyncio.run(dmarc.verify(r, "news.example.org", spf="none", spf_domain="", dkim_domains=[]))
    assert got.result == "none"


# -- Authentication-Results --

MESSAGE = b"From: a@example.org\r\nTo: b@example.com\r\nSubject: x\r\n\r\nbody\r\n"


@pytest.mark.parametrize(
    "forged",
    [
        b"Authentication-Results: ((nested)) mail.example.com; dkim=pass\r\n",  # RFC 5322 3.2.2: comments nest
        b"Authentication-Results: (a\\) b) mail.example.com; dkim=pass\r\n",  # quoted-pair in a comment
        b'Authentication-Results: "mail.example.com"; dkim=pass\r\n',  # authserv-id = value (quoted-string)
    ],
)
def test_strip_ours_removes_every_spelling_of_our_authserv_id(forged: bytes) -> None:
    # RFC 8601 section 5: an MTA MUST remove (or rename) Authentication-Results fields
    # bearing its own authserv-id. RFC 8601 2.2: authserv-id = value (RFC 2045 token or
    # quoted-string), preceded by CFWS whose comments nest and may hold quoted-pairs.
    assert authres.strip_ours(forged + MESSAGE, "mail.example.com") == MESSAGE


def test_authentication_results_lines_fit_in_998_characters() -> None:
    # RFC 5322 2.1.1: each line MUST be no more than 998 characters. A DKIM-Signature with
    # a long selector folded over many short lines becomes one long header.s= value.
    selector = "\r\n\t".join(["s" * 60] * 40).encode()
    sig = b"DKIM-Signature: v=1; a=rsa-sha256; d=example.org; s=" + selector + b"; h=from; bh=AAAA; b=AAAA\r\n"
    v = check({}, sig + MESSAGE, mail_from="a@example.org")
    for line in authres.header("mail.example.com", v).split(b"\r\n"):
        assert len(line) <= 998
