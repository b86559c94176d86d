"""SQLite access: one write connection with group commit, read connections per thread.

Writes are jobs: a function run inside a transaction. Waiting jobs are taken
together (at most MAX_BATCH), each runs in its own savepoint (one failing job rolls
back alone), and the batch ends with one commit: the files the jobs wrote are
fsynced, then the directories they touched, then the WAL, once for all of them.
Under load many accepted messages share one commit; with a single caller it is one
transaction per job, with no added delay.

Where a job's SQL runs: a job marked ``on_loop`` (short, a few indexed statements:
queueing a message, recording a delivery) runs on the event loop; only the commit,
with its file writes and fsyncs, goes to the commit thread. Running the SQL in
another thread would make that thread and the loop pass the GIL back and forth at
every statement (the sqlite3 module releases it around each step), which under load
cost more than the statements. Other jobs (large messages, purges, imports) run in
the commit thread, before the commit, so the loop is never blocked for long. A batch
in flight holds the write connection; jobs queued meanwhile form the next batch.

Files a job writes (``Tx.write_file``, ``Tx.link_file``) are written only when its
batch commits, at their final names: a crash before the commit leaves at most a file
that no committed row refers to, under a name the database hands out again. Files a
job no longer needs (``Tx.remove_file``) are removed right after the commit, before
another batch can write a file of that name again.

``write_sync`` runs a job on the calling thread (administration, the command line,
tools), serialised with the batches by the write connection's lock.

Reads use separate connections, one per thread (WAL lets readers run beside the
writer). Async callers read through a small thread pool; short lookups read on the
calling thread with :meth:`Database.read_sync`.
"""

from __future__ import annotations

import asyncio
import collections
import concurrent.futures
import contextvars
import os
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
# close() from another thread waits this long for the loop's batches.
CLOSE_WAIT_S = 60.0
# Loop jobs run on the event loop per batch at most, and bytes they store; the rest
# of the batch goes to the commit thread.
ON_LOOP_MAX = 64
ON_LOOP_BYTES = 256 * 1024
# Files open at once while a commit writes them.
FILES_AT_ONCE = 64
# How often a batch looks again while write_sync (another thread) holds the connection.
BUSY_POLL_S = 0.001


def now_ms() -> int:
    """Wall-clock time in unix milliseconds, as the store records times."""
    return time.time_ns() // 1_000_000


def fsync_dir(path: str | os.PathLike[str]) -> None:
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def make_parent(path: Path) -> None:
    """Create path's directory (a shard of message files) if it is new. Its entry is
    fsynced at once, not with the commit of the job that needed it: if that job
    failed, a later one would still find the directory there."""
    if not path.parent.exists():
        path.parent.mkdir(exist_ok=True)
        fsync_dir(path.parent.parent)


class Tx:
    """What a write job sees: the connection, and hooks into the commit."""

    __slots__ = ("_dirs", "_files", "_links", "_removals", "conn")

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self._dirs: set[str] = set()
        self._files: list[tuple[Path, bytes]] = []
        self._links: list[tuple[Path, Path]] = []
        self._removals: list[Path] = []

    def write_file(self, path: Path, data: bytes) -> None:
        """At commit, before the rows: write data to path (replacing a file a crash may
        have left there), fsync it and its directory. Removed if the commit fails."""
        self._files.append((path, data))
        self._dirs.add(str(path.parent))

    def link_file(self, src: Path, dst: Path) -> None:
        """At commit, after the files are written: hard-link src (an existing file, or
        one written in this transaction) to dst, and fsync dst's directory."""
        self._links.append((src, dst))
        self._dirs.add(str(dst.parent))

    def remove_file(self, path: Path) -> None:
        """Once committed: remove path, a file the rows no longer refer to. Done before
        the next batch can write, and not done if this batch writes path itself (its
        id was handed out again)."""
        self._removals.append(path)


