"""mta.dsn.compose: DSNs that parse as RFC 3464 reports."""

from __future__ import annotations

import email
import email.policy
from datetime import UTC, datetime
from typing import Any

from mta.dsn import RecipientStatus, compose_dsn

ORIGINAL = (
    b"From: a@example.com\r\nTo: x@remote.test\r\nSubject: =?utf-8?q?Gr=C3=BC=C3=9Fe?=\r\n"
    b"Message-ID: <m1@example.com>\r\n\r\nthe body\r\n"
)
WHEN = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)


def parse(data: bytes) -> Any:  # the email package's part types are too loose to be useful here
    return email.message_from_bytes(data, policy=email.policy.default)


def dsn(recipients: list[RecipientStatus], original: bytes = ORIGINAL, **kw: object) -> bytes:
    return compose_dsn(
        reporting_mta="mail.example.com",
        from_address="postmaster@mail.example.com",
        to_address="a@example.com",
        original_message=original,
        recipients=recipients,
        arrival=WHEN,
        **kw,  # type: ignore[arg-type]
    )


def test_failed_dsn_fields() -> None:
    data = dsn(
        [
            RecipientStatus("x@remote.test", "failed", "5.1.1", remote_mta="mx.remote.test",
                            diagnostic="550 5.1.1 No such user", last_attempt=WHEN),
            RecipientStatus("y@remote.test", "failed", "5.2.2", diagnostic="552 5.2.2 Mailbox full"),
        ]
    )  # fmt: skip
    m = parse(data)
    assert m.get_content_type() == "multipart/report" and m.get_param("report-type") == "delivery-status"
    assert str(m["Subject"]) == "Delivery failed: Grüße"
    assert m["Auto-Submitted"] == "auto-replied"
    text, status, headers = m.get_payload()
    assert "x@remote.test" in text.get_content() and "No such user" in text.get_content()
    per_message, r1, r2 = status.get_payload()
    assert per_message["Reporting-MTA"] == "dns; mail.example.com"
    assert per_message["Arrival-Date"] == "Tue, 24 Nov 2026 12:00:00 +0000"
    assert r1["Final-Recipient"] == "rfc822; x@remote.test" and r1["Action"] == "failed" and r1["Status"] == "5.1.1"
    assert r1["Remote-MTA"] == "dns; mx.remote.test" and r1["Diagnostic-Code"] == "smtp; 550 5.1.1 No such user"
    assert r2["Status"] == "5.2.2"
    assert headers.get_content_type() == "text/rfc822-headers"
    assert headers.get_payload().replace("\r\n", "\n").strip() == ORIGINAL.split(b"\r\n\r\n")[0].decode().replace(
        "\r\n", "\n"
    )


def test_delayed_and_full_content() -> None:
    data = dsn([RecipientStatus("x@remote.test", "delayed", "4.3.0", will_retry_until=WHEN)], include_content="full")
    m = parse(data)
    assert str(m["Subject"]).startswith("Delivery delayed")
    assert b"Will-Retry-Until: Tue, 24 Nov 2026 12:00:00 +0000" in data
    assert m.get_payload()[2].get_content_type() == "message/rfc822"
    assert b"the body" in data


def test_utf8_recipient_uses_global_status() -> None:
    data = dsn([RecipientStatus("jörg@bücher.example", "failed", "5.1.1")])
    assert b"Content-Type: message/global-delivery-status" in data
    assert "Final-Recipient: utf-8; jörg@bücher.example".encode() in data


def test_odd_originals_and_long_diagnostics() -> None:
    for original in (b"", b"Subject: no body", b"Subject: lf\n\nbody\n", b"\xff\xfe: broken\r\n\r\n"):
        data = dsn([RecipientStatus("x@remote.test", "failed", "5.0.0", diagnostic="x\r\ny " * 1000)], original)
        m = parse(data)
        assert m.get_content_type() == "multipart/report"
        assert all(len(line) <= 998 for line in data.split(b"\r\n"))
        assert b"\r\ny " not in data.split(b"Diagnostic-Code:")[1][:50]
