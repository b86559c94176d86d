"""SQLite access with one writer thread and group commit.

All writes go through a single thread that owns the write connection. Callers hand
it a function to run inside a transaction; the thread takes every job that is
waiting, runs each in its own savepoint (one failing job rolls back alone), fsyncs
the directories the jobs touched once, and commits once. Under load many accepted
messages share one commit instead of paying an fsync each; with a single caller it
degenerates to one transaction per job, with no added delay.

Reads use separate connections, one per thread (WAL lets readers run beside the
writer). Async callers read through a small thread pool; short lookups may read on
the calling thread with :meth:`Database.read_sync`.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import os
import queue
import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, Generic, TypeVar

from mta.log import get_logger

T = TypeVar("T")

log = get_logger("store")

# Jobs taken into one transaction at most; bounds the latency one commit adds.
MAX_BATCH = 256


def now_ms() -> int:
    """Wall-clock time in unix milliseconds, as the store records times."""
    return time.time_ns() // 1_000_000


def fsync_dir(path: str | os.PathLike[str]) -> None:
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class Tx:
    """What a write job sees: the connection, and hooks into the commit."""

    __slots__ = ("_dirs", "_undo", "conn")

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self._dirs: set[str] = set()
        self._undo: list[Callable[[], None]] = []

    def sync_dir(self, path: str) -> None:
        """Fsync this directory before the transaction commits."""
        self._dirs.add(path)

    def on_rollback(self, fn: Callable[[], None]) -> None:
        """Undo a filesystem change if this job (or the whole commit) fails."""
        self._undo.append(fn)


class _Job(Generic[T]):
    __slots__ = ("done", "fn", "tx")

    def __init__(self, fn: Callable[[Tx], T], done: Callable[[T | None, BaseException | None], None]):
        self.fn = fn
        self.done = done
        self.tx: Tx | None = None


def connect(path: Path, *, readonly: bool = False) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=30)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA busy_timeout = 30000")
    if readonly:
        conn.execute("PRAGMA query_only = ON")
    else:
        conn.execute("PRAGMA journal_mode = WAL")
        # FULL: the WAL is fsynced at every commit, so a committed row survives
        # power loss. That fsync is the cost group commit shares.
        conn.execute("PRAGMA synchronous = FULL")
    return conn


class Database:
    def __init__(self, path: Path, read_workers: int = 4) -> None:
        self.path = path
        self._wconn = connect(path)
        self._jobs: queue.SimpleQueue[_Job[Any] | None] = queue.SimpleQueue()
        self._local = threading.local()
        self._readers: list[sqlite3.Connection] = []
        self._readers_lock = threading.Lock()
        self._pool = concurrent.futures.ThreadPoolExecutor(read_workers, thread_name_prefix="store-read")
        self._closed = False
        self._thread = threading.Thread(target=self._writer, name="store-writer", daemon=True)
        self._thread.start()

    # -- writes --

    async def write(self, fn: Callable[[Tx], T]) -> T:
        """Run fn in a write transaction; returns once it is committed to disk."""
        loop = asyncio.get_running_loop()
        fut: asyncio.Future[T] = loop.create_future()

        def done(result: T | None, error: BaseException | None) -> None:
            loop.call_soon_threadsafe(_settle, fut, result, error)

        self._submit(_Job(fn, done))
        return await asyncio.shield(fut)

    def write_sync(self, fn: Callable[[Tx], T]) -> T:
        fut: concurrent.futures.Future[T] = concurrent.futures.Future()

        def done(result: T | None, error: BaseException | None) -> None:
            if error is not None:
                fut.set_exception(error)
            else:
                fut.set_result(result)  # type: ignore[arg-type]

        self._submit(_Job(fn, done))
        return fut.result()

    def _submit(self, job: _Job[Any]) -> None:
        if self._closed:
            raise RuntimeError("store is closed")
        self._jobs.put(job)

    def _writer(self) -> None:
        conn = self._wconn
        while True:
            first = self._jobs.get()
            if first is None:
                break
            batch = [first]
            stop = False
            while len(batch) < MAX_BATCH:
                try:
                    j = self._jobs.get_nowait()
                except queue.Empty:
                    break
                if j is None:
                    stop = True
                    break
                batch.append(j)
            self._run_batch(conn, batch)
            if stop:
                break
        conn.close()

    def _run_batch(self, conn: sqlite3.Connection, batch: list[_Job[Any]]) -> None:
        results: list[tuple[Any, BaseException | None]] = []
        try:
            conn.execute("BEGIN IMMEDIATE")
        except BaseException as e:  # pragma: no cover - database unusable
            for job in batch:
                job.done(None, e)
            return
        dirs: set[str] = set()
        for job in batch:
            tx = Tx(conn)
            job.tx = tx
            conn.execute("SAVEPOINT job")
            try:
                r = job.fn(tx)
            except BaseException as e:
                conn.execute("ROLLBACK TO job")
                conn.execute("RELEASE job")
                _undo(tx)
                results.append((None, e))
                continue
            conn.execute("RELEASE job")
            dirs |= tx._dirs
            results.append((r, None))
        try:
            for d in sorted(dirs):
                fsync_dir(d)
            conn.execute("COMMIT")
        except BaseException as e:
            log.exception("commit failed", jobs=len(batch))
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            for job in batch:
                if job.tx is not None:
                    _undo(job.tx)
                job.done(None, e)
            return
        for job, (r, err) in zip(batch, results, strict=False):
            job.done(r, err)

    # -- reads --

    def _reader(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = connect(self.path, readonly=True)
            self._local.conn = conn
            with self._readers_lock:
                self._readers.append(conn)
        return conn

    def read_sync(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        """Run fn with this thread's read connection, in one read transaction."""
        conn = self._reader()
        conn.execute("BEGIN")
        try:
            return fn(conn)
        finally:
            conn.execute("COMMIT")

    async def read(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._pool, self.read_sync, fn)

    def close(self) -> None:
        """Finish the jobs already submitted, then close every connection."""
        if self._closed:
            return
        self._closed = True
        self._jobs.put(None)
        self._thread.join()
        self._pool.shutdown(wait=True)
        with self._readers_lock:
            for c in self._readers:
                c.close()
            self._readers.clear()


def _undo(tx: Tx) -> None:
    for fn in reversed(tx._undo):
        try:
            fn()
        except OSError:
            log.exception("undo after rollback failed")


def _settle(fut: asyncio.Future[T], result: T | None, error: BaseException | None) -> None:
    if fut.cancelled():
        return
    if error is not None:
        fut.set_exception(error)
    else:
        fut.set_result(result)  # type: ignore[arg-type]


def next_due(db: Database, table: str, state: str, exclude: set[int] | frozenset[int]) -> int | None:
    """When the next row of `table` in `state` and not in `exclude` (in flight) is due,
    by its indexed next_attempt column. table and state are constants of the caller."""
    sql = f"SELECT next_attempt FROM {table} WHERE state = ?"  # noqa: S608
    if exclude:
        sql += f" AND id NOT IN ({','.join('?' * len(exclude))})"
    sql += " ORDER BY next_attempt LIMIT 1"
    args: list[object] = [state, *exclude]
    row = db.read_sync(lambda c: c.execute(sql, args).fetchone())
    return None if row is None else int(row[0])
