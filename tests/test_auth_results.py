"""SPF, DKIM and DMARC of received mail: each check against DNS answers from a table,
then end to end: mail over real SMTP is stored with its results, shown by the API and
the incoming webhook, and carries our Authentication-Results."""

from __future__ import annotations

import asyncio
import ipaddress
import smtplib
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from mailwright import config
from mailwright.config import WebhooksConfig
from mta import authres, dkim, dkimverify, dmarc, spf
from mta.dns import MX
from mta.store.types import AuthResults
from tests.conftest import PASSWORD, ServerThread, make_config
from tests.helpers import inbox, wait_for
from tests.mx import TableResolver
from tests.receiver import Receiver

KEYS = dkim.generate_keys()
KEY_TXT = {f"{k.selector}._domainkey.example.org": [dkim.dns_record(k)] for k in KEYS}


def run_spf(txt: dict[str, list[str]], ip: str = "192.0.2.10", domain: str = "example.org", **kw: object) -> str:
    r = TableResolver(kw.pop("mx", {}), kw.pop("hosts", {}), txt, kw.pop("failing", set()))  # type: ignore[arg-type]
    result, _ = asyncio.run(spf.check_host(r, ip, domain, f"user@{domain}", "helo.example.org"))
    return result


# -- SPF --


@pytest.mark.parametrize(
    ("record", "ip", "result"),
    [
        ("v=spf1 ip4:192.0.2.0/24 -all", "192.0.2.10", "pass"),
        ("v=spf1 ip4:192.0.2.0/24 -all", "198.51.100.1", "fail"),
        ("v=spf1 ip4:192.0.2.0/24 ~all", "198.51.100.1", "softfail"),
        ("v=spf1 ip4:192.0.2.0/24 ?all", "198.51.100.1", "neutral"),
        ("v=spf1 ip4:192.0.2.0/24", "198.51.100.1", "neutral"),  # nothing matched, no all
        ("v=spf1 -ip4:192.0.2.10 +all", "192.0.2.10", "fail"),
        ("V=SPF1 IP4:192.0.2.10 -ALL", "192.0.2.10", "pass"),
        ("v=spf1 ip6:2001:db8::/32 -all", "2001:db8::1", "pass"),
        ("v=spf1 ip6:2001:db8::/32 -all", "192.0.2.10", "fail"),
        ("v=spf1 ip4:192.0.2.10 -all", "::ffff:192.0.2.10", "pass"),  # IPv4-mapped counts as IPv4
        ("v=spf1 a -all", "192.0.2.10", "pass"),
        ("v=spf1 a:other.example.org/24 -all", "198.51.100.77", "pass"),
        ("v=spf1 a//64 -all", "2001:db8:0:0:ffff::1", "pass"),
        ("v=spf1 mx -all", "198.51.100.25", "pass"),
        ("v=spf1 mx:example.org/30 -all", "198.51.100.26", "pass"),
        ("v=spf1 ptr -all", "192.0.2.10", "fail"),  # ptr never matches here
        ("v=spf1 exists:%{i}.allow.example.org -all", "192.0.2.10", "pass"),
        ("v=spf1 exists:%{i}.allow.example.org -all", "192.0.2.11", "fail"),
        ("v=spf1 unknown-mod=x ip4:192.0.2.10 -all", "192.0.2.10", "pass"),
        ("v=spf1 ip4:192.0.2.300 -all", "192.0.2.10", "permerror"),
        ("v=spf1 ip4:192.0.2.10/33 -all", "192.0.2.10", "permerror"),
        ("v=spf1 foo:bar -all", "192.0.2.10", "permerror"),
        ("v=spf1 include -all", "192.0.2.10", "permerror"),
        ("v=spf1 exists:%{x}.example.org -all", "192.0.2.10", "permerror"),
        ("v=spf1 -all ip4:192.0.2.10 ip4:192.0.2.999", "192.0.2.10", "permerror"),  # checked before evaluated
        ("v=spf1 redirect=a.example.org redirect=b.example.org", "192.0.2.10", "permerror"),
    ],
)
def test_spf_mechanisms(record: str, ip: str, result: str) -> None:
    hosts = {
        "example.org": ["2001:db8::ffff:0:0:2", "192.0.2.10"],
        "other.example.org": ["198.51.100.1"],
        "mx1.example.org": ["198.51.100.25"],
        "192.0.2.10.allow.example.org": ["127.0.0.2"],
    }
    mx = {"example.org": [MX(10, "mx1.example.org"), MX(20, "mx2.example.org")]}
    assert run_spf({"example.org": [record]}, ip, hosts=hosts, mx=mx) == result


