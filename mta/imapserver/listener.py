"""Listening sockets for IMAP (143, STARTTLS) and IMAPS (993, implicit TLS, RFC 8314)."""

from __future__ import annotations

import asyncio
import ssl
import weakref

from mta.auth import Authenticator
from mta.connlimit import PerAddress
from mta.imapserver.session import Config, Session
from mta.store import Store

# Connections from one IP address at once; more are told BYE [LIMIT] and closed.
MAX_CONNECTIONS_PER_IP = 100


class IMAPListener:
    """A bound listener; ``port`` is the actual port once started."""

    def __init__(self, kind: str, server: asyncio.Server, sessions: weakref.WeakSet[Session]) -> None:
        self.kind = kind
        self.server = server
        self.sessions = sessions
        self.port: int = server.sockets[0].getsockname()[1]

    async def shutdown(self, grace: float = 5.0) -> None:
        """Stop accepting; say BYE to sessions between commands; give busy ones grace seconds."""
        self.server.close()
        loop = asyncio.get_running_loop()
        deadline = loop.time() + grace
        while True:
            for s in list(self.sessions):
                s.shutdown()
            if all(s.closing for s in self.sessions) or loop.time() > deadline:
                break
            await asyncio.sleep(0.05)
        for s in list(self.sessions):
            s.writer.transport.abort()
        self.sessions.clear()


async def start_imap_listener(
    kind: str,
    host: str,
    port: int,
    store: Store,
    authenticator: Authenticator,
    *,
    hostname: str,
    tls_context: ssl.SSLContext | None,
    max_message_size: int,
) -> IMAPListener:
    """kind: "imap" (STARTTLS when a certificate is configured) or "imaps" (implicit TLS)."""
    implicit = kind == "imaps"
    if implicit and tls_context is None:
        raise ValueError("an imaps (implicit TLS) listener needs a TLS certificate")
    config = Config(hostname=hostname, max_message_size=max_message_size, implicit_tls=implicit)
    sessions: weakref.WeakSet[Session] = weakref.WeakSet()

    connections = PerAddress()

    async def serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        peer = writer.get_extra_info("peername") or ("", 0)
        ip = str(peer[0])
        if not connections.acquire(ip, MAX_CONNECTIONS_PER_IP):
            writer.write(b"* BYE [LIMIT] too many connections from your address\r\n")
            writer.close()
            return
        try:
            s = Session(reader, writer, store, authenticator, config, tls_context)
            sessions.add(s)
            await s.run()
        finally:
            connections.release(ip)

    server = await asyncio.start_server(
        serve, host, port, ssl=tls_context if implicit else None, reuse_address=True, limit=70 * 1024
    )
    return IMAPListener(kind, server, sessions)
