"""Reading DSNs and feedback reports: ours, Postfix's format, ARF, and things that are neither."""

from __future__ import annotations

import base64
import json
import quopri
from datetime import UTC, datetime
from pathlib import Path

import pytest

from mta.dsn import RecipientStatus, compose_dsn, parse_report

ORIGINAL = b"Message-ID: <orig-1@example.com>\r\nSubject: hello\r\nFrom: a@example.com\r\n\r\nbody\r\n"

# The layout Postfix's bounce(8) writes (fields and order as Postfix 3.x sends them).
POSTFIX = b"""Return-Path: <>
Date: Tue, 24 Nov 2026 10:12:01 +0100 (CET)
From: MAILER-DAEMON@mx1.remote.test (Mail Delivery System)
Subject: Undelivered Mail Returned to Sender
To: alice+abc@example.com
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
\tboundary="9B0A61C00AB.1795511521/mx1.remote.test"
Message-Id: <20261124091201.9B0A61C00AB@mx1.remote.test>

This is a MIME-encapsulated message.

--9B0A61C00AB.1795511521/mx1.remote.test
Content-Description: Notification
Content-Type: text/plain; charset=us-ascii

This is the mail system at host mx1.remote.test.

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients.

<gone@remote.test>: host store.remote.test[10.0.0.7] said: 550 5.1.1
    <gone@remote.test>: Recipient address rejected: User unknown in virtual
    mailbox table (in reply to RCPT TO command)

--9B0A61C00AB.1795511521/mx1.remote.test
Content-Description: Delivery report
Content-Type: message/delivery-status

Reporting-MTA: dns; mx1.remote.test
X-Postfix-Queue-ID: 9B0A61C00AB
X-Postfix-Sender: rfc822; alice+abc@example.com
Arrival-Date: Tue, 24 Nov 2026 10:12:00 +0100 (CET)

Final-Recipient: rfc822; gone@remote.test
Original-Recipient: rfc822;gone@remote.test
Action: failed
Status: 5.1.1
Remote-MTA: dns; store.remote.test
Diagnostic-Code: smtp; 550 5.1.1 <gone@remote.test>: Recipient address
    rejected: User unknown in virtual mailbox table

--9B0A61C00AB.1795511521/mx1.remote.test
Content-Description: Undelivered Message Headers
Content-Type: text/rfc822-headers

Message-ID: <orig-1@example.com>
Subject: hello

--9B0A61C00AB.1795511521/mx1.remote.test--
""".replace(b"\n", b"\r\n")

ARF = b"""From: feedback@provider.test
To: abuse+xyz@example.com
Subject: FW: hello
MIME-Version: 1.0
Content-Type: multipart/report; report-type=feedback-report; boundary="arf"

--arf
Content-Type: text/plain

This is an email abuse report.
--arf
Content-Type: message/feedback-report

Feedback-Type: abuse
User-Agent: SomeGenerator/1.0
Version: 1
Original-Rcpt-To: <someone@provider.test>

--arf
Content-Type: message/rfc822

Message-ID: <orig-2@example.com>
From: a@example.com
Subject: hello

body
--arf--
""".replace(b"\n", b"\r\n")


def test_our_own_dsns() -> None:
    for action, status in (("failed", "5.1.1"), ("delayed", "4.4.1")):
        dsn = compose_dsn(
            reporting_mta="mail.example.com",
            from_address="postmaster@mail.example.com",
            to_address="alice@example.com",
            original_message=ORIGINAL,
            recipients=[
                RecipientStatus(
                    final_recipient="u@remote.test",
                    action=action,  # type: ignore[arg-type]
                    status=status,
                    remote_mta="mx.remote.test",
                    diagnostic=f"{'550' if action == 'failed' else '451'} {status} try",
                    last_attempt=datetime.now(UTC),
                )
            ],
        )
        r = parse_report(dsn)
        assert r.kind == "dsn" and r.reporting_mta == "mail.example.com"
        assert r.original_message_id == "<orig-1@example.com>"
        [rcpt] = r.recipients
        assert (rcpt.final_recipient, rcpt.action, rcpt.status) == ("u@remote.test", action, status)
        assert rcpt.remote_mta == "mx.remote.test" and rcpt.smtp_code == (550 if action == "failed" else 451)
        assert rcpt.permanent is (action == "failed")


def test_postfix_dsn() -> None:
    r = parse_report(POSTFIX)
    assert r.kind == "dsn" and r.original_message_id == "<orig-1@example.com>"
    [rcpt] = r.recipients
    assert rcpt.final_recipient == "gone@remote.test" and rcpt.original_recipient == "gone@remote.test"
    assert rcpt.action == "failed" and rcpt.status == "5.1.1" and rcpt.smtp_code == 550
    assert "User unknown in virtual mailbox table" in rcpt.diagnostic and rcpt.remote_mta == "store.remote.test"


def test_arf() -> None:
    r = parse_report(ARF)
    assert r.kind == "arf" and r.feedback_type == "abuse"
    assert r.original_recipient == "someone@provider.test" and r.original_message_id == "<orig-2@example.com>"


