"""Composing messages from structured fields (RFC 5322, RFC 2045-2047, RFC 2231, RFC 6531, RFC 6532).

The HTTP send call describes a message as fields; this module decides its structure,
refuses what must not be sent, and writes it with mta.message.encode (encoded words,
folding, RFC 2231 file names, quoted-printable and base64):

- multipart/mixed (attachments) around multipart/related (HTML and its inline parts)
  around multipart/alternative (text, HTML, extra alternatives), each level only
  when needed;
- addresses are checked with mta.smtp.address; IDNA domains are written as A-labels,
  and a non-ASCII local part makes the message SMTPUTF8 (headers then carry UTF-8,
  RFC 6532);
- HTML without text gets a text/plain alternative written from it (mta.message.plaintext),
  unless ``text_from_html`` is false;
- CR or LF in any header value, a header we write ourselves given as an extra header,
  an address that does not parse, a missing body or recipient, or a message over the
  size limit is a ComposeError naming the field.

A saved draft is sent as it was saved (``from_draft``), read with the ``email``
package's header parser.

Not implemented: S/MIME and PGP, List-Unsubscribe generation, templating.
"""

from __future__ import annotations

import email.utils
import re
from collections.abc import Callable
from datetime import UTC, datetime
from email.message import Message
from email.parser import HeaderParser
from email.policy import compat32
from typing import Any

import msgspec

from mta.message import decode_words
from mta.message.encode import (
    address_field,
    base64_body,
    boundary,
    date_value,
    param_field,
    text_body,
    unstructured,
    words_field,
)
from mta.message.plaintext import html_to_plain
from mta.smtp.address import Address, AddressError, parse_address
from mta.tokens import token_hex

# Headers the composer writes; callers may not set them through `headers`.
RESERVED_HEADERS = frozenset(
    h.lower()
    for h in (
        "From",
        "To",
        "Cc",
        "Bcc",
        "Subject",
        "Date",
        "Message-ID",
        "MIME-Version",
        "Reply-To",
        "In-Reply-To",
        "References",
        "DKIM-Signature",
        "Received",
        "Return-Path",
        "Sender",
    )
)
_FTEXT = re.compile(r"^[\x21-\x39\x3b-\x7e]+$")  # header field name characters (RFC 5322 3.6.8)
_ID_CHARS = r"[!-;=?A-~]"  # printable ASCII but "<", ">" and "@"
_MSGID = re.compile(rf"^<?({_ID_CHARS}+@{_ID_CHARS}+)>?$")
_CONTENT_ID = re.compile(r"[!-;=?-~]{1,250}")
_MEDIA_TYPE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}$")
MAX_HEADER_LINE = 998  # octets, RFC 5322 2.1.1


class Addr(msgspec.Struct, frozen=True):
    address: str
    name: str = ""


class Attachment(msgspec.Struct, frozen=True):
    filename: str
    content_type: str
    data: bytes
    content_id: str = ""


class Draft(msgspec.Struct):
    from_: Addr
    to: list[Addr] = msgspec.field(default_factory=list)
    cc: list[Addr] = msgspec.field(default_factory=list)
    bcc: list[Addr] = msgspec.field(default_factory=list)
    reply_to: list[Addr] = msgspec.field(default_factory=list)
    subject: str = ""
    text: str | None = None
    html: str | None = None
    headers: list[tuple[str, str]] = msgspec.field(default_factory=list)
    attachments: list[Attachment] = msgspec.field(default_factory=list)
    inline: list[Attachment] = msgspec.field(default_factory=list)
    alternatives: list[Attachment] = msgspec.field(default_factory=list)
    references: list[str] = msgspec.field(default_factory=list)
    in_reply_to: str = ""
    message_id: str = ""
    date: datetime | None = None
    text_from_html: bool = True  # html and no text: write a text/plain alternative from it


class ComposeError(ValueError):
    """A field of the draft that cannot be written; errors: every (field, message)
    found, this one first (compose checks the fields that do not depend on each
    other all at once, so one answer can name them all)."""

    def __init__(self, field: str, message: str, more: list[tuple[str, str]] | None = None) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message
        self.errors = [(field, message), *(more or [])]


class Composed(msgspec.Struct, frozen=True):
    data: bytes  # what is sent: no Bcc field
    message_id: str
    smtputf8: bool
    recipients: list[str]
    bcc: bytes = b""  # the Bcc field(s), CRLF-terminated, for the sender's own copy

    def sent_copy(self) -> bytes:
        """The message as the sender keeps it (Sent): with its Bcc field (RFC 5322 3.6.3)."""
        if not self.bcc:
            return self.data
        end = self.data.find(b"\r\n\r\n") + 2
        return self.data[:end] + self.bcc + self.data[end:]


