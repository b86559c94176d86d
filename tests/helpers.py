"""Small helpers shared by the tests: reading mailboxes, a raw SMTP line client."""

from __future__ import annotations

import socket
import time
from collections.abc import Callable

from mta.store import MessageSummary, Store


def inbox(store: Store, account: str, role: str = "inbox") -> list[tuple[MessageSummary, bytes]]:
    acc = store.account(account)
    assert acc is not None
    mb = store.mailbox_by_role(acc.id, role)
    assert mb is not None
    return [(m, store.message_path(m.id).read_bytes()) for m in store.messages(mb.id)]


def wait_for(predicate: Callable[[], bool], timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        time.sleep(0.02)


class RawSMTP:
    """A line-level SMTP client for exact replies, pipelining and broken input."""

    def __init__(self, port: int, host: str = "127.0.0.1") -> None:
        self.sock = socket.create_connection((host, port), timeout=10)
        self.buf = b""
        self.greeting = self.reply()

    def send(self, data: bytes) -> None:
        self.sock.sendall(data)

    def line(self) -> bytes:
        while b"\r\n" not in self.buf:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise ConnectionError(f"connection closed; pending {self.buf!r}")
            self.buf += chunk
        line, _, self.buf = self.buf.partition(b"\r\n")
        return line

    def reply(self) -> str:
        """One whole (possibly multi-line) reply, lines joined with newlines."""
        lines = []
        while True:
            line = self.line().decode("utf-8", "replace")
            lines.append(line)
            if len(line) < 4 or line[3] != "-":
                return "\n".join(lines)

    def cmd(self, command: str | bytes) -> str:
        data = command if isinstance(command, bytes) else command.encode()
        self.send(data + b"\r\n")
        return self.reply()

    def close(self) -> None:
        self.sock.close()
