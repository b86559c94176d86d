"""/health is a readiness check: 503 until every listener accepts and recovery is done."""

from __future__ import annotations

import asyncio
import socket
import threading
from pathlib import Path
from typing import Any

import httpx
import msgspec
import pytest

from tests.conftest import ServerThread, make_config
from tests.helpers import wait_for
from tests.mx import free_port


def test_health_answers_503_until_every_listener_accepts(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The HTTP listener starts before the IMAP ones (the configured order); while IMAP
    is held back, /health says so, and /health/live says the process runs."""
    from mta.imapserver import start_imap_listener as real

    gate = threading.Event()

    async def held(*args: Any, **kw: Any) -> Any:
        await asyncio.to_thread(gate.wait, 30)
        return await real(*args, **kw)

    monkeypatch.setattr("mailwright.runtime.start_imap_listener", held)
    http = free_port()
    cfg = make_config(data_dir)
    listeners = [msgspec.structs.replace(x, port=http) if x.kind == "http" else x for x in cfg.listeners]
    s = ServerThread(msgspec.structs.replace(cfg, listeners=listeners)).launch()
    base = f"http://127.0.0.1:{http}"
    try:

        def answers() -> bool:
            try:
                httpx.get(base + "/health")
                return True
            except httpx.TransportError:
                return False

        wait_for(answers, 30)
        r = httpx.get(base + "/health")
        assert r.status_code == 503, r.text
        h = r.json()
        assert h["status"] == "unavailable" and h["database"] == "ok" and h["recovery"] == "running"
        state = {x["kind"]: x["accepting"] for x in h["listeners"]}
        started = {"smtp": True, "submission": True, "submissions": True, "http": True}
        assert state == {**started, "imap": False, "imaps": False}
        assert httpx.get(base + "/health/live").json() == {"status": "ok"}
        gate.set()
        rt = s.started().rt
        assert rt is not None
        r = httpx.get(base + "/health")
        assert r.status_code == 200, r.text
        h = r.json()
        assert h["status"] == "ok" and h["recovery"] == "done"
        assert {x["kind"]: x["port"] for x in h["listeners"]} == rt.ports
        assert all(x["accepting"] for x in h["listeners"])
        for x in h["listeners"]:  # each one named accepting does accept
            socket.create_connection((x["address"], x["port"]), timeout=5).close()
    finally:
        gate.set()
        s.stop()


def test_health_answers_503_when_a_listener_stops_accepting(server: ServerThread) -> None:
    base = f"http://127.0.0.1:{server.port('http')}"
    assert httpx.get(base + "/health").status_code == 200
    assert server.rt is not None
    smtp = server.rt.smtp[0]
    server.loop.call_soon_threadsafe(smtp.server.close)
    wait_for(lambda: not smtp.server.is_serving())
    r = httpx.get(base + "/health")
    assert r.status_code == 503
    [closed] = [x for x in r.json()["listeners"] if not x["accepting"]]
    assert (closed["kind"], closed["port"]) == ("smtp", smtp.port)
    assert httpx.get(base + "/health/live").status_code == 200
