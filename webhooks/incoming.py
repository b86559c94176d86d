"""The ``incoming`` payload: what an application needs of a newly delivered message.

Built from the stored bytes with the cached-structure parser (mta.message), so a
part's ``path`` is the same section number the mail access API and IMAP use. The
text and html bodies are the first text and HTML bodies as mta.message.body.Layout
chooses them (the API's choice too), decoded (base64 or quoted-printable, then the charset, CRLF line
ends made LF), each cut at 1 MiB. Whether a message is automated follows RFC 3834 (Auto-Submitted), RFC 2369
and 2919 (List-*), Precedence, and the usual auto-reply markers.
"""

from __future__ import annotations

import email.utils
from datetime import UTC, datetime
from email.message import Message

from mta.message.body import Layout, children, root_path, text_of
from mta.message.headers import parse_headers
from mta.message.structure import Address as EnvAddress
from mta.message.structure import Part, decode_words, message_ids, parse
from mta.store.types import AuthResults, OutboundItem
from webhooks.payloads import BodyPart, EventAddress, IncomingEvent, IncomingMeta, InReplyToOutbound

MAX_BODY = 1024 * 1024


def rfc3339(ms: int) -> str:
    return _z(datetime.fromtimestamp(ms / 1000, UTC))


def _z(d: datetime) -> str:
    """RFC 3339 in UTC with a Z."""
    return (d if d.tzinfo else d.replace(tzinfo=UTC)).astimezone(UTC).isoformat().replace("+00:00", "Z")


def headers(data: bytes) -> Message:
    """The message's header section, parsed once for reply_ids and build."""
    return parse_headers(data)


def _addresses(xs: list[EnvAddress]) -> list[EventAddress]:
    return [EventAddress(name=a.name, address=a.addr) for a in xs]


def _structure(p: Part, path: str) -> BodyPart:
    out = BodyPart(
        path=path,
        content_type=p.content_type,
        size=p.body_size,
        filename=p.filename,
        content_id=p.content_id,
        disposition=p.disposition,
    )
    out.parts = [_structure(c, cpath) for cpath, c in children(p, path)]
    return out


def _cut(s: str) -> tuple[str, bool]:
    b = s.encode("utf-8")
    if len(b) <= MAX_BODY:
        return s, False
    return b[:MAX_BODY].decode("utf-8", "ignore"), True


def automated(msg: Message) -> str:
    """Why a message looks machine-sent, or ""."""
    auto = str(msg.get("auto-submitted", "")).strip().lower()
    if auto and auto != "no":
        return "auto-reply" if auto.startswith("auto-replied") else "auto-submitted"
    if any(h in msg for h in ("x-autoreply", "x-autorespond", "x-autoresponse")):
        return "auto-reply"
    subject = decode_words(str(msg.get("subject", ""))).lower()
    if subject.startswith(("out of office", "automatic reply", "auto:", "autoreply", "abwesenheitsnotiz")):
        return "auto-reply"
    if any(h in msg for h in ("list-id", "list-unsubscribe", "list-post")):
        return "mailing-list"
    precedence = str(msg.get("precedence", "")).strip().lower()
    if precedence == "list":
        return "mailing-list"
    if precedence in ("bulk", "junk"):
        return "bulk"
    return ""


def build(
    data: bytes,
    msg: Message,
    *,
    stored_id: int,
    mailbox: str,
    mail_from: str,
    rcpt_to: str,
    remote_ip: str,
    auth: AuthResults | None = None,
    received_ms: int,
    now_ms: int,
    replied: list[OutboundItem],
) -> IncomingEvent:
    """The payload for one delivered message; msg is headers(data). replied: our sent
    recipients whose Message-ID the message names (see reply_ids)."""
    part, env = parse(data)
    layout = Layout(part)
    text, text_cut = _cut(text_of(data, layout.text[0])) if layout.text else ("", False)
    html, html_cut = _cut(text_of(data, layout.html[0])) if layout.html else ("", False)
    date = ""
    try:
        if env.date:
            d = email.utils.parsedate_to_datetime(env.date)
            date = _z(d)
    except (TypeError, ValueError, IndexError):
        pass
    reply: InReplyToOutbound | None = None
    if replied:
        senders = {a.addr.lower() for a in env.from_}
        it = next((i for i in replied if i.row.recipient.lower() in senders), replied[0])
        reply = InReplyToOutbound(
            outbound_id=it.row.id, message_id=it.header_message_id, recipient=it.row.recipient, metadata=it.metadata
        )
    why = automated(msg)
    return IncomingEvent(
        from_=_addresses(env.from_),
        to=_addresses(env.to),
        cc=_addresses(env.cc),
        reply_to=_addresses(env.reply_to) if "reply-to" in msg else [],  # ENVELOPE falls back to From
        subject=env.subject,
        message_id=env.message_id,
        in_reply_to=env.in_reply_to,
        references=message_ids(str(msg.get("references", ""))),
        date=date,
        text=text,
        text_truncated=text_cut,
        html=html,
        html_truncated=html_cut,
        structure=_structure(part, root_path(part)),
        meta=IncomingMeta(
            stored_id=stored_id,
            mailbox=mailbox,
            mail_from=mail_from,
            rcpt_to=rcpt_to,
            remote_ip=remote_ip,
            received=rfc3339(received_ms),
            spf=auth.spf if auth else "",
            dkim=auth.dkim if auth else "",
            dmarc=auth.dmarc if auth else "",
            automated=bool(why),
            automated_reason=why,
        ),
        in_reply_to_outbound=reply,
        time=rfc3339(now_ms),
    )


def reply_ids(msg: Message) -> list[str]:
    """Message-IDs named by In-Reply-To and References (newest reference first)."""
    ids = message_ids(str(msg.get("in-reply-to", "")))
    ids += reversed(message_ids(str(msg.get("references", ""))))
    return ids
