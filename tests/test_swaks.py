"""swaks, a real SMTP client from Debian (installed by `make test`), against the server."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from tests.conftest import PASSWORD, ServerThread
from tests.helpers import inbox, wait_for

pytestmark = pytest.mark.skipif(shutil.which("swaks") is None, reason="swaks not installed (make test installs it)")


def swaks(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["swaks", "--hide-informational", *args], capture_output=True, text=True, timeout=60)


def test_swaks_delivery(server: ServerThread) -> None:
    r = swaks("--server", f"127.0.0.1:{server.port('smtp')}", "--from", "s@remote.example", "--to", "alice@example.com")
    assert r.returncode == 0, r.stdout + r.stderr
    [(m, raw)] = inbox(server.store, "alice")
    assert m.subject.startswith("test ")
    assert b"X-Mailer: swaks" in raw


def test_swaks_submission_starttls_auth(server: ServerThread) -> None:
    r = swaks(
        "--server", f"127.0.0.1:{server.port('submission')}",
        "--tls",
        "--auth", "PLAIN",
        "--auth-user", "bob@example.com",
        "--auth-password", PASSWORD,
        "--from", "bob@example.com",
        "--to", "alice@example.com",
    )  # fmt: skip
    assert r.returncode == 0, r.stdout + r.stderr
    wait_for(lambda: len(inbox(server.store, "alice")) == 1)


def test_swaks_relay_refused(server: ServerThread) -> None:
    r = swaks(
        "--server", f"127.0.0.1:{server.port('smtp')}", "--from", "s@remote.example", "--to", "x@elsewhere.example"
    )
    assert r.returncode != 0
    assert "550 5.7.1" in r.stdout
