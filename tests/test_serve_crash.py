"""`mailwright serve --config` as a process: killed with SIGKILL after accepting, nothing is lost."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx

from tests.conftest import PASSWORD, populate
from tests.helpers import wait_for
from tests.mx import SinkMX, free_port

CONFIG = """
hostname = "mail.example.com"
data_dir = "data"

[[listeners]]
kind = "smtp"
address = "127.0.0.1"
port = {smtp}

[[listeners]]
kind = "http"
address = "127.0.0.1"
port = {http}

[transports.relay]
kind = "smtp"
host = "127.0.0.1"
port = {relay}
tls = "none"

[[routes]]
transport = "relay"
"""


def serve(config: Path) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "mailwright", "serve", "--config", str(config)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    assert proc.stdout is not None
    deadline = time.monotonic() + 30
    seen = []
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        seen.append(line)
        if "msg=started" in line:
            return proc
        if not line:
            break
    proc.kill()
    raise AssertionError("serve did not start:\n" + "".join(seen))


def test_sigkill_after_accept_loses_nothing(tmp_path: Path) -> None:
    populate(tmp_path / "data")
    sink = SinkMX()
    http = free_port()
    cfg = tmp_path / "mailwright.toml"
    cfg.write_text(CONFIG.format(smtp=free_port(), http=http, relay=sink.port))
    proc = serve(cfg)
    try:
        send_at = (datetime.now(UTC) + timedelta(seconds=3)).isoformat()
        r = httpx.post(
            f"http://127.0.0.1:{http}/v1/send",
            json={"to": [{"address": "x@remote.test"}], "subject": "survivor", "text": "x", "send_at": send_at},
            auth=("alice@example.com", PASSWORD),
        )
        assert r.status_code == 202
    finally:
        proc.send_signal(signal.SIGKILL)  # no shutdown at all
        proc.wait(10)
    sink.start()
    proc = serve(cfg)
    try:
        wait_for(lambda: len(sink.messages) == 1, timeout=20)
        assert sink.messages[0].rcpt_tos == ["x@remote.test"]
        assert b"Subject: survivor" in sink.messages[0].data
    finally:
        proc.send_signal(signal.SIGINT)
        out, _ = proc.communicate(timeout=30)
        sink.stop()
    assert proc.returncode == 0 and "Traceback" not in out
