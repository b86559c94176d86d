"""Reading a stored message's content through its cached structure (RFC 2045, RFC 2046).

Part paths are IMAP section numbers (RFC 9051 section 6.4.5): the parts of a
multipart are numbered from 1, a message that is not multipart has its one body
as part "1", and the parts of an attached message continue its number ("2.1").
The API's part downloads, the webhook payload and IMAP BODY[section] use the same
numbers.

What a reader shows is chosen here once: the text and HTML bodies are the text/plain
and text/html parts that are not attachments and not inside an attached message;
every other leaf is an attachment (inline when it is referenced from the HTML by
Content-ID). Transfer encodings are undone leniently (bad base64 characters are
skipped, as mail clients do); text is decoded from its declared charset with
decode_text, so nothing here raises on malformed mail.
"""

from __future__ import annotations

import base64
import binascii
import html
import quopri
import re
from collections.abc import Iterator
from html.parser import HTMLParser

from mta.message.structure import Part, decode_text

_NOT_BASE64 = re.compile(rb"[^A-Za-z0-9+/]")


def decoded(data: bytes, p: Part) -> bytes:
    """The body of part p with its Content-Transfer-Encoding undone."""
    raw = data[p.body_offset : p.end_offset]
    if p.encoding == "base64":
        clean = _NOT_BASE64.sub(b"", raw)
        clean = clean[: len(clean) - len(clean) % 4] if len(clean) % 4 == 1 else clean
        try:
            return base64.b64decode(clean + b"=" * (-len(clean) % 4))
        except (binascii.Error, ValueError):
            return raw
    if p.encoding == "quoted-printable":
        return quopri.decodestring(raw)
    return raw


def text_of(data: bytes, p: Part) -> str:
    """A text part as str, line ends made LF."""
    return decode_text(decoded(data, p), p.param("charset")).replace("\r\n", "\n")


def root_path(root: Part) -> str:
    """The path of a message's top part: "" for a multipart, else "1"."""
    return "" if root.parts else "1"


def children(p: Part, path: str) -> list[tuple[str, Part]]:
    """The parts directly under p (at path), with their paths: a multipart's parts, or
    the parts of an attached message (its body itself when that is not multipart)."""
    prefix = f"{path}." if path else ""
    if p.parts:
        return [(f"{prefix}{i}", c) for i, c in enumerate(p.parts, 1)]
    if p.message is not None:
        inner = p.message
        kids = inner.parts if inner.parts else [inner]
        return [(f"{prefix}{i}", c) for i, c in enumerate(kids, 1)]
    return []


def numbered(root: Part) -> Iterator[tuple[str, Part]]:
    """Every part with its path, depth first; the root multipart has the empty path."""
    stack = [(root_path(root), root)]
    while stack:
        path, p = stack.pop()
        yield path, p
        stack.extend(reversed(children(p, path)))


def find(root: Part, path: str) -> Part | None:
    """The part at an IMAP section path such as "2.1", or None."""
    if not path or not all(s.isdigit() and s[0] != "0" for s in path.split(".")):
        return None
    for p_path, p in numbered(root):
        if p_path == path:
            return p
    return None


class Layout:
    """Which parts a reader shows as the text, the HTML and the attachments."""

    def __init__(self, root: Part) -> None:
        self.text: list[Part] = []
        self.html: list[Part] = []
        self._html_alone: list[Part] = []  # HTML bodies that are no alternative of a text one
        self.attachments: list[tuple[str, Part]] = []
        self._walk(root, root_path(root), in_alternative=False)

    def _walk(self, p: Part, path: str, in_alternative: bool) -> None:
        prefix = f"{path}." if path else ""
        if p.media_type == "multipart":
            alt = p.media_subtype == "alternative"
            for i, c in enumerate(p.parts, 1):
                self._walk(c, f"{prefix}{i}", alt)
            return
        is_body = p.media_type == "text" and p.media_subtype in ("plain", "html") and p.disposition != "attachment"
        if is_body and (p.disposition == "inline" or not p.filename or in_alternative):
            (self.text if p.media_subtype == "plain" else self.html).append(p)
            if p.media_subtype == "html" and not in_alternative:
                self._html_alone.append(p)
            return
        self.attachments.append((path, p))

    @property
    def has_attachment(self) -> bool:
        """Whether there is a part a person would call an attachment: inline images
        of an HTML body (with a Content-ID) do not count."""
        return any(p.disposition == "attachment" or not p.content_id for _, p in self.attachments)

    def plain(self, data: bytes) -> str:
        """The text bodies joined, with the HTML ones made text where they are not an
        alternative of a text part (all of them when there is no text part)."""
        if not self.text:
            return "\n\n".join(html_to_text(text_of(data, p)) for p in self.html)
        texts = [text_of(data, p) for p in self.text]
        texts += [html_to_text(text_of(data, p)) for p in self._html_alone]
        return "\n\n".join(texts)


class _TextExtractor(HTMLParser):
    _BLOCK = frozenset(
        [
            "address",
            "article",
            "aside",
            "blockquote",
            "br",
            "dd",
            "div",
            "dl",
            "dt",
            "footer",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "header",
            "hr",
            "li",
            "main",
            "nav",
            "ol",
            "p",
            "pre",
            "section",
            "table",
            "td",
            "th",
            "tr",
            "ul",
        ]
    )
    _SKIP = frozenset({"script", "style", "head", "title", "template"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self._skip += 1
        elif tag in self._BLOCK:
            self.out.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP:
            self._skip = max(0, self._skip - 1)
        elif tag in self._BLOCK:
            self.out.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.out.append(data)


def html_to_text(markup: str) -> str:
    """The readable text of an HTML document: tags, scripts and styles dropped."""
    p = _TextExtractor()
    try:
        p.feed(markup)
        p.close()
    except (AssertionError, ValueError):  # HTMLParser on pathological input
        return html.unescape(re.sub(r"<[^>]*>", " ", markup))
    text = "".join(p.out)
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def snippet(text: str, length: int = 200) -> str:
    """The start of a message's text for a list view: quoted lines skipped, whitespace collapsed."""
    words: list[str] = []
    size = 0
    for line in text.split("\n"):
        if line.lstrip().startswith(">"):
            continue
        for w in line.split():
            words.append(w)
            size += len(w) + 1
            if size > length:
                return " ".join(words)[:length].rstrip() + "…"
    return " ".join(words)
