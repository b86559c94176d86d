"""HTML from mail made safe to hand to a browser, with nh3 (the ammonia sanitizer).

Scripts, event handlers, forms, frames, ``javascript:`` and other URL schemes are
removed; what remains is markup and a short list of CSS properties that only change
how text and tables look. Links get ``rel="noopener noreferrer"`` and open in a new
window. ammonia checks property names and URL schemes; the rules below are ours,
applied to each attribute as the HTML parser decoded it (entities resolved):

- A style declaration is dropped when its value calls any CSS function but colours
  and arithmetic (``url(``, ``image(``, ``image-set(``, ``expression(``, ``var(``,
  ``attr(``...), or holds a backslash escape or a comment.
- Every URL that stays is absolute, its scheme in lower case: ``http://`` and
  ``https://`` URLs are rewritten to one unambiguous form (host in lower case, numeric
  IPv4 hosts such as ``2130706433`` as the dotted address a browser would dial,
  non-ASCII hosts in punycode, unsafe characters percent-encoded), and dropped when a
  browser could read them otherwise (no ``//``, a backslash, user:password@, a bad
  host or port). Relative and scheme-relative (``//host``) URLs are dropped: in a page
  of the webmail they would reach the service's own origin. ``cid:`` stays when it
  names a Content-ID (no ``:``, ``/``, backslash, space or angle bracket in it);
  ``mailto:``, ``tel:`` and ``#fragment`` stay in links only.
- So a remote URL is always ``http://`` or ``https://`` at the start of a ``src`` or
  ``href``; only ``img src`` loads one by itself (srcset, background attributes and
  CSS URLs never survive). sanitize() lists those URLs and, when asked, removes them.

``<title>`` and other elements whose text is never shown are removed with their text.
"""

from __future__ import annotations

import ipaddress
import re
import urllib.parse
from typing import NamedTuple

import nh3

_ATTRIBUTES: dict[str, set[str]] = {
    **{tag: set(attrs) for tag, attrs in nh3.ALLOWED_ATTRIBUTES.items()},
    "*": {"style", "align", "dir", "lang", "title", "width", "height", "bgcolor", "valign"},
    "font": {"color", "face", "size"},
    "table": {"border", "cellpadding", "cellspacing", "summary"},
    "td": {"colspan", "rowspan", "nowrap"},
    "th": {"colspan", "rowspan", "nowrap", "scope"},
}
_TAGS = set(nh3.ALLOWED_TAGS) | {"font"}
# Removed with their text: never rendered (or rendered only where frames, plugins or
# scripts are off), so their words would show as stray text.
_GONE = {"script", "style", "title", "template", "iframe", "noembed", "noframes"}
_STYLE = {
    "background-color",
    "border",
    "border-bottom",
    "border-collapse",
    "border-color",
    "border-left",
    "border-right",
    "border-top",
    "color",
    "font",
    "font-family",
    "font-size",
    "font-style",
    "font-weight",
    "height",
    "line-height",
    "margin",
    "margin-bottom",
    "margin-left",
    "margin-right",
    "margin-top",
    "max-width",
    "padding",
    "padding-bottom",
    "padding-left",
    "padding-right",
    "padding-top",
    "text-align",
    "text-decoration",
    "vertical-align",
    "white-space",
    "width",
}
# The CSS functions a value may call: colours and arithmetic, none of which fetches
# (a bare parenthesis is a block, not a call).
_CSS_FUNCTIONS = {"rgb", "rgba", "hsl", "hsla", "hwb", "lab", "lch", "oklab", "oklch", "calc", "min", "max", "clamp"}
_CSS_CALL = re.compile(r"([-\w]*)\s*\(")
# Attributes allowed above that hold a URL; src is the one that loads by itself.
_URL_ATTRIBUTES = {"href", "src", "cite"}
# What browsers strip from the ends of a URL, and remove from inside it.
_URL_ENDS = "".join(map(chr, range(0x21)))
_URL_INSIDE = re.compile(r"[\t\n\r]")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
_HOST = re.compile(r"[a-z0-9._-]+")
_CID_BAD = re.compile(r"[\s:/\\<>\"]")
_PATH_SAFE = "/?#[]@!$&'()*+,;=:%~-._"


class Sanitized(NamedTuple):
    html: str
    remote: list[str]  # http(s) URLs the HTML loads by itself, in document order, each once