class _Part:
    """A MIME part being written: its header fields, and a body or child parts."""

    __slots__ = ("body", "boundary", "children", "headers")

    def __init__(self, headers: str, body: bytes = b"", children: list[_Part] | None = None) -> None:
        self.headers = headers
        self.body = body
        self.children = children
        self.boundary = ""


def _multipart(subtype: str, children: list[_Part]) -> _Part:
    b = boundary()
    part = _Part(param_field("Content-Type", f"multipart/{subtype}", [("boundary", b)]), children=children)
    part.boundary = b
    return part


def _text_part(content: str, subtype: str) -> _Part:
    cte, body = text_body(content)
    ctype = param_field("Content-Type", f"text/{subtype}", [("charset", "utf-8")])
    return _Part(f"{ctype}Content-Transfer-Encoding: {cte}\r\n", body)


def _content_part(maintype: str, subtype: str, data: bytes) -> _Part:
    """Text that is UTF-8 as text (7bit or quoted-printable), anything else in base64."""
    if maintype == "text":
        try:
            return _text_part(data.decode("utf-8"), subtype)
        except UnicodeDecodeError:
            pass
    return _Part(f"Content-Type: {maintype}/{subtype}\r\nContent-Transfer-Encoding: base64\r\n", base64_body(data))


def _write(part: _Part, out: list[bytes]) -> None:
    out.append(part.headers.encode())
    out.append(b"\r\n")
    if part.children is None:
        out.append(part.body)
        return
    delimiter = b"--" + part.boundary.encode()
    for child in part.children:
        out.append(delimiter + b"\r\n")
        _write(child, out)
        out.append(b"\r\n")
    out.append(delimiter + b"--\r\n")


def _no_newlines(field: str, value: str) -> None:
    if "\r" in value or "\n" in value or "\0" in value:
        raise ComposeError(field, "must not contain line breaks or NUL")


def _address(field: str, a: Addr) -> tuple[Address, tuple[str, str]]:
    """The parsed address and its (display name, addr-spec) for a header field."""
    _no_newlines(f"{field}.name", a.name)
    _no_newlines(f"{field}.address", a.address)
    try:
        parsed = parse_address(a.address.strip())
    except AddressError as e:
        raise ComposeError(f"{field}.address", str(e)) from None
    # A non-ASCII local part makes the message SMTPUTF8, and then the domain is
    # written as the U-label; otherwise as the A-label.
    return parsed, (a.name, parsed.ascii if parsed.localpart.isascii() else str(parsed))


def _msgid(field: str, value: str) -> str:
    _no_newlines(field, value)
    m = _MSGID.match(value.strip())
    if not m:
        raise ComposeError(field, "a message-id looks like <unique@host>, in printable ASCII")
    return f"<{m.group(1)}>"


def _check_part(field: str, a: Attachment, need_cid: bool = False) -> tuple[str, str]:
    _no_newlines(f"{field}.name", a.filename)
    _no_newlines(f"{field}.content_id", a.content_id)
    if not _MEDIA_TYPE.match(a.content_type):
        raise ComposeError(f"{field}.content_type", f"{a.content_type!r} is not a type/subtype media type")
    if need_cid and not a.content_id:
        raise ComposeError(f"{field}.content_id", "inline parts need a content_id to be referenced from the HTML")
    if a.content_id and not _CONTENT_ID.fullmatch(a.content_id.strip("<>")):
        raise ComposeError(f"{field}.content_id", "a content_id is up to 250 printable ASCII characters, no spaces")
    maintype, _, subtype = a.content_type.lower().partition("/")
    if maintype == "multipart":
        raise ComposeError(f"{field}.content_type", "multipart types cannot be attached as parts")
    return maintype, subtype


def _attachment(field: str, a: Attachment, disposition: str) -> _Part:
    maintype, subtype = _check_part(field, a, need_cid=disposition == "inline")
    part = _content_part(maintype, subtype, a.data)
    if a.filename:
        part.headers += param_field("Content-Disposition", disposition, [("filename", a.filename)])
    elif disposition == "inline":
        part.headers += "Content-Disposition: inline\r\n"
    if a.content_id:
        part.headers += f"Content-ID: <{a.content_id.strip('<>')}>\r\n"
    return part


def _check_header(name: str, value: str) -> None:
    # Named as the request has them: a key of the `headers` object.
    if not _FTEXT.match(name):
        raise ComposeError(f"headers.{name}", f"{name!r} is not a valid header field name")
    if name.lower() in RESERVED_HEADERS or name.lower().startswith("content-"):
        raise ComposeError(f"headers.{name}", f"{name} is set by Mailwright and cannot be given")
    _no_newlines(f"headers.{name}", value)


