"""Fixtures: a real server (store, SMTP listeners, HTTP) on loopback in a background thread."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import msgspec
import pytest

from mailwright.config import Config, Listener, Outbound, SMTPLimits, TLSFiles, WebhooksConfig
from mailwright.localserve import prepare
from mailwright.runtime import Runtime, new_loop
from mta.dns import Resolver
from mta.store import Store
from mta.tls import make_self_signed
from tests.mx import SinkMX
from tests.receiver import Receiver

PASSWORD = "correct horse battery"


class FakeClock:
    """Time for the queue that tests move forward instead of sleeping."""

    def __init__(self) -> None:
        self.now = time.time()

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


class ServerThread:
    """A Runtime on its own event loop in a thread, as the service runs it."""

    def __init__(self, config: Config, resolver: Resolver | None = None, clock: FakeClock | None = None) -> None:
        from tests.mx import TableResolver

        self.config = config
        # Tests never ask the internet's DNS: an empty table unless a test brings its own.
        self.resolver = resolver or TableResolver({}, {})
        self.clock = clock
        self.loop = new_loop()  # the loop the service runs on
        self.rt: Runtime | None = None
        self._ready = threading.Event()
        self._error: BaseException | None = None
        self._stop: asyncio.Event | None = None
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        asyncio.set_event_loop(self.loop)
        self.loop.run_until_complete(self._main())

    async def _main(self) -> None:
        self._stop = asyncio.Event()
        rt = Runtime(self.config, resolver=self.resolver, clock=self.clock)
        try:
            await rt.start()
        except BaseException as e:
            self._error = e
            self._ready.set()
            return
        self.rt = rt
        self._ready.set()
        await self._stop.wait()
        await rt.stop()

    def launch(self) -> ServerThread:
        """Start the service's thread without waiting until the service has started."""
        self._thread.start()
        return self

    def start(self) -> ServerThread:
        return self.launch().started()

    def started(self) -> ServerThread:
        """Wait until the service has started (launched before); raise what stopped it."""
        self._ready.wait(30)
        if self._error is not None:
            raise self._error
        return self

    def stop(self) -> None:
        if self._stop is not None and self._thread.is_alive():
            self.loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(10)
        if self._thread.is_alive():  # say what the service is still waiting for
            import sys

            def dump() -> None:
                for t in asyncio.all_tasks(self.loop):
                    t.print_stack(file=sys.stderr)

            self.loop.call_soon_threadsafe(dump)
            self._thread.join(20)

    @property
    def store(self) -> Store:
        assert self.rt is not None and self.rt.store is not None
        return self.rt.store

    def kick(self) -> None:
        """Make the queues (outbound, webhooks) look for due work now (after advancing the clock)."""
        assert self.rt is not None and self.rt.queue is not None and self.rt.webhooks is not None
        self.loop.call_soon_threadsafe(self.rt.queue.kick)
        self.loop.call_soon_threadsafe(self.rt.webhooks.queue.kick)

    def port(self, kind: str) -> int:
        assert self.rt is not None
        return self.rt.ports[kind]


def make_config(
    data_dir: Path,
    *,
    catchall: str | None = None,
    outbound: Outbound | None = None,
    webhooks: WebhooksConfig | None = None,
    **limits: int,
) -> Config:
    cert, key = data_dir / "tls" / "cert.pem", data_dir / "tls" / "key.pem"
    if not cert.exists():
        make_self_signed(cert, key, "mail.example.com")
    host = "127.0.0.1"
    return Config(
        hostname="mail.example.com",
        data_dir=str(data_dir),
        listeners=[
            Listener(kind="smtp", address=host, port=0),
            Listener(kind="submission", address=host, port=0),
            Listener(kind="submissions", address=host, port=0),
            Listener(kind="http", address=host, port=0),
            Listener(kind="imap", address=host, port=0),
            Listener(kind="imaps", address=host, port=0),
        ],
        tls=TLSFiles(cert_file=str(cert), key_file=str(key)),
        smtp=SMTPLimits(**limits),
        catchall_account=catchall,
        outbound=outbound or Outbound(),
        webhooks=webhooks or WebhooksConfig(),
    )


def populate(data_dir: Path) -> None:
    """example.com with alice (and a +tag separator), bob, and an alias; example.net for carol."""
    store = Store.open(data_dir)
    try:
        store.add_domain("example.com")
        store.add_domain("example.net")
        store.add_account("alice", PASSWORD)
        store.add_address("alice@example.com", "alice")
        store.add_account("bob", PASSWORD)
        store.add_address("bob@example.com", "bob")
        store.add_account("carol", PASSWORD)
        store.add_address("@example.net", "carol")
        store.add_alias("team@example.com", ["alice", "bob"])
    finally:
        store.close()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    d = tmp_path / "data"
    populate(d)
    return d


@pytest.fixture
def server(data_dir: Path) -> Iterator[ServerThread]:
    from tests.mx import TableResolver

    s = ServerThread(
        make_config(data_dir, max_message_size=100_000, max_header_size=8192), resolver=TableResolver({}, {})
    ).start()
    yield s
    s.stop()


@pytest.fixture
def mx() -> Iterator[SinkMX]:
    """A remote MX (aiosmtpd on loopback) for delivery tests."""
    s = SinkMX().start()
    yield s
    s.stop()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    """A webhook receiver: a real HTTP server on loopback."""
    r = Receiver().start()
    yield r
    r.stop()


@pytest.fixture
def localserve(tmp_path: Path) -> Iterator[ServerThread]:
    """localserve's own configuration, on ports the system picks."""
    cfg = prepare(tmp_path / "localserve", 1000)
    cfg = msgspec.structs.replace(cfg, listeners=[msgspec.structs.replace(x, port=0) for x in cfg.listeners])
    s = ServerThread(cfg).start()
    yield s
    s.stop()
