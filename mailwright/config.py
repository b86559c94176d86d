"""The static configuration file of ``mailwright serve`` (TOML, decoded into msgspec Structs).

Only what must be known before the database opens lives here: host name, listeners,
data directory, TLS files, limits. Domains, accounts and addresses are in the
database. Unknown keys are errors, so a typo never silently falls back to a
default; every error names the file, the key and what is wrong.

Example::

    hostname = "mail.example.org"
    data_dir = "/var/lib/mailwright"

    [tls]
    cert_file = "/etc/mailwright/fullchain.pem"
    key_file = "/etc/mailwright/privkey.pem"

    [[listeners]]
    kind = "smtp"
    port = 25

    [[listeners]]
    kind = "submission"
    port = 587

    [[listeners]]
    kind = "http"
    address = "127.0.0.1"
    port = 8080
"""

from __future__ import annotations

import ipaddress
import re
import tomllib
from pathlib import Path
from typing import Literal, get_args

import msgspec

from mta.smtp.address import AddressError, normalize_domain

ListenerKind = Literal["smtp", "submission", "submissions", "http", "imap", "imaps"]
LogLevel = Literal["debug", "info", "warning", "error"]


class ConfigError(Exception):
    pass


class TLSFiles(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    cert_file: str
    key_file: str


class Listener(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    kind: ListenerKind
    port: int
    address: str = "0.0.0.0"


class SMTPLimits(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    max_message_size: int = 50 * 1024 * 1024
    max_header_size: int = 256 * 1024
    max_recipients: int = 1000
    timeout_seconds: float = 300.0


class SenderAuth(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    # SPF, DKIM and DMARC of mail received on smtp listeners, recorded with each message.
    verify: bool = True
    timeout_seconds: float = 10.0  # for all three together; unfinished checks are temperror


class Outbound(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    # direct: MX delivery; loopback: everything back into local accounts (localserve).
    mode: Literal["direct", "loopback"] = "direct"
    mx_port: int = 25  # port of remote MX hosts (other than 25 only for testing)
    concurrency: int = 32
    per_domain: int = 4
    max_age_hours: float = 120.0
    first_retry_seconds: float = 450.0  # then doubling, up to max_retry_seconds
    max_retry_seconds: float = 8 * 3600.0
    delayed_dsn_after_hours: float = 4.0  # still not delivered: one "delayed" DSN to the sender
    retention_days: float = 14.0  # retired recipients (delivered, failed, ...) are kept this long


class WebhooksConfig(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    # Webhook URLs resolving to loopback/private/link-local addresses are refused unless true.
    allow_private: bool = False
    timeout_seconds: float = 10.0
    concurrency: int = 32  # calls at once, all URLs
    per_url: int = 4  # calls at once to one URL
    retention_days: float = 14.0  # finished calls are kept in the history this long


class TransportConfig(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    # direct: to the MX (through `proxy` if given, a SOCKS5 host:port);
    # smtp: relay to host:port; submission: to host:port with AUTH.
    kind: Literal["direct", "smtp", "submission"]
    host: str = ""  # a name, an IPv4 address or an IPv6 address, each optionally with :port ([v6]:port)
    port: int = 0  # default: 25 for smtp, 587 for submission (465 with tls = "implicit")
    tls: Literal["opportunistic", "starttls", "implicit", "none"] = "opportunistic"
    verify_tls: bool = True
    username: str = ""
    password: str = ""
    proxy: str = ""  # direct only: SOCKS5 proxy host:port
    proxy_username: str = ""
    proxy_password: str = ""


class SessionsConfig(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    # Browser sessions (POST /v1/sessions): idle time that ends one, and its longest life.
    idle_timeout_minutes: float = 30.0
    lifetime_hours: float = 12.0


class RouteConfig(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    transport: str
    account: str = ""
    from_domain: str = ""
    to_domain: str = ""
    min_attempt: int = 0


class Config(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    hostname: str
    data_dir: str
    listeners: list[Listener]
    tls: TLSFiles | None = None
    smtp: SMTPLimits = SMTPLimits()
    sender_auth: SenderAuth = SenderAuth()
    outbound: Outbound = Outbound()
    webhooks: WebhooksConfig = WebhooksConfig()
    sessions: SessionsConfig = SessionsConfig()
    transports: dict[str, TransportConfig] = msgspec.field(default_factory=dict)
    routes: list[RouteConfig] = msgspec.field(default_factory=list)
    log_level: LogLevel = "info"
    # Account that receives mail for every domain that is not configured
    # (localserve uses this to accept mail for any address).
    catchall_account: str | None = None


_CHOICES: dict[str, tuple[str, ...]] = {"kind": get_args(ListenerKind), "log_level": get_args(LogLevel)}

_PATH = re.compile(r"`\$(.*)`")


def _key(msg: str) -> tuple[str, str]:
    """Split msgspec's "Expected ... - at `$.a[0].b`" into (key, message)."""
    text, sep, where = msg.rpartition(" - at ")
    if not sep:
        return "", msg
    m = _PATH.search(where)
    key = m.group(1).lstrip(".") if m else where
    return key, text.replace("`", "")


def load(path: Path) -> Config:
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise ConfigError(f"{path}: cannot read: {e.strerror}") from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8 text") from None
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{path}: TOML syntax error: {e}") from None
    try:
        config = msgspec.convert(data, Config)
    except msgspec.ValidationError as e:
        key, msg = _key(str(e))
        if msg.startswith("Object contains unknown field"):
            field = msg.split("unknown field", 1)[1].strip().strip("`")
            where = f"{key}.{field}".strip(".") if key else field
            raise ConfigError(f"{path}: {where}: unknown key") from None
        if msg.startswith("Object missing required field"):
            field = msg.split("required field", 1)[1].strip().strip("`")
            where = f"{key}.{field}".strip(".") if key else field
            raise ConfigError(f"{path}: {where}: required key is missing") from None
        allowed = _CHOICES.get(key.rsplit(".", 1)[-1])
        if msg.startswith("Invalid enum value") and allowed:
            msg += f"; expected one of: {', '.join(allowed)}"
        raise ConfigError(f"{path}: {key or '(top level)'}: {msg}") from None
    return _validate(path, config)


def _validate(path: Path, c: Config) -> Config:
    def err(key: str, msg: str) -> ConfigError:
        return ConfigError(f"{path}: {key}: {msg}")

    try:
        normalize_domain(c.hostname)
    except AddressError as e:
        raise err("hostname", f"not a valid host name: {e}") from None
    if not c.listeners:
        raise err("listeners", "at least one listener is needed")
    seen: set[tuple[str, int]] = set()
    for i, lst in enumerate(c.listeners):
        if not 0 <= lst.port <= 65535:
            raise err(f"listeners[{i}].port", f"{lst.port} is not a port number (0-65535)")
        if (lst.address, lst.port) in seen and lst.port != 0:
            raise err(f"listeners[{i}]", f"{lst.address}:{lst.port} is used by another listener")
        seen.add((lst.address, lst.port))
        if lst.kind in ("submissions", "imaps") and c.tls is None:
            raise err(f"listeners[{i}].kind", f"{lst.kind} (implicit TLS) needs a [tls] section")
    for name, value in (
        ("smtp.max_message_size", c.smtp.max_message_size),
        ("smtp.max_header_size", c.smtp.max_header_size),
    ):
        if value < 1024:
            raise err(name, f"{value} is too small (at least 1024 bytes)")
    if c.smtp.max_recipients < 1:
        raise err("smtp.max_recipients", "must be at least 1")
    if not 0 < c.sender_auth.timeout_seconds <= 300:
        raise err("sender_auth.timeout_seconds", "must be more than 0 and at most 300")
    if not 1 <= c.sessions.idle_timeout_minutes <= 7 * 24 * 60:
        raise err("sessions.idle_timeout_minutes", "must be at least 1 and at most 10080 (a week)")
    if not 1 / 60 <= c.sessions.lifetime_hours <= 90 * 24:
        raise err("sessions.lifetime_hours", "must be at least 1/60 (a minute) and at most 2160 (90 days)")
    o = c.outbound
    for name, period in (
        ("outbound.first_retry_seconds", o.first_retry_seconds),
        ("outbound.max_retry_seconds", o.max_retry_seconds),
        ("outbound.delayed_dsn_after_hours", o.delayed_dsn_after_hours),
        ("outbound.max_age_hours", o.max_age_hours),
    ):
        if period <= 0:
            raise err(name, "must be more than 0")
    transports: dict[str, TransportConfig] = {}
    for name, t in c.transports.items():
        if t.kind in ("smtp", "submission") and not t.host:
            raise err(f"transports.{name}.host", f"a {t.kind} transport needs the host to relay to")
        if t.host:
            try:
                host, port = split_host_port(t.host)
            except ValueError as e:
                raise err(f"transports.{name}.host", str(e)) from None
            if port and t.port and port != t.port:
                raise err(f"transports.{name}.port", f"{t.port} contradicts the port in host {t.host!r}")
            t = msgspec.structs.replace(t, host=host, port=port or t.port)
        if not 0 <= t.port <= 65535:
            raise err(f"transports.{name}.port", f"{t.port} is not a port number (1-65535)")
        if t.kind == "submission" and not (t.username and t.password):
            raise err(f"transports.{name}", "a submission transport needs username and password")
        if t.kind == "submission" and t.tls in ("none", "opportunistic"):
            raise err(f"transports.{name}.tls", "submission sends a password: use starttls or implicit")
        if t.proxy and (t.kind != "direct" or ":" not in t.proxy):
            raise err(f"transports.{name}.proxy", "a SOCKS5 proxy is host:port, for direct transports")
        transports[name] = t
    for i, r in enumerate(c.routes):
        if r.transport not in c.transports:
            raise err(f"routes[{i}].transport", f"no transport named {r.transport!r} in [transports]")
    base = path.parent
    data_dir = str((base / c.data_dir).resolve())
    tls = c.tls
    if tls is not None:
        cert, key = (base / tls.cert_file).resolve(), (base / tls.key_file).resolve()
        for k, p in (("tls.cert_file", cert), ("tls.key_file", key)):
            if not p.is_file():
                raise err(k, f"no such file: {p}")
        tls = TLSFiles(cert_file=str(cert), key_file=str(key))
    return msgspec.structs.replace(c, data_dir=data_dir, tls=tls, transports=transports)


def split_host_port(value: str) -> tuple[str, int]:
    """("host", port) from "host", "host:port", "v6", "[v6]" or "[v6]:port"; port 0 when
    not given. A bare IPv6 address has no port: brackets say where the address ends."""
    host, port = value.strip(), ""
    if host.startswith("["):
        inner, sep, rest = host[1:].partition("]")
        if not sep or (rest and not rest.startswith(":")):
            raise ValueError(f"{value!r}: an IPv6 address is written [address] or [address]:port")
        host, port = inner, rest[1:] if rest else ""
        try:
            ipaddress.IPv6Address(host)
        except ValueError:
            raise ValueError(f"{value!r}: {host!r} is not an IPv6 address") from None
    elif host.count(":") == 1:
        host, _, port = host.partition(":")
    elif ":" in host:
        try:
            ipaddress.IPv6Address(host)
        except ValueError:
            raise ValueError(f"{value!r}: not a host, host:port or [IPv6]:port") from None
    if not host or any(ch.isspace() or ch in "/@" for ch in host):
        raise ValueError(f"{value!r}: not a host name or address")
    if port and not (port.isascii() and port.isdigit() and 0 < int(port) <= 65535):
        raise ValueError(f"{value!r}: {port!r} is not a port number (1-65535); or give it as the port key")
    if port == "" and value.strip().endswith(":"):
        raise ValueError(f"{value!r}: the port is missing after ':'; or give it as the port key")
    return host, int(port) if port else 0
