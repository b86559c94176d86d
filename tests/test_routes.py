"""Routes and transports: smarthost relay, submission with AUTH (SCRAM), SOCKS5, per-domain and per-attempt."""

from __future__ import annotations

import asyncio
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import msgspec
import pytest

from mailwright.config import Outbound, RouteConfig, TransportConfig, load
from mta.dns import MX
from tests.conftest import PASSWORD, FakeClock, ServerThread, make_config
from tests.helpers import inbox, wait_for
from tests.mx import SinkMX, TableResolver, free_port


@pytest.fixture
def relay() -> Iterator[SinkMX]:
    s = SinkMX().start()
    yield s
    s.stop()


def resolver() -> TableResolver:
    return TableResolver({"remote.test": [MX(10, "mx.remote.test")]}, {"mx.remote.test": ["127.0.0.1"]})


def send(s: ServerThread, to: str, login: str = "alice@example.com") -> int:
    r = httpx.post(
        f"http://127.0.0.1:{s.port('http')}/v1/send",
        json={"to": [{"address": to}], "subject": "routed", "text": "x"},
        auth=(login, PASSWORD),
    )
    assert r.status_code == 202, r.text
    return int(r.json()["submissions"][0]["outbound_id"])


def state(s: ServerThread, oid: int) -> str:
    row = s.store.queue.get(oid)
    assert row is not None
    return row.state


def test_routes_pick_transports(data_dir: Path, mx: SinkMX, relay: SinkMX) -> None:
    cfg = make_config(data_dir, outbound=Outbound(mx_port=mx.port))
    cfg = msgspec.structs.replace(
        cfg,
        transports={"relay": TransportConfig(kind="smtp", host="127.0.0.1", port=relay.port, tls="none")},
        routes=[
            RouteConfig(transport="relay", to_domain="relayed.test"),
            RouteConfig(transport="relay", account="bob"),
        ],
    )
    s = ServerThread(cfg, resolver=resolver()).start()
    try:
        direct = send(s, "someone@remote.test")
        by_domain = send(s, "someone@relayed.test")  # no DNS for it: only the route can deliver it
        by_account = send(s, "other@remote.test", login="bob@example.com")
        wait_for(lambda: all(state(s, i) == "delivered" for i in (direct, by_domain, by_account)))
        assert [m.rcpt_tos for m in mx.messages] == [["someone@remote.test"]]
        assert sorted(r for m in relay.messages for r in m.rcpt_tos) == ["other@remote.test", "someone@relayed.test"]
        att = s.store.queue.attempts(by_domain)[0]
        assert att.host == "127.0.0.1" and att.code == 250
    finally:
        s.stop()


def test_smarthost_written_as_host_port_is_dialled_on_that_port(data_dir: Path, tmp_path: Path, relay: SinkMX) -> None:
    """docs/configuration.md gives a smarthost as host:port; the file is read as a user writes it."""
    toml = tmp_path / "mailwright.toml"
    toml.write_text(
        'hostname = "mail.example.com"\ndata_dir = "data"\n[[listeners]]\nkind = "smtp"\nport = 0\n'
        f'[transports.relay]\nkind = "smtp"\nhost = "127.0.0.1:{relay.port}"\ntls = "none"\n'
        '[[routes]]\ntransport = "relay"\n'
    )
    loaded = load(toml)
    cfg = msgspec.structs.replace(make_config(data_dir), transports=loaded.transports, routes=loaded.routes)
    s = ServerThread(cfg, resolver=resolver()).start()
    try:
        oid = send(s, "someone@remote.test")
        wait_for(lambda: state(s, oid) == "delivered")
        assert [m.rcpt_tos for m in relay.messages] == [["someone@remote.test"]]
    finally:
        s.stop()


def test_retries_after_the_first_go_through_a_fallback(data_dir: Path, relay: SinkMX) -> None:
    clock = FakeClock()
    down = free_port()  # nothing listens: the direct MX is unreachable
    cfg = make_config(data_dir, outbound=Outbound(mx_port=down))
    cfg = msgspec.structs.replace(
        cfg,
        transports={"fallback": TransportConfig(kind="smtp", host="127.0.0.1", port=relay.port, tls="none")},
        routes=[RouteConfig(transport="fallback", min_attempt=1)],
    )
    s = ServerThread(cfg, resolver=resolver(), clock=clock).start()
    try:
        oid = send(s, "someone@remote.test")
        wait_for(lambda: len(s.store.queue.attempts(oid)) == 1)
        clock.advance(3600)
        s.kick()
        wait_for(lambda: state(s, oid) == "delivered")
        first, second = s.store.queue.attempts(oid)
        assert first.code is None and first.enhanced == "4.4.1"
        assert second.code == 250
    finally:
        s.stop()


