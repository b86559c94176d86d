"""``mailwright localserve``: a complete service on localhost for application development.

First start initializes the directory: domain ``localhost``, account ``dev`` with
address ``dev@localhost`` and password ``mailwright``, and a self-signed
certificate. Mail for any address at any domain lands in dev's Inbox (the account is
the catch-all for every domain that is not configured), so an application can send
anywhere and see the result. Listeners are on 127.0.0.1 (``--listen`` chooses another
address, e.g. 0.0.0.0 in a container) at ports-base + 25 (SMTP), +587 (submission),
+465 (submissions, implicit TLS), +80 (HTTP), +143 (IMAP, STARTTLS optional on
loopback) and +993 (IMAPS). Recipients like ``x-permerror@`` simulate remote failures
(mta.queue.loopback); ``fast_retries`` makes the retry schedule seconds, not hours.
Each start prints a one-click login link for ``dev`` (a single-use token, for a browser
on this machine, valid LOGIN_LINK_SECONDS; api.login_links).
"""

from __future__ import annotations

import ipaddress
from pathlib import Path

import platformdirs

from mailwright.config import Config, Listener, Outbound, SenderAuth, TLSFiles, WebhooksConfig
from mailwright.runtime import Runtime
from mta.queue.loopback import SIMULATION_RULES
from mta.store import Store
from mta.tls import make_self_signed

ACCOUNT = "dev"
ADDRESS = "dev@localhost"
PASSWORD = "mailwright"  # noqa: S105 - the documented development password
DEFAULT_PORTS_BASE = 1000
DEFAULT_LISTEN = "127.0.0.1"
LOGIN_LINK_SECONDS = 600
# --fast-retries: the queue's schedule in seconds instead of minutes and hours.
FAST_RETRIES = Outbound(
    mode="loopback",
    first_retry_seconds=1.0,
    max_retry_seconds=8.0,
    delayed_dsn_after_hours=5 / 3600,  # 5 s
    max_age_hours=1 / 60,  # 1 min
)


def default_dir() -> Path:
    return Path(platformdirs.user_data_dir("mailwright")) / "localserve"


def is_loopback(address: str) -> bool:
    return ipaddress.ip_address(address).is_loopback


def prepare(data_dir: Path, ports_base: int, *, listen: str = DEFAULT_LISTEN, fast_retries: bool = False) -> Config:
    """Initialize data_dir on first use; return the localserve configuration."""
    data_dir.mkdir(parents=True, exist_ok=True)
    cert, key = data_dir / "tls" / "cert.pem", data_dir / "tls" / "key.pem"
    if not (cert.exists() and key.exists()):
        make_self_signed(cert, key)
    store = Store.open(data_dir)
    try:
        if store.account(ACCOUNT) is None:
            if not any(d.name == "localhost" for d in store.domains()):
                store.add_domain("localhost")
            store.add_account(ACCOUNT, PASSWORD)
            store.add_address(ADDRESS, ACCOUNT)
    finally:
        store.close()
    host = listen
    return Config(
        hostname="localhost",
        data_dir=str(data_dir),
        listeners=[
            Listener(kind="smtp", address=host, port=ports_base + 25),
            Listener(kind="submission", address=host, port=ports_base + 587),
            Listener(kind="submissions", address=host, port=ports_base + 465),
            Listener(kind="http", address=host, port=ports_base + 80),
            Listener(kind="imap", address=host, port=ports_base + 143),
            Listener(kind="imaps", address=host, port=ports_base + 993),
        ],
        tls=TLSFiles(cert_file=str(cert), key_file=str(key)),
        catchall_account=ACCOUNT,
        outbound=FAST_RETRIES if fast_retries else Outbound(mode="loopback"),
        # Mail from the developer's own machine: SPF/DKIM/DMARC would only say "none".
        sender_auth=SenderAuth(verify=False),
        # An application under development receives its webhooks on localhost.
        webhooks=WebhooksConfig(allow_private=True),
    )


def _local_host(rt: Runtime) -> str:
    """Where a client on this machine connects: the listen address, or loopback for "any"
    (bracketed for a URL when IPv6)."""
    listen = rt.config.listeners[0].address
    h = "127.0.0.1" if listen == "0.0.0.0" else ("::1" if listen == "::" else listen)
    return f"[{h}]" if ":" in h else h


