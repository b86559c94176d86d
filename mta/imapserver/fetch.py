"""Rendering of IMAP FETCH data items from a stored message (RFC 9051 sections 6.4.5,
7.5.2 and 9; RFC 3501 sections 6.4.5, 7.4.2 and 9; RFC 3516 BINARY; RFC 6855 UTF8=ACCEPT).

Everything works from the message bytes and the MIME tree parsed once at delivery
(``mta.message.structure``): ENVELOPE from the cached ``Envelope``, BODY and
BODYSTRUCTURE from the ``Part`` tree, BODY[section] as slices of the stored bytes
(returned unchanged, normally CRLF), BINARY[section] with the transfer encoding undone.
Nothing here reads a file or a socket; the session does I/O and partial ``<n.m>``
ranges, and decides between NIL, an empty string and NO for missing sections.

Part numbers (RFC 9051 section 6.4.5): the parts of a multipart are numbered from 1; a
message or part that is not multipart has its own body as part 1 (so BODY[1] of a
single-part message is its body); the number after a message/rfc822 (or message/global)
part continues into the embedded message, whose own single body is again its part 1.
A leaf part has no part 1 below it. These are the numbers ``mta.message.body`` uses.

Choices the RFCs leave open, and what is not implemented:

- ENVELOPE carries the decoded header values the parser cached. For a client that has
  not enabled UTF8=ACCEPT, non-ASCII subjects, display names, content descriptions and
  parameter values (e.g. RFC 2231 filenames) are encoded again as RFC 2047 encoded words
  (UTF-8, base64, several words on one line, never folded); non-ASCII domains are sent as
  IDNA A-labels where Python's IDNA 2003 codec accepts them; any other non-ASCII string
  (local parts, hosts IDNA rejects, Message-IDs) is sent as a literal of its UTF-8 bytes,
  which the IMAP4rev1 grammar allows (literal = *CHAR8). With UTF8=ACCEPT non-ASCII text
  is sent as a quoted string (RFC 9051 quoted allows UTF-8).
- Strings are quoted unless they hold CR or LF, then a literal. NUL, which no string form
  but literal8 can carry, is dropped.
- Group syntax in address lists is not reproduced (the cached envelope has flattened
  groups); an address without a local part or domain gets ``""`` there, never NIL, so
  that it is not taken for a group marker.
- BODYSTRUCTURE: media types, subtypes, encodings and Content-Type parameter names are
  sent in upper case (as in RFC 9051's examples), disposition types and their parameter
  names as stored (lower case), values as stored. A multipart without parts (no usable
  boundary) is described as one empty text/plain part, since the grammar requires at
  least one. A message/rfc822 part that was not parsed (a forbidden transfer encoding) is
  described as a basic part, without envelope, body and lines. Extension data is
  always complete (md5, disposition, language, location); there are no body-extension
  values beyond those.
- BODY[n.MIME] is the part's whole header block as stored, up to and including the blank
  line; HEADER, TEXT and HEADER.FIELDS after a part number are only valid when the part is
  a parsed message/rfc822 or message/global.
- BINARY decodes base64 leniently (bad characters are skipped, like the API's downloads)
  and quoted-printable; it does not refuse multipart or message parts, whose identity
  encodings make them come out as stored. Character sets are never converted.
"""

from __future__ import annotations

import base64

import msgspec

from mta.message.body import decoded
from mta.message.structure import Address, Envelope, Part

NIL = b"NIL"
_NIL = "NIL"

_IDENTITY_CTE = frozenset({"7bit", "8bit", "binary"})
_KNOWN_CTE = frozenset({"7bit", "8bit", "binary", "base64", "quoted-printable"})
_UPPER_CTE = {
    "7bit": '"7BIT"',
    "8bit": '"8BIT"',
    "binary": '"BINARY"',
    "base64": '"BASE64"',
    "quoted-printable": '"QUOTED-PRINTABLE"',
}
_MESSAGE_SUBTYPES = ("rfc822", "global")
# Raw bytes in an encoded word: 45 octets make 60 base64 characters, and with
# "=?utf-8?b?" and "?=" the word stays within RFC 2047's 75.
_WORD_OCTETS = 45


class UnknownCTE(Exception):
    """BINARY of a part whose Content-Transfer-Encoding is not one this server can undo
    (the session answers NO [UNKNOWN-CTE], RFC 3516 section 4.3)."""


