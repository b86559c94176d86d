"""A raw-socket IMAP client for tests that check exact responses (imaplib hides them)."""

from __future__ import annotations

import re
import socket
import ssl

_LITERAL = re.compile(rb"~?\{(\d+)\}\r\n$")


class Wire:
    def __init__(self, port: int, host: str = "127.0.0.1", tls: bool = False, timeout: float = 10.0) -> None:
        sock = socket.create_connection((host, port), timeout=timeout)
        if tls:
            ctx = ssl.create_default_context()
            ctx.check_hostname = False
            ctx.verify_mode = ssl.CERT_NONE
            sock = ctx.wrap_socket(sock)
        self.sock = sock
        self.buf = b""
        self.n = 0
        self.greeting = self.line()

    def close(self) -> None:
        self.sock.close()

    def _fill(self) -> None:
        data = self.sock.recv(65536)
        if not data:
            raise ConnectionError("server closed the connection")
        self.buf += data

    def line(self) -> bytes:
        """One response line, with any literals it carries inlined (CRLF kept inside)."""
        out = b""
        while True:
            while b"\r\n" not in self.buf:
                self._fill()
            i = self.buf.index(b"\r\n") + 2
            chunk, self.buf = self.buf[:i], self.buf[i:]
            out += chunk
            m = _LITERAL.search(chunk)
            if m is None:
                return out[:-2]
            n = int(m[1])
            while len(self.buf) < n:
                self._fill()
            out += self.buf[:n]
            self.buf = self.buf[n:]

    def send(self, data: bytes) -> None:
        self.sock.sendall(data)

    def cmd(self, text: str | bytes, tag: str | None = None) -> tuple[list[bytes], bytes]:
        """Send a command; returns (untagged and continuation lines, the tagged line)."""
        self.n += 1
        tag = tag or f"t{self.n}"
        raw = text.encode() if isinstance(text, str) else text
        self.send(tag.encode() + b" " + raw + b"\r\n")
        return self.until(tag)

    def until(self, tag: str) -> tuple[list[bytes], bytes]:
        lines: list[bytes] = []
        while True:
            ln = self.line()
            if ln.startswith(tag.encode() + b" "):
                return lines, ln
            lines.append(ln)

    def login(self, user: str, password: str) -> None:
        _, done = self.cmd(f'LOGIN "{user}" "{password}"')
        assert done.split()[1] == b"OK", done