class _Job(Generic[T]):
    __slots__ = ("error", "fn", "fut", "loop", "on_loop", "result", "size", "tx")

    def __init__(
        self,
        fn: Callable[[Tx], T],
        on_loop: bool = False,
        fut: asyncio.Future[T] | None = None,
        loop: asyncio.AbstractEventLoop | None = None,
        size: int = 0,
    ) -> None:
        self.fn = fn
        self.on_loop = on_loop
        self.size = size
        self.fut = fut
        self.loop = loop
        self.tx: Tx | None = None
        self.result: T | None = None
        self.error: BaseException | None = None


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
        # Held by whoever has a transaction open on the write connection: a batch (from
        # its start on the loop until the commit thread has committed) or write_sync.
        self._wlock = threading.Lock()
        self._pending: collections.deque[_Job[Any]] = collections.deque()
        self._state = threading.Lock()  # _closed, _pending's growth and _flusher change together
        self._flusher: asyncio.Task[None] | None = None
        self._committer = concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix="store-commit")
        self._local = threading.local()
        self._readers: list[sqlite3.Connection] = []
        self._readers_lock = threading.Lock()
        self._pool = concurrent.futures.ThreadPoolExecutor(read_workers, thread_name_prefix="store-read")
        self._closed = False
        self.commits = 0  # transactions committed, for tests and tools

    # -- writes --

    async def write(self, fn: Callable[[Tx], T], *, on_loop: bool = False, size: int = 0) -> T:
        """Run fn in a write transaction; returns once it is committed to disk.
        on_loop: fn is short (a few indexed statements) and may run on the event loop;
        size: about how many bytes it stores (a message), which bounds how much of a
        batch the loop takes on."""
        loop = asyncio.get_running_loop()
        fut: asyncio.Future[T] = loop.create_future()
        with self._state:
            if self._closed:
                raise RuntimeError("store is closed")
            flusher = self._flusher
            elsewhere = flusher is not None and not flusher.done() and flusher.get_loop() is not loop
            if not elsewhere:
                self._pending.append(_Job(fn, on_loop, fut, loop, size))
                if flusher is None or flusher.done():
                    # A context of its own: not the first caller's (its log cid).
                    self._flusher = loop.create_task(self._flush(), context=contextvars.Context())
        if elsewhere:
            # Batches belong to one loop at a time; another loop's job runs on its own.
            return await asyncio.to_thread(self.write_sync, fn)
        return await asyncio.shield(fut)

    def write_sync(self, fn: Callable[[Tx], T]) -> T:
        """Run fn in a write transaction on this thread; returns once it is committed."""
        if self._closed:
            raise RuntimeError("store is closed")
        job = _Job(fn)
        with self._wlock:
            error = self._transact([job])
        if error is None:
            error = job.error
        if error is not None:
            raise error
        return job.result  # type: ignore[return-value]

    def _begin(self) -> None:
        if self._wconn.in_transaction:  # left by a failure that could not roll back
            self._wconn.execute("ROLLBACK")
        self._wconn.execute("BEGIN IMMEDIATE")

    def _transact(self, jobs: list[_Job[Any]], start: int = 0, *, begun: bool = False) -> BaseException | None:
        """With _wlock held: begin (unless begun), run jobs[start:], commit them all.
        Returns the error that failed the whole batch, if any; never raises."""
        conn = self._wconn
        try:
            if not begun:
                self._begin()
            error = _run(conn, jobs[start:])
            if error is None:
                error = _commit(conn, jobs)  # cleans up after itself when it fails
                if error is None:
                    self.commits += 1
                return error
        except BaseException as e:
            error = e
        _abort(conn, jobs, error)
        return error

    async def _flush(self) -> None:
        """Commit what is pending, batch after batch, until nothing is."""
        loop = asyncio.get_running_loop()
        while self._pending:
            # Held by write_sync in another thread (rare, short): poll rather than wait
            # in a thread, which could take the lock while this loop is blocked on it.
            while not self._wlock.acquire(blocking=False):  # noqa: ASYNC110
                await asyncio.sleep(BUSY_POLL_S)
            batch = self._take()
            split = _loop_part(batch)
            owned = True  # the lock; the commit thread releases it once it has the batch
            error: BaseException | None = None
            try:
                if batch:  # else close() took them meanwhile
                    self._begin()
                    error = _run(self._wconn, batch[:split])
                    if error is None:
                        fut = loop.run_in_executor(self._committer, self._finish, batch, split)
                        owned = False
                        try:
                            error = await asyncio.shield(fut)
                        except asyncio.CancelledError:
                            # The commit goes on; its callers learn how it ended.
                            _settle_all(batch, await fut)
                            raise
            except asyncio.CancelledError:
                raise
            except BaseException as e:
                error = e
            finally:
                if owned:
                    if error is not None:
                        _abort(self._wconn, batch, error)
                    self._wlock.release()
            _settle_all(batch, error)

    def _take(self) -> list[_Job[Any]]:
        """The next batch: the jobs waiting, oldest first, at most MAX_BATCH."""
        batch: list[_Job[Any]] = []
        while self._pending and len(batch) < MAX_BATCH:
            batch.append(self._pending.popleft())
        return batch

    def _finish(self, batch: list[_Job[Any]], start: int) -> BaseException | None:
        """In the commit thread: the jobs from start on, then the commit."""
        try:
            return self._transact(batch, start, begun=True)
        finally:
            self._wlock.release()

    def _flush_sync(self) -> None:
        """Commit what is pending on this thread (closing)."""
        while self._pending:
            batch = self._take()
            with self._wlock:
                error = self._transact(batch)
            _settle_all(batch, error)

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
        """Commit the jobs already submitted, then close every connection."""
        with self._state:
            if self._closed:
                return
            self._closed = True  # from here on no job joins _pending
            flusher = self._flusher
        if flusher is not None and not flusher.done():
            loop = flusher.get_loop()
            if loop.is_running() and not _running_on(loop):
                try:
                    asyncio.run_coroutine_threadsafe(asyncio.wait({flusher}), loop).result(CLOSE_WAIT_S)
                except concurrent.futures.TimeoutError:
                    log.error("closing: the event loop's batches did not finish", seconds=CLOSE_WAIT_S)
        self._flush_sync()
        self._committer.shutdown(wait=True)
        with self._wlock:
            self._wconn.close()
        self._pool.shutdown(wait=True)
        with self._readers_lock:
            for c in self._readers:
                c.close()
            self._readers.clear()


