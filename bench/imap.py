"""Figure 6, IMAP with a 5,000-message mailbox: APPEND, FETCH and SEARCH timed over IMAP only.

The client is a raw socket one (a buffered reader over a blocking socket, run in a
thread), not imaplib: for FETCH 1:* it reads the untagged responses line by line,
skipping literals by their announced length, until the tagged completion, and parses
nothing else, so the time measured is the server's (and the loopback's) rather than
the client's parsing of 5,000 responses.
"""

from __future__ import annotations

import asyncio
import datetime
import io
import random
import socket
import ssl
import statistics
import time
from email.utils import format_datetime

import msgspec

from bench.common import Figure

MAILBOX = "Bench"
SUBJECT_WORD = "quokka"  # in every 100th subject
BODY_WORD = "wombat"  # in every 100th body, not in subjects
EVERY = 100
TARGET_MESSAGES = 5000  # the targets for FETCH and SEARCH are for this many messages


class ImapTarget(msgspec.Struct):
    host: str
    port: int
    user: str
    password: str
    tls: bool = False


class ImapError(RuntimeError):
    pass


class RawImap:
    """One IMAP connection. command() sends a command and reads to its tagged status; a
    literal goes as LITERAL+ (RFC 7888, one round trip) when the server offers it."""

    def __init__(self, t: ImapTarget) -> None:
        sock = socket.create_connection((t.host, t.port), timeout=120)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        if t.tls:
            ctx = ssl.create_default_context()
            ctx.check_hostname = False
            ctx.verify_mode = ssl.CERT_NONE
            sock = ctx.wrap_socket(sock, server_hostname=t.host)
        self.sock = sock
        self.rfile = io.BufferedReader(socket.SocketIO(sock, "rb"), 1 << 20)
        self.n = 0
        self.literal_plus = False
        greeting = self.rfile.readline()
        if not greeting.startswith(b"* OK"):
            raise ImapError(f"greeting: {greeting!r}")

    def command(self, line: str, literal: bytes | None = None) -> tuple[list[bytes], int]:
        """Returns the untagged lines (without literals) and the bytes of literals read."""
        self.n += 1
        tag = f"b{self.n}".encode()
        data = tag + b" " + line.encode()
        if literal is not None and self.literal_plus:
            data += b" {%d+}\r\n" % len(literal) + literal
        elif literal is not None:
            self.sock.sendall(data + b" {%d}\r\n" % len(literal))
            if not (go := self.rfile.readline()).startswith(b"+"):
                raise ImapError(f"{line[:60]!r}: {go!r}")
            data = literal
        self.sock.sendall(data + b"\r\n")
        lines: list[bytes] = []
        literal_bytes = 0
        readline, read = self.rfile.readline, self.rfile.read
        while True:
            got = readline()
            if not got:
                raise ImapError(f"connection closed during {line[:60]!r}")
            if got.startswith(tag + b" "):
                if not got[len(tag) + 1 :].startswith(b"OK"):
                    raise ImapError(f"{line[:60]!r}: {got!r}")
                return lines, literal_bytes
            lines.append(got)  # the response's first line; for one with literals, up to the first
            while got.endswith(b"}\r\n"):  # a literal follows: skip it, read the rest of the response
                n = int(got[got.rindex(b"{") + 1 : -3])
                if len(read(n)) != n:
                    raise ImapError("connection closed in a literal")
                literal_bytes += n
                got = readline()

    def close(self) -> None:
        try:
            self.command("LOGOUT")
        except (ImapError, OSError):
            pass
        self.sock.close()


def _quote(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def login(t: ImapTarget) -> RawImap:
    c = RawImap(t)
    c.command(f"LOGIN {_quote(t.user)} {_quote(t.password)}")
    caps, _ = c.command("CAPABILITY")
    c.literal_plus = any(b" LITERAL+" in line.upper() for line in caps if line.startswith(b"* CAPABILITY"))
    return c


# ~2,000 made-up words with a Zipf-like distribution: a few very common, a long tail.
_SYLLABLES = ["ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "pe", "da", "go", "zu", "fi", "ba", "he"]


def _vocabulary(rng: random.Random) -> tuple[list[str], list[float]]:
    words: set[str] = set()
    while len(words) < 2000:
        w = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4)))
        if SUBJECT_WORD not in w and BODY_WORD not in w:
            words.add(w)
    ordered = sorted(words)
    rng.shuffle(ordered)
    return ordered, [1 / (rank + 1) for rank in range(len(ordered))]


def messages(count: int, to: str, size: int = 2048, seed: int = 6) -> list[bytes]:
    """`count` distinct text messages of about `size` bytes with From/To/Date/Message-ID/
    Subject; SUBJECT_WORD is in the subject of every EVERY-th message (i % EVERY == 0),
    BODY_WORD in the body of every EVERY-th (i % EVERY == EVERY // 2)."""
    rng = random.Random(seed)
    vocab, weights = _vocabulary(rng)
    start = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    out = []
    for i in range(count):
        subject = rng.choices(vocab, weights, k=rng.randint(3, 7))
        if i % EVERY == 0:
            subject.insert(rng.randint(0, len(subject)), SUBJECT_WORD)
        head = (
            f"From: Sender {i % 37} <sender{i % 37}@example.net>\r\n"
            f"To: {to}\r\n"
            f"Subject: {' '.join(subject).capitalize()}\r\n"
            f"Date: {format_datetime(start + datetime.timedelta(seconds=97 * i))}\r\n"
            f"Message-ID: <bench-{seed}-{i}@example.net>\r\n"
            "MIME-Version: 1.0\r\n"
            "Content-Type: text/plain; charset=utf-8\r\n"
            "\r\n"
        )
        words = rng.choices(vocab, weights, k=max(1, int((size - len(head)) / 8.2)))
        if i % EVERY == EVERY // 2:
            words[rng.randrange(len(words))] = BODY_WORD
        lines, line = [], ""
        for w in words:
            if line and len(line) + 1 + len(w) > 72:
                lines.append(line)
                line = w
            else:
                line = f"{line} {w}" if line else w
        lines.append(line)
        out.append((head + "\r\n".join(lines) + "\r\n").encode())
    return out


