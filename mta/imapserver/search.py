"""SEARCH keys (RFC 9051 section 6.4.4, RFC 3501 section 6.4.4, RFC 7162 MODSEQ, RFC 5182 $).

A search program is parsed into nested tuples and evaluated over the selected
mailbox's messages. What a program needs is loaded for all candidates at once:
flags, sizes, dates and modseqs from the message rows; From/To/Cc/Bcc/Subject from
the envelope cached at delivery (decoded, so a search for "Jörg" finds an encoded
word); other header fields from the message files' header blocks. BODY and TEXT
needles are matched by the store in the decoded text the full-text index keeps
(quoted-printable, base64 and charsets already undone), without bringing every text
here. Matching is case-insensitive substring matching, as the RFC asks.

Not implemented: RECENT and NEW match nothing and OLD everything (this server does
not keep \\Recent, which IMAP4rev2 removed); FUZZY, SAVEDATE and WITHIN searches.
"""

from __future__ import annotations

import calendar
import datetime
import email.utils
from collections.abc import Callable
from typing import Any

import msgspec

from mta.imapserver.parser import ParseError, Parser
from mta.imapserver.seqset import SeqSet
from mta.message import Address, decode_words
from mta.store.types import FLAG_ANSWERED, FLAG_DELETED, FLAG_DRAFT, FLAG_FLAGGED, FLAG_SEEN, SYSTEM_FLAGS

Key = tuple[Any, ...]

_MONTHS = {
    m: i for i, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)
}
_FLAG_KEYS = {
    "ANSWERED": (FLAG_ANSWERED, True),
    "DELETED": (FLAG_DELETED, True),
    "DRAFT": (FLAG_DRAFT, True),
    "FLAGGED": (FLAG_FLAGGED, True),
    "SEEN": (FLAG_SEEN, True),
    "UNANSWERED": (FLAG_ANSWERED, False),
    "UNDELETED": (FLAG_DELETED, False),
    "UNDRAFT": (FLAG_DRAFT, False),
    "UNFLAGGED": (FLAG_FLAGGED, False),
    "UNSEEN": (FLAG_SEEN, False),
}
# \\Seen and the other system flags, lower-cased, as bits of messages.flags.
SYSTEM_FLAG_BITS = {name.lower(): bit for name, bit in SYSTEM_FLAGS.items()}
_ENVELOPE_HEADERS = ("from", "to", "cc", "bcc", "subject")
MAX_DEPTH = 50


class SentDate(msgspec.Struct):
    """The Date: header of a cached envelope, as written."""

    date: str = ""


_sent_dec = msgspec.json.Decoder(SentDate)


def sent_day_ms(raw_envelope: bytes, fallback: int) -> int:
    """The Date: header's wall-clock time in its own timezone, as unix ms of that wall
    clock read as UTC: compared with UTC day starts, it gives the calendar day the sender
    wrote (RFC 9051 6.4.4: SENT* keys disregard time and timezone)."""
    text = _sent_dec.decode(raw_envelope).date
    parsed = email.utils.parsedate_tz(text) if text else None
    if parsed is None:
        return fallback
    try:
        return calendar.timegm(parsed[:9]) * 1000
    except (ValueError, OverflowError):
        return fallback


class Addresses(msgspec.Struct):
    """The address fields of a cached envelope: decoding only these skips the rest."""

    from_: list[Address] = msgspec.field(default_factory=list, name="from")
    to: list[Address] = msgspec.field(default_factory=list)
    cc: list[Address] = msgspec.field(default_factory=list)
    bcc: list[Address] = msgspec.field(default_factory=list)


_addresses_dec = msgspec.json.Decoder(Addresses)


def parse_date(text: str) -> datetime.date:
    """d-MMM-yyyy (RFC 9051 date-text)."""
    try:
        d, m, y = text.split("-")
        return datetime.date(int(y), _MONTHS[m.lower()], int(d))
    except (ValueError, KeyError):
        raise ParseError(f"bad date {text!r}; dates are like 1-Feb-2026") from None


def _day_ms(d: datetime.date) -> int:
    return int(datetime.datetime(d.year, d.month, d.day, tzinfo=datetime.UTC).timestamp() * 1000)


def parse_program(p: Parser) -> Key:
    """search-key *(SP search-key): an AND of all."""
    keys = [parse_key(p, 0)]
    while p.peek() == 32:
        p.sp()
        keys.append(parse_key(p, 0))
    return keys[0] if len(keys) == 1 else ("and", keys)


