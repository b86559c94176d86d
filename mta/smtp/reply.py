"""SMTP replies with enhanced status codes (RFC 5321 section 4.2, RFC 3463, RFC 2034).

Once ENHANCEDSTATUSCODES is advertised every reply must carry an enhanced code.
``with_enhanced`` adds the conventional one to a bare reply, which is how replies
produced inside aiosmtpd (which does not add them) are brought in line.
"""

from __future__ import annotations

import re

# Default enhanced code for a basic reply code (RFC 3463, RFC 5248 registry).
DEFAULT_ENHANCED: dict[str, str] = {
    "211": "2.0.0",
    "214": "2.0.0",
    "220": "2.0.0",
    "221": "2.0.0",
    "235": "2.7.0",
    "250": "2.0.0",
    "251": "2.1.5",
    "252": "2.1.5",
    "334": "",
    "354": "",
    "421": "4.3.0",
    "432": "4.7.12",
    "450": "4.2.0",
    "451": "4.3.0",
    "452": "4.3.1",
    "454": "4.7.0",
    "455": "4.5.4",
    "500": "5.5.2",
    "501": "5.5.4",
    "502": "5.5.1",
    "503": "5.5.1",
    "504": "5.5.4",
    "530": "5.7.0",
    "534": "5.7.9",
    "535": "5.7.8",
    "538": "5.7.11",
    "550": "5.0.0",
    "551": "5.1.6",
    "552": "5.3.4",
    "553": "5.1.3",
    "554": "5.0.0",
    "555": "5.5.4",
}

_HAS_ENHANCED = re.compile(r"^\d{3}[ -][245]\.\d{1,3}\.\d{1,3}( |$)")

# aiosmtpd's own texts that read badly to a client, by reply prefix.
_REWRITE: dict[str, str] = {
    "500 Error: bad syntax": "500 5.5.2 Syntax error: empty or invalid command",
    "552 Error: Too much mail data": "552 5.3.4 Message exceeds the maximum size",
    "500 Line too long (see RFC5321 4.5.3.1.6)": "500 5.5.2 Line too long (over 998 octets, RFC 5321 4.5.3.1.6)",
    "500 Command line too long": "500 5.5.2 Command line too long",
    "503 Error: need MAIL command": "503 5.5.1 Need MAIL command first",
    "503 Error: need RCPT command": "503 5.5.1 Need RCPT command first",
    "500 Error: strict ASCII mode": "500 5.6.7 Non-ASCII input without SMTPUTF8",
}


def with_enhanced(reply: str) -> str:
    """Return reply with an enhanced status code on each line (if its code has one)."""
    fixed = _REWRITE.get(reply)
    if fixed:
        return fixed
    if len(reply) < 3 or not reply[:3].isdigit() or _HAS_ENHANCED.match(reply):
        return reply
    enh = DEFAULT_ENHANCED.get(reply[:3], "")
    if not enh:
        return reply
    rest = reply[4:] if len(reply) > 3 else ""
    sep = reply[3:4] or " "
    if rest.startswith("Error: "):
        rest = rest[len("Error: ") :]
    return f"{reply[:3]}{sep}{enh} {rest}".rstrip()
