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
"""

from __future__ import annotations

import io
import re
from email.message import Message

# A line the feed parser takes as part of the header section (email.feedparser.headerRE):
# the Unix From line, a field name and colon, or a continuation.
_HEADER_LINE = re.compile(r"From |[\041-\071\073-\176]*:|[\t ]")


def parse_headers(data: bytes) -> Message:
    """The header fields at the start of data (a header section, or a whole message)."""
    msg = Message()
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