def test_spf_none_and_record_selection() -> None:
    assert run_spf({}) == "none"
    assert run_spf({"example.org": ["google-site-verification=x", "v=spf10 -all"]}) == "none"
    assert run_spf({"example.org": ["v=spf1 -all", "v=spf1 +all"]}) == "permerror"
    assert run_spf({"example.org": ["hello", "v=spf1 ip4:192.0.2.10 -all"]}) == "pass"
    assert run_spf({"localhost": ["v=spf1 +all"]}, domain="localhost") == "none"  # not a multi-label name


def test_spf_include_and_redirect() -> None:
    inner = {"_spf.example.net": ["v=spf1 ip4:192.0.2.0/24 -all"]}
    assert run_spf({"example.org": ["v=spf1 include:_spf.example.net -all"], **inner}) == "pass"
    # An include that does not pass does not match; evaluation goes on.
    assert run_spf({"example.org": ["v=spf1 include:_spf.example.net ~all"], **inner}, "198.51.100.1") == "softfail"
    assert run_spf({"example.org": ["v=spf1 include:nothing.example.net -all"]}) == "permerror"
    assert run_spf({"example.org": ["v=spf1 redirect=_spf.example.net"], **inner}) == "pass"
    assert run_spf({"example.org": ["v=spf1 redirect=_spf.example.net"], **inner}, "198.51.100.1") == "fail"
    assert run_spf({"example.org": ["v=spf1 redirect=nothing.example.net"]}) == "permerror"
    # redirect is ignored when the record has all.
    assert run_spf({"example.org": ["v=spf1 ?all redirect=_spf.example.net"], **inner}) == "neutral"
    macro = {"example.org": ["v=spf1 redirect=%{d}.example.net"], "example.org.example.net": ["v=spf1 +all"]}
    assert run_spf(macro) == "pass"


def test_spf_temporary_errors() -> None:
    assert run_spf({}, failing={"example.org"}) == "temperror"
    include = {"example.org": ["v=spf1 include:_spf.example.net -all"]}
    assert run_spf(include, failing={"_spf.example.net"}) == "temperror"
    assert run_spf({"example.org": ["v=spf1 a:down.example.org -all"]}, failing={"down.example.org"}) == "temperror"


def test_spf_lookup_limits() -> None:
    # Ten DNS-querying terms are fine, the eleventh is a permerror (includes count too).
    chain = {f"l{i}.example.org": [f"v=spf1 include:l{i + 1}.example.org -all"] for i in range(12)}
    chain["example.org"] = ["v=spf1 include:l0.example.org -all"]
    chain["l9.example.org"] = ["v=spf1 ip4:192.0.2.10 -all"]
    assert run_spf(chain) == "pass"  # 10 includes
    chain["l9.example.org"] = ["v=spf1 include:l10.example.org"]
    chain["l10.example.org"] = ["v=spf1 ip4:192.0.2.10 -all"]
    assert run_spf(chain) == "permerror"  # 11
    # A loop ends at the limit too.
    assert run_spf({"example.org": ["v=spf1 include:example.org -all"]}) == "permerror"
    # Two lookups finding nothing are allowed, a third is a permerror.
    two = "v=spf1 a:n1.example.org a:n2.example.org -all"
    assert run_spf({"example.org": [two]}) == "fail"
    assert run_spf({"example.org": [two.replace(" -all", " mx:n3.example.org -all")]}) == "permerror"
    many = {"example.org": [MX(i, f"mx{i}.example.org") for i in range(11)]}
    assert run_spf({"example.org": ["v=spf1 mx -all"]}, mx=many) == "permerror"  # more than 10 MX hosts


