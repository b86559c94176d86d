"""Mailbox names on the wire: modified UTF-7 (RFC 3501 section 5.1.3), UTF-8 once the
client enables IMAP4rev2 or UTF8=ACCEPT (RFC 9051 section 5.1, RFC 6855), and INBOX.

The store calls the Inbox "Inbox" (and its children "Inbox/x"); IMAP calls it INBOX,
in any case. The hierarchy separator is "/" in both.
"""

from __future__ import annotations

import base64


class NameError_(ValueError):
    """A mailbox name that is not valid modified UTF-7."""


def utf7_encode(name: str) -> str:
    out: list[str] = []
    buf: list[str] = []

    def flush() -> None:
        if buf:
            raw = "".join(buf).encode("utf-16-be")
            out.append("&" + base64.b64encode(raw).decode().rstrip("=").replace("/", ",") + "-")
            buf.clear()

    for ch in name:
        if 0x20 <= ord(ch) <= 0x7E:
            flush()
            out.append("&-" if ch == "&" else ch)
        else:
            buf.append(ch)
    flush()
    return "".join(out)


def utf7_decode(name: str) -> str:
    if "&" not in name:
        if not name.isascii():
            raise NameError_("mailbox name has 8-bit characters; use modified UTF-7 or ENABLE UTF8=ACCEPT")
        return name
    out: list[str] = []
    i = 0
    while i < len(name):
        ch = name[i]
        if ch != "&":
            if not 0x20 <= ord(ch) <= 0x7E:
                raise NameError_("mailbox name has 8-bit characters; use modified UTF-7 or ENABLE UTF8=ACCEPT")
            out.append(ch)
            i += 1
            continue
        end = name.find("-", i + 1)
        if end < 0:
            raise NameError_("unterminated modified UTF-7 sequence in mailbox name")
        chunk = name[i + 1 : end]
        if not chunk:
            out.append("&")
        else:
            b64 = chunk.replace(",", "/")
            b64 += "=" * (-len(b64) % 4)
            try:
                out.append(base64.b64decode(b64, validate=True).decode("utf-16-be"))
            except (ValueError, UnicodeDecodeError):
                raise NameError_("invalid modified UTF-7 in mailbox name") from None
        i = end + 1
    return "".join(out)


def from_wire(name: str, utf8: bool, inbox: str) -> str:
    """A client's mailbox name as the store's: INBOX in any case (and its children) map
    to the store's Inbox name."""
    if not utf8:
        name = utf7_decode(name)
    first, sep, rest = name.partition("/")
    if first.upper() == "INBOX":
        return inbox + sep + rest
    return name


def to_wire(name: str, utf8: bool, inbox: str) -> str:
    if name == inbox:
        name = "INBOX"
    elif name.startswith(inbox + "/"):
        name = "INBOX" + name[len(inbox) :]
    return name if utf8 else utf7_encode(name)