def _loop_part(batch: list[_Job[Any]]) -> int:
    """How many of the batch's first jobs run on the loop: jobs run in the order they
    came, so those up to the first that is not for the loop, and no more than
    ON_LOOP_MAX jobs or ON_LOOP_BYTES stored, so the loop is never held long."""
    stored = 0
    for i, job in enumerate(batch):
        if not job.on_loop or i >= ON_LOOP_MAX or stored >= ON_LOOP_BYTES:
            return i
        stored += job.size
    return len(batch)


def _running_on(loop: asyncio.AbstractEventLoop) -> bool:
    try:
        return asyncio.get_running_loop() is loop
    except RuntimeError:
        return False


def _run(conn: sqlite3.Connection, jobs: list[_Job[Any]]) -> BaseException | None:
    """Each job in its own savepoint; a job that raises is rolled back alone. Returns
    an error that fails the whole batch: a savepoint that cannot be made or undone, or
    a job after which SQLite ended the transaction itself (a full disk, an I/O error)."""
    for job in jobs:
        tx = Tx(conn)
        conn.execute("SAVEPOINT job")
        try:
            job.result = job.fn(tx)
        except BaseException as e:
            job.error = e
            if not conn.in_transaction:
                return e
            conn.execute("ROLLBACK TO job")
            conn.execute("RELEASE job")
            continue
        conn.execute("RELEASE job")
        job.tx = tx
    return None


def _abort(conn: sqlite3.Connection, jobs: list[_Job[Any]], error: BaseException) -> None:
    """A batch failed before its commit."""
    log.error("write transaction failed", jobs=len(jobs), error=repr(error))
    _roll_back(conn, jobs)


def _roll_back(conn: sqlite3.Connection, jobs: list[_Job[Any]]) -> None:
    """The batch's transaction is undone: none of its jobs' files are written."""
    try:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
    except BaseException:
        log.exception("rollback failed")
    for job in jobs:
        job.tx = None


def _commit(conn: sqlite3.Connection, jobs: list[_Job[Any]]) -> BaseException | None:
    """Write and fsync the jobs' files, fsync their directories, commit. On failure
    everything is rolled back and the files are removed again."""
    txs = [j.tx for j in jobs if j.tx is not None]
    written: list[Path] = []
    try:
        files = [f for tx in txs for f in tx._files]
        for i in range(0, len(files), FILES_AT_ONCE):
            fds: list[int] = []
            try:
                for path, data in files[i : i + FILES_AT_ONCE]:
                    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
                    fds.append(fd)
                    written.append(path)
                    view = memoryview(data)
                    while view:
                        view = view[os.write(fd, view) :]
                # Written first, fsynced after: the file system may flush them together.
                for fd in fds:
                    os.fsync(fd)
            finally:
                for fd in fds:
                    os.close(fd)
        for tx in txs:
            for src, dst in tx._links:
                try:
                    os.link(src, dst)
                except FileExistsError:  # left by a crash before an earlier commit
                    dst.unlink()
                    os.link(src, dst)
                written.append(dst)
        dirs: set[str] = set()
        for tx in txs:
            dirs |= tx._dirs
        for d in sorted(dirs):
            fsync_dir(d)
        conn.execute("COMMIT")
    except BaseException as e:
        log.exception("commit failed", jobs=len(jobs))
        for p in written:
            p.unlink(missing_ok=True)
        _roll_back(conn, jobs)
        return e
    kept = {p for tx in txs for p, _ in tx._files} | {dst for tx in txs for _, dst in tx._links}
    for tx in txs:
        for path in tx._removals:
            if path in kept:
                continue
            try:
                path.unlink(missing_ok=True)
            except OSError:
                log.exception("removing a file after commit failed", path=str(path))
    return None


def _settle_all(jobs: list[_Job[Any]], error: BaseException | None) -> None:
    for job in jobs:
        fut, loop = job.fut, job.loop
        if fut is None or loop is None:
            continue
        err = error or job.error
        if _running_on(loop):
            _settle(fut, job.result, err)
        else:
            try:
                loop.call_soon_threadsafe(_settle, fut, job.result, err)
            except RuntimeError:  # its loop is closed: nobody waits any more
                pass


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
