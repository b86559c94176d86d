"""Structured logging: one logfmt line per event, with the connection id.

Every line is ``key=value`` pairs (https://brandur.org/logfmt): ``time``, ``level``,
``pkg``, ``msg``, ``cid`` when a connection is being served, then the event's own
fields. Values are quoted only when they need to be, and non-ASCII text is written
as it is (an address like ``jörg@bücher.example`` stays readable) with only
control characters escaped, so a log line is always exactly one line.

The connection id lives in a context variable: an SMTP session or an HTTP request
sets it once at its start and every line logged from that task carries it.

Lines are written in batches (BatchingHandler): a warning or error at once with what
came before it, other lines at most FLUSH_S after they were logged, and all of them
at exit. A write to stderr lets go of the interpreter lock, and taking it back while
another thread runs Python (DKIM signing, the store's commit thread) costs the event
loop tens of microseconds; once per batch instead of once per line.
"""

from __future__ import annotations

import itertools
import logging
import os
import re
import sys
import threading
import time
from contextvars import ContextVar
from typing import TextIO

cid_var: ContextVar[str] = ContextVar("cid", default="")

_cid_prefix = os.urandom(2).hex()
_cid_counter = itertools.count(1)


def new_cid() -> str:
    """A short id, unique within this process run, for one connection or request."""
    return f"{_cid_prefix}{next(_cid_counter):x}"


_NEEDS_QUOTES = re.compile(r'[ ="\\]')


def _quote(value: object) -> str:
    if value is None:
        return '""'
    if isinstance(value, bool):
        return "true" if value else "false"
    s = str(value)
    if s and s.isprintable() and not _NEEDS_QUOTES.search(s):
        return s
    out = []
    for c in s:
        if c == '"':
            out.append('\\"')
        elif c == "\\":
            out.append("\\\\")
        elif c == "\n":
            out.append("\\n")
        elif c == "\r":
            out.append("\\r")
        elif c == "\t":
            out.append("\\t")
        elif not c.isprintable() and c != " ":
            # Unpaired surrogates (from undecodable bytes) and control characters.
            out.append(f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}")
        else:
            out.append(c)
    return '"' + "".join(out) + '"'


class LogfmtFormatter(logging.Formatter):
    def __init__(self) -> None:
        super().__init__()
        self._second = -1
        self._time = ""  # "time=...T..:..:.." of self._second

    def format(self, record: logging.LogRecord) -> str:
        second = int(record.created)
        if second != self._second:  # handlers format under their lock
            self._second = second
            self._time = time.strftime("time=%Y-%m-%dT%H:%M:%S", time.gmtime(second))
        parts = [
            f"{self._time}.{int(record.msecs):03d}Z",
            f"level={record.levelname.lower()}",
            f"pkg={record.name}",
            f"msg={_quote(record.getMessage())}",
        ]
        cid = cid_var.get()
        if cid:
            parts.append(f"cid={cid}")
        fields: dict[str, object] = getattr(record, "fields", None) or {}
        for k, v in fields.items():
            parts.append(f"{k}={_quote(v)}")
        if record.exc_info:
            parts.append(f"error={_quote(self.formatException(record.exc_info))}")
        return " ".join(parts)


class Logger:
    """A thin wrapper over :mod:`logging` taking structured fields as keywords."""

    __slots__ = ("_log",)

    def __init__(self, name: str) -> None:
        self._log = logging.getLogger(name)

    def _emit(self, level: int, msg: str, fields: dict[str, object], exc: bool = False) -> None:
        lg = self._log
        if lg.isEnabledFor(level):
            # makeRecord directly: Logger.log would walk the stack for a caller's file
            # and line, which the logfmt line does not show.
            info = sys.exc_info() if exc else None
            lg.handle(lg.makeRecord(lg.name, level, "", 0, msg, (), info, extra={"fields": fields}))

    def debug(self, msg: str, **fields: object) -> None:
        self._emit(logging.DEBUG, msg, fields)

    def info(self, msg: str, **fields: object) -> None:
        self._emit(logging.INFO, msg, fields)

    def warning(self, msg: str, **fields: object) -> None:
        self._emit(logging.WARNING, msg, fields)

    def error(self, msg: str, **fields: object) -> None:
        self._emit(logging.ERROR, msg, fields)

    def exception(self, msg: str, **fields: object) -> None:
        """Log at error level with the current exception's traceback."""
        self._emit(logging.ERROR, msg, fields, exc=True)

    def is_debug(self) -> bool:
        return self._log.isEnabledFor(logging.DEBUG)


FLUSH_S = 0.1  # an info line is written at most this long after it was logged
BATCH_MAX = 64 * 1024  # characters: a batch this large is written at once


class BatchingHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """A StreamHandler that writes its lines in batches (see the module docstring)."""

    def __init__(self, stream: TextIO) -> None:
        super().__init__(stream)
        self._lines: list[str] = []
        self._size = 0
        self._due = threading.Event()  # set when a batch has started
        self._writer: threading.Thread | None = None

    def emit(self, record: logging.LogRecord) -> None:
        # handle() holds self.lock around this
        try:
            line = self.format(record) + self.terminator
        except Exception:
            self.handleError(record)
            return
        self._lines.append(line)
        self._size += len(line)
        if record.levelno >= logging.WARNING or self._size >= BATCH_MAX:
            self._write()
        elif len(self._lines) == 1:
            if self._writer is None:
                self._writer = threading.Thread(target=self._run, name="log-writer", daemon=True)
                self._writer.start()
            self._due.set()

    def _write(self) -> None:
        """Write the batch; the caller holds self.lock."""
        if not self._lines:
            return
        data = "".join(self._lines)
        self._lines.clear()
        self._size = 0
        try:
            self.stream.write(data)
            self.stream.flush()
        except Exception:
            # As StreamHandler does: to stderr when logging.raiseExceptions, else dropped.
            self.handleError(logging.makeLogRecord({"msg": f"writing {len(data)} characters of log lines"}))

    def flush(self) -> None:
        self.acquire()
        try:
            self._write()
        finally:
            self.release()

    def _run(self) -> None:
        while True:
            self._due.wait()
            time.sleep(FLUSH_S)
            self._due.clear()  # a line logged from here on starts the next batch or joins this one
            self.flush()


def get_logger(name: str) -> Logger:
    return Logger(name)


def setup(level: str = "info", stream: TextIO | None = None) -> None:
    """Send all logging, ours and the libraries', through one logfmt handler."""
    handler = BatchingHandler(stream or sys.stderr)
    handler.setFormatter(LogfmtFormatter())
    root = logging.getLogger()
    for h in list(root.handlers):
        root.removeHandler(h)
        h.flush()
    root.addHandler(handler)
    root.setLevel(level.upper())
    # Nor does it show thread or process names: do not look them up for each record.
    logging.logThreads = False
    logging.logProcesses = False
    logging.logMultiprocessing = False
    # aiosmtpd logs every command at info level in its own format, and deprecation
    # notes about its own internals as warnings; our session logs what matters with
    # the connection id, so keep the library to its errors.
    logging.getLogger("mail.log").setLevel(logging.ERROR)
    logging.getLogger("uvicorn.access").setLevel(logging.WARNING)