def test_spf_macros_rfc7208_examples() -> None:
    def expand(spec: str, ip: str = "192.0.2.3") -> str:
        c = spf._Check(TableResolver({}, {}), ipaddress.ip_address(ip), "strong-bad", "email.example.com", "mx.ex")
        return c.expand(spec, "email.example.com")

    cases = {
        "%{s}": "strong-bad@email.example.com",
        "%{o}": "email.example.com",
        "%{d}": "email.example.com",
        "%{d4}": "email.example.com",
        "%{d3}": "email.example.com",
        "%{d2}": "example.com",
        "%{d1}": "com",
        "%{dr}": "com.example.email",
        "%{d2r}": "example.email",
        "%{l}": "strong-bad",
        "%{l-}": "strong.bad",
        "%{lr}": "strong-bad",
        "%{lr-}": "bad.strong",
        "%{l1r-}": "strong",
        "%{ir}.%{v}._spf.%{d2}": "3.2.0.192.in-addr._spf.example.com",
        "%{lr-}.lp._spf.%{d2}": "bad.strong.lp._spf.example.com",
        "%{h}.%%.%_.%-": "mx.ex.%. .%20",
        "%{L}.x": "strong-bad.x",
        "%{S}": "strong-bad%40email.example.com",
    }
    for spec, want in cases.items():
        assert expand(spec) == want, spec
    nibbles = "1.0.b.c.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2"
    assert expand("%{ir}.%{v}._spf.%{d2}", "2001:db8::cb01") == f"{nibbles}.ip6._spf.example.com"
    assert len(expand("%{s}" * 20)) <= 253  # long expansions lose labels on the left


def test_spf_verify_identity() -> None:
    r = TableResolver({}, {}, {"example.org": ["v=spf1 ip4:192.0.2.10 -all"], "mx.example.net": ["v=spf1 -all"]})
    got = asyncio.run(spf.verify(r, "192.0.2.10", "bounce@Example.ORG", "mx.example.net"))
    assert (got.result, got.identity, got.domain) == ("pass", "mailfrom", "example.org")
    null = asyncio.run(spf.verify(r, "192.0.2.10", "", "mx.example.net"))
    assert (null.result, null.identity, null.domain) == ("fail", "helo", "mx.example.net")


# -- DKIM --


def signed(message: bytes, domain: str = "example.org") -> bytes:
    return dkim.sign(message, domain, KEYS) + message


MESSAGE = b"From: News <news@example.org>\r\nTo: alice@example.com\r\nSubject: hello\r\n\r\nbody\r\n"


def test_dkim_pass_fail_and_errors() -> None:
    r = TableResolver({}, {}, KEY_TXT)
    ok = asyncio.run(dkimverify.verify(r, signed(MESSAGE)))
    assert ok.result == "pass" and ok.passed == ["example.org"]
    assert [(s.result, s.algorithm) for s in ok.signatures] == [("pass", "ed25519-sha256"), ("pass", "rsa-sha256")]
    tampered = asyncio.run(dkimverify.verify(r, signed(MESSAGE).replace(b"body", b"b0dy")))
    assert tampered.result == "fail" and tampered.passed == []
    assert asyncio.run(dkimverify.verify(r, MESSAGE)).result == "none"
    assert asyncio.run(dkimverify.verify(TableResolver({}, {}), signed(MESSAGE))).result == "permerror"  # no key
    failing = TableResolver({}, {}, KEY_TXT, failing=set(KEY_TXT))
    assert asyncio.run(dkimverify.verify(failing, signed(MESSAGE))).result == "temperror"
    bad_key = TableResolver({}, {}, {k: ["v=DKIM1; k=rsa; p=AAAA"] for k in KEY_TXT})
    assert asyncio.run(dkimverify.verify(bad_key, signed(MESSAGE))).result == "permerror"
    # One good signature is enough.
    other = signed(signed(MESSAGE), "example.net")
    mixed = asyncio.run(dkimverify.verify(r, other))
    assert mixed.result == "pass" and mixed.passed == ["example.org"]
    assert [s.result for s in mixed.signatures] == ["permerror", "permerror", "pass", "pass"]


