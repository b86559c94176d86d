"""Composing messages from structured fields (RFC 5322, RFC 2045-2047, RFC 2231, RFC 6531, RFC 6532).

The HTTP send call describes a message as fields; this module writes it. Python's
``email`` package does the encoding work (RFC 2047 encoded words, RFC 2231 file
names, quoted-printable and base64, folding); this module decides the structure and
refuses what must not be sent:

- multipart/mixed (attachments) around multipart/related (HTML and its inline parts)
  around multipart/alternative (text, HTML, extra alternatives), each level only
  when needed;
- addresses are checked with mta.smtp.address; IDNA domains are written as A-labels,
  and a non-ASCII local part makes the message SMTPUTF8 (headers then carry UTF-8,
  RFC 6532);
- CR or LF in any header value, a header we write ourselves given as an extra header,
  an address that does not parse, a missing body or recipient, or a message over the
  size limit is a ComposeError naming the field.

Not implemented: S/MIME and PGP, List-Unsubscribe generation, templating.
"""

from __future__ import annotations

import email.headerregistry
import email.policy
import email.utils
import re
import uuid
from datetime import UTC, datetime
from email.headerregistry import Address as HeaderAddress
from email.message import EmailMessage, Message
from email.parser import HeaderParser
from email.policy import compat32

import msgspec

from mta.message import decode_words
from mta.smtp.address import Address, AddressError, parse_address, unicode_domain


class _Registry(email.headerregistry.HeaderRegistry):
    """The email package's header registry, with each header class made once: the stock
    one builds a new class for every header set, a third of composing a small message."""

    def __init__(self) -> None:
        super().__init__()
        self._made: dict[str, type[email.headerregistry.BaseHeader]] = {}

    def __getitem__(self, name: str) -> type[email.headerregistry.BaseHeader]:
        key = name.lower()
        cls = self._made.get(key)
        if cls is None:
            cls = self._made[key] = super().__getitem__(name)
        return cls


_registry = _Registry()
_PART = email.policy.default.clone(header_factory=_registry)
_SMTP = email.policy.SMTP.clone(header_factory=_registry)
_SMTPUTF8 = email.policy.SMTPUTF8.clone(header_factory=_registry)

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
_MSGID = re.compile(r"^<?([^<>\s@]+@[^<>\s@]+)>?$")
_MEDIA_TYPE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}$")


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


class ComposeError(ValueError):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class Composed(msgspec.Struct, frozen=True):
    data: bytes
    message_id: str
    smtputf8: bool
    recipients: list[str]


def _no_newlines(field: str, value: str) -> None:
    if "\r" in value or "\n" in value or "\0" in value:
        raise ComposeError(field, "must not contain line breaks or NUL")


def _address(field: str, a: Addr) -> tuple[Address, HeaderAddress]:
    _no_newlines(f"{field}.name", a.name)
    _no_newlines(f"{field}.address", a.address)
    try:
        parsed = parse_address(a.address.strip())
    except AddressError as e:
        raise ComposeError(f"{field}.address", str(e)) from None
    domain = parsed.domain if parsed.localpart.isascii() else unicode_domain(parsed.domain)
    try:
        header = HeaderAddress(display_name=a.name, username=parsed.localpart, domain=domain)
    except (ValueError, TypeError) as e:
        raise ComposeError(f"{field}.address", str(e)) from None
    return parsed, header


def _msgid(field: str, value: str) -> str:
    _no_newlines(field, value)
    m = _MSGID.match(value.strip())
    if not m:
        raise ComposeError(field, "a message-id looks like <unique@host>")
    return f"<{m.group(1)}>"


def _check_part(field: str, a: Attachment, need_cid: bool = False) -> tuple[str, str]:
    _no_newlines(f"{field}.name", a.filename)
    _no_newlines(f"{field}.content_id", a.content_id)
    if not _MEDIA_TYPE.match(a.content_type):
        raise ComposeError(f"{field}.content_type", f"{a.content_type!r} is not a type/subtype media type")
    if need_cid and not a.content_id:
        raise ComposeError(f"{field}.content_id", "inline parts need a content_id to be referenced from the HTML")
    maintype, _, subtype = a.content_type.lower().partition("/")
    if maintype == "multipart":
        raise ComposeError(f"{field}.content_type", "multipart types cannot be attached as parts")
    return maintype, subtype


def _attach(container: EmailMessage, field: str, a: Attachment, disposition: str) -> None:
    maintype, subtype = _check_part(field, a, need_cid=disposition == "inline")
    part = EmailMessage(policy=_PART)
    if maintype == "text":
        try:
            text = a.data.decode("utf-8")
        except UnicodeDecodeError:
            part.set_content(a.data, maintype=maintype, subtype=subtype)
        else:
            part.set_content(text, subtype=subtype, cte="quoted-printable" if not _is_short_ascii(text) else "7bit")
    else:
        part.set_content(a.data, maintype=maintype, subtype=subtype)
    if a.filename:
        part.add_header("Content-Disposition", disposition, filename=a.filename)
    elif disposition == "inline":
        part.add_header("Content-Disposition", "inline")
    if a.content_id:
        part["Content-ID"] = f"<{a.content_id.strip('<>')}>"
    container.attach(part)


def _is_short_ascii(text: str) -> bool:
    return text.isascii() and all(len(line) <= 76 for line in text.splitlines())


