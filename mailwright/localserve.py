"""``mailwright localserve``: a complete service on localhost for application development.

First start initializes the directory: domain ``localhost``, account ``dev`` with
address ``dev@localhost`` and password ``mailwright``, and a self-signed
certificate. Mail for any address at any domain lands in dev's Inbox (the account is
the catch-all for every domain that is not configured), so an application can send
anywhere and see the result. Listeners are on 127.0.0.1 at ports-base + 25 (SMTP),
+587 (submission), +465 (submissions, implicit TLS), +80 (HTTP), +143 (IMAP, STARTTLS
optional on loopback) and +993 (IMAPS).
"""

from __future__ import annotations

from pathlib import Path

import platformdirs

from mailwright.config import Config, Listener, Outbound, SenderAuth, TLSFiles, WebhooksConfig
from mailwright.runtime import Runtime
from mta.store import Store
from mta.tls import make_self_signed

ACCOUNT = "dev"
ADDRESS = "dev@localhost"
PASSWORD = "mailwright"  # noqa: S105 - the documented development password
DEFAULT_PORTS_BASE = 1000


def default_dir() -> Path:
    return Path(platformdirs.user_data_dir("mailwright")) / "localserve"


def prepare(data_dir: Path, ports_base: int) -> Config:
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
    host = "127.0.0.1"
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
        outbound=Outbound(mode="loopback"),
        # Mail from the developer's own machine: SPF/DKIM/DMARC would only say "none".
        sender_auth=SenderAuth(verify=False),
        # An application under development receives its webhooks on localhost.
        webhooks=WebhooksConfig(allow_private=True),
    )


def banner(rt: Runtime) -> str:
    p = rt.ports
    d = rt.config.data_dir
    smtp, sub, subs, http = p.get("smtp"), p.get("submission"), p.get("submissions"), p.get("http")
    imap, imaps = p.get("imap"), p.get("imaps")
    send = (
        f"import smtplib; smtplib.SMTP('127.0.0.1', {smtp}).sendmail("
        "'me@example.com', ['anyone@example.org'], b'Subject: hi\\r\\n\\r\\nhello\\r\\n')"
    )
    read = (
        f"import imaplib; m = imaplib.IMAP4('127.0.0.1', {imap}); m.login('{ADDRESS}', '{PASSWORD}');"
        " print(m.select('INBOX'))"
    )
    return f"""
Mailwright localserve is running; Ctrl-C stops it.

  data directory   {d}
  account          {ACCOUNT}   login {ADDRESS}   password {PASSWORD}
  SMTP             127.0.0.1:{smtp}    mail for any address at any domain lands in {ACCOUNT}'s Inbox
  submission       127.0.0.1:{sub}    STARTTLS; AUTH SCRAM-SHA-256, PLAIN, LOGIN (TLS optional on loopback)
  submissions      127.0.0.1:{subs}    implicit TLS, self-signed certificate {d}/tls/cert.pem
  IMAP             127.0.0.1:{imap}    login {ADDRESS}; STARTTLS, or plain on loopback
  IMAPS            127.0.0.1:{imaps}    implicit TLS, the same certificate
  HTTP API         http://127.0.0.1:{http}/v1/    docs: http://127.0.0.1:{http}/docs

Try it:
  swaks --server 127.0.0.1:{smtp} --to anyone@example.org
  python3 -c "{send}"
  swaks --server 127.0.0.1:{sub} --auth-user {ADDRESS} --auth-password {PASSWORD} \\
        --from {ADDRESS} --to someone@example.net
  curl http://127.0.0.1:{http}/health
  python3 -c "{read}"
"""
