"""Writing header fields and MIME bodies (RFC 5322, RFC 2045, RFC 2047, RFC 2231, RFC 6532).

The composer's encoders, written straight to text and bytes rather than through the
``email`` package, whose header parsing was most of the cost of sending a message:

- a field is folded at whitespace into lines of at most 78 characters where its
  value allows; a word longer than a line stays whole (the composer refuses a line
  over 998 octets);
- unstructured text (Subject, extra fields): words with non-ASCII or control
  characters, runs of them together, become RFC 2047 encoded words (UTF-8, Q or B,
  whichever is shorter, at most 75 characters each, never splitting a character); in
  an SMTPUTF8 message non-ASCII text is written as UTF-8 instead (RFC 6532). A Subject
  word that looks like an encoded word, or is too long for a line, is encoded too;
- display names: atoms as they are, otherwise a quoted string, otherwise (non-ASCII,
  or too long) encoded words;
- parameters: a quoted string, or an RFC 2231 extended value (UTF-8, percent-encoded,
  split into numbered continuations) for non-ASCII, very long values, and values with
  "=?" (many readers decode encoded words in quoted file names);
- bodies: 7bit when every line is short printable ASCII, otherwise quoted-printable
  for text and base64 for anything else; CRLF line ends throughout.

Not implemented: charsets other than UTF-8, RFC 2047 in parameters (RFC 2231 only),
and header parsing (mta.message.structure reads messages).
"""

from __future__ import annotations

import base64
import binascii
import re
from datetime import datetime

from mta.smtp.address import quoted_string
from mta.tokens import token_hex

MAX_LINE = 78  # RFC 5322 2.1.1: SHOULD; 998 octets is the MUST the composer checks
_EW_ROOM = 75 - len("=?utf-8?q??=")  # encoded text per encoded word
_B_BYTES = _EW_ROOM // 4 * 3  # octets per B-encoded word

# RFC 2047 5(3): the characters a Q-encoded word may carry as themselves anywhere,
# phrases included; "_" stands for a space.
_Q_PLAIN = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!*+-/")
_Q = [chr(b) if b in _Q_PLAIN else "_" if b == 0x20 else f"={b:02X}" for b in range(256)]

_ATOM = re.compile(r"[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~]+")  # atext, RFC 5322 3.2.3
_ATOM_UTF8 = re.compile(r"[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~\u0080-\U0010ffff]+")  # RFC 6532 3.2
_PIECES = re.compile(r"([ \t]*)([^ \t]+)")
_LOOKS_ENCODED = re.compile(r"=\?[^?]*\?[bBqQ]\?[^?]*\?=")  # decoders find these inside words too
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
# RFC 2231 attribute-char: any CHAR but SPACE, CTLs, "*", "'", "%" and tspecials.
_ATTR_CHARS = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#$&+-.^_`{|}~")
_PCT = [chr(b) if b in _ATTR_CHARS else f"%{b:02X}" for b in range(256)]
_QUOTED_PARAM_MAX = 200  # longer values go out as RFC 2231 continuations
_CONTINUATION = 60  # characters of extended value per continuation

_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


class Field:
    """One header field being written: words added with the whitespace before them,
    which is where the field may fold."""

    __slots__ = ("_cur", "_lines")

    def __init__(self, name: str) -> None:
        self._lines: list[str] = []
        self._cur = name + ":"

    def add(self, word: str, space: str = " ") -> None:
        """Append space + word, folding before space when the line would grow past 78.
        The first word after the name never folds, and an empty space never does."""
        if space and len(self._cur) + len(space) + len(word) > MAX_LINE and not self._cur.endswith(":"):
            self._lines.append(self._cur)
            self._cur = space + word
        else:
            self._cur += space + word

    def text(self) -> str:
        self._lines.append(self._cur)
        return "\r\n".join(self._lines) + "\r\n"