def _check_fields(d: Draft) -> None:
    """The checks of fields that stand alone (addresses, header fields, message ids,
    parts), all of them, so that one ComposeError names every field that is wrong."""
    found: list[ComposeError] = []

    def run(check: Callable[..., object], *args: Any, **kwargs: Any) -> None:
        try:
            check(*args, **kwargs)
        except ComposeError as e:
            found.append(e)

    run(_no_newlines, "subject", d.subject)
    run(_address, "from", d.from_)
    for field, addrs in (("to", d.to), ("cc", d.cc), ("bcc", d.bcc), ("reply_to", d.reply_to)):
        for i, a in enumerate(addrs):
            run(_address, f"{field}[{i}]", a)
    for name, value in d.headers:
        run(_check_header, name, value)
    if d.message_id:
        run(_msgid, "message_id", d.message_id)
    if d.in_reply_to:
        run(_msgid, "in_reply_to", d.in_reply_to)
    for i, r in enumerate(d.references):
        run(_msgid, f"references[{i}]", r)
    for i, att in enumerate(d.attachments):
        run(_check_part, f"attachments[{i}]", att)
    for i, att in enumerate(d.inline):
        run(_check_part, f"inline[{i}]", att, need_cid=True)
    if found:
        raise ComposeError(found[0].field, found[0].message, [(e.field, e.message) for e in found[1:]])


def compose(d: Draft, hostname: str, max_size: int = 50 * 1024 * 1024, *, draft: bool = False) -> Composed:
    """Write the message described by d; raises ComposeError on bad input. draft: a
    message to save, not to send: recipients and body may be missing, Bcc is kept as a
    header (sending the draft later removes it)."""
    if draft and d.text is None and d.html is None:
        d = msgspec.structs.replace(d, text="")
    if d.text is None and d.html is None:
        raise ComposeError("text", "give text, html, or both")
    if not (d.to or d.cc or d.bcc) and not draft:
        raise ComposeError("to", "at least one recipient is needed (to, cc or bcc)")
    _check_fields(d)

    parsed_from, from_field = _address("from", d.from_)
    smtputf8 = not parsed_from.localpart.isascii()
    lists: dict[str, list[tuple[str, str]]] = {}
    recipients: list[str] = []
    seen: set[str] = set()
    for field, addrs in (("to", d.to), ("cc", d.cc), ("bcc", d.bcc), ("reply_to", d.reply_to)):
        mailboxes = []
        for i, a in enumerate(addrs):
            parsed, mailbox = _address(f"{field}[{i}]", a)
            smtputf8 |= not parsed.localpart.isascii()
            mailboxes.append(mailbox)
            if field != "reply_to" and parsed.key not in seen:
                seen.add(parsed.key)
                recipients.append(str(parsed) if not parsed.localpart.isascii() else parsed.ascii)
        lists[field] = mailboxes

    extra: list[tuple[str, str]] = []
    for name, value in d.headers:
        _check_header(name, value)
        extra.append((name, value))

    message_id = _msgid("message_id", d.message_id) if d.message_id else f"<{token_hex(16)}@{hostname}>"
    in_reply_to = _msgid("in_reply_to", d.in_reply_to) if d.in_reply_to else ""
    references = [_msgid(f"references[{i}]", r) for i, r in enumerate(d.references)]
    date = d.date or datetime.now(UTC)
    if date.tzinfo is None:
        raise ComposeError("date", "needs a time zone")

    # The body: alternative inside related inside mixed, each only when needed. HTML
    # alone is penalized by spam filters and unreadable in text clients: it gets a
    # text alternative unless the caller says no (a draft is saved as written).
    text = d.text
    if text is None and d.html is not None and d.text_from_html and not draft:
        text = html_to_plain(d.html)
    alternatives: list[_Part] = []
    if text is not None:
        alternatives.append(_text_part(text, "plain"))
    if d.html is not None:
        html_part = _text_part(d.html, "html")
        if d.inline:
            inline = [_attachment(f"inline[{i}]", att, "inline") for i, att in enumerate(d.inline)]
            alternatives.append(_multipart("related", [html_part, *inline]))
        else:
            alternatives.append(html_part)
    elif d.inline:
        raise ComposeError("inline", "inline parts need an html body that refers to them")
    for i, alt in enumerate(d.alternatives):
        maintype, subtype = _check_part(f"alternatives[{i}]", alt)
        if maintype == "text":
            alternatives.append(_text_part(alt.data.decode("utf-8", "replace"), subtype))
        else:
            alternatives.append(_content_part(maintype, subtype, alt.data))
    body = alternatives[0] if len(alternatives) == 1 else _multipart("alternative", alternatives)
    if d.attachments:
        attached = [_attachment(f"attachments[{i}]", att, "attachment") for i, att in enumerate(d.attachments)]
        body = _multipart("mixed", [body, *attached])

    utf8 = smtputf8
    head = [address_field("From", [from_field], utf8)]
    bcc = address_field("Bcc", lists["bcc"], utf8) if lists["bcc"] else ""
    for field, name in (("to", "To"), ("cc", "Cc"), ("bcc", "Bcc"), ("reply_to", "Reply-To")):
        if field == "bcc" and not draft:
            continue
        if lists[field]:
            head.append(address_field(name, lists[field], utf8))
    head.append(unstructured("Subject", d.subject, utf8, subject=True))
    head.append(f"Date: {date_value(date)}\r\nMessage-ID: {message_id}\r\n")
    if in_reply_to:
        head.append(f"In-Reply-To: {in_reply_to}\r\n")
    if references:
        head.append(words_field("References", references))
    for name, value in extra:
        head.append(unstructured(name, value, utf8))
    head.append("MIME-Version: 1.0\r\n")
    top = "".join(head).encode()
    if not smtputf8 and not top.isascii():  # pragma: no cover - the encoders write ASCII
        raise ComposeError("message", "the header would need SMTPUTF8")
    for line in top.split(b"\r\n"):
        if len(line) > MAX_HEADER_LINE:
            raise ComposeError("headers", f"a header line would exceed {MAX_HEADER_LINE} octets")
    out = [top]
    _write(body, out)
    data = b"".join(out)
    if len(data) > max_size:
        raise ComposeError("size", f"the message is {len(data)} bytes; the limit is {max_size}")
    return Composed(
        data=data,
        message_id=message_id,
        smtputf8=smtputf8,
        recipients=recipients,
        bcc=b"" if draft else bcc.encode(),
    )


