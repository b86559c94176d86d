"""MIME structure of a stored message, with byte offsets (RFC 5322, RFC 2045-2047, RFC 2231).

Parsed once at delivery and cached in the database, so that IMAP BODYSTRUCTURE,
ENVELOPE and BODY[section] and the API's part downloads never reparse a message:
each part records where its header and body start and where it ends in the
message file, which makes fetching a section one ``pread``.

Python's ``email`` package parses the header fields of each part (it is lenient
and handles RFC 2231 parameter continuations), but it does not report offsets, so
the multipart boundaries are found here. Malformed input never raises: a missing
close delimiter ends the multipart at the end of its parent, a part without a
header/body separator is all header, unknown encodings are kept as given.
Not implemented: decoding bodies (done on demand by the readers), S/MIME.
"""

from __future__ import annotations

import codecs
import email.header
import email.utils
import re
from email.message import Message

import msgspec

from mta.message.headers import parse_headers

# Nesting of multiparts and message/rfc822 parts beyond this is kept as opaque.
MAX_DEPTH = 50
# Parts per message beyond this are not split further.
MAX_PARTS = 10_000


class Address(msgspec.Struct, omit_defaults=True):
    """One mailbox of an address header; name decoded from RFC 2047."""

    name: str = ""
    user: str = ""
    host: str = ""

    @property
    def addr(self) -> str:
        return f"{self.user}@{self.host}" if self.host else self.user


class Envelope(msgspec.Struct, omit_defaults=True):
    """The header fields IMAP's ENVELOPE carries, decoded."""

    date: str = ""
    subject: str = ""
    from_: list[Address] = msgspec.field(default_factory=list, name="from")
    sender: list[Address] = msgspec.field(default_factory=list)
    reply_to: list[Address] = msgspec.field(default_factory=list)
    to: list[Address] = msgspec.field(default_factory=list)
    cc: list[Address] = msgspec.field(default_factory=list)
    bcc: list[Address] = msgspec.field(default_factory=list)
    in_reply_to: str = ""
    message_id: str = ""


class Part(msgspec.Struct, omit_defaults=True):
    media_type: str = "text"
    media_subtype: str = "plain"
    params: list[tuple[str, str]] = msgspec.field(default_factory=list)
    content_id: str = ""
    description: str = ""
    encoding: str = "7bit"
    disposition: str = ""
    disposition_params: list[tuple[str, str]] = msgspec.field(default_factory=list)
    language: str = ""
    location: str = ""
    md5: str = ""
    header_offset: int = 0
    body_offset: int = 0
    end_offset: int = 0
    lines: int = 0
    parts: list[Part] = msgspec.field(default_factory=list)
    # For message/rfc822 (and global) parts: the embedded message.
    message: Part | None = None
    envelope: Envelope | None = None

    @property
    def content_type(self) -> str:
        return f"{self.media_type}/{self.media_subtype}"

    @property
    def body_size(self) -> int:
        return self.end_offset - self.body_offset

    def param(self, name: str) -> str:
        for k, v in self.params:
            if k == name:
                return v
        return ""

    @property
    def filename(self) -> str:
        for k, v in self.disposition_params:
            if k == "filename":
                return v
        return self.param("name")


_MESSAGE_ID = re.compile(r"<[^<>\s]{1,998}>")


def message_ids(value: str) -> list[str]:
    """The <...> Message-IDs in a header value (Message-ID, In-Reply-To, References)."""
    return _MESSAGE_ID.findall(value)


def decode_text(raw: bytes, charset: str | None) -> str:
    """Bytes in a declared charset as text, never failing. No charset, an unknown one,
    or one that is not a text encoding (zlib, rot13) is read as UTF-8, and so is
    US-ASCII: 8-bit text labelled ASCII is common and UTF-8 is its superset."""
    name = (charset or "utf-8").strip().lower()
    try:
        if name in ("us-ascii", "ascii") or not getattr(codecs.lookup(name), "_is_text_encoding", True):
            name = "utf-8"
    except LookupError:
        name = "utf-8"
    return raw.decode(name, "replace")


def _unescape(value: object) -> str:
    """A header value as text. Raw 8-bit bytes (RFC 6532 UTF-8 headers) come from the
    compat32 parser as a Header of "unknown-8bit" chunks; they are read as UTF-8."""
    if not isinstance(value, email.header.Header):
        return str(value)
    out = []
    for chunk, charset in email.header.decode_header(value):
        if isinstance(chunk, bytes):
            out.append(decode_text(chunk, None if charset == "unknown-8bit" else charset))
        else:
            out.append(chunk)
    return "".join(out)


def decode_words(value: str) -> str:
    """Decode RFC 2047 encoded words; undecodable input is kept as it is."""
    if "=?" not in value:
        return " ".join(value.split()) if ("\n" in value or "\r" in value) else value
    try:
        return str(email.header.make_header(email.header.decode_header(value)))
    except (UnicodeDecodeError, LookupError, ValueError, email.errors.HeaderParseError):
        return value


def _addresses(msg: Message, name: str) -> list[Address]:
    values = msg.get_all(name)
    if not values:
        return []
    out = []
    for display, addr in email.utils.getaddresses([_unescape(v) for v in values]):
        if not display and not addr:
            continue
        user, _, host = addr.rpartition("@") if "@" in addr else (addr, "", "")
        out.append(Address(name=decode_words(display), user=user, host=host))
    return out


def _header(msg: Message, name: str) -> str:
    v = msg.get(name)
    return "" if v is None else _unescape(v).strip()


