"""The IMAP command grammar (RFC 9051 section 9, RFC 3501 section 9, RFC 7888 literals).

A command arrives as lines and literals: a line that ends in ``{n}`` (synchronizing),
``{n+}`` (non-synchronizing, LITERAL+/LITERAL-) or ``~{n}`` (literal8, RFC 3516) is
followed by n octets, then the command goes on with another line. The connection
reads that into a list of segments (lines without their CRLF, and Literal objects)
and this parser walks it: each method takes one grammar element at the cursor and
raises ParseError, with a message for the BAD response, when it is not there.

Literals above SPILL_BYTES are written to a temporary file while they arrive, so
a large APPEND does not sit in memory twice.
"""

from __future__ import annotations

import os
import re
import tempfile

from mta.imapserver.seqset import SeqSet, parse_seqset

SPILL_BYTES = 1024 * 1024
# A literal at the end of a line: ~{n}, {n} or {n+}.
LITERAL_AT_END = re.compile(rb"(~?)\{(\d{1,20})(\+?)\}$")

# ATOM-CHAR: any CHAR except atom-specials ( ) { SP CTL % * " \ ]
_ATOM_SPECIALS = frozenset(b'(){ %*"\\]') | frozenset(range(0, 32)) | {127}
_ASTRING_SPECIALS = _ATOM_SPECIALS - {ord("]")}
# list-mailbox may also hold % * and ].
_LIST_SPECIALS = _ATOM_SPECIALS - {ord("%"), ord("*"), ord("]")}


class ParseError(Exception):
    """The command does not follow the grammar; the text goes into a BAD response."""


class Literal:
    """The octets of one literal, in memory or (large ones) in a temporary file."""

    __slots__ = ("_data", "_path", "binary", "size")

    def __init__(self, size: int, binary: bool = False) -> None:
        self.size = size
        self.binary = binary  # literal8: may hold NUL
        self._data = b""
        self._path: str | None = None

    def open_spill(self, tmp_dir: str | None) -> int:
        """Start a temporary file for a large literal; returns its descriptor."""
        fd, self._path = tempfile.mkstemp(prefix="imap-literal-", dir=tmp_dir)
        return fd

    def set_data(self, data: bytes) -> None:
        self._data = data

    def read(self) -> bytes:
        if self._path is None:
            return self._data
        with open(self._path, "rb") as f:
            return f.read()

    def close(self) -> None:
        if self._path is not None:
            try:
                os.unlink(self._path)
            except FileNotFoundError:
                pass
            self._path = None

    def __repr__(self) -> str:
        return f"Literal({self.size})"


Segment = bytes | Literal


