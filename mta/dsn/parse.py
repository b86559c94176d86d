"""Reading reports that come back about mail we sent: DSNs (RFC 3464, RFC 6533) and
feedback reports (ARF, RFC 5965).

A DSN is ``multipart/report; report-type=delivery-status`` whose
``message/delivery-status`` part (``message/global-delivery-status`` for UTF-8
addresses) holds one per-message block and one block per recipient: Action,
Status, Final-Recipient, Original-Recipient, Remote-MTA, Diagnostic-Code. The
returned message or its header section gives the Message-ID of what bounced.
An ARF report (``report-type=feedback-report``) names the complained-about message
in its returned part and, sometimes, the recipient in Original-Rcpt-To.

An internationalized DSN (RFC 6533, sent for SMTPUTF8 mail) is read the same way: its
``message/global-delivery-status`` part may carry raw UTF-8 (read as UTF-8) and
``utf-8`` addresses with ``\\x{HEX}`` escapes (decoded), or be base64 or
quoted-printable encoded, and the returned header
section comes as ``message/global-headers``, the returned message as
``message/global``.

The Status is the reporting MTA's summary; the receiving server's own reply is in
the Diagnostic-Code. When the Status is generic (detail 0: Exim writes 5.0.0,
Sendmail 5.2.0) and the reply opens with an enhanced code of the same class
(``550 5.1.1 ...``), that more specific code is the recipient's status.

Parsing never raises on malformed input: what cannot be read is left empty, and
a message that is neither kind is ``Report(kind="")``. Not here: the plain-text
bounces of MTAs that do not send RFC 3464 (Exchange, qmail, older Sendmail, ...).
"""

from __future__ import annotations

import base64
import binascii
import email
import quopri
import re
from email.message import Message
from email.policy import compat32
from typing import Literal

import msgspec

from mta.message import message_ids

ACTIONS = ("failed", "delayed", "delivered", "relayed", "expanded")
_STATUS = re.compile(r"\b([245])\.(\d{1,3})\.(\d{1,3})\b")
_CODE = re.compile(r"^\s*([245]\d\d)[\s-]")
_REPLY_STATUS = re.compile(r"^\s*(?:[245]\d\d[\s-]+)?([245]\.\d{1,3}\.\d{1,3})\b")
_UNICODE_ESCAPE = re.compile(r"\\x\{([0-9A-Fa-f]{1,6})\}")
MAX_REPORT = 10 * 1024 * 1024  # larger messages are not parsed as reports


class RecipientReport(msgspec.Struct, frozen=True):
    final_recipient: str
    action: str  # one of ACTIONS, or "" when missing or unknown
    status: str = ""  # enhanced code, "5.1.1"
    original_recipient: str = ""
    remote_mta: str = ""
    smtp_code: int | None = None  # from Diagnostic-Code, when it is an SMTP reply
    diagnostic: str = ""  # the Diagnostic-Code text (without its type)

    @property
    def effective_action(self) -> str:
        """The Action, or when it is missing what the Status class says: 5.x.x failed,
        4.x.x delayed; "" when neither tells."""
        if self.action:
            return self.action
        return {"5": "failed", "4": "delayed"}.get(self.status[:1], "")

    @property
    def permanent(self) -> bool:
        return self.action == "failed" or self.status.startswith("5.")


class Report(msgspec.Struct, frozen=True):
    kind: Literal["", "dsn", "arf"]
    recipients: list[RecipientReport] = msgspec.field(default_factory=list)
    reporting_mta: str = ""
    original_message_id: str = ""  # Message-ID of the message the report is about
    feedback_type: str = ""  # ARF: abuse, fraud, virus, other, ...
    original_recipient: str = ""  # ARF: Original-Rcpt-To


def _address(value: str) -> str:
    """The address of an "rfc822; a@b" / "utf-8; a@b" field, without brackets."""
    kind, sep, addr = value.partition(";")
    addr = (addr if sep else value).strip()
    if sep and kind.strip().lower() == "utf-8":
        addr = _UNICODE_ESCAPE.sub(_unescape, addr)
    return addr.strip("<>").strip()


def _unescape(m: re.Match[str]) -> str:
    point = int(m.group(1), 16)
    return chr(point) if 0x80 <= point <= 0x10FFFF and not 0xD800 <= point <= 0xDFFF else m.group(0)


