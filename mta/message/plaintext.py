"""The text/plain alternative of an HTML body (RFC 2046 section 5.1.4, multipart/alternative).

A message with only an HTML body is scored as spam by common filters and is
unreadable in text-only clients, so a send with HTML and no text gets a text part
written from the HTML. This is for people to read, unlike the search index's
extractor (mta.message.body.html_to_text), which only needs the words: paragraphs
are separated by blank lines, list items get "- " or "1. ", links keep their target
as "text (https://...)", images their alt text, and <pre> its line breaks and
indentation. Written on the standard library's HTMLParser, which accepts the broken
markup mail is made of; html2text and similar packages are GPL or unmaintained.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_PARAGRAPH = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "dl",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "ul",
    }
)
_LINE = frozenset({"br", "dd", "div", "dt", "li", "tr", "caption", "figcaption"})
_SKIP = frozenset({"script", "style", "head", "title", "template", "noscript"})
_SPACE = re.compile(r"\s+")


class _Writer(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self._space = False  # the output ends with a space
        self._skip = 0
        self._pre = 0
        self._lists: list[int] = []  # per open list: 0 for <ul>, else the next number
        self._link: tuple[str, int] | None = None  # the open link: (href, where its text starts in out)

    def _text(self, s: str) -> None:
        if not s:
            return
        self.out.append(s)
        self._space = s.endswith(" ")

    def _break(self, n: int) -> None:
        if not self.out:
            return
        trailing = 0
        for chunk in reversed(self.out):
            stripped = chunk.rstrip("\n")
            trailing += len(chunk) - len(stripped)
            if stripped:
                break
        if trailing < n:
            self.out.append("\n" * (n - trailing))
        self._space = False

    def _at_line_start(self) -> bool:
        return not self.out or "".join(self.out[-2:]).endswith("\n")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self._skip += 1
            return
        if self._skip:
            return
        a = dict(attrs)
        if tag in _PARAGRAPH:
            self._break(2)
        elif tag in _LINE:
            self._break(1)
        if tag == "pre":
            self._pre += 1
        elif tag in ("ul", "ol"):
            self._lists.append(0 if tag == "ul" else 1)
        elif tag == "li":
            indent = "  " * max(0, len(self._lists) - 1)
            if self._lists and self._lists[-1]:
                self._text(f"{indent}{self._lists[-1]}. ")
                self._lists[-1] += 1
            else:
                self._text(f"{indent}- ")
        elif tag == "hr":
            self._break(2)
            self._text("----------")
            self._break(2)
        elif tag in ("td", "th") and not self._at_line_start():
            self._text("  ")
        elif tag == "img" and a.get("alt"):
            self.handle_data(str(a["alt"]))
        elif tag == "a":
            # Links do not nest (HTML parsing closes an open <a> at the next one), so each
            # output chunk belongs to at most one link and the link texts are read once.
            if self._link is not None:
                self._end_link()
            self._link = (str(a.get("href") or "").strip(), len(self.out))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in ("br", "hr", "img"):
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self._skip = max(0, self._skip - 1)
            return
        if self._skip:
            return
        if tag == "a":
            if self._link is not None:
                self._end_link()
            return
        if tag == "pre":
            self._pre = max(0, self._pre - 1)
        elif tag in ("ul", "ol") and self._lists:
            self._lists.pop()
        if tag in _PARAGRAPH:
            self._break(2)
        elif tag in _LINE and tag != "br":
            self._break(1)

    def _end_link(self) -> None:
        assert self._link is not None
        href, start = self._link
        self._link = None
        text = " ".join("".join(self.out[start:]).split())
        target = href.removeprefix("mailto:") if href.startswith("mailto:") else href
        if target and not href.startswith(("#", "javascript:")) and target != text:
            self._text(f" ({target})" if text else target)

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        if self._pre:
            self._text(data)
            return
        s = _SPACE.sub(" ", data)
        if self._space or self._at_line_start():
            s = s.lstrip(" ")
        self._text(s)


def html_to_plain(markup: str) -> str:
    """Readable text for a text/plain alternative of the HTML markup."""
    w = _Writer()
    try:
        w.feed(markup)
        w.close()
    except (AssertionError, ValueError):  # HTMLParser on pathological input
        return " ".join(re.sub(r"<[^>]*>", " ", markup).split())
    lines = [line.rstrip() for line in "".join(w.out).split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n") + "\n"
