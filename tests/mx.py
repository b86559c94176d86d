"""A remote mail server for delivery tests: aiosmtpd on loopback, plus a DNS table.

Recipients' local parts choose the answer: ``reject...`` 550 5.1.1, ``later...``
451 4.3.0, anything else 250; a message to ``refuse-data...`` is refused after DATA with
550 5.1.1. Accepted messages are kept in ``messages``. After ``hold()``, the answer to
DATA waits (the message is already in ``messages``, and ``in_data`` is set) until
``release()``.
"""

from __future__ import annotations

import asyncio
import socket
import threading

import msgspec
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session

from mta.dns import MX, DNSError


class Received(msgspec.Struct):
    mail_from: str
    rcpt_tos: list[str]
    data: bytes


class SinkHandler:
    def __init__(self) -> None:
        self.messages: list[Received] = []
        self.lock = threading.Lock()
        self.held = False
        self.in_data = threading.Event()
        self.released = threading.Event()

    async def handle_RCPT(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, options: list[str]
    ) -> str:
        local = address.partition("@")[0]
        if local.startswith("reject"):
            return "550 5.1.1 No such user"
        if local.startswith("later"):
            return "451 4.3.0 Try again later"
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        if any(r.startswith("refuse-data") for r in envelope.rcpt_tos):
            return "550 5.1.1 No such user"
        with self.lock:
            self.messages.append(
                Received(str(envelope.mail_from), list(envelope.rcpt_tos), bytes(envelope.original_content or b""))
            )
        if self.held:
            self.in_data.set()
            await asyncio.to_thread(self.released.wait, 60)
        return "250 2.0.0 Queued at the sink"


def free_port() -> int:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = int(s.getsockname()[1])
    s.close()
    return port


class SinkMX:
    def __init__(self) -> None:
        self.handler = SinkHandler()
        self.port = free_port()
        self.controller = Controller(
            self.handler, hostname="127.0.0.1", port=self.port, enable_SMTPUTF8=True, server_hostname="mx.test"
        )

    def start(self) -> SinkMX:
        self.controller.start()
        self.running = True
        return self

    def hold(self) -> None:
        """Answers to DATA wait until release()."""
        self.handler.held = True

    def release(self) -> None:
        self.handler.released.set()

    def stop(self) -> None:
        self.release()
        if getattr(self, "running", False):
            self.controller.stop()
            self.running = False

    @property
    def messages(self) -> list[Received]:
        with self.handler.lock:
            return list(self.handler.messages)


class TableResolver:
    """DNS answers from a table: MX per domain, addresses per host, TXT per name; others do
    not exist. Names in ``failing`` time out (a temporary DNSError) for every lookup."""

    def __init__(
        self,
        mx: dict[str, list[MX]],
        hosts: dict[str, list[str]],
        txt: dict[str, list[str]] | None = None,
        failing: set[str] | None = None,
    ) -> None:
        self.mx_table = mx
        self.hosts = hosts
        self.txt_table = {k.lower(): v for k, v in (txt or {}).items()}
        self.failing = failing or set()
        self.queries: list[tuple[str, str]] = []  # (type, name), in order

    def _ask(self, rtype: str, name: str) -> None:
        self.queries.append((rtype, name))
        if name in self.failing:
            raise DNSError(f"looking up {rtype} of {name}: timed out", temporary=True)

    async def mx(self, domain: str) -> list[MX]:
        self._ask("MX", domain)
        if domain in self.mx_table:
            return self.mx_table[domain]
        if domain in self.hosts:
            return []
        raise DNSError(f"domain {domain} does not exist", temporary=False)

    async def addresses(self, host: str) -> list[str]:
        self._ask("A", host)
        if host not in self.hosts:
            raise DNSError(f"host {host} does not exist", temporary=False)
        return self.hosts[host]

    async def txt(self, name: str) -> list[str]:
        name = name.lower().rstrip(".")
        self._ask("TXT", name)
        return self.txt_table.get(name, [])