# -- DMARC --


def run_dmarc(
    txt: dict[str, list[str]], from_dom: str = "example.org", spf_domain: str = "", dkim_domains: tuple[str, ...] = ()
) -> dmarc.DMARCResult:
    r = TableResolver({}, {}, txt, failing={"_dmarc.down.example"})
    spf_r = "pass" if spf_domain else "none"
    return asyncio.run(dmarc.verify(r, from_dom, spf=spf_r, spf_domain=spf_domain, dkim_domains=list(dkim_domains)))


def test_dmarc_alignment() -> None:
    assert dmarc.organizational_domain("a.b.example.co.uk") == "example.co.uk"
    assert dmarc.organizational_domain("Mail.Example.ORG.") == "example.org"
    assert dmarc.aligned("bounces.example.org", "example.org", "r")
    assert not dmarc.aligned("bounces.example.org", "example.org", "s")
    assert not dmarc.aligned("example.co.uk", "other.co.uk", "r")
    reject = {"_dmarc.example.org": ["v=DMARC1; p=reject; rua=mailto:d@example.org"]}
    assert run_dmarc(reject, spf_domain="bounces.example.org").result == "pass"
    assert run_dmarc(reject, dkim_domains=("example.org",)).result == "pass"
    got = run_dmarc(reject, spf_domain="example.net", dkim_domains=("example.net",))
    assert (got.result, got.policy, got.pct, got.record_domain) == ("fail", "reject", 100, "example.org")
    strict = {"_dmarc.example.org": ["v=DMARC1; p=quarantine; aspf=s; adkim=s; pct=20"]}
    got = run_dmarc(strict, spf_domain="bounces.example.org", dkim_domains=("mail.example.org",))
    assert (got.result, got.policy, got.pct) == ("fail", "quarantine", 20)
    assert run_dmarc(strict, spf_domain="example.org").result == "pass"


def test_dmarc_record_discovery() -> None:
    org = {"_dmarc.example.org": ["v=DMARC1; p=quarantine; sp=reject"]}
    got = run_dmarc(org, from_dom="news.example.org")
    assert (got.result, got.policy, got.record_domain) == ("fail", "reject", "example.org")  # sp= for subdomains
    assert run_dmarc(org).policy == "quarantine"
    own = {**org, "_dmarc.news.example.org": ["v=DMARC1; p=none"]}
    assert run_dmarc(own, from_dom="news.example.org").policy == "none"
    assert run_dmarc({}).result == "none"
    assert run_dmarc({"_dmarc.example.org": ["v=spf1 -all", "v=DMARC1 ; p = reject"]}).policy == "reject"
    assert run_dmarc({"_dmarc.example.org": ["p=reject; v=DMARC1"]}).result == "none"  # v= must come first
    assert run_dmarc({"_dmarc.example.org": ["v=DMARC1; p=reject", "v=DMARC1; p=none"]}).result == "none"
    assert run_dmarc({"_dmarc.example.org": ["v=DMARC1; p=bogus"]}).result == "none"
    assert run_dmarc({"_dmarc.example.org": ["v=DMARC1; p=bogus; rua=mailto:r@example.org"]}).policy == "none"
    assert run_dmarc({"_dmarc.example.org": ["v=DMARC1; p=reject; pct=200"]}).result == "permerror"
    assert run_dmarc({"_dmarc.example.org": ["v=DMARC1; p=reject; adkim=x"]}).result == "permerror"
    assert run_dmarc({}, from_dom="down.example").result == "temperror"
    r = TableResolver({}, {}, {"_dmarc.example.org": ["v=DMARC1; p=reject"]})
    tmp = asyncio.run(
        dmarc.verify(r, "example.org", spf="temperror", spf_domain="example.org", dkim_domains=[], temporary=True)
    )
    assert tmp.result == "temperror"
    assert dmarc.from_domains(["News <news@Example.org>"]) == ["example.org"]
    assert dmarc.from_domains(["a@example.org, b@example.net", "c@Example.org"]) == ["example.org", "example.net"]


