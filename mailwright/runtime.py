"""Wiring: one process running the store, the SMTP listeners and the HTTP API on one event loop.

``Runtime`` starts everything a Config describes and stops it in order: listeners
first (no new work), then sessions get a grace period to finish storing a message,
then HTTP, then the store's writer drains and closes.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import socket
import ssl
import time
from collections.abc import Callable, Coroutine, Generator
from pathlib import Path
from typing import Any

import uvicorn

from api import AppState, asgi_app
from api.http11 import ProblemHttpProtocol
from api.readiness import ListenerProbe, Readiness
from mailwright.config import Config, TransportConfig
from mta.auth import Authenticator
from mta.bounces import Bounces
from mta.delivery import LocalDelivery
from mta.dns import Resolver, SystemResolver
from mta.imapserver import IMAPListener, start_imap_listener
from mta.log import get_logger
from mta.queue import OutboundEvent, Queue, QueueSettings, Submitter, Transport
from mta.queue.direct import DirectTransport
from mta.queue.loopback import LoopbackTransport
from mta.queue.relay import RelayTransport
from mta.queue.routing import Route, RoutingTransport
from mta.queue.socks import SocksProxy
from mta.queue.worker import EventHook
from mta.smtpserver import Handler, ListenerSpec, RemoteSubmission, SMTPListener, start_listener
from mta.store import Store
from mta.store.types import EnqueueRequest
from mta.tls import server_context
from webhooks import Webhooks, WebhookSettings

log = get_logger("mailwright")


class StartError(Exception):
    """The service cannot start (port in use, bad TLS files, ...); the message says why."""


class _Uvicorn(uvicorn.Server):
    # The runtime owns signals; uvicorn must not install its own handlers.
    @contextlib.contextmanager
    def capture_signals(self) -> Generator[None, None, None]:
        yield


class Runtime:
    def __init__(self, config: Config, *, resolver: Resolver | None = None, clock: Callable[[], float] | None = None):
        self.config = config
        self.resolver = resolver
        self.clock = clock
        self.queue: Queue | None = None
        self.webhooks: Webhooks | None = None
        self.event_hooks: list[EventHook] = []
        self.store: Store | None = None
        self.smtp: list[SMTPListener] = []
        self.imap: list[IMAPListener] = []
        self.http_port: int | None = None
        self._http: _Uvicorn | None = None
        self._http_task: asyncio.Task[None] | None = None
        self._reindex_task: asyncio.Task[None] | None = None
        # What /health reports: every listener, and whether recovery after the start is done.
        self.readiness = Readiness(recovery="running")

    @property
    def ports(self) -> dict[str, int]:
        out: dict[str, int] = {lst.spec.kind: lst.port for lst in self.smtp}
        out.update({lst.kind: lst.port for lst in self.imap})
        if self.http_port is not None:
            out["http"] = self.http_port
        return out

    async def start(self) -> None:
        c = self.config
        tls: ssl.SSLContext | None = None
        if c.tls is not None:
            try:
                tls = server_context(Path(c.tls.cert_file), Path(c.tls.key_file))
            except (OSError, ssl.SSLError) as e:
                raise StartError(f"cannot load TLS certificate {c.tls.cert_file}: {e}") from None
        store = Store.open(Path(c.data_dir), service=True)
        self.store = store
        try:
            await self._start(store, tls)
        except BaseException:
            await self.stop()
            raise
        assert self.queue is not None and self.webhooks is not None
        self.queue.start()
        self.webhooks.start()
        self.readiness.recovery = "done"
        self._reindex_task = asyncio.create_task(self._reindex(store))
        log.info("started", hostname=c.hostname, data_dir=c.data_dir, **{k: v for k, v in self.ports.items()})

    async def _start(self, store: Store, tls: ssl.SSLContext | None) -> None:
        c = self.config
        catchall: int | None = None
        if c.catchall_account:
            acc = store.account(c.catchall_account)
            if acc is None:
                raise StartError(f"catchall_account {c.catchall_account!r} does not exist")
            catchall = acc.id
        w = c.webhooks
        self.webhooks = Webhooks(
            store,
            WebhookSettings(
                concurrency=w.concurrency,
                per_url=w.per_url,
                timeout_s=w.timeout_seconds,
                allow_private=w.allow_private,
                retention_ms=int(w.retention_days * 24 * 3600 * 1000),
            ),
            clock=self.clock or time.time,
        )
        self.event_hooks.append(self.webhooks.outbound)
        delivery = LocalDelivery(store, c.hostname)
        delivery.on_delivered.append(self.webhooks.wake)
        local = LoopbackTransport(store, delivery, catchall, simulate=c.outbound.mode == "loopback")
        resolver = self.resolver or SystemResolver()
        transport: Transport = (
            local
            if c.outbound.mode == "loopback"
            else RoutingTransport(
                store,
                local,
                DirectTransport(resolver, c.hostname, port=c.outbound.mx_port),
                routes=self._routes(store),
                transports={
                    name: make_transport(t, c.hostname, resolver, c.outbound.mx_port)
                    for name, t in c.transports.items()
                },
            )
        )
        settings = QueueSettings(
            concurrency=c.outbound.concurrency,
            per_domain=c.outbound.per_domain,
            max_age_ms=int(c.outbound.max_age_hours * 3600 * 1000),
            first_retry_ms=int(c.outbound.first_retry_seconds * 1000),
            max_retry_ms=int(c.outbound.max_retry_seconds * 1000),
            delayed_dsn_after_ms=int(c.outbound.delayed_dsn_after_hours * 3600 * 1000),
            retention_ms=int(c.outbound.retention_days * 24 * 3600 * 1000),
        )
        self.queue = Queue(
            store,
            transport,
            delivery,
            c.hostname,
            settings=settings,
            on_event=self.on_event,
            clock=self.clock or time.time,
        )
        submitter = Submitter(store, self.queue)
        self.submitter = submitter

        async def submit_smtp(sub: RemoteSubmission) -> str:
            subs, _ = await submitter.submit(
                EnqueueRequest(
                    account_id=sub.account_id,
                    mail_from=sub.mail_from or sub.sender,
                    recipients=sub.recipients,
                    data=sub.data,
                    message_id=sub.message_id,
                    subject=sub.subject,
                    sender=sub.sender,
                    smtputf8=sub.smtputf8,
                    metadata=sub.metadata,
                )
            )
            return "queued as " + ",".join(str(s.outbound_id) for s in subs)

        authenticator = Authenticator(store)
        bounces = Bounces(store, clock=self.clock or time.time)
        bounces.on_event.append(self.webhooks.wake)
        handler = Handler(
            store,
            delivery,
            authenticator,
            hostname=c.hostname,
            catchall_account=catchall,
            max_header_size=c.smtp.max_header_size,
            max_recipients=c.smtp.max_recipients,
            submit_remote=submit_smtp,
            bounces=bounces,
            resolver=resolver if c.sender_auth.verify else None,
            auth_timeout=c.sender_auth.timeout_seconds,
        )
        self.app_state = AppState(
            store,
            c.hostname,
            submitter=submitter,
            authenticator=authenticator,
            catchall_account=catchall,
            max_message_size=c.smtp.max_message_size,
            webhooks=self.webhooks,
            readiness=self.readiness,
            session_idle_seconds=c.sessions.idle_timeout_minutes * 60,
            session_lifetime_seconds=c.sessions.lifetime_hours * 3600,
            clock=self.clock or time.time,
        )
        # Every listener is known to /health before any starts: HTTP may answer first.
        probes = [self.readiness.listener(lst.kind, lst.address, lst.port) for lst in c.listeners]
        for lst, probe in zip(c.listeners, probes, strict=True):
            if lst.kind == "http":
                await self._start_http(lst.address, lst.port, probe)
                continue
            if lst.kind in ("imap", "imaps"):
                try:
                    imap = await start_imap_listener(
                        lst.kind,
                        lst.address,
                        lst.port,
                        store,
                        authenticator,
                        hostname=c.hostname,
                        tls_context=tls,
                        max_message_size=c.smtp.max_message_size,
                    )
                except OSError as e:
                    raise _bind_error(lst.address, lst.port, e) from None
                self.imap.append(imap)
                probe.bound(imap.port, imap.server.is_serving)
                continue
            assert lst.kind in ("smtp", "submission", "submissions")
            spec = ListenerSpec(kind=lst.kind, host=lst.address, port=lst.port)
            try:
                smtp = await start_listener(
                    spec,
                    handler,
                    hostname=c.hostname,
                    tls_context=tls,
                    max_message_size=c.smtp.max_message_size,
                    timeout=c.smtp.timeout_seconds,
                )
            except OSError as e:
                raise _bind_error(lst.address, lst.port, e) from None
            self.smtp.append(smtp)
            probe.bound(smtp.port, smtp.server.is_serving)

    async def _start_http(self, host: str, port: int, probe: ListenerProbe) -> None:
        assert self.store is not None
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        # proto must be IPPROTO_TCP: asyncio sets TCP_NODELAY on accepted connections only
        # then, and without it every keep-alive response waits for a delayed ACK (~40 ms).
        sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        try:
            sock.bind((host, port))
        except OSError as e:
            sock.close()
            raise _bind_error(host, port, e) from None
        sock.listen(1024)
        sock.setblocking(False)
        self.http_port = sock.getsockname()[1]
        app = asgi_app(self.app_state)
        cfg = uvicorn.Config(
            app,
            http=ProblemHttpProtocol,
            log_config=None,
            access_log=False,
            lifespan="off",
            server_header=False,
            date_header=True,
            timeout_graceful_shutdown=5,
        )
        http = self._http = _Uvicorn(cfg)
        self._http_task = asyncio.create_task(http.serve(sockets=[sock]))
        while not http.started:
            if self._http_task.done():
                self._http_task.result()
                raise StartError("HTTP server stopped during start")
            await asyncio.sleep(0.01)
        probe.bound(self.http_port, lambda: http.started and not http.should_exit)

    def _routes(self, store: Store) -> list[Route]:
        out = []
        for r in self.config.routes:
            account_id = None
            if r.account:
                acc = store.account(r.account)
                if acc is None:
                    raise StartError(f"route names account {r.account!r}, which does not exist")
                account_id = acc.id
            out.append(
                Route(
                    transport=r.transport,
                    account_id=account_id,
                    from_domain=r.from_domain.lower(),
                    to_domain=r.to_domain.lower(),
                    min_attempt=r.min_attempt,
                )
            )
        return out

    async def on_event(self, ev: OutboundEvent) -> None:
        """Outbound state changes, for every subscriber (the webhooks layer)."""
        for hook in self.event_hooks:
            await hook(ev)

    async def _reindex(self, store: Store) -> None:
        n = await store.mail.reindex()
        if n:
            log.info("indexed messages stored by an earlier version", messages=n)

    async def stop(self) -> None:
        if self.store is not None:
            self.store.changes.close()  # event streams end, so the HTTP server can stop at once
        if self._reindex_task is not None:
            self._reindex_task.cancel()
            await asyncio.gather(self._reindex_task, return_exceptions=True)
            self._reindex_task = None
        await asyncio.gather(*(lst.shutdown() for lst in self.smtp), *(lst.shutdown() for lst in self.imap))
        self.smtp = []
        self.imap = []
        if self.queue is not None:
            await self.queue.stop()
        if self.webhooks is not None:
            await self.webhooks.stop()
        if self._http is not None and self._http_task is not None:
            self._http.should_exit = True
            await self._http_task
            self._http = None
        if self.store is not None:
            await asyncio.to_thread(self.store.close)
            self.store = None
        log.info("stopped")


def make_transport(t: TransportConfig, hostname: str, resolver: Resolver, mx_port: int) -> Transport:
    if t.kind == "direct":
        proxy = None
        if t.proxy:
            host, _, port = t.proxy.rpartition(":")
            proxy = SocksProxy(host.strip("[]"), int(port), t.proxy_username, t.proxy_password)
        return DirectTransport(resolver, hostname, port=mx_port, socks=proxy)
    default_port = 25 if t.kind == "smtp" else (465 if t.tls == "implicit" else 587)
    return RelayTransport(
        t.host,
        t.port or default_port,
        hostname,
        tls=t.tls,
        verify_tls=t.verify_tls,
        username=t.username,
        password=t.password,
    )


def _bind_error(host: str, port: int, e: OSError) -> StartError:
    if e.errno == errno.EADDRINUSE:
        return StartError(f"{host}:{port} is already in use (another instance running?)")
    if e.errno == errno.EACCES:
        return StartError(f"no permission to listen on {host}:{port} (ports below 1024 need privileges)")
    return StartError(f"cannot listen on {host}:{port}: {e.strerror}")


def new_loop() -> asyncio.AbstractEventLoop:
    """The service's event loop: uvloop (libuv) where it is installed, asyncio's otherwise.
    Tests run the service on the same kind of loop."""
    try:
        import uvloop
    except ImportError:  # pragma: no cover - uvloop is a dependency
        return asyncio.new_event_loop()
    return uvloop.new_event_loop()


def run_service(main: Coroutine[Any, Any, None]) -> None:
    """Run the service's main coroutine on its event loop until it returns."""
    with asyncio.Runner(loop_factory=new_loop) as runner:
        runner.run(main)


async def run(config: Config, on_started: Callable[[Runtime], None] | None = None) -> None:
    """Run until SIGINT or SIGTERM, then shut down cleanly."""
    import signal

    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    rt = Runtime(config)
    await rt.start()
    if on_started is not None:
        on_started(rt)
    try:
        await stop.wait()
    finally:
        log.info("shutting down")
        await rt.stop()