def test_not_reports() -> None:
    assert parse_report(ORIGINAL).kind == ""
    assert parse_report(b"").kind == ""
    assert parse_report(b"Content-Type: multipart/report; report-type=delivery-status\r\n\r\nnothing").kind == "dsn"
    broken = POSTFIX.replace(b"Final-Recipient: rfc822; gone@remote.test\r\n", b"")
    assert parse_report(broken).recipients == []


def test_action_from_status_when_missing() -> None:
    from mta.dsn import RecipientReport

    assert RecipientReport("a@b", "", "5.1.1").effective_action == "failed"
    assert RecipientReport("a@b", "", "4.2.2").effective_action == "delayed"
    assert RecipientReport("a@b", "", "2.0.0").effective_action == ""  # says nothing about a failure
    assert RecipientReport("a@b", "relayed", "2.0.0").effective_action == "relayed"


REAL = Path(__file__).parent / "data" / "bounces" / "real"
REAL_SOURCES: dict[str, dict[str, str]] = json.loads((REAL / "sources.json").read_text())


@pytest.mark.parametrize("name", sorted(REAL_SOURCES))
def test_real_mta_dsns(name: str) -> None:
    """DSNs written by Debian's Exim and Postfix (tests/data/bounces/real): each names its
    recipient as failed with the receiving server's 550 5.1.1, also where Exim's Status
    is only 5.0.0 and where the DSN is an internationalized one (RFC 6533)."""
    source = REAL_SOURCES[name]
    r = parse_report((REAL / name).read_bytes())
    assert r.kind == "dsn" and r.original_message_id == f"<{source['case']}@mailwright.test>"
    [rcpt] = r.recipients
    assert rcpt.final_recipient == source["recipient"]
    assert (rcpt.action, rcpt.status, rcpt.smtp_code, rcpt.permanent) == ("failed", "5.1.1", 550, True)
    assert "User unknown" in rcpt.diagnostic


def _dsn_block(fields: str) -> bytes:
    return (
        "Content-Type: multipart/report; report-type=delivery-status; boundary=b\r\n\r\n--b\r\n"
        "Content-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.remote.test\r\n\r\n"
        f"Final-Recipient: rfc822; u@remote.test\r\nAction: failed\r\n{fields}\r\n--b--\r\n"
    ).encode()


@pytest.mark.parametrize(
    ("status", "diagnostic", "want"),
    [
        ("5.0.0", "smtp; 550 5.1.1 <u@remote.test>: User unknown", "5.1.1"),  # Exim
        ("5.2.0", "smtp; 550-5.1.1 The email account does not exist", "5.1.1"),  # Sendmail
        ("5", "smtp; 550 5.2.1 Mailbox disabled", "5.2.1"),  # class only
        ("5.1.1", "smtp; 550 5.7.1 Relaying denied", "5.1.1"),  # a specific Status stands
        ("5.0.0", "smtp; 450 4.2.1 Try later", "5.0.0"),  # another class says nothing about this
        ("5.0.0", "smtp; 550 User unknown", "5.0.0"),  # nothing more specific
        ("5.0.0", "X-Postfix; see 5.1.1 somewhere in the text", "5.0.0"),  # not a reply's code
    ],
)
def test_generic_status_takes_the_diagnostic_code(status: str, diagnostic: str, want: str) -> None:
    r = parse_report(_dsn_block(f"Status: {status}\r\nDiagnostic-Code: {diagnostic}\r\n"))
    assert r.recipients[0].status == want


def test_utf8_address_escapes() -> None:
    """RFC 6533 utf-8-addr-xtext: \\x{HEX} stands for a character."""
    r = parse_report(_dsn_block("Status: 5.1.1\r\n").replace(b"rfc822; u@", b"utf-8; jos\\x{E9}@"))
    assert r.recipients[0].final_recipient == "josé@remote.test"


@pytest.mark.parametrize("encoding", ["base64", "quoted-printable"])
def test_encoded_global_delivery_status(encoding: str) -> None:
    """RFC 6533 lets message/global-delivery-status be base64 or quoted-printable: the
    Postfix DSN with that part encoded reads the same."""
    data = (REAL / "postfix-smtputf8.eml").read_bytes()
    head = b"Content-Type: message/global-delivery-status\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
    start = data.index(head) + len(head)
    end = data.index(b"\r\n--", start)
    body = data[start:end]
    encoded = base64.encodebytes(body).replace(b"\n", b"\r\n") if encoding == "base64" else quopri.encodestring(body)
    new_head = head.replace(b"8bit", encoding.encode())
    r = parse_report(data[: data.index(head)] + new_head + encoded + data[end:])
    [rcpt] = r.recipients
    assert (rcpt.final_recipient, rcpt.action, rcpt.status) == ("josé@remote.test", "failed", "5.1.1")
    assert r.reporting_mta == "postfix.mta-peer.test"