class Parser:
    """A cursor over one command's segments."""

    def __init__(self, segments: list[Segment]) -> None:
        self.segs = segments
        self.i = 0  # index of the current line segment
        self.pos = 0
        first = segments[0]
        assert isinstance(first, bytes)
        self.line: bytes = first

    # -- low level --

    def at_end(self) -> bool:
        return self.pos >= len(self.line) and self.i >= len(self.segs) - 1

    def peek(self) -> int:
        """The next octet of the current line, or -1 at its end."""
        return self.line[self.pos] if self.pos < len(self.line) else -1

    def peek_is(self, text: bytes) -> bool:
        return self.line[self.pos : self.pos + len(text)].upper() == text

    def take(self, text: bytes) -> bool:
        """Consume text (case-insensitively) when it comes next."""
        if self.peek_is(text):
            self.pos += len(text)
            return True
        return False

    def expect(self, text: bytes) -> None:
        if not self.take(text):
            raise ParseError(f"expected {text.decode()!r} at {self._where()}")

    def sp(self) -> None:
        if self.peek() != 32:
            raise ParseError(f"expected a space at {self._where()}")
        self.pos += 1

    def end(self) -> None:
        if not self.at_end():
            raise ParseError(f"unexpected {self._where()} at the end of the command")

    def _where(self) -> str:
        rest = self.line[self.pos : self.pos + 20]
        return repr(rest.decode("utf-8", "replace")) if rest else "end of line"

    def _literal(self) -> Literal | None:
        """The literal whose announcement {n} starts at the cursor, if one does."""
        m = LITERAL_AT_END.match(self.line, self.pos)
        if m is None or m.end() != len(self.line) or self.i + 1 >= len(self.segs):
            return None
        lit = self.segs[self.i + 1]
        assert isinstance(lit, Literal)
        nxt = self.segs[self.i + 2] if self.i + 2 < len(self.segs) else b""
        assert isinstance(nxt, bytes)
        self.i += 2
        self.line = nxt
        self.pos = 0
        return lit

    # -- tokens --

    def atom(self, specials: frozenset[int] = _ATOM_SPECIALS) -> str:
        start = self.pos
        line = self.line
        n = len(line)
        while self.pos < n and line[self.pos] not in specials:
            self.pos += 1
        if self.pos == start:
            raise ParseError(f"expected an atom at {self._where()}")
        return line[start : self.pos].decode("utf-8", "surrogateescape")

    def number(self) -> int:
        start = self.pos
        while 48 <= self.peek() <= 57:
            self.pos += 1
        if self.pos == start or self.pos - start > 20:
            raise ParseError(f"expected a number at {self._where()}")
        return int(self.line[start : self.pos])

    def nz_number(self) -> int:
        n = self.number()
        if n == 0:
            raise ParseError("expected a number greater than zero")
        return n

    def number64(self) -> int:
        n = self.number()
        if n >= 2**63:
            raise ParseError("number out of range")
        return n

    def quoted_bytes(self) -> bytes:
        if self.peek() != 34:
            raise ParseError(f"expected a quoted string at {self._where()}")
        self.pos += 1
        out = bytearray()
        line = self.line
        while True:
            if self.pos >= len(line):
                raise ParseError("unterminated quoted string")
            c = line[self.pos]
            self.pos += 1
            if c == 34:
                return bytes(out)
            if c == 92:
                if self.pos >= len(line) or line[self.pos] not in (34, 92):
                    raise ParseError('only \\" and \\\\ may be escaped in a quoted string')
                c = line[self.pos]
                self.pos += 1
            out.append(c)

    def string_bytes(self) -> bytes:
        """A quoted string or a literal, as octets."""
        if self.peek() == 34:
            return self.quoted_bytes()
        lit = self._literal()
        if lit is None:
            raise ParseError(f"expected a string at {self._where()}")
        return lit.read()

    def literal_or_none(self) -> Literal | None:
        return self._literal()

    def astring_bytes(self) -> bytes:
        c = self.peek()
        if c == 34:
            return self.quoted_bytes()
        if c in (123, 126):
            return self.string_bytes()
        return self.atom(_ASTRING_SPECIALS).encode("utf-8", "surrogateescape")

    def astring(self) -> str:
        return _text(self.astring_bytes())

    def string(self) -> str:
        return _text(self.string_bytes())

    def nstring(self) -> str | None:
        if self.take(b"NIL"):
            return None
        return self.string()

    def list_mailbox(self) -> str:
        c = self.peek()
        if c == 34 or c in (123, 126):
            return self.string()
        return self.atom(_LIST_SPECIALS)

    def seqset(self) -> SeqSet:
        if self.take(b"$"):
            return SeqSet.saved()
        start = self.pos
        line = self.line
        while self.pos < len(line) and line[self.pos] in b"0123456789:*,":
            self.pos += 1
        if self.pos == start:
            raise ParseError(f"expected a sequence set at {self._where()}")
        try:
            return parse_seqset(line[start : self.pos].decode())
        except ValueError as e:
            raise ParseError(str(e)) from None

    def flag(self) -> str:
        if self.peek() == 92:  # \
            self.pos += 1
            if self.take(b"*"):
                return "\\*"
            return "\\" + self.atom()
        return self.atom()

    def flag_list(self) -> list[str]:
        """( flag *(SP flag) ), or a single flag where the grammar allows that."""
        if not self.take(b"("):
            return [self.flag()]
        out: list[str] = []
        if self.take(b")"):
            return out
        while True:
            out.append(self.flag())
            if self.take(b")"):
                return out
            self.sp()

    def paren_list(self, item: str = "atom") -> list[str]:
        """( a b c ) of atoms or astrings."""
        self.expect(b"(")
        out: list[str] = []
        if self.take(b")"):
            return out
        while True:
            out.append(self.astring() if item == "astring" else self.atom())
            if self.take(b")"):
                return out
            self.sp()

    def date(self) -> str:
        """date = date-text / DQUOTE date-text DQUOTE (d-MMM-yyyy)."""
        if self.peek() == 34:
            return self.quoted_bytes().decode("ascii", "replace")
        return self.atom()


def _text(b: bytes) -> str:
    return b.decode("utf-8", "surrogateescape")


def tag_of(first_line: bytes) -> str:
    """The tag of a command line, for answering a command that could not be read; '*' if none."""
    end = 0
    while end < len(first_line) and first_line[end] not in _ASTRING_SPECIALS and first_line[end] != ord("+"):
        end += 1
    return first_line[:end].decode("ascii", "replace") if end else "*"
