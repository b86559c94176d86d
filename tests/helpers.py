"""Small helpers shared by the tests: reading mailboxes, a raw SMTP line client."""

from __future__ import annotations

import socket
import sqlite3
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


def downgrade_to_9(conn: sqlite3.Connection) -> None:
    """Undo the migrations after schema 9 (newest first), keeping the rows as schema 9
    held them, so tests can open an older database. A new migration adds its undo here."""
    conn.execute("DROP TABLE sessions")  # schema 13
    conn.execute("DROP INDEX outbound_attempts_in_flight")  # schema 12
    conn.execute("ALTER TABLE outbound_attempts DROP COLUMN in_flight")
    for col in ("target", "event_time", "report"):  # schema 11
        conn.execute(f"ALTER TABLE webhook_deliveries DROP COLUMN {col}")
    conn.execute("ALTER TABLE webhook_attempts DROP COLUMN url")
    conn.execute("ALTER TABLE accounts DROP COLUMN suppression_fold")  # schema 10
    conn.execute("ALTER TABLE outbound DROP COLUMN suppressed_by")
    conn.execute("DROP INDEX outbound_account_recipient")
    conn.execute("CREATE INDEX outbound_account_recipient ON outbound(account_id, recipient, id)")
    conn.execute("ALTER TABLE suppressions RENAME TO suppressions_10")  # one row per address
    conn.execute(
        "CREATE TABLE suppressions (account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,"
        " base_address TEXT NOT NULL, address TEXT NOT NULL, reason TEXT NOT NULL, manual INTEGER NOT NULL,"
        " created INTEGER NOT NULL, PRIMARY KEY (account_id, base_address))"
    )
    conn.execute(
        "INSERT OR IGNORE INTO suppressions"
        " SELECT account_id, base_address, address, reason, manual, created FROM suppressions_10"
    )
    conn.execute("DROP TABLE suppressions_10")
    conn.execute("PRAGMA user_version = 9")