_FIELD_START = re.compile(rb"\r?\n(?![ \t])")


def from_draft(data: bytes, hostname: str, max_size: int = 50 * 1024 * 1024) -> tuple[Composed, str]:
    """A saved draft made ready to send, and its From address: the recipients are its
    To, Cc and Bcc; the Bcc field is removed and the Date set to now (RFC 5322 section
    3.6.3: the date a message is sent); a missing Message-ID is added."""
    end = data.find(b"\r\n\r\n")
    if end < 0:
        raise ComposeError("message", "the draft has no header/body separator")
    head, body = data[:end], data[end + 2 :]
    # Drafts of SMTPUTF8 messages have UTF-8 header fields (RFC 6532).
    msg = HeaderParser(policy=compat32).parsestr(head.decode("utf-8", "replace") + "\r\n\r\n")
    fields = [f for f in _FIELD_START.split(head) if f]
    keep = [f for f in fields if f.split(b":", 1)[0].strip().lower() not in (b"bcc", b"date")]
    bcc = b"".join(f + b"\r\n" for f in fields if f.split(b":", 1)[0].strip().lower() == b"bcc")
    keep.append(b"Date: " + date_value(datetime.now(UTC)).encode())
    message_id = str(msg.get("message-id", "")).strip()
    if not re.fullmatch(r"<[^<>\s@]+@[^<>\s@]+>", message_id):
        message_id = f"<{token_hex(16)}@{hostname}>"
        keep = [f for f in keep if f.split(b":", 1)[0].strip().lower() != b"message-id"]
        keep.append(b"Message-ID: " + message_id.encode())
    senders = _header_addresses(msg, "from")
    if len(senders) != 1:
        raise ComposeError("from", "the draft needs exactly one From address")
    smtputf8 = False
    recipients: list[str] = []
    seen: set[str] = set()
    for field in ("to", "cc", "bcc"):
        for i, raw in enumerate(_header_addresses(msg, field)):
            try:
                a = parse_address(raw)
            except AddressError as e:
                raise ComposeError(f"{field}[{i}]", f"{raw!r}: {e}") from None
            smtputf8 |= not a.localpart.isascii()
            if a.key not in seen:
                seen.add(a.key)
                recipients.append(str(a) if not a.localpart.isascii() else a.ascii)
    if not recipients:
        raise ComposeError("to", "the draft has no recipients (to, cc or bcc)")
    out = b"\r\n".join(keep) + b"\r\n" + body
    if len(out) > max_size:
        raise ComposeError("size", f"the message is {len(out)} bytes; the limit is {max_size}")
    composed = Composed(data=out, message_id=message_id, smtputf8=smtputf8, recipients=recipients, bcc=bcc)
    return composed, senders[0]


def _header_addresses(msg: Message, name: str) -> list[str]:
    values = [decode_words(str(v)) for v in msg.get_all(name) or []]
    return [addr for _, addr in email.utils.getaddresses(values) if addr]