# -- the verdict, its header, and forged headers --


def test_authentication_results_header_and_forgeries() -> None:
    txt = {
        "example.org": ["v=spf1 ip4:192.0.2.10 -all"],
        "_dmarc.example.org": ["v=DMARC1; p=reject"],
        **KEY_TXT,
    }
    v = asyncio.run(
        authres.check(
            TableResolver({}, {}, txt),
            ip="192.0.2.10",
            mail_from="bounce@example.org",
            helo="mx.example.org",
            message=signed(MESSAGE),
        )
    )
    assert (v.results.spf, v.results.dkim, v.results.dmarc) == ("pass", "pass", "pass")
    h = authres.header("mail.example.com", v).decode()
    lines = h.split("\r\n")
    assert lines[0] == "Authentication-Results: mail.example.com;"
    assert lines[1].startswith("\tspf=pass (") and lines[1].endswith("smtp.mailfrom=example.org;")
    assert "dkim=pass header.d=example.org header.s=" in lines[2] and "header.a=ed25519-sha256" in lines[2]
    assert lines[4] == "\tdmarc=pass (p=reject SPF pass for example.org is aligned) header.from=example.org"
    assert h.endswith("\r\n") and lines[-1] == ""

    forged = (
        b"Authentication-Results: Mail.Example.COM; spf=pass\r\n"
        b"Authentication-Results: (comment)\r\n mail.example.com; dkim=pass\r\n"
        b"Authentication-Results: mx.example.org; dkim=pass\r\n" + MESSAGE
    )
    stripped = authres.strip_ours(forged, "mail.example.com")
    assert stripped == b"Authentication-Results: mx.example.org; dkim=pass\r\n" + MESSAGE
    assert authres.strip_ours(MESSAGE, "mail.example.com") is MESSAGE


class SlowResolver(TableResolver):
    async def txt(self, name: str) -> list[str]:
        await asyncio.sleep(30)
        return []


def test_checks_within_the_time_budget() -> None:
    start = time.monotonic()
    v = asyncio.run(
        authres.check(
            SlowResolver({}, {}),
            ip="192.0.2.10",
            mail_from="a@example.org",
            helo="x",
            message=signed(MESSAGE),
            timeout=0.3,
        )
    )
    assert time.monotonic() - start < 2
    assert (v.results.spf, v.results.dkim, v.results.dmarc) == ("temperror", "temperror", "temperror")
    assert "spf=temperror (not finished in time) smtp.mailfrom=example.org" in authres.header("h", v).decode()


# -- end to end --

RESOLVER = TableResolver(
    {},
    {},
    {
        "example.org": ["v=spf1 ip4:127.0.0.1 -all"],
        "_dmarc.example.org": ["v=DMARC1; p=reject"],
        **KEY_TXT,
    },
)


@pytest.fixture
def srv(data_dir: Path) -> Iterator[ServerThread]:
    s = ServerThread(make_config(data_dir, webhooks=WebhooksConfig(allow_private=True)), resolver=RESOLVER).start()
    yield s
    s.stop()


def client(s: ServerThread) -> httpx.Client:
    return httpx.Client(base_url=f"http://127.0.0.1:{s.port('http')}", auth=("alice@example.com", PASSWORD), timeout=10)