def parse_key(p: Parser, depth: int) -> Key:
    if depth > MAX_DEPTH:
        raise ParseError("search program nested too deeply")
    c = p.peek()
    if c == 40:  # (
        p.pos += 1
        keys = [parse_key(p, depth + 1)]
        while not p.take(b")"):
            p.sp()
            keys.append(parse_key(p, depth + 1))
        return ("and", keys)
    if 48 <= c <= 57 or c in (42, 36):  # digit, *, $
        return ("seq", p.seqset())
    word = p.atom().upper()
    if word == "ALL":
        return ("all",)
    if word in _FLAG_KEYS:
        bit, want = _FLAG_KEYS[word]
        return ("flag", bit, want)
    if word in ("NEW", "RECENT"):
        return ("none",)
    if word == "OLD":
        return ("all",)
    if word in ("KEYWORD", "UNKEYWORD"):
        p.sp()
        kw = p.flag().lower()
        if kw in SYSTEM_FLAG_BITS:
            return ("flag", SYSTEM_FLAG_BITS[kw], word == "KEYWORD")
        return ("kw", kw, word == "KEYWORD")
    if word in ("BCC", "CC", "FROM", "TO", "SUBJECT", "BODY", "TEXT"):
        p.sp()
        return ("str", word.lower(), p.astring().casefold())
    if word == "HEADER":
        p.sp()
        name = p.astring().lower()
        p.sp()
        return ("str", name if name in _ENVELOPE_HEADERS else "header:" + name, p.astring().casefold())
    if word in ("BEFORE", "ON", "SINCE", "SENTBEFORE", "SENTON", "SENTSINCE"):
        p.sp()
        day = _day_ms(parse_date(p.date()))
        field = "date" if word.startswith("SENT") else "received"
        op = word.removeprefix("SENT")
        if op == "BEFORE":
            return ("lt", field, day)
        if op == "SINCE":
            return ("ge", field, day)
        return ("on", field, day)
    if word in ("LARGER", "SMALLER"):
        p.sp()
        n = p.number64()
        return ("gt", "size", n) if word == "LARGER" else ("lt", "size", n)
    if word == "UID":
        p.sp()
        return ("uid", p.seqset())
    if word == "NOT":
        p.sp()
        return ("not", parse_key(p, depth + 1))
    if word == "OR":
        p.sp()
        a = parse_key(p, depth + 1)
        p.sp()
        return ("or", a, parse_key(p, depth + 1))
    if word == "MODSEQ":
        p.sp()
        if p.peek() == 34:  # entry-name entry-type-req: accepted and ignored (per-flag modseqs are not kept)
            p.quoted_bytes()
            p.sp()
            p.atom()
            p.sp()
        return ("ge", "modseq", p.number64())
    raise ParseError(f"unknown search key {word}")


def needs(key: Key, out: set[str]) -> set[str]:
    """What evaluating key needs loaded: "rows" (flags, sizes, dates, modseqs), and of
    them also "subject", "envelope", "sentdate" or "headers"; "body:" + needle for each
    BODY or TEXT needle, matched in the store (see IMAPStore.body_matches)."""
    kind = key[0]
    if kind == "and":
        for k in key[1]:
            needs(k, out)
    elif kind == "or":
        needs(key[1], out)
        needs(key[2], out)
    elif kind == "not":
        needs(key[1], out)
    elif kind == "str":
        field = key[1]
        if field in ("body", "text"):
            out.add("body:" + key[2])
        if field in _ENVELOPE_HEADERS:
            out |= {"rows", "subject" if field == "subject" else "envelope"}
        elif field != "body":
            out |= {"rows", "headers"}
    elif kind in ("flag", "kw", "lt", "ge", "gt", "on"):
        out.add("rows")
        if kind in ("lt", "ge", "on") and key[1] == "date":
            out.add("sentdate")
    return out


def uses_modseq(key: Key) -> bool:
    kind = key[0]
    if kind == "and":
        return any(uses_modseq(k) for k in key[1])
    if kind == "or":
        return uses_modseq(key[1]) or uses_modseq(key[2])
    if kind == "not":
        return uses_modseq(key[1])
    return bool(kind == "ge" and key[1] == "modseq")


class Candidate:
    """One message as the evaluator sees it: its UID and sequence number, and what
    load() takes from its row when the program needs more."""

    __slots__ = (
        "date",
        "envelope",
        "flags",
        "headers",
        "keywords",
        "modseq",
        "received",
        "seq",
        "size",
        "subject",
        "uid",
    )

    def __init__(self, uid: int, seq: int) -> None:
        self.uid = uid
        self.seq = seq
        self.flags = 0
        self.keywords = ""
        self.size = 0
        self.received = 0
        self.date = 0
        self.modseq = 0
        self.subject: str = ""
        self.envelope: Addresses | None = None
        self.headers = ""

    def load(self, row: Any) -> None:
        self.flags = row["flags"]
        self.keywords = row["keywords"].lower()
        self.size = row["size"]
        self.received = row["received"]
        self.date = row["date"] or row["received"]
        self.modseq = row["modseq"]


