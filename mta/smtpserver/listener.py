"""Listening sockets for SMTP (25), submission (587) and submissions (465, implicit TLS)."""

from __future__ import annotations

import asyncio
import ssl
import weakref
from typing import Literal

import msgspec

from mta.connlimit import PerAddress
from mta.smtpserver.handler import Handler
from mta.smtpserver.session import SMTPSession

Kind = Literal["smtp", "submission", "submissions"]


class ListenerSpec(msgspec.Struct, frozen=True):
    kind: Kind
    host: str
    port: int  # 0: any free port (tests)


class SMTPListener:
    """A bound listener; ``port`` is the actual port once started."""

    def __init__(self, spec: ListenerSpec, server: asyncio.Server, sessions: weakref.WeakSet[SMTPSession]) -> None:
        self.spec = spec
        self.server = server
        self.sessions = sessions
        self.port: int = server.sockets[0].getsockname()[1]

    async def shutdown(self, grace: float = 10.0) -> None:
        """Stop accepting; close idle sessions; give ones storing a message grace seconds."""
        self.server.close()
        loop = asyncio.get_running_loop()
        deadline = loop.time() + grace
        while True:
            for s in list(self.sessions):
                s.shutdown()
            if not any(s.transport is not None for s in self.sessions) or loop.time() > deadline:
                break
            await asyncio.sleep(0.05)
        for s in list(self.sessions):
            t = s.writer()
            if t is not None:
                t.abort()


async def start_listener(
    spec: ListenerSpec,
    handler: Handler,
    *,
    hostname: str,
    tls_context: ssl.SSLContext | None,
    max_message_size: int,
    timeout: float = 300.0,  # the SMTP session's idle timeout
) -> SMTPListener:
    implicit = spec.kind == "submissions"
    if implicit and tls_context is None:
        raise ValueError("a submissions (implicit TLS) listener needs a TLS certificate")

    sessions: weakref.WeakSet[SMTPSession] = weakref.WeakSet()
    connections = PerAddress()

    def factory() -> SMTPSession:
        s = SMTPSession(
            handler,
            submission=spec.kind != "smtp",
            implicit_tls=implicit,
            tls_context=tls_context,
            hostname=hostname,
            max_message_size=max_message_size,
            timeout=timeout,
            connections=connections,
        )
        sessions.add(s)
        return s

    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        factory, spec.host, spec.port, ssl=tls_context if implicit else None, reuse_address=True
    )
    return SMTPListener(spec, server, sessions)