class Section(msgspec.Struct, frozen=True):
    """A BODY[...] section specifier, already parsed: ``BODY[1.2.HEADER.FIELDS (To)]`` is
    ``Section((1, 2), "HEADER.FIELDS", ("To",))``."""

    path: tuple[int, ...] = ()
    text: str = ""  # "", "HEADER", "HEADER.FIELDS", "HEADER.FIELDS.NOT", "TEXT", "MIME"
    fields: tuple[str, ...] = ()


# Wire strings. The renderers build str and encode once at the end: every string that
# goes out comes from str, and a literal's length is its UTF-8 length.


def _literal(s: str) -> str:
    if "\0" in s:
        s = s.replace("\0", "")
    n = len(s) if s.isascii() else len(s.encode("utf-8", "replace"))
    return f"{{{n}}}\r\n{s}"


def _q(s: str, utf8: bool) -> str:
    """s as a quoted string, or a literal when it cannot be one."""
    if not s.isascii() and not utf8:
        return _literal(s)
    if "\r" in s or "\n" in s:
        return _literal(s)
    if "\0" in s:
        s = s.replace("\0", "")
    if '"' in s or "\\" in s:
        s = s.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{s}"'


def _nq(s: str, utf8: bool) -> str:
    """NIL for an empty s, else s quoted."""
    return _q(s, utf8) if s else _NIL


def _words(s: str) -> str:
    """Non-ASCII text as RFC 2047 encoded words (UTF-8, base64), on one line."""
    out: list[str] = []
    chunk: list[bytes] = []
    size = 0
    for ch in s:
        b = ch.encode("utf-8", "replace")
        if size + len(b) > _WORD_OCTETS:
            out.append("=?utf-8?b?" + base64.b64encode(b"".join(chunk)).decode("ascii") + "?=")
            chunk, size = [], 0
        chunk.append(b)
        size += len(b)
    if chunk:
        out.append("=?utf-8?b?" + base64.b64encode(b"".join(chunk)).decode("ascii") + "?=")
    return " ".join(out)


def _text(s: str, utf8: bool) -> str:
    """Human-readable text (subject, display name, description, parameter value):
    NIL when empty, RFC 2047 words when non-ASCII and the client is not UTF-8 aware."""
    if not s:
        return _NIL
    if not utf8 and not s.isascii():
        s = _words(s)
    return _q(s, utf8)


def _host(s: str, utf8: bool) -> str:
    if utf8 or s.isascii():
        return _q(s, utf8)
    try:
        return _q(s.encode("idna").decode("ascii"), utf8)
    except UnicodeError:
        return _literal(s)


def quoted_or_literal(s: str | bytes, utf8: bool = True) -> bytes:
    """An IMAP string: ``"..."`` with ``\\`` and ``"`` escaped, or ``{n}\\r\\n`` and the
    octets when s holds CR or LF, or 8-bit data that may not be quoted: non-ASCII when
    utf8 is False, bytes that are not UTF-8 always. NULs are dropped."""
    if isinstance(s, bytes):
        if b"\0" in s:
            s = s.replace(b"\0", b"")
        if not s.isascii():
            try:
                text = s.decode("utf-8")
            except UnicodeDecodeError:
                return b"{%d}\r\n%s" % (len(s), s)
            return _q(text, utf8).encode("utf-8")
        return _q(s.decode("ascii"), utf8).encode("ascii")
    return _q(s, utf8).encode("utf-8", "replace")


def nstring(s: str | bytes | None, utf8: bool = True) -> bytes:
    """NIL for None, else quoted_or_literal(s). An empty string stays ``""``: the callers
    decide where the grammar wants NIL for an absent value."""
    if s is None:
        return NIL
    return quoted_or_literal(s, utf8)


# ENVELOPE (RFC 9051 section 7.5.2, grammar "envelope").


def _addresses(addrs: list[Address], utf8: bool, out: list[str]) -> None:
    if not addrs:
        out.append(_NIL)
        return
    out.append("(")
    for a in addrs:
        name, user, host = a.name, a.user, a.host
        out.append("(")
        out.append(_text(name, utf8) if name else _NIL)
        out.append(" NIL ")
        if user.isascii() and user.isalnum():  # the common case, nothing to check further
            out.append(f'"{user}"')
        else:
            out.append(_q(user, utf8))
        out.append(" ")
        out.append(_host(host, utf8))
        out.append(")")
    out.append(")")


