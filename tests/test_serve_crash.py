"""`mailwright serve --config` as a process: killed with SIGKILL after accepting, nothing is
lost; killed while delivering, a local recipient gets the message once and a remote
delivery cut off after DATA says it may be a duplicate."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx

from mta.store import Store
from tests.conftest import PASSWORD, populate
from tests.helpers import inbox, wait_for
from tests.mx import SinkMX, free_port
from tests.receiver import Receiver

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

[webhooks]
allow_private = true
"""


def serve(config: Path, output: list[str] | None = None) -> subprocess.Popen[str]:
    """Start serve and wait for it to say so; with `output`, its lines keep being
    collected there (read by a thread) while it runs."""
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
            if output is not None:
                threading.Thread(target=output.extend, args=(iter(proc.stdout.readline, ""),), daemon=True).start()
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


# Fault injection in the database itself: marking a recipient delivered fails, as if the
# process had died just before that commit (the mailbox insert, if it was a commit of
# its own, has happened; the queue row still says the recipient is due).
NO_OUTCOME = """
CREATE TRIGGER no_outcome BEFORE UPDATE OF state ON outbound WHEN NEW.state = 'delivered'
BEGIN SELECT RAISE(ABORT, 'injected: the process dies before the outcome commits'); END
"""


def test_sigkill_before_the_outcome_commits_stores_a_local_message_once(tmp_path: Path) -> None:
    """Local delivery (a recipient of the server's own domain) is exactly once across a
    crash: the message is stored in the transaction that marks the recipient delivered,
    so a restart neither stores a second copy nor fires a second `incoming` event."""
    populate(tmp_path / "data")
    db = tmp_path / "data" / "mailwright.db"
    with sqlite3.connect(db) as c:
        c.execute(NO_OUTCOME)
    receiver = Receiver().start()
    http = free_port()
    cfg = tmp_path / "mailwright.toml"
    cfg.write_text(CONFIG.format(smtp=free_port(), http=http, relay=free_port()))
    api = f"http://127.0.0.1:{http}"
    bob = ("bob@example.com", PASSWORD)
    out: list[str] = []
    proc = serve(cfg, out)
    try:
        r = httpx.put(f"{api}/v1/webhooks", json={"incoming_url": receiver.url("/in")}, auth=bob)
        assert r.status_code == 200, r.text
        r = httpx.post(
            f"{api}/v1/send",
            json={"to": [{"address": "bob@example.com"}], "subject": "once", "text": "x"},
            auth=("alice@example.com", PASSWORD),
        )
        assert r.status_code == 202
        oid = r.json()["submissions"][0]["outbound_id"]
        wait_for(lambda: any("delivery failed unexpectedly" in line for line in list(out)), timeout=20)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
    with sqlite3.connect(db) as c:
        c.execute("DROP TRIGGER no_outcome")
    proc = serve(cfg)
    try:

        def state() -> str:
            s: str = httpx.get(f"{api}/v1/outbound/{oid}", auth=("alice@example.com", PASSWORD)).json()["state"]
            return s

        wait_for(lambda: state() == "delivered", timeout=20)
        # The outcome commits with the message and its event: what exists now is all there will be.
        calls = httpx.get(f"{api}/v1/webhook-deliveries", params={"event": "incoming"}, auth=bob).json()["items"]
        wait_for(lambda: len(receiver.at("/in")) >= 1)
    finally:
        proc.send_signal(signal.SIGINT)
        out_text, _ = proc.communicate(timeout=30)
        receiver.stop()
    assert proc.returncode == 0 and "Traceback" not in out_text
    store = Store.open(tmp_path / "data")
    try:
        copies = [m for m, _ in inbox(store, "bob") if m.subject == "once"]
    finally:
        store.close()
    assert len(copies) == 1
    assert len(calls) == 1 and len(receiver.at("/in")) == 1


def test_sigkill_during_data_notes_a_possible_duplicate(tmp_path: Path) -> None:
    """A remote delivery cannot be atomic with the remote server's answer: killed after
    the message data went out and before the answer was recorded, the service delivers
    again after the restart, and the attempt history says the first may have arrived."""
    populate(tmp_path / "data")
    sink = SinkMX()
    sink.hold()
    sink.start()
    http = free_port()
    cfg = tmp_path / "mailwright.toml"
    cfg.write_text(CONFIG.format(smtp=free_port(), http=http, relay=sink.port))
    alice = ("alice@example.com", PASSWORD)
    proc = serve(cfg)
    try:
        r = httpx.post(
            f"http://127.0.0.1:{http}/v1/send",
            json={"to": [{"address": "x@remote.test"}], "subject": "maybe twice", "text": "x"},
            auth=alice,
        )
        assert r.status_code == 202
        oid = r.json()["submissions"][0]["outbound_id"]
        assert sink.handler.in_data.wait(20)  # the sink has the message; its answer waits
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
    sink.release()
    proc = serve(cfg)
    try:

        def get() -> dict[str, Any]:
            d: dict[str, Any] = httpx.get(f"http://127.0.0.1:{http}/v1/outbound/{oid}", auth=alice).json()
            return d

        wait_for(lambda: get()["state"] == "delivered", timeout=20)
        detail = get()
    finally:
        proc.send_signal(signal.SIGINT)
        out, _ = proc.communicate(timeout=30)
        sink.stop()
    assert proc.returncode == 0 and "Traceback" not in out
    assert len(sink.messages) == 2  # at-least-once: the remote server got it twice
    first, second = detail["attempt_history"]
    assert first["smtp_code"] is None and first["host"] == "127.0.0.1"
    assert first["text"].startswith("possible duplicate:"), first
    assert second["smtp_code"] == 250
    assert detail["attempts"] == 2
