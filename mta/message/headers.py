"""A message's header section as an email.message.Message (RFC 5322 section 2.2), fast.

parse_headers(data) gives the header fields that
``email.parser.BytesHeaderParser(policy=compat32).parsebytes(data)`` gives, the same
names and raw values in the same order, and the same Unix From line, so everything
the email package offers on a Message (get_all, get_params, get_content_type, the
unknown-8bit handling of raw 8-bit values) works on it unchanged. It does not run the
feed parser's machinery for it: that parser, built to take a message in pieces and
find its body, cost more than the rest of storing a small message.

Not kept: the parser's defects (no caller reads them) and the payload, the text after
the header section, which a header parser leaves unparsed and no caller reads.

The Message is a HeaderFields, whose get, get_all and ``in`` look a name up in an
index of the fields instead of lower-casing every field name for every lookup (a
delivered message's structure and envelope take about fifteen lookups).
"""

from __future__ import annotations

import io
import re
from email.message import Message
from typing import Any

# A line the feed parser takes as part of the header section (email.feedparser.headerRE):
# the Unix From line, a field name and colon, or a continuation.
_HEADER_LINE = re.compile(r"From |[\041-\071\073-\176]*:|[\t ]")


class HeaderFields(Message):
    """A Message whose field lookups use an index by lower-cased name. The index is
    made again whenever the field list is no longer the one it was made from."""

    _index: dict[str, list[tuple[str, Any]]] | None = None
    # The list indexed (kept, so that a new list cannot reuse its id) and its length:
    # the email package appends to the list or replaces it, and changes a field in
    # place only in replace_header.
    _indexed: tuple[list[tuple[str, Any]] | None, int] = (None, -1)

    def _fields(self) -> dict[str, list[tuple[str, Any]]]:
        headers: list[tuple[str, Any]] = self._headers  # type: ignore[attr-defined]
        if self._index is None or self._indexed[0] is not headers or self._indexed[1] != len(headers):
            index: dict[str, list[tuple[str, Any]]] = {}
            for k, v in headers:
                index.setdefault(k.lower(), []).append((k, v))
            self._index, self._indexed = index, (headers, len(headers))
        return self._index

    def get(self, name: str, failobj: Any = None) -> Any:
        found = self._fields().get(name.lower())
        if not found:
            return failobj
        k, v = found[0]
        return self.policy.header_fetch_parse(k, v)

    def get_all(self, name: str, failobj: Any = None) -> Any:
        found = self._fields().get(name.lower())
        if not found:
            return failobj
        return [self.policy.header_fetch_parse(k, v) for k, v in found]

    def __contains__(self, name: str) -> bool:
        return name.lower() in self._fields()

    def replace_header(self, _name: str, _value: Any) -> None:
        self._index = None  # changes a field in place: same list, same length
        super().replace_header(_name, _value)


def parse_headers(data: bytes) -> Message:
    """The header fields at the start of data (a header section, or a whole message)."""
    msg = HeaderFields()
    end = data.find(b"\r\n\r\n")
    if end >= 0:
        data = data[: end + 4]  # the section ends there at the latest: the body is not decoded
    # Lines as the feed parser cracks them: at \r\n, \r or \n, each keeping its end;
    # read one at a time, so that a body after the section is not split into lines.
    text = io.StringIO(data.decode("ascii", "surrogateescape"), newline="")
    header_lines = []
    while line := text.readline():
        if not _HEADER_LINE.match(line):
            break  # the empty line that ends the section, or the body's first line
        header_lines.append(line)
    last: list[str] = []  # the lines of the field being collected
    for lineno, line in enumerate(header_lines):
        if line[0] in " \t":
            if last:
                last.append(line)
            continue  # a continuation before any field is dropped
        if last:
            _add(msg, last)
            last = []
        if line.startswith("From "):
            if lineno == 0:
                msg.set_unixfrom(line.rstrip("\r\n"))
                continue
            if lineno == len(header_lines) - 1:
                return msg  # the body's first line, not a field
            continue  # a misplaced envelope line is dropped
        if line.find(":") == 0:
            continue  # a field without a name is dropped
        last = [line]
    if last:
        _add(msg, last)
    return msg


def _add(msg: Message, lines: list[str]) -> None:
    """One field from its lines, as compat32's header_source_parse makes it."""
    name, value = lines[0].split(":", 1)
    value = value.lstrip(" \t") + "".join(lines[1:])
    msg.set_raw(name, value.rstrip("\r\n"))
