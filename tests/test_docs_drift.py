"""The docs say what the service does: examples run against localserve, claims checked against it."""

from __future__ import annotations

import contextlib
import io
import re
import smtplib
from pathlib import Path

import httpx

from mailwright.localserve import DEFAULT_PORTS_BASE
from tests.conftest import ServerThread
from tests.helpers import inbox, wait_for

DOCS = Path(__file__).parent.parent / "docs"
README = Path(__file__).parent.parent / "README.md"
LOCALSERVE_OFFSETS = (25, 80, 143, 465, 587, 993)


def test_imap_python_example_acts_on_every_message_found(localserve: ServerThread) -> None:
    (block,) = re.findall(r"### Python\n\n```python\n(.*?)```", (DOCS / "imap.md").read_text(), re.DOTALL)
    with smtplib.SMTP("127.0.0.1", localserve.port("smtp"), timeout=10) as s:
        for n in (1, 2, 3):
            s.sendmail("billing@example.org", ["dev@localhost"], f"Subject: invoice {n}\r\n\r\nx\r\n".encode())
        s.sendmail("news@example.org", ["dev@localhost"], b"Subject: news\r\n\r\nx\r\n")
    wait_for(lambda: len(inbox(localserve.store, "dev")) == 4)
    with contextlib.redirect_stdout(io.StringIO()):
        exec(block.replace("1143", str(localserve.port("imap"))), {})  # the doc's own example
    assert [m.subject for m, _ in inbox(localserve.store, "dev")] == ["news"]
    archived = inbox(localserve.store, "dev", "archive")
    assert sorted(m.subject for m, _ in archived) == ["invoice 1", "invoice 2", "invoice 3"]
    assert all(m.flags & 1 for m, _ in archived)  # \Seen


def test_readme_names_the_auth_mechanisms_submission_offers(localserve: ServerThread) -> None:
    with smtplib.SMTP("127.0.0.1", localserve.port("submission"), timeout=10) as s:
        s.ehlo()
        offered = s.esmtp_features["auth"].split()
    (row,) = [line for line in README.read_text().splitlines() if line.startswith("| 1587 |")]
    named = re.findall(r"SCRAM-SHA-256|CRAM-MD5|PLAIN|LOGIN", row)
    assert named == offered, (row, offered)


def test_proxy_example_is_not_a_localserve_port() -> None:
    ports = {DEFAULT_PORTS_BASE + o for o in LOCALSERVE_OFFSETS}
    proxies = re.findall(r'proxy = "\[?([^"\]]+?)\]?:(\d+)"', (DOCS / "configuration.md").read_text())
    assert proxies
    for host, port in proxies:
        assert not (host in ("127.0.0.1", "localhost", "::1") and int(port) in ports), (host, port)


def test_webhook_receiver_install_comes_before_running_it() -> None:
    text = (DOCS / "webhooks.md").read_text()
    install = text.find("```\n.venv/bin/pip install standardwebhooks\n```")
    run = text.find("docs/examples/webhook_receiver.py 8000")
    assert 0 <= install < run


def test_reading_mail_promises_no_webmail_the_service_lacks(localserve: ServerThread) -> None:
    served = httpx.get(f"http://127.0.0.1:{localserve.port('http')}/webmail/").status_code == 200
    text = (DOCS / "reading-mail.md").read_text()
    assert served or "The webmail is built" not in text