def encoded_words(text: str) -> list[str]:
    """text as RFC 2047 encoded words in UTF-8 of at most 75 characters each. A word
    ends after a space where one is near, so a decoder that wrongly keeps the space
    between encoded words (Python's, in display names) at worst doubles a space
    rather than splitting a word; a character is never split."""
    data = text.encode()
    use_b = (len(data) + 2) // 3 * 4 < sum(len(_Q[b]) for b in data)
    room = _B_BYTES if use_b else _EW_ROOM
    words: list[str] = []
    chunk: list[tuple[bytes, int]] = []  # (UTF-8 of a character, its encoded size)
    size = 0
    for ch in text:
        enc = ch.encode()
        n = len(enc) if use_b else sum(len(_Q[b]) for b in enc)
        if size + n > room and chunk:
            cut = len(chunk)
            for i in range(len(chunk) - 1, len(chunk) // 2, -1):
                if chunk[i][0] == b" ":
                    cut = i + 1
                    break
            words.append(_encoded_word(b"".join(c for c, _ in chunk[:cut]), use_b))
            chunk = chunk[cut:]
            size = sum(k for _, k in chunk)
        chunk.append((enc, n))
        size += n
    if chunk:
        words.append(_encoded_word(b"".join(c for c, _ in chunk), use_b))
    return words


def _encoded_word(data: bytes, use_b: bool) -> str:
    if use_b:
        return "=?utf-8?b?" + base64.b64encode(data).decode() + "?="
    return "=?utf-8?q?" + "".join(_Q[b] for b in data) + "?="


def _plain_text(s: str, utf8: bool) -> bool:
    """s may be written as it is in a header: printable, and ASCII unless utf8."""
    return (utf8 or s.isascii()) and s.isprintable()


def unstructured(name: str, value: str, utf8: bool, *, subject: bool = False) -> str:
    """An unstructured field (RFC 5322 3.2.5), whitespace kept as given. A word that
    looks like an encoded word is encoded, so it reads back as given. subject: also
    encode words too long for a line (other fields may be structured, such as
    List-Unsubscribe's URLs, and keep theirs whole)."""
    if len(name) + len(value) + 2 <= MAX_LINE and _plain_text(value, utf8) and "=?" not in value:
        return f"{name}: {value}\r\n"
    f = Field(name)
    pieces = _PIECES.findall(value)
    tail = value[len(value.rstrip(" \t")) :] if pieces else value
    run: list[str] = []  # words to encode together, with the whitespace between them
    run_space = " "
    first = True

    def flush() -> None:
        nonlocal first
        for i, w in enumerate(encoded_words("".join(run))):
            f.add(w, " " if first or i else run_space)
            first = False
        run.clear()

    for space, word in pieces:
        encode = (
            not _plain_text(word, utf8)
            or ("=?" in word and _LOOKS_ENCODED.search(word) is not None)
            or (subject and len(word) > MAX_LINE - 2)
        )
        if encode:
            if run:
                run.append(space)
            else:
                run_space = space
            run.append(word)
            continue
        if run:
            flush()
        f.add(word, " " if first else space)
        first = False
    if run:
        flush()
    if tail:
        f.add(tail, "")
    return f.text()


def phrase(name: str, utf8: bool) -> list[str]:
    """A display name as words (RFC 5322 3.2.5 phrase), separated by single spaces."""
    if not name:
        return []
    if _plain_text(name, utf8) and _LOOKS_ENCODED.search(name) is None:
        words = name.split(" ")
        atom = _ATOM_UTF8 if utf8 else _ATOM
        if all(atom.fullmatch(w) for w in words):
            return words
        quoted = quoted_string(name)
        if len(quoted) <= MAX_LINE - 2:
            return [quoted]
    return encoded_words(name)


def address_field(name: str, mailboxes: list[tuple[str, str]], utf8: bool) -> str:
    """An address list field from (display name, addr-spec) pairs, folded between words."""
    f = Field(name)
    last = len(mailboxes) - 1
    for i, (display, spec) in enumerate(mailboxes):
        words = [*phrase(display, utf8), f"<{spec}>"] if display else [spec]
        if i < last:
            words[-1] += ","
        for w in words:
            f.add(w)
    return f.text()


def words_field(name: str, words: list[str]) -> str:
    """A field of space-separated words (References, In-Reply-To), folded between them."""
    f = Field(name)
    for w in words:
        f.add(w)
    return f.text()


def param_field(name: str, value: str, params: list[tuple[str, str]]) -> str:
    """Content-Type or Content-Disposition: value; params, folded between parameters."""
    f = Field(name)
    f.add(value + (";" if params else ""))
    for i, (key, val) in enumerate(params):
        pieces = _param(key, val)
        for j, piece in enumerate(pieces):
            more = i < len(params) - 1 or j < len(pieces) - 1
            f.add(piece + (";" if more else ""))
    return f.text()


def _param(key: str, value: str) -> list[str]:
    if value.isascii() and value.isprintable() and len(value) <= _QUOTED_PARAM_MAX and "=?" not in value:
        return [f"{key}={quoted_string(value)}"]
    enc = "".join(_PCT[b] for b in value.encode())
    if len(enc) <= _CONTINUATION:
        return [f"{key}*=utf-8''{enc}"]
    chunks: list[str] = []
    start = 0
    while start < len(enc):
        end = min(len(enc), start + _CONTINUATION)
        pct = enc.rfind("%", end - 2, end)  # never split a %XX triple
        if pct > start and end < len(enc):
            end = pct
        chunks.append(enc[start:end])
        start = end
    return [f"{key}*{n}*=" + ("utf-8''" if n == 0 else "") + c for n, c in enumerate(chunks)]


def date_value(dt: datetime) -> str:
    """An RFC 5322 3.3 date-time; dt must carry a time zone."""
    off = dt.utcoffset()
    minutes = int(off.total_seconds()) // 60 if off is not None else 0
    sign = "-" if minutes < 0 else "+"
    h, m = divmod(abs(minutes), 60)
    return (
        f"{_DAYS[dt.weekday()]}, {dt.day:02d} {_MONTHS[dt.month - 1]} {dt.year:04d}"
        f" {dt.hour:02d}:{dt.minute:02d}:{dt.second:02d} {sign}{h:02d}{m:02d}"
    )


def boundary() -> str:
    """A multipart boundary: "=_" cannot occur in quoted-printable or base64 text, and
    96 random bits make it as unlikely in any other part."""
    return "=_" + token_hex(12)


def _seven_bit(text: str) -> bool:
    return text.isascii() and not _CONTROL.search(text) and max(map(len, text.split("\n"))) <= 76


def text_body(text: str) -> tuple[str, bytes]:
    """A text body as (Content-Transfer-Encoding, CRLF bytes ending in a line break).
    Line ends of any kind become CRLF."""
    norm = text.replace("\r\n", "\n").replace("\r", "\n")
    if not norm.endswith("\n"):
        norm += "\n"
    if _seven_bit(norm):
        return "7bit", norm.encode().replace(b"\n", b"\r\n")
    qp = binascii.b2a_qp(norm.encode(), istext=True)
    if not qp.endswith(b"\n"):
        qp += b"\n"
    return "quoted-printable", qp.replace(b"\n", b"\r\n")


def base64_body(data: bytes) -> bytes:
    """data in base64, lines of 76 characters ending in CRLF."""
    return base64.encodebytes(data).replace(b"\n", b"\r\n")