def sanitize(markup: str, *, block_remote: bool = False) -> Sanitized:
    """The markup with everything that could run or call home on its own removed, except
    remote images, which are listed, and removed too with block_remote."""
    remote: list[str] = []

    def attribute(tag: str, name: str, value: str) -> str | None:
        if name == "style":
            return css(value)
        if name not in _URL_ATTRIBUTES:
            return value
        url = safe_url(value, link=name == "href")
        if url is not None and name == "src" and url.startswith(("http://", "https://")):
            remote.append(url)
            return None if block_remote else url
        return url

    html = nh3.clean(
        markup,
        tags=_TAGS,
        clean_content_tags=_GONE,
        attributes=_ATTRIBUTES,
        attribute_filter=attribute,
        url_schemes={"http", "https", "mailto", "cid", "tel"},
        filter_style_properties=_STYLE,
        set_tag_attribute_values={"a": {"target": "_blank"}},
        link_rel="noopener noreferrer",
    )
    return Sanitized(html, list(dict.fromkeys(remote)))


def css(style: str) -> str | None:
    """The declarations of a style attribute that name an allowed property and fetch
    nothing; None when none is left."""
    kept = []
    for declaration in style.split(";"):
        name, colon, value = declaration.partition(":")
        name, value = name.strip().lower(), value.strip()
        if not colon or name not in _STYLE or not value or "\\" in value or "/*" in value:
            continue
        if any(f and f.lower() not in _CSS_FUNCTIONS for f in _CSS_CALL.findall(value)):
            continue
        kept.append(f"{name}:{value}")
    return ";".join(kept) or None


def safe_url(value: str, *, link: bool) -> str | None:
    """value as an absolute URL in the one form described above, or None. link: the
    value of an href, where fragments, mailto: and tel: are kept too."""
    url = _URL_INSIDE.sub("", value.strip(_URL_ENDS))
    if link and url.startswith("#"):
        return urllib.parse.quote(url, safe=_PATH_SAFE)
    m = _SCHEME.match(url)
    if m is None:
        return None  # relative: it would resolve against the page showing the mail
    scheme, rest = m.group(1).lower(), url[m.end() :]
    if scheme in ("http", "https"):
        return _web_url(scheme, rest)
    if scheme == "cid":
        cid = urllib.parse.unquote(rest)
        return None if not cid or _CID_BAD.search(cid) or not cid.isprintable() else "cid:" + rest
    if scheme in ("mailto", "tel") and link:
        return f"{scheme}:{rest}"
    return None


def _web_url(scheme: str, rest: str) -> str | None:
    if not rest.startswith("//") or "\\" in rest:
        return None  # "http:/x" is relative to an http page; a backslash reads as "/"
    end = len(rest)
    for ch in "/?#":
        i = rest.find(ch, 2)
        if i >= 0:
            end = min(end, i)
    authority, path = rest[2:end], rest[end:]
    if "@" in authority:
        return None  # user:password@, or a host hidden behind one
    if authority.startswith("["):
        inner, _, port = authority[1:].partition("]")
        if "%" in inner:
            return None  # a zone id, which browsers refuse
        try:
            host = f"[{ipaddress.IPv6Address(inner).compressed}]"
        except ValueError:
            return None
        if port and not port.startswith(":"):
            return None
        port = port[1:]
    else:
        name, _, port = authority.partition(":")
        host_or_none = _host(urllib.parse.unquote(name))
        if host_or_none is None:
            return None
        host = host_or_none
    if port:
        if not (port.isascii() and port.isdigit() and int(port) <= 65535):
            return None
        port = f":{int(port)}"
    return f"{scheme}://{host}{port}{urllib.parse.quote(path, safe=_PATH_SAFE)}"


def _host(name: str) -> str | None:
    """A host name in lower case (punycode for non-ASCII), or an IPv4 address in
    dotted form however it was written (WHATWG URL: 2130706433, 0x7f.1, 0177.0.0.1)."""
    name = name.lower()
    if not name.isascii():
        try:
            name = name.encode("idna").decode("ascii")
        except UnicodeError:
            return None
    if not _HOST.fullmatch(name):
        return None
    labels = name.split(".")
    if labels[-1] == "" and len(labels) > 1:
        labels.pop()
    last = labels[-1]
    if last.isdigit() or (last.startswith("0x") and all(c in "0123456789abcdef" for c in last[2:])):
        return _ipv4(labels)
    return name


def _ipv4(parts: list[str]) -> str | None:
    """The WHATWG IPv4 parser: up to four parts, each decimal, 0x hex or 0 octal, the
    last filling the bytes left; anything else a browser refuses, so None."""
    if len(parts) > 4:
        return None
    numbers = []
    for p in parts:
        try:
            if p[:2] == "0x":
                n = int(p[2:] or "0", 16)
            elif len(p) > 1 and p.startswith("0"):
                n = int(p[1:], 8)
            else:
                n = int(p, 10)
        except ValueError:
            return None
        numbers.append(n)
    if any(n > 255 for n in numbers[:-1]) or numbers[-1] >= 256 ** (5 - len(numbers)):
        return None
    address = numbers[-1]
    for i, n in enumerate(numbers[:-1]):
        address += n * 256 ** (3 - i)
    return str(ipaddress.IPv4Address(address))