def test_received_mail_carries_its_results(srv: ServerThread, receiver: Receiver) -> None:
    with client(srv) as c:
        assert c.put("/v1/webhooks", json={"incoming_url": receiver.url("/in")}).status_code == 200
        forged = b"Authentication-Results: mail.example.com; spf=pass; dkim=pass; dmarc=pass\r\n"
        with smtplib.SMTP("127.0.0.1", srv.port("smtp")) as smtp:
            smtp.ehlo("mx.example.org")
            smtp.sendmail("bounce@example.org", ["alice@example.com"], forged + signed(MESSAGE))
            # From: example.org, but neither SPF nor DKIM for it: DMARC fails, the mail is still taken.
            spoof = MESSAGE.replace(b"Subject: hello", b"Subject: spoofed")
            smtp.sendmail("someone@elsewhere.example", ["alice@example.com"], spoof)
        stored = inbox(srv.store, "alice")
        assert len(stored) == 2
        (good, good_raw), (bad, bad_raw) = sorted(stored, key=lambda m: m[0].subject)
        meta = c.get(f"/v1/messages/{good.id}").json()["meta"]
        assert (meta["spf"], meta["dkim"], meta["dmarc"]) == ("pass", "pass", "pass")
        meta = c.get(f"/v1/messages/{bad.id}").json()["meta"]
        assert (meta["spf"], meta["dkim"], meta["dmarc"]) == ("none", "none", "fail")

    # Trace fields first, then our verdict; the forged one is gone.
    head = good_raw.split(b"\r\n\r\n", 1)[0].decode()
    assert head.startswith("Return-Path: <bounce@example.org>\r\nReceived: ")
    assert head.count("Authentication-Results:") == 1
    ar = head[head.index("Authentication-Results:") :]
    assert ar.startswith("Authentication-Results: mail.example.com;\r\n\tspf=pass")
    assert "dkim=pass header.d=example.org" in ar and "dmarc=pass" in ar
    assert "dmarc=fail (p=reject" in bad_raw.decode()

    wait_for(lambda: len(receiver.at("/in")) == 2, timeout=10)
    metas = {str(call.json()["subject"]): call.json()["meta"] for call in receiver.at("/in")}
    assert {k: (m["spf"], m["dkim"], m["dmarc"]) for k, m in metas.items()} == {  # type: ignore[index]
        "hello": ("pass", "pass", "pass"),
        "spoofed": ("none", "none", "fail"),
    }


def test_submitted_mail_is_not_checked(srv: ServerThread) -> None:
    with smtplib.SMTP("127.0.0.1", srv.port("submission")) as smtp:
        smtp.login("alice@example.com", PASSWORD)
        msg = b"From: alice@example.com\r\nTo: bob@example.com\r\nSubject: hi\r\n\r\nx\r\n"
        smtp.sendmail("alice@example.com", ["bob@example.com"], msg)
    srv.kick()
    wait_for(lambda: len(inbox(srv.store, "bob")) == 1, timeout=10)
    (m, raw) = inbox(srv.store, "bob")[0]
    assert b"Authentication-Results" not in raw and m.auth == AuthResults()


def test_configuration(tmp_path: Path) -> None:
    base = 'hostname = "mail.example.com"\ndata_dir = "d"\n[[listeners]]\nkind = "smtp"\nport = 25\n'
    path = tmp_path / "c.toml"
    path.write_text(base)
    assert config.load(path).sender_auth == config.SenderAuth(verify=True, timeout_seconds=10.0)
    path.write_text(base + "[sender_auth]\nverify = false\ntimeout_seconds = 5\n")
    assert config.load(path).sender_auth == config.SenderAuth(verify=False, timeout_seconds=5.0)
    path.write_text(base + "[sender_auth]\ntimeout_seconds = 0\n")
    with pytest.raises(config.ConfigError, match=r"sender_auth\.timeout_seconds"):
        config.load(path)