def envelope_of(msg: Message) -> Envelope:
    from_ = _addresses(msg, "from")
    sender = _addresses(msg, "sender") or from_
    reply_to = _addresses(msg, "reply-to") or from_
    return Envelope(
        date=_header(msg, "date"),
        subject=decode_words(_header(msg, "subject")),
        from_=from_,
        sender=sender,
        reply_to=reply_to,
        to=_addresses(msg, "to"),
        cc=_addresses(msg, "cc"),
        bcc=_addresses(msg, "bcc"),
        in_reply_to=_header(msg, "in-reply-to"),
        message_id=_header(msg, "message-id"),
    )


def _header_end(data: bytes, start: int, end: int) -> tuple[int, int]:
    """Where the header block of the part at start ends, and where its body starts."""
    if data.startswith(b"\r\n", start):
        return start, start + 2
    if data.startswith(b"\n", start):
        return start, start + 1
    crlf = data.find(b"\r\n\r\n", start, end)
    lf = data.find(b"\n\n", start, end)
    if crlf >= 0 and (lf < 0 or crlf < lf):
        return crlf + 2, crlf + 4
    if lf >= 0:
        return lf + 1, lf + 2
    return end, end


def _params(msg: Message, header: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    params = msg.get_params(header=header)
    if not params:
        return out
    for k, raw in params[1:]:
        # RFC 2231 values come as (charset, language, value) tuples, whatever typeshed says.
        v: object = raw
        if isinstance(v, tuple):
            v = email.utils.collapse_rfc2231_value(v)
        out.append((k.lower(), decode_words(str(v))))
    return out


class _Budget:
    __slots__ = ("parts",)

    def __init__(self) -> None:
        self.parts = 0


def parse(data: bytes) -> tuple[Part, Envelope]:
    """Parse a whole message: its MIME tree and its envelope."""
    budget = _Budget()
    header_end, body_start = _header_end(data, 0, len(data))
    msg = parse_headers(data[:header_end])
    part = _parse_part(data, 0, len(data), ("text", "plain"), 0, budget, msg, body_start)
    return part, envelope_of(msg)


def _parse_part(
    data: bytes,
    start: int,
    end: int,
    default: tuple[str, str],
    depth: int,
    budget: _Budget,
    msg: Message | None = None,
    body_start: int = -1,
) -> Part:
    budget.parts += 1
    if msg is None:
        header_end, body_start = _header_end(data, start, end)
        msg = parse_headers(data[start:header_end])
    if "content-type" in msg:
        ctype = msg.get_content_type()  # falls back to text/plain when invalid
        maintype, _, subtype = ctype.partition("/")
    else:
        maintype, subtype = default
    disposition = _header(msg, "content-disposition").split(";", 1)[0].strip().lower()
    part = Part(
        media_type=maintype,
        media_subtype=subtype,
        params=_params(msg, "content-type")
        if "content-type" in msg
        else [("charset", "us-ascii")]
        if maintype == "text"
        else [],
        content_id=_header(msg, "content-id"),
        description=decode_words(_header(msg, "content-description")),
        encoding=(_header(msg, "content-transfer-encoding") or "7bit").lower(),
        disposition=disposition,
        disposition_params=_params(msg, "content-disposition") if disposition else [],
        language=_header(msg, "content-language"),
        location=_header(msg, "content-location"),
        md5=_header(msg, "content-md5"),
        header_offset=start,
        body_offset=body_start,
        end_offset=end,
    )
    if maintype == "text" or maintype == "message":
        part.lines = data.count(b"\n", body_start, end)
    if depth >= MAX_DEPTH or budget.parts >= MAX_PARTS:
        return part
    if maintype == "multipart":
        boundary = part.param("boundary")
        if boundary:
            child_default = ("message", "rfc822") if subtype == "digest" else ("text", "plain")
            for s, e in _split(data, body_start, end, boundary.encode("utf-8", "surrogateescape")):
                part.parts.append(_parse_part(data, s, e, child_default, depth + 1, budget))
                if budget.parts >= MAX_PARTS:
                    break
    elif maintype == "message" and subtype in ("rfc822", "global") and part.encoding in ("7bit", "8bit", "binary"):
        h_end, b_start = _header_end(data, body_start, end)
        inner_msg = parse_headers(data[body_start:h_end])
        part.message = _parse_part(data, body_start, end, ("text", "plain"), depth + 1, budget, inner_msg, b_start)
        part.envelope = envelope_of(inner_msg)
    return part


def _split(data: bytes, start: int, end: int, boundary: bytes) -> list[tuple[int, int]]:
    """Body ranges of the parts of a multipart body between start and end.

    A delimiter is "--boundary" at the start of a line; the line break before it
    belongs to the delimiter, not to the preceding part (RFC 2046 section 5.1.1).
    """
    delim = b"--" + boundary
    ranges: list[tuple[int, int]] = []
    pos = start
    part_start = -1
    while pos < end:
        i = data.find(delim, pos, end)
        if i < 0:
            break
        at_line_start = i == start or data[i - 1 : i] == b"\n"
        if not at_line_start:
            pos = i + len(delim)
            continue
        line_end = data.find(b"\n", i, end)
        line_end = end if line_end < 0 else line_end + 1
        tail = data[i + len(delim) : line_end]
        closing = tail.startswith(b"--")
        if not closing and tail.strip():
            # Content that merely starts with the delimiter (a longer boundary).
            pos = line_end
            continue
        if part_start >= 0:
            pe = i
            if pe > part_start and data[pe - 1 : pe] == b"\n":
                pe -= 1
                if pe > part_start and data[pe - 1 : pe] == b"\r":
                    pe -= 1
            ranges.append((part_start, pe))
        if closing:
            return ranges
        part_start = line_end
        pos = line_end
    if part_start >= 0:
        ranges.append((part_start, end))
    return ranges
