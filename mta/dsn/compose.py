"""Delivery status notifications we send (RFC 3464, RFC 3461 section 6, RFC 6522, RFC 6533).

A DSN is a multipart/report; report-type=delivery-status with three parts: a
human-readable explanation, the machine-readable message/delivery-status (one
per-message block, then one block per recipient), and the original message's header
section (text/rfc822-headers) or the whole original (message/rfc822). When an
address is not ASCII the status part is message/global-delivery-status with utf-8
address types (RFC 6533).

Implemented: composing DSNs for failed, delayed and delivered/relayed/expanded
recipients. Parsing the DSNs we receive is mta/dsn/parse.py.
"""

from __future__ import annotations

import email.header
import email.utils
import uuid
from datetime import UTC, datetime
from typing import Literal

import msgspec

from mta.message import decode_words
from mta.message.headers import parse_headers

MAX_FIELD = 900  # status fields are kept well under the 998-octet line limit


class RecipientStatus(msgspec.Struct, frozen=True):
    final_recipient: str
    action: Literal["failed", "delayed", "delivered", "relayed", "expanded"]
    status: str  # enhanced code, e.g. "5.1.1"
    original_recipient: str = ""
    remote_mta: str = ""
    diagnostic: str = ""  # the remote SMTP reply, or our own reason
    last_attempt: datetime | None = None
    will_retry_until: datetime | None = None


def _clean(s: str) -> str:
    s = " ".join(s.replace("\r", " ").replace("\n", " ").split())
    return s[:MAX_FIELD]


def _date(dt: datetime) -> str:
    return email.utils.format_datetime(dt if dt.tzinfo else dt.replace(tzinfo=UTC))


def _addr_type(addr: str) -> str:
    return f"rfc822; {addr}" if addr.isascii() else f"utf-8; {addr}"


def _header_section(original: bytes) -> bytes:
    i, j = original.find(b"\r\n\r\n"), original.find(b"\n\n")
    if i >= 0 and (j < 0 or i <= j):
        head = original[: i + 2]
    elif j >= 0:
        head = original[: j + 1]
    else:
        head = original
    # CRLF throughout, whatever the original used.
    return b"\r\n".join(head.replace(b"\r\n", b"\n").split(b"\n")).rstrip(b"\r\n") + b"\r\n"


def _fold(line: str, width: int = 76) -> list[str]:
    words = line.split(" ")
    out, cur = [], ""
    for w in words:
        if cur and len(cur) + 1 + len(w) > width:
            out.append(cur)
            cur = "  " + w
        else:
            cur = f"{cur} {w}" if cur else w
    out.append(cur)
    return out


def compose_dsn(
    *,
    reporting_mta: str,
    from_address: str,
    to_address: str,
    original_message: bytes,
    recipients: list[RecipientStatus],
    arrival: datetime | None = None,
    envelope_id: str = "",
    include_content: Literal["full", "headers"] = "headers",
    message_id_host: str | None = None,
    now: datetime | None = None,
) -> bytes:
    """A complete DSN message (CRLF line endings) to send to to_address."""
    now = now or datetime.now(UTC)
    orig_headers = parse_headers(_header_section(original_message))
    subject = decode_words(str(orig_headers.get("subject", "") or "")).strip()
    actions = {r.action for r in recipients}
    if "failed" in actions:
        prefix, summary = "Delivery failed", "could not be delivered"
    elif "delayed" in actions:
        prefix, summary = "Delivery delayed", "has not been delivered yet"
    else:
        prefix, summary = "Delivery report", "was delivered"
    utf8 = any(not a.isascii() for r in recipients for a in (r.final_recipient, r.original_recipient))
    boundary = f"=_dsn_{uuid.uuid4().hex}"

    text = [f"This is the mail system at {reporting_mta}.", "", f"Your message {summary}:", ""]
    for r in recipients:
        text.append(f"  {r.final_recipient}: {r.action} ({r.status})")
        if r.diagnostic:
            text += ["    " + s for s in _fold(_clean(r.diagnostic))]
        if r.remote_mta:
            text.append(f"    reported by {r.remote_mta}")
        if r.will_retry_until is not None:
            text.append(f"    Delivery will be tried until {_date(r.will_retry_until)}; nothing for you to do yet.")
    if "failed" in actions:
        text += ["", "Check the address, or ask the recipient for another way to reach them."]
    if subject:
        text += ["", f"Subject of your message: {subject}"]

    status: list[str] = [f"Reporting-MTA: dns; {reporting_mta}"]
    if envelope_id:
        status.append(f"Original-Envelope-Id: {_clean(envelope_id)}")
    if arrival is not None:
        status.append(f"Arrival-Date: {_date(arrival)}")
    for r in recipients:
        status.append("")
        if r.original_recipient:
            status.append(f"Original-Recipient: {_addr_type(r.original_recipient)}")
        status.append(f"Final-Recipient: {_addr_type(r.final_recipient)}")
        status.append(f"Action: {r.action}")
        status.append(f"Status: {r.status}")
        if r.remote_mta:
            status.append(f"Remote-MTA: dns; {r.remote_mta}")
        if r.diagnostic:
            status.append(f"Diagnostic-Code: smtp; {_clean(r.diagnostic)}")
        if r.last_attempt is not None:
            status.append(f"Last-Attempt-Date: {_date(r.last_attempt)}")
        if r.will_retry_until is not None:
            status.append(f"Will-Retry-Until: {_date(r.will_retry_until)}")

    subj = f"{prefix}: {subject}" if subject else prefix
    msgid = f"<{uuid.uuid4().hex}@{message_id_host or reporting_mta}>"
    head = [
        f'From: "Mail Delivery Subsystem" <{from_address}>',
        f"To: <{to_address}>",
        f"Subject: {email.header.Header(subj, 'utf-8', maxlinelen=76).encode() if not subj.isascii() else subj}",
        f"Date: {_date(now)}",
        f"Message-ID: {msgid}",
        "Auto-Submitted: auto-replied",
        "MIME-Version: 1.0",
        f'Content-Type: multipart/report; report-type=delivery-status; boundary="{boundary}"',
    ]
    status_type = "message/global-delivery-status" if utf8 else "message/delivery-status"
    parts = [
        "\r\n".join(head).encode("utf-8"),
        b"\r\n\r\nThis is a MIME-encapsulated delivery status notification.\r\n",
        f"\r\n--{boundary}\r\nContent-Type: text/plain; charset=utf-8\r\n".encode(),
        b"Content-Transfer-Encoding: 8bit\r\n\r\n",
        "\r\n".join(text).encode("utf-8"),
        f"\r\n\r\n--{boundary}\r\nContent-Type: {status_type}\r\n\r\n".encode(),
        "\r\n".join(status).encode("utf-8"),
        b"\r\n",
    ]
    if include_content == "full":
        body = b"\r\n".join(original_message.replace(b"\r\n", b"\n").split(b"\n"))
        parts.append(f"\r\n--{boundary}\r\nContent-Type: message/rfc822\r\n\r\n".encode())
        parts.append(body if body.endswith(b"\r\n") else body + b"\r\n")
    else:
        parts.append(f"\r\n--{boundary}\r\nContent-Type: text/rfc822-headers\r\n\r\n".encode())
        parts.append(_header_section(original_message))
    parts.append(f"\r\n--{boundary}--\r\n".encode())
    return b"".join(parts)