def _addresses(env: Addresses | None, field: str) -> str:
    if env is None:
        return ""
    lst = {"from": env.from_, "to": env.to, "cc": env.cc, "bcc": env.bcc}[field]
    return " ".join(f"{a.name} <{a.addr}>" for a in lst).casefold()


def header_values(headers: str, name: str) -> str:
    """The values of one header field in an (unfolded) header block, joined by newlines."""
    out = []
    prefix = name + ":"
    for line in headers.split("\n"):
        if line.startswith(prefix):
            out.append(line[len(prefix) :])
    return "\n".join(out)


def unfold(raw: bytes) -> str:
    """A header block as lower-cased field names and casefolded values, one field per line."""
    text = raw.decode("utf-8", "replace").replace("\r\n", "\n")
    lines: list[str] = []
    for line in text.split("\n"):
        if line[:1] in (" ", "\t") and lines:
            lines[-1] += " " + line.strip()
        elif line:
            name, sep, value = line.partition(":")
            lines.append(name.strip().lower() + sep + value if sep else line)
    return "\n".join(
        (n + ":" + decode_words(v.strip()).casefold()) if s else ln for ln in lines for n, s, v in [ln.partition(":")]
    )


def matcher(
    key: Key, largest_uid: int, count: int, saved: list[int], body_hits: dict[str, set[int]]
) -> Callable[[Candidate], bool]:
    """key compiled into a predicate over candidates; body_hits: the UIDs whose text
    contains each BODY and TEXT needle (see needs)."""
    kind = key[0]
    if kind == "all":
        return lambda m: True
    if kind == "none":
        return lambda m: False
    if kind == "and":
        fs = [matcher(k, largest_uid, count, saved, body_hits) for k in key[1]]
        if len(fs) == 1:
            return fs[0]
        return lambda m: all(f(m) for f in fs)
    if kind == "or":
        a, b = (
            matcher(key[1], largest_uid, count, saved, body_hits),
            matcher(key[2], largest_uid, count, saved, body_hits),
        )
        return lambda m: a(m) or b(m)
    if kind == "not":
        f = matcher(key[1], largest_uid, count, saved, body_hits)
        return lambda m: not f(m)
    if kind == "flag":
        bit, want = key[1], key[2]
        if want:
            return lambda m: bool(m.flags & bit)
        return lambda m: not m.flags & bit
    if kind == "kw":
        needle, want = '"' + key[1] + '"', key[2]
        return lambda m: (needle in m.keywords) == want
    if kind == "uid":
        s: SeqSet = key[1]
        if s.is_saved:
            chosen = set(saved)
            return lambda m: m.uid in chosen
        ranges = s.resolved(largest_uid)
        return lambda m: any(lo <= m.uid <= hi for lo, hi in ranges)
    if kind == "seq":
        s = key[1]
        if s.is_saved:
            chosen = set(saved)
            return lambda m: m.uid in chosen
        ranges = s.resolved(count)
        return lambda m: any(lo <= m.seq <= hi for lo, hi in ranges)
    if kind in ("lt", "ge", "gt", "on"):
        field, n = key[1], key[2]
        if kind == "lt":
            return lambda m: getattr(m, field) < n
        if kind == "gt":
            return lambda m: getattr(m, field) > n
        if kind == "ge":
            return lambda m: getattr(m, field) >= n
        end = n + 86_400_000
        return lambda m: n <= getattr(m, field) < end
    if kind == "str":
        field, needle = key[1], key[2]
        if field == "subject":
            return lambda m: needle in m.subject
        if field in ("from", "to", "cc", "bcc"):
            return lambda m: needle in _addresses(m.envelope, field)
        if field == "body":
            hits = body_hits[needle]
            return lambda m: m.uid in hits
        if field == "text":
            hits = body_hits[needle]
            return lambda m: m.uid in hits or needle in m.headers
        name = field.removeprefix("header:")
        if not needle:
            return lambda m: any(line.startswith(name + ":") for line in m.headers.split("\n"))
        return lambda m: needle in header_values(m.headers, name)
    raise AssertionError(kind)


def decode_addresses(raw: bytes) -> Addresses:
    return _addresses_dec.decode(raw)
