"""What the store keeps of a message besides its structure: search text, list-view
fields and thread keys, computed once at delivery from the cached structure.

Threads follow References and In-Reply-To (RFC 5322 section 3.6.4); when a reply
names no message the account has, its base subject (RFC 5256 section 2.1: reply and
forward prefixes and list tags removed) joins it to a recent message with the same
one. Full-text search indexes at most MAX_TEXT characters of the text bodies.
"""

from __future__ import annotations

import email.utils
import re

import msgspec

from mta.message.body import Layout, snippet
from mta.message.headers import parse_headers
from mta.message.structure import Address, Envelope, Part, message_ids

MAX_TEXT = 256 * 1024
# "Re:", "Fwd:", "AW:", "[list] " and "(fwd)" at the start, any number of times.
_PREFIX = re.compile(r"^\s*(?:(?:re|fwd?|aw|sv|antw|vs|ref|tr)\s*(?:\[\d+\])?\s*:|\[[^\]]*\]|\(fwd\))\s*", re.I)


class Indexed(msgspec.Struct, frozen=True):
    text: str  # the text bodies, for full-text search
    snippet: str
    has_attachment: bool
    date: int | None  # the Date: header, unix ms
    references: list[str]  # Message-IDs of In-Reply-To and References
    base_subject: str
    is_reply: bool  # the subject had a reply or forward prefix
    sender_text: str  # names and addresses of From and Sender, for search
    recipients_text: str  # of To, Cc and Bcc
    sort_from: str  # lower-cased name or address of the first From


def base_subject(subject: str) -> tuple[str, bool]:
    """The subject without reply/forward prefixes and list tags, lower-cased, and whether
    any prefix was removed."""
    s = " ".join(subject.split())
    changed = False
    while True:
        m = _PREFIX.match(s)
        if not m or m.end() == 0:
            break
        s = s[m.end() :]
        changed = True
    return s.lower(), changed


def _addresses(*lists: list[Address]) -> str:
    return " ".join(f"{a.name} {a.addr}".strip() for xs in lists for a in xs)


def references(data: bytes, in_reply_to: str) -> list[str]:
    """The Message-IDs a message refers to: References, then In-Reply-To's if not among them."""
    headers = parse_headers(data)
    refs = message_ids(str(headers.get("references", "")))
    return refs + [i for i in message_ids(in_reply_to) if i not in refs]


def index(data: bytes, part: Part, env: Envelope) -> Indexed:
    layout = Layout(part)
    text = layout.plain(data)
    refs = references(data, env.in_reply_to)
    date: int | None = None
    if env.date:
        try:
            date = int(email.utils.parsedate_to_datetime(env.date).timestamp() * 1000)
        except (TypeError, ValueError, IndexError, OverflowError):
            date = None
    base, is_reply = base_subject(env.subject)
    first = env.from_[0] if env.from_ else None
    return Indexed(
        text=text[:MAX_TEXT],
        snippet=snippet(text),
        has_attachment=layout.has_attachment,
        date=date,
        references=refs[-100:],
        base_subject=base[:500],
        is_reply=is_reply,
        sender_text=_addresses(env.from_, env.sender),
        recipients_text=_addresses(env.to, env.cc, env.bcc),
        sort_from=(first.name or first.addr).lower() if first else "",
    )