def _text_part(content: str, subtype: str) -> EmailMessage:
    part = EmailMessage(policy=_PART)
    norm = content.replace("\r\n", "\n")
    part.set_content(norm, subtype=subtype, cte="7bit" if _is_short_ascii(norm) else "quoted-printable")
    return part


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
    _no_newlines("subject", d.subject)

    smtputf8 = False
    parsed_from, from_header = _address("from", d.from_)
    smtputf8 |= not parsed_from.localpart.isascii()
    lists: dict[str, list[HeaderAddress]] = {}
    recipients: list[str] = []
    seen: set[str] = set()
    for field, addrs in (("to", d.to), ("cc", d.cc), ("bcc", d.bcc), ("reply_to", d.reply_to)):
        out = []
        for i, a in enumerate(addrs):
            parsed, header = _address(f"{field}[{i}]", a)
            smtputf8 |= not parsed.localpart.isascii()
            out.append(header)
            if field != "reply_to" and parsed.key not in seen:
                seen.add(parsed.key)
                recipients.append(str(parsed) if not parsed.localpart.isascii() else parsed.ascii)
        lists[field] = out

    extra: list[tuple[str, str]] = []
    for i, (name, value) in enumerate(d.headers):
        if not _FTEXT.match(name):
            raise ComposeError(f"headers[{i}]", f"{name!r} is not a valid header field name")
        if name.lower() in RESERVED_HEADERS or name.lower().startswith("content-"):
            raise ComposeError(f"headers[{i}]", f"{name} is set by Mailwright and cannot be given")
        _no_newlines(f"headers[{i}]", value)
        extra.append((name, value))

    message_id = _msgid("message_id", d.message_id) if d.message_id else f"<{uuid.uuid4().hex}@{hostname}>"
    in_reply_to = _msgid("in_reply_to", d.in_reply_to) if d.in_reply_to else ""
    references = [_msgid(f"references[{i}]", r) for i, r in enumerate(d.references)]
    date = d.date or datetime.now(UTC)
    if date.tzinfo is None:
        raise ComposeError("date", "needs a time zone")

    # The body: alternative inside related inside mixed, each only when needed.
    alternatives: list[EmailMessage] = []
    if d.text is not None:
        alternatives.append(_text_part(d.text, "plain"))
    html_part: EmailMessage | None = None
    if d.html is not None:
        html_part = _text_part(d.html, "html")
        if d.inline:
            related = EmailMessage(policy=_PART)
            related.make_related()
            related.attach(html_part)
            for i, att in enumerate(d.inline):
                _attach(related, f"inline[{i}]", att, "inline")
            alternatives.append(related)
        else:
            alternatives.append(html_part)
    elif d.inline:
        raise ComposeError("inline", "inline parts need an html body that refers to them")
    for i, alt in enumerate(d.alternatives):
        maintype, subtype = _check_part(f"alternatives[{i}]", alt)
        part = EmailMessage(policy=_PART)
        if maintype == "text":
            part.set_content(alt.data.decode("utf-8", "replace"), subtype=subtype, cte="quoted-printable")
        else:
            part.set_content(alt.data, maintype=maintype, subtype=subtype)
        alternatives.append(part)
    if len(alternatives) == 1:
        body = alternatives[0]
    else:
        body = EmailMessage(policy=_PART)
        body.make_alternative()
        for p in alternatives:
            body.attach(p)
    if d.attachments:
        mixed = EmailMessage(policy=_PART)
        mixed.make_mixed()
        mixed.attach(body)
        for i, att in enumerate(d.attachments):
            _attach(mixed, f"attachments[{i}]", att, "attachment")
        msg = mixed
    else:
        msg = body

    for part in msg.walk():
        del part["MIME-Version"]  # set_content adds it to every part; it belongs at the top only
    policy = _SMTPUTF8 if smtputf8 else _SMTP
    top = EmailMessage(policy=policy)
    top["From"] = from_header
    for field, name in (("to", "To"), ("cc", "Cc"), ("bcc", "Bcc"), ("reply_to", "Reply-To")):
        if field == "bcc" and not draft:
            continue
        if lists[field]:
            top[name] = lists[field]
    top["Subject"] = d.subject
    top["Date"] = email.utils.format_datetime(date)
    top["Message-ID"] = message_id
    if in_reply_to:
        top["In-Reply-To"] = in_reply_to
    if references:
        top["References"] = " ".join(references)
    for name, value in extra:
        top[name] = value
    top["MIME-Version"] = "1.0"
    for k, v in msg.items():
        if k.lower() != "mime-version":
            top[k] = v
    if msg.is_multipart():
        top.set_payload(msg.get_payload())
        top.set_boundary(msg.get_boundary() or uuid.uuid4().hex)
    else:
        top.set_payload(msg.get_payload())
    try:
        data = top.as_bytes(policy=policy)
    except (ValueError, TypeError, UnicodeError) as e:
        raise ComposeError("message", f"cannot be encoded: {e}") from None
    data = b"\r\n".join(data.replace(b"\r\n", b"\n").split(b"\n"))
    if len(data) > max_size:
        raise ComposeError("size", f"the message is {len(data)} bytes; the limit is {max_size}")
    for line in data.split(b"\r\n"):
        if len(line) > 998:
            raise ComposeError("message", "a line would exceed 998 octets")  # pragma: no cover - encoders prevent it
    return Composed(data=data, message_id=message_id, smtputf8=smtputf8, recipients=recipients)


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
    keep.append(b"Date: " + email.utils.format_datetime(datetime.now(UTC)).encode())
    message_id = str(msg.get("message-id", "")).strip()
    if not re.fullmatch(r"<[^<>\s@]+@[^<>\s@]+>", message_id):
        message_id = f"<{uuid.uuid4().hex}@{hostname}>"
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
    return Composed(data=out, message_id=message_id, smtputf8=smtputf8, recipients=recipients), senders[0]


def _header_addresses(msg: Message, name: str) -> list[str]:
    values = [decode_words(str(v)) for v in msg.get_all(name) or []]
    return [addr for _, addr in email.utils.getaddresses(values) if addr]
