"""Email addresses as SMTP carries them (RFC 5321 section 4.1.2, RFC 6531).

``parse_path`` reads the ``<...>`` argument of MAIL FROM and RCPT TO: a dot-atom or
quoted-string local part, ``@``, and a domain name or address literal. Source
routes (``<@a,@b:user@c>``) are accepted and dropped, as RFC 5321 appendix C asks.
Non-ASCII local parts and domains need SMTPUTF8 (RFC 6531); domains are compared in
their IDNA A-label form, lower-cased. Local parts keep their case for display but
are compared lower-cased (as nearly every mail system does).
"""

from __future__ import annotations

import ipaddress
import re
import unicodedata

import msgspec

MAX_LOCALPART = 64
MAX_DOMAIN = 255
MAX_PATH = 256

_ATEXT = r"[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~\u0080-\U0010ffff]"
_DOT_ATOM = re.compile(rf"{_ATEXT}+(?:\.{_ATEXT}+)*")
_QUOTED = re.compile(r'"(?:[\x20\x21\x23-\x5b\x5d-\x7e\u0080-\U0010ffff]|\\[\x20-\x7e])*"')
_LABEL = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")


class AddressError(ValueError):
    pass


class Address(msgspec.Struct, frozen=True):
    localpart: str  # unquoted form
    domain: str  # A-label, lower case; '' only for the postmaster special case

    def __str__(self) -> str:
        return f"{quote_localpart(self.localpart)}@{unicode_domain(self.domain)}"

    @property
    def ascii(self) -> str:
        return f"{quote_localpart(self.localpart)}@{self.domain}"

    @property
    def key(self) -> str:
        """Comparison form: lower-cased local part, A-label domain."""
        return f"{normalize_localpart(self.localpart)}@{self.domain}"

    @property
    def is_ascii(self) -> bool:
        return self.localpart.isascii() and self.domain.isascii()


def normalize_localpart(localpart: str) -> str:
    return unicodedata.normalize("NFC", localpart).lower()


def quote_localpart(localpart: str) -> str:
    if _DOT_ATOM.fullmatch(localpart):
        return localpart
    return quoted_string(localpart)


def quoted_string(s: str) -> str:
    """s as a quoted-string (RFC 5321 4.1.2, RFC 5322 3.2.4): backslash and quote escaped."""
    escaped = s.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def normalize_domain(domain: str) -> str:
    """The A-label, lower-case form of a domain name; raises AddressError."""
    d = domain.strip().rstrip(".")
    if not d:
        raise AddressError("empty domain")
    if d.startswith("[") and d.endswith("]"):
        return _address_literal(d)
    try:
        if d.isascii():
            a = d.lower()
            if "xn--" in a:
                a.encode("ascii").decode("idna")  # validates the punycode
        else:
            a = unicodedata.normalize("NFC", d).encode("idna").decode("ascii").lower()
    except UnicodeError as e:
        raise AddressError(f"invalid international domain name {domain!r}") from e
    if len(a) > MAX_DOMAIN:
        raise AddressError("domain name too long")
    labels = a.split(".")
    for label in labels:
        if not _LABEL.match(label) and not (label.startswith("xn--") and len(label) <= 63):
            raise AddressError(f"invalid domain name {domain!r}")
    return a


def unicode_domain(domain: str) -> str:
    if "xn--" not in domain:
        return domain
    try:
        return domain.encode("ascii").decode("idna")
    except UnicodeError:
        return domain


def _address_literal(d: str) -> str:
    inner = d[1:-1]
    try:
        if inner.lower().startswith("ipv6:"):
            return f"[IPv6:{ipaddress.IPv6Address(inner[5:]).compressed}]"
        return f"[{ipaddress.IPv4Address(inner)}]"
    except ValueError as e:
        raise AddressError(f"invalid address literal {d!r}") from e


def parse_address(s: str, *, smtputf8: bool = True) -> Address:
    """Parse ``local@domain`` (no angle brackets)."""
    at = s.rfind("@")
    if at <= 0:
        raise AddressError("address must be localpart@domain")
    lp_raw, dom = s[:at], s[at + 1 :]
    if _DOT_ATOM.fullmatch(lp_raw):
        localpart = lp_raw
    elif _QUOTED.fullmatch(lp_raw):
        localpart = re.sub(r"\\(.)", r"\1", lp_raw[1:-1])
    else:
        raise AddressError(f"invalid local part {lp_raw!r}")
    if len(lp_raw.encode("utf-8", "surrogateescape")) > MAX_LOCALPART:
        raise AddressError("local part longer than 64 octets")
    if not smtputf8 and not (lp_raw.isascii() and dom.isascii()):
        raise AddressError("non-ASCII address requires SMTPUTF8")
    try:
        localpart.encode("utf-8")
    except UnicodeEncodeError as e:
        raise AddressError("address is not valid UTF-8") from e
    return Address(unicodedata.normalize("NFC", localpart), normalize_domain(dom))


def parse_path(arg: str, *, smtputf8: bool = True) -> tuple[Address | None, str]:
    """Parse ``<path> [params]`` from MAIL FROM/RCPT TO.

    Returns the address (None for the null path ``<>``) and the rest of the line
    (the ESMTP parameters). Raises AddressError with a reason.
    """
    arg = arg.strip()
    if not arg.startswith("<"):
        # Tolerate a missing pair of brackets, as many MTAs do, when there is
        # no parameter that could be confused with it.
        path, _, rest = arg.partition(" ")
        if not path:
            raise AddressError("missing address")
    else:
        end = _close_bracket(arg)
        if end < 0:
            raise AddressError("missing closing '>'")
        path, rest = arg[1:end], arg[end + 1 :]
        if rest and not rest.startswith(" "):
            raise AddressError("expected a space after '>'")
    if len(path) > MAX_PATH:
        raise AddressError("path too long")
    if path == "":
        return None, rest.strip()
    if path.startswith("@"):
        colon = path.find(":")
        if colon < 0:
            raise AddressError("invalid source route")
        path = path[colon + 1 :]
    return parse_address(path, smtputf8=smtputf8), rest.strip()


def _close_bracket(arg: str) -> int:
    in_quote = False
    i = 1
    while i < len(arg):
        c = arg[i]
        if in_quote:
            if c == "\\":
                i += 1
            elif c == '"':
                in_quote = False
        elif c == '"':
            in_quote = True
        elif c == ">":
            return i
        i += 1
    return -1


def parse_params(rest: str) -> dict[str, str]:
    """ESMTP parameters ``KEY[=VALUE]`` (RFC 5321 section 4.1.2); keys upper-cased."""
    out: dict[str, str] = {}
    for item in rest.split():
        key, eq, value = item.partition("=")
        if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9-]*", key) or (eq and not value):
            raise AddressError(f"invalid parameter {item!r}")
        key = key.upper()
        if key in out:
            raise AddressError(f"duplicate parameter {key}")
        out[key] = value
    return out
