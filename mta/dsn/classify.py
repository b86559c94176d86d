"""Which recipients a bounce says failed, and whether for good: for any bounce format.

An RFC 3464 DSN is read by mta/dsn/parse.py: ``failed`` is permanent, ``delayed``
temporary. Anything else goes to flufl.bounce (GNU Mailman's detectors), which
knows the plain-text formats of Exchange, qmail, Postfix and Sendmail variants,
Yahoo, GroupWise and others; it gives addresses only, so the SMTP and enhanced
codes are looked for in the text around each address.
"""

from __future__ import annotations

import email
import re
from email.message import Message
from email.policy import compat32
from typing import Literal

import msgspec
from flufl.bounce import all_failures

from mta.dsn.parse import MAX_REPORT, Report
from mta.message import decode_text

Class = Literal["permanent", "temporary"]
_ENHANCED = re.compile(r"\b([45])\.(\d{1,3})\.(\d{1,3})\b")
_SMTP = re.compile(r"\b([45]\d\d)\b[ -]")


class Failure(msgspec.Struct, frozen=True):
    recipient: str  # lower case
    kind: Class
    enhanced: str = ""
    smtp_code: int | None = None
    text: str = ""  # the diagnostic, or the bounce's line naming the recipient


def from_report(report: Report) -> list[Failure]:
    out = []
    for r in report.recipients:
        action = r.effective_action
        if action not in ("failed", "delayed"):
            continue
        kind: Class = "permanent" if action == "failed" else "temporary"
        # Original-Recipient is the address as we sent it; Final-Recipient may be rewritten.
        addr = (r.original_recipient or r.final_recipient).lower()
        out.append(Failure(addr, kind, r.status, r.smtp_code, r.diagnostic))
    return out


def _text(msg: Message) -> str:
    parts = []
    for part in msg.walk():
        if part.get_content_maintype() == "text":
            raw = part.get_payload(decode=True)
            if isinstance(raw, bytes):
                parts.append(decode_text(raw, part.get_content_charset()))
    return "\n".join(parts)


def _near(text: str, address: str) -> tuple[str, int | None, str]:
    """Codes and the line in the few lines from where the address is named."""
    lines = text.splitlines()
    low = address.lower()
    for i, line in enumerate(lines):
        if low in line.lower():
            taken = [line]
            for nxt in lines[i + 1 : i + 4]:  # the reason usually follows, up to a blank line
                if not nxt.strip() or nxt.startswith("---"):
                    break
                taken.append(nxt)
            window = " ".join(x.strip() for x in taken)
            e = _ENHANCED.search(window)
            c = _SMTP.search(window + " ")
            return (e.group(0) if e else "", int(c.group(1)) if c else None, " ".join(window.split())[:500])
    return "", None, ""


def heuristic(data: bytes) -> list[Failure]:
    """Failures found by flufl.bounce in a bounce that is not RFC 3464."""
    if len(data) > MAX_REPORT:
        return []
    try:
        msg = email.message_from_bytes(data, policy=compat32)
        temporary, permanent = all_failures(msg)
    except Exception:  # third-party detectors on hostile input: never let them take the session down
        return []
    text = _text(msg)
    out: list[Failure] = []
    found: tuple[tuple[Class, set[bytes]], ...] = (("permanent", set(permanent)), ("temporary", set(temporary)))
    for kind, addrs in found:
        for raw in addrs:
            addr = (raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)).strip("<>").lower()
            if not addr or any(f.recipient == addr for f in out):
                continue
            enhanced, code, line = _near(text, addr)
            out.append(Failure(addr, kind, enhanced, code, line))
    return out