def _ms_figure(name: str, times: list[float], target: str, note: str) -> Figure:
    """target: the issue's, which is for a 5,000-message mailbox (see imap_figures)."""
    p50 = round(statistics.median(times), 1)
    return Figure(
        name=name,
        value=p50,
        unit="ms",
        p50_ms=p50,
        p99_ms=round(max(times), 1),
        n=len(times),
        note=(note + "; " if note else "") + f"p99 column: slowest of {len(times)} runs",
        target=target,
    )


def _timed(c: RawImap, command: str, runs: int) -> tuple[list[float], list[bytes], int]:
    """One warm-up run, then `runs` timed ones; the last run's untagged lines and literal bytes."""
    lines, literal_bytes = c.command(command)
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        lines, literal_bytes = c.command(command)
        times.append((time.perf_counter() - t0) * 1000)
    return times, lines, literal_bytes


def _fetched(lines: list[bytes]) -> int:
    return sum(1 for line in lines if line.startswith(b"* ") and b" FETCH (" in line[:24])


def _search_hits(lines: list[bytes]) -> int:
    return sum(len(line.split()) - 2 for line in lines if line.startswith(b"* SEARCH"))


def imap_figures(t: ImapTarget, count: int = 5000, runs: int = 10, warmup: int = 100) -> list[Figure]:
    """Fill a new mailbox with `count` messages by APPEND on one connection (the first
    `warmup` untimed), then time FETCH and SEARCH over all of it (one warm-up run each)."""
    msgs = messages(count, t.user)
    c = login(t)
    try:
        name = MAILBOX
        for n in range(2, 100):
            try:
                c.command(f"CREATE {_quote(name)}")
                break
            except ImapError:
                name = f"{MAILBOX} {n}"  # a server measured before: a new mailbox all the same
        else:
            raise ImapError(f"could not create a mailbox {MAILBOX!r} or a numbered one")
        append = f"APPEND {_quote(name)}"
        warm = min(warmup, count // 10)
        for m in msgs[:warm]:
            c.command(append, m)
        latencies = []
        start = time.perf_counter()
        for m in msgs[warm:]:
            t0 = time.perf_counter()
            c.command(append, m)
            latencies.append((time.perf_counter() - t0) * 1000)
        elapsed = time.perf_counter() - start
        lat = sorted(latencies)
        size_kb = sum(len(m) for m in msgs) / len(msgs) / 1024
        out = [
            Figure(
                name=f"IMAP APPEND, one connection, {size_kb:.1f} KB",
                value=round(len(lat) / elapsed, 1),
                unit="msg/s",
                p50_ms=round(lat[len(lat) // 2], 2),
                p99_ms=round(lat[min(len(lat) - 1, int(0.99 * len(lat)))], 2),
                n=len(lat),
                note=f"{'LITERAL+' if c.literal_plus else 'sync literals'}, one at a time, after {warm} untimed",
                target="≥ 200/s",
            )
        ]
        lines, _ = c.command(f"EXAMINE {_quote(name)}")
        exists = next((int(x.split()[1]) for x in lines if x.endswith(b" EXISTS\r\n")), 0)
        if exists != count:
            raise ImapError(f"{name} has {exists} messages, expected {count}")

        for items, target, sized in (("(FLAGS ENVELOPE)", "≤ 220 ms", False), ("BODY.PEEK[]", "≤ 390 ms", True)):
            times, lines, nbytes = _timed(c, f"UID FETCH 1:* {items}", runs)
            if _fetched(lines) != count:
                raise ImapError(f"FETCH {items}: {_fetched(lines)} responses, expected {count}")
            out.append(
                _ms_figure(
                    f"IMAP UID FETCH 1:* {items}, {count} msgs",
                    times,
                    target if count == TARGET_MESSAGES else "",
                    f"{nbytes / 1e6:.1f} MB of literals" if sized else "",
                )
            )

        for key, word, target in (("HEADER Subject", SUBJECT_WORD, "≤ 120 ms"), ("BODY", BODY_WORD, "≤ 60 ms")):
            target = target if count == TARGET_MESSAGES else ""
            times, lines, _ = _timed(c, f"UID SEARCH {key} {word}", runs)
            hits, expected = _search_hits(lines), len(range(0 if word == SUBJECT_WORD else EVERY // 2, count, EVERY))
            if hits != expected:
                raise ImapError(f"SEARCH {key} {word}: {hits} hits, expected {expected}")
            out.append(_ms_figure(f"IMAP UID SEARCH {key} <word>, {count} msgs", times, target, f"{hits} hits"))
        return out
    finally:
        c.close()


async def imap(t: ImapTarget, count: int) -> list[Figure]:
    return await asyncio.to_thread(imap_figures, t, count)