def test_submission_transport_authenticates_with_scram(data_dir: Path, tmp_path: Path) -> None:
    """Relay through another Mailwright's submission port, which offers SCRAM-SHA-256.

    The far server is a provider that lets account "relay" send as anyone at
    example.com, and receives mail for far.test itself.
    """
    from mta.store import Store

    far_dir = tmp_path / "far"
    st = Store.open(far_dir)
    try:
        st.add_domain("example.com")
        st.add_domain("far.test")
        st.add_account("relay", PASSWORD)
        st.add_address("relay@example.com", "relay")
        st.add_address("@example.com", "relay")
        st.add_account("inbox")
        st.add_address("@far.test", "inbox")
    finally:
        st.close()
    far = ServerThread(make_config(far_dir), resolver=TableResolver({}, {})).start()
    try:
        cfg = make_config(data_dir, outbound=Outbound())
        cfg = msgspec.structs.replace(
            cfg,
            transports={
                "provider": TransportConfig(
                    kind="submission",
                    host="127.0.0.1",
                    port=far.port("submission"),
                    tls="starttls",
                    verify_tls=False,
                    username="relay@example.com",
                    password=PASSWORD,
                )
            },
            routes=[RouteConfig(transport="provider")],
        )
        s = ServerThread(cfg, resolver=resolver()).start()
        try:
            oid = send(s, "someone@far.test")
            wait_for(lambda: state(s, oid) == "delivered")
            wait_for(lambda: len(inbox(far.store, "inbox")) == 1)
            [(_, raw)] = inbox(far.store, "inbox")
            assert b"with ESMTPSA" in raw.replace(b"\r\n\t", b" ")
        finally:
            s.stop()
        # Wrong credentials: a temporary failure naming the reason, retried later.
        bad = msgspec.structs.replace(
            cfg,
            transports={"provider": msgspec.structs.replace(cfg.transports["provider"], password="wrong password")},
        )
        s = ServerThread(bad, resolver=resolver()).start()
        try:
            oid = send(s, "someone@far.test")
            wait_for(lambda: len(s.store.queue.attempts(oid)) == 1)
            att = s.store.queue.attempts(oid)[0]
            assert state(s, oid) == "queued" and "authentication" in att.text and att.code == 535
        finally:
            s.stop()
    finally:
        far.stop()


def test_direct_through_socks5_proxy(data_dir: Path, mx: SinkMX) -> None:
    port = free_port()
    # pproxy, a SOCKS5 server from PyPI, run without uvloop (it cannot start on uvloop 0.23).
    launcher = (
        "import sys, runpy; sys.modules['uvloop'] = None; "
        f"sys.argv = ['pproxy', '-l', 'socks5://127.0.0.1:{port}']; runpy.run_module('pproxy', run_name='__main__')"
    )
    proxy = subprocess.Popen(
        [sys.executable, "-c", launcher],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
        cfg = make_config(data_dir, outbound=Outbound(mx_port=mx.port))
        cfg = msgspec.structs.replace(
            cfg,
            transports={"socks": TransportConfig(kind="direct", proxy=f"127.0.0.1:{port}")},
            routes=[RouteConfig(transport="socks")],
        )
        s = ServerThread(cfg, resolver=resolver()).start()
        try:
            oid = send(s, "someone@remote.test")
            wait_for(lambda: state(s, oid) == "delivered")
            assert [m.rcpt_tos for m in mx.messages] == [["someone@remote.test"]]
        finally:
            s.stop()
    finally:
        proxy.terminate()
        proxy.wait(10)


def test_stopping_finishes_deliveries_in_flight_and_leaves_the_rest_queued(data_dir: Path, mx: SinkMX) -> None:
    """A service stopped with a backlog finishes what it is delivering and starts
    nothing more; the rest stays queued and goes out after the next start."""
    fast = mx.handler.handle_DATA

    async def slow(server: Any, session: Any, envelope: Any) -> str:
        await asyncio.sleep(1.0)
        return await fast(server, session, envelope)

    mx.handler.handle_DATA = slow  # type: ignore[method-assign]
    cfg = make_config(data_dir, outbound=Outbound(mx_port=mx.port, concurrency=1))
    s = ServerThread(cfg, resolver=resolver()).start()
    # All due at once, so the queue takes up all eight while one can be delivered at a time.
    send_at = (datetime.now(UTC) + timedelta(seconds=1.5)).isoformat()
    ids = []
    for i in range(8):
        r = httpx.post(
            f"http://127.0.0.1:{s.port('http')}/v1/send",
            json={"to": [{"address": f"user{i}@remote.test"}], "subject": "later", "text": "x", "send_at": send_at},
            auth=("alice@example.com", PASSWORD),
        )
        assert r.status_code == 202, r.text
        ids.append(int(r.json()["submissions"][0]["outbound_id"]))
    time.sleep(2.3)  # due, and the first delivery is in its DATA
    started = time.monotonic()
    s.stop()
    assert time.monotonic() - started < 4  # eight one-second deliveries one at a time would take 7
    assert len(mx.messages) <= 2
    mx.handler.handle_DATA = fast  # type: ignore[method-assign]
    s = ServerThread(cfg, resolver=resolver()).start()
    try:
        wait_for(lambda: all(state(s, i) == "delivered" for i in ids), timeout=30)
        assert sorted(m.rcpt_tos[0] for m in mx.messages) == sorted(f"user{i}@remote.test" for i in range(8))
    finally:
        s.stop()