def _utf8(text: str) -> str:
    """Text the compat32 parser read from raw bytes (non-ASCII bytes as surrogate
    escapes) as the UTF-8 that RFC 6533 allows there."""
    try:
        return text.encode("ascii", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:  # already decoded
        return text


def _field(block: Message, name: str) -> str:
    v = block.get(name)
    return "" if v is None else _utf8(" ".join(str(v).split()))


def _blocks(part: Message) -> list[Message]:
    """The field blocks of a delivery-status part. The email package splits
    message/delivery-status into blocks itself, but reads any other message/* type
    (message/global-delivery-status) as one message: the first block its header,
    the others its body."""
    payload = part.get_payload()
    cte = str(part.get("content-transfer-encoding", "")).lower()
    if isinstance(payload, list) and cte in ("base64", "quoted-printable"):
        # RFC 6533 lets the global part be encoded; the email package took the
        # encoded text for a message: decode that text.
        encoded = "".join(p.as_string() for p in payload if isinstance(p, Message))
        try:
            raw = base64.b64decode(encoded) if cte == "base64" else quopri.decodestring(encoded.encode())
        except (binascii.Error, ValueError):
            return []
        return _split(raw.decode("utf-8", "replace"))
    if isinstance(payload, list):
        out = []
        for p in payload:
            if isinstance(p, Message):
                out.append(p)
                # As bytes: a str payload would have its UTF-8 replaced by U+FFFD.
                rest = p.get_payload(decode=True) if isinstance(p.get_payload(), str) else None
                if isinstance(rest, bytes) and rest.strip():
                    out.extend(_split(rest.decode("utf-8", "replace")))
        return out
    text = payload if isinstance(payload, str) else ""
    if cte in ("base64", "quoted-printable"):
        decoded = part.get_payload(decode=True)
        text = decoded.decode("utf-8", "replace") if isinstance(decoded, bytes) else text
    return _split(text)


def _split(raw: str) -> list[Message]:
    out = []
    for chunk in re.split(r"\r?\n\s*\r?\n", raw):
        if chunk.strip():
            out.append(email.message_from_string(chunk.strip() + "\n", policy=compat32))
    return out


def _recipient(block: Message) -> RecipientReport | None:
    final = _address(_field(block, "final-recipient"))
    if not final:
        return None
    action = _field(block, "action").lower().split(" ")[0]
    action = {"failure": "failed", "fail": "failed", "delay": "delayed"}.get(action, action)
    status_field = _field(block, "status")
    status_m = _STATUS.search(status_field)
    diag = _field(block, "diagnostic-code")
    dtype, sep, dtext = diag.partition(";")
    text = dtext.strip() if sep else diag
    code_m = _CODE.match(text + " ") or _CODE.match(status_field + " ")  # some put "553 ..." in Status
    status = status_m.group(0) if status_m else ""
    reply = _REPLY_STATUS.match(text)
    if reply and status.endswith(".0") and reply.group(1)[0] == status[0]:
        status = reply.group(1)  # generic Status, specific reply: the receiving server's word
    if not status:
        in_text = _STATUS.search(text)
        status = in_text.group(0) if in_text else ""
    if not status and code_m:
        status = f"{code_m.group(1)[0]}.0.0"
    return RecipientReport(
        final_recipient=final,
        action=action if action in ACTIONS else "",
        status=status,
        original_recipient=_address(_field(block, "original-recipient")),
        remote_mta=_address(_field(block, "remote-mta")),
        smtp_code=int(code_m.group(1)) if code_m and dtype.strip().lower() in ("smtp", "") else None,
        diagnostic=text,
    )


def _returned_message_id(msg: Message) -> str:
    for part in msg.walk():
        ctype = part.get_content_type()
        if ctype in ("message/rfc822", "message/global"):
            inner = part.get_payload()
            if isinstance(inner, list) and inner and isinstance(inner[0], Message):
                ids = message_ids(str(inner[0].get("message-id", "")))
                if ids:
                    return ids[0]
        elif ctype in ("text/rfc822-headers", "message/global-headers"):
            inner = part.get_payload()  # message/global-headers is read as a message
            if isinstance(inner, list) and inner and isinstance(inner[0], Message):
                ids = message_ids(_utf8(str(inner[0].get("message-id", ""))))
                if ids:
                    return ids[0]
                continue
            raw = part.get_payload(decode=True)
            text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else ""
            headers = email.message_from_string(text, policy=compat32)
            ids = message_ids(str(headers.get("message-id", "")))
            if ids:
                return ids[0]
    return ""


def parse_report(data: bytes) -> Report:
    """Read a DSN or ARF report from a whole message; kind "" when it is neither."""
    if len(data) > MAX_REPORT:
        return Report(kind="")
    try:
        msg = email.message_from_bytes(data, policy=compat32)
    except Exception:  # the email package is lenient; be sure anyway
        return Report(kind="")
    if msg.get_content_type() != "multipart/report":
        return Report(kind="")
    report_type = str(msg.get_param("report-type", "") or "").lower()
    if report_type == "delivery-status":
        for part in msg.walk():
            if part.get_content_type() in ("message/delivery-status", "message/global-delivery-status"):
                blocks = _blocks(part)
                per_message = blocks[0] if blocks else Message()
                recipients = [r for r in (_recipient(b) for b in blocks[1:]) if r is not None]
                if not recipients and blocks:  # some MTAs put the only recipient in the first block
                    recipients = [r for r in (_recipient(blocks[0]),) if r is not None]
                return Report(
                    kind="dsn",
                    recipients=recipients,
                    reporting_mta=_address(_field(per_message, "reporting-mta")),
                    original_message_id=_returned_message_id(msg),
                )
        return Report(kind="dsn", original_message_id=_returned_message_id(msg))
    if report_type == "feedback-report":
        for part in msg.walk():
            if part.get_content_type() == "message/feedback-report":
                blocks = _blocks(part)
                fields = blocks[0] if blocks else Message()
                return Report(
                    kind="arf",
                    feedback_type=_field(fields, "feedback-type").lower(),
                    original_recipient=_address(_field(fields, "original-rcpt-to")),
                    reporting_mta=_address(_field(fields, "reporting-mta")),
                    original_message_id=_returned_message_id(msg),
                )
        return Report(kind="arf", original_message_id=_returned_message_id(msg))
    return Report(kind="")