def login_link(rt: Runtime) -> str | None:
    """A new single-use link that logs a browser on this machine in as dev, valid for
    LOGIN_LINK_SECONDS; None when the account is gone."""
    acc = rt.store.account(ACCOUNT) if rt.store is not None else None
    if acc is None or "http" not in rt.ports:
        return None
    state = rt.app_state
    token = state.login_links.mint(acc.id, ADDRESS, state.clock() + LOGIN_LINK_SECONDS)
    return f"http://{_local_host(rt)}:{rt.ports['http']}/webmail/login?token={token}"


def banner(rt: Runtime, link: str | None = None) -> str:
    """What localserve prints once started; link: login_link's, printed when given."""
    p = rt.ports
    c = rt.config
    d = c.data_dir
    listen = c.listeners[0].address
    h = _local_host(rt).strip("[]")
    hp = _local_host(rt)
    smtp, sub, subs, http = p.get("smtp"), p.get("submission"), p.get("submissions"), p.get("http")
    imap, imaps = p.get("imap"), p.get("imaps")
    send = (
        f"import smtplib; smtplib.SMTP('{h}', {smtp}).sendmail("
        "'me@example.com', ['anyone@example.org'], b'Subject: hi\\r\\n\\r\\nhello\\r\\n')"
    )
    read = (
        f"import imaplib; m = imaplib.IMAP4('{h}', {imap}); m.login('{ADDRESS}', '{PASSWORD}');"
        " print(m.select('INBOX'))"
    )
    body = '{"to":[{"address":"someone@example.org"}],"subject":"hi","text":"hello"}'
    at = f"{listen}:" if ":" not in listen else f"[{listen}]:"
    rules = "\n".join(f"    {addr:<18} {what}" for addr, what in SIMULATION_RULES)
    retries = (
        "retries after 1, 2, 4, 8 s; delayed DSN after 5 s; gives up after 1 min (--fast-retries)"
        if c.outbound.first_retry_seconds < 60
        else "retries after 7.5 min, doubling; --fast-retries makes them seconds"
    )
    warning = (
        ""
        if is_loopback(listen)
        else f"""
  WARNING: listening on {listen}, not loopback. Anyone who can reach this address can send
  mail into the catch-all, read it over IMAP with the documented password, and use the API.
  Use it only on a private network (a container's or a VM's), never on a public one.
"""
    )
    minutes = LOGIN_LINK_SECONDS // 60
    login = (
        f"  webmail login    {link}\n                   (logs a browser on this machine in as {ACCOUNT}; once,"
        f" within {minutes} minutes)\n"
        if link
        else ""
    )
    return f"""
Mailwright localserve is running; Ctrl-C stops it.
{warning}
  data directory   {d}
  account          {ACCOUNT}   login {ADDRESS}   password {PASSWORD}
  SMTP             {at}{smtp}    mail for any address at any domain lands in {ACCOUNT}'s Inbox
  submission       {at}{sub}    STARTTLS; AUTH SCRAM-SHA-256, PLAIN, LOGIN (TLS optional on loopback)
  submissions      {at}{subs}    implicit TLS, self-signed certificate {d}/tls/cert.pem
  IMAP             {at}{imap}    login {ADDRESS}; STARTTLS, or plain on loopback
  IMAPS            {at}{imaps}    implicit TLS, the same certificate
  HTTP API         http://{hp}:{http}/v1/    docs: http://{hp}:{http}/docs
  webmail          http://{hp}:{http}/webmail/    login {ADDRESS} / {PASSWORD}
{login}
Try it:
  curl -u {ADDRESS}:{PASSWORD} -H 'content-type: application/json' \\
       -d '{body}' http://{hp}:{http}/v1/send
  swaks --server {hp}:{smtp} --to anyone@example.org
  python3 -c "{send}"
  swaks --server {hp}:{sub} --auth-user {ADDRESS} --auth-password {PASSWORD} \\
        --from {ADDRESS} --to someone@example.net
  curl http://{hp}:{http}/health
  python3 -c "{read}"

Simulated remote servers, at any domain: a recipient whose local part ends in - or +
and one of these words, or is x-<code> (customer550@ and order-421@ are delivered normally):
{rules}
  The queue {retries}.
"""