def _envelope(env: Envelope, utf8: bool, out: list[str]) -> None:
    out.append("(")
    out.append(_nq(env.date, utf8))
    out.append(" ")
    out.append(_text(env.subject, utf8))
    for addrs in (env.from_, env.sender or env.from_, env.reply_to or env.from_, env.to, env.cc, env.bcc):
        out.append(" ")
        _addresses(addrs, utf8, out)
    out.append(" ")
    out.append(_nq(env.in_reply_to, utf8))
    out.append(" ")
    out.append(_nq(env.message_id, utf8))
    out.append(")")


def envelope(env: Envelope, utf8: bool) -> bytes:
    """The ENVELOPE list: (date subject from sender reply-to to cc bcc in-reply-to
    message-id), NIL for absent fields; Sender and Reply-To default to From."""
    out: list[str] = []
    _envelope(env, utf8, out)
    return "".join(out).encode("utf-8", "replace")


# BODY and BODYSTRUCTURE (RFC 9051 section 7.5.2, grammar "body").

_EMPTY_BODY = '("TEXT" "PLAIN" ("CHARSET" "US-ASCII") NIL NIL "7BIT" 0 0'


def _params(params: list[tuple[str, str]], utf8: bool, upper: bool) -> str:
    if not params:
        return _NIL
    items = []
    for k, v in params:
        items.append(_q(k.upper() if upper else k, utf8))
        items.append(_q(v, utf8) if utf8 or v.isascii() else _q(_words(v), utf8))
    return "(" + " ".join(items) + ")"


def _language(value: str, utf8: bool) -> str:
    tags = [t.strip() for t in value.split(",") if t.strip()]
    if not tags:
        return _NIL
    if len(tags) == 1:
        return _q(tags[0], utf8)
    return "(" + " ".join(_q(t, utf8) for t in tags) + ")"


def _disposition(p: Part, utf8: bool) -> str:
    if not p.disposition:
        return _NIL
    return "(" + _q(p.disposition, utf8) + " " + _params(p.disposition_params, utf8, upper=False) + ")"


def _body(p: Part, extensible: bool, utf8: bool, out: list[str]) -> None:
    if p.media_type == "multipart":
        out.append("(")
        if p.parts:
            for c in p.parts:
                _body(c, extensible, utf8, out)
        else:
            out.append(_EMPTY_BODY + (" NIL NIL NIL NIL)" if extensible else ")"))
        out.append(" ")
        out.append(_q(p.media_subtype.upper(), utf8))
        if extensible:
            out.append(" ")
            out.append(_params(p.params, utf8, upper=True))
            _disposition_language_location(p, utf8, out)
        out.append(")")
        return
    out.append("(")
    out.append(_q(p.media_type.upper(), utf8))
    out.append(" ")
    out.append(_q(p.media_subtype.upper(), utf8))
    out.append(" ")
    out.append(_params(p.params, utf8, upper=True))
    out.append(" ")
    out.append(_nq(p.content_id, utf8))
    out.append(" ")
    out.append(_text(p.description, utf8))
    out.append(" ")
    cte = _UPPER_CTE.get(p.encoding)
    out.append(cte if cte is not None else _q(p.encoding, utf8))
    out.append(f" {p.end_offset - p.body_offset}")
    if p.media_type == "text":
        out.append(f" {p.lines}")
    elif p.media_type == "message" and p.media_subtype in _MESSAGE_SUBTYPES and p.message is not None:
        out.append(" ")
        _envelope(p.envelope or Envelope(), utf8, out)
        out.append(" ")
        _body(p.message, extensible, utf8, out)
        out.append(f" {p.lines}")
    if extensible:
        out.append(" ")
        out.append(_nq(p.md5, utf8))
        _disposition_language_location(p, utf8, out)
    out.append(")")


def _disposition_language_location(p: Part, utf8: bool, out: list[str]) -> None:
    """The extension data every body type ends with (RFC 9051 7.5.2)."""
    out += [" ", _disposition(p, utf8), " ", _language(p.language, utf8), " ", _nq(p.location, utf8)]


def body_structure(part: Part, extensible: bool, *, utf8: bool = False) -> bytes:
    """BODYSTRUCTURE (extensible, with extension data) or BODY (not) of a part; utf8 is
    whether the client enabled UTF8=ACCEPT (for the strings, and the embedded
    envelopes of message/rfc822 parts)."""
    out: list[str] = []
    _body(part, extensible, utf8, out)
    return "".join(out).encode("utf-8", "replace")


# BODY[section] and BINARY[section] (RFC 9051 section 6.4.5, RFC 3516).


def _children(p: Part) -> list[Part]:
    if p.parts:
        return p.parts
    if p.message is not None:
        inner = p.message
        return inner.parts if inner.parts else [inner]
    return []


def part_at(root: Part, path: tuple[int, ...]) -> Part | None:
    """The part at a section path, or None; path () is the root. A root that is not a
    multipart is its own part 1; a message/rfc822 part's numbers continue into the
    embedded message (whose single body, when not multipart, is its part 1)."""
    if not path:
        return root
    p = root
    rest = path
    if not root.parts:
        if path[0] != 1:
            return None
        rest = path[1:]
    for n in rest:
        kids = _children(p)
        if n < 1 or n > len(kids):
            return None
        p = kids[n - 1]
    return p


def _field_name(line: bytes) -> bytes:
    colon = line.find(b":")
    name = line if colon < 0 else line[:colon]
    return name.rstrip(b" \t").lower()


def header_fields(header: bytes, names: tuple[str, ...], exclude: bool) -> bytes:
    """The fields of a header block named in names (compared case-insensitively), or,
    with exclude, all the others; in message order, each with its continuation lines,
    ending with a blank line (CRLF). Lines that start the block with white space belong
    to no field and are dropped."""
    wanted = {n.lower().encode("utf-8", "replace") for n in names}
    out: list[bytes] = []
    keep = False
    started = False
    for line in header.splitlines(keepends=True):
        if line in (b"\r\n", b"\n"):
            break
        if line[:1] in (b" ", b"\t"):
            if started and keep:
                out.append(line)
            continue
        started = True
        keep = (_field_name(line) in wanted) != exclude
        if keep:
            out.append(line)
    if out and not out[-1].endswith(b"\n"):
        out.append(b"\r\n")
    out.append(b"\r\n")
    return b"".join(out)


def _message_text(data: bytes, m: Part, section: Section) -> bytes | None:
    """HEADER, HEADER.FIELDS[.NOT] or TEXT of the message whose root part is m."""
    text = section.text
    if text == "HEADER":
        return data[m.header_offset : m.body_offset]
    if text == "TEXT":
        return data[m.body_offset : m.end_offset]
    if text == "HEADER.FIELDS" or text == "HEADER.FIELDS.NOT":
        return header_fields(data[m.header_offset : m.body_offset], section.fields, text == "HEADER.FIELDS.NOT")
    return None


def section_bytes(data: bytes, root: Part, section: Section) -> bytes | None:
    """The content of BODY[section] before any partial range, as stored; None when the
    section does not exist in this message."""
    text = section.text.upper()
    if text != section.text:
        section = Section(section.path, text, section.fields)
    if not section.path:
        if text == "":
            return data
        return _message_text(data, root, section)
    p = part_at(root, section.path)
    if p is None:
        return None
    if text == "":
        return data[p.body_offset : p.end_offset]
    if text == "MIME":
        return data[p.header_offset : p.body_offset]
    if p.media_type == "message" and p.media_subtype in _MESSAGE_SUBTYPES and p.message is not None:
        return _message_text(data, p.message, section)
    return None


def binary_bytes(data: bytes, root: Part, path: tuple[int, ...]) -> bytes | None:
    """The content of BINARY[path] before any partial range: the part's body with its
    Content-Transfer-Encoding undone; path () is the whole message, as stored. None when
    the part does not exist; UnknownCTE for an encoding other than 7bit, 8bit, binary,
    base64 and quoted-printable."""
    if not path:
        return data
    p = part_at(root, path)
    if p is None:
        return None
    if p.encoding in _IDENTITY_CTE:
        return data[p.body_offset : p.end_offset]
    if p.encoding not in _KNOWN_CTE:
        raise UnknownCTE(p.encoding)
    return decoded(data, p)
