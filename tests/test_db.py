"""The store's write path (mta/store/db.py): group commit, savepoints, files written at
commit, where jobs run, and closing with work pending. Real SQLite files, real threads."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable, Coroutine, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest

from mailwright.runtime import new_loop
from mta.store.db import Database, Tx

T = TypeVar("T")


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    d = Database(tmp_path / "t.db")
    d.write_sync(lambda tx: tx.conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT UNIQUE)"))
    yield d
    d.close()


def run(coro: Coroutine[Any, Any, T]) -> T:
    loop = new_loop()
    try:
        return loop.run_until_complete(coro)
    finally:
        loop.close()


def rows(db: Database) -> list[str]:
    return [r[0] for r in db.read_sync(lambda c: c.execute("SELECT v FROM t ORDER BY id").fetchall())]


def insert(v: str) -> Callable[[Tx], int]:
    return lambda tx: int(tx.conn.execute("INSERT INTO t (v) VALUES (?)", (v,)).lastrowid or 0)


def test_concurrent_writes_share_commits_and_keep_their_order(db: Database) -> None:
    before = db.commits

    async def main() -> list[int]:
        # Alternating loop and thread jobs: one batch, run in the order they came.
        return await asyncio.gather(*(db.write(insert(f"v{i}"), on_loop=i % 3 != 0) for i in range(60)))

    ids = run(main())
    assert ids == list(range(1, 61))
    assert rows(db) == [f"v{i}" for i in range(60)]
    assert db.commits - before < 10  # 60 jobs, a handful of commits


def test_a_failing_job_rolls_back_alone(db: Database) -> None:
    def bad(tx: Tx) -> None:
        tx.conn.execute("INSERT INTO t (v) VALUES ('half')")
        raise ValueError("no")

    async def main() -> list[object]:
        jobs = [db.write(insert("a"), on_loop=True), db.write(bad, on_loop=True), db.write(insert("b"))]
        return list(await asyncio.gather(*jobs, return_exceptions=True))

    a, err, b = run(main())
    assert (a, b) == (1, 2)  # the failed job's row was rolled back with it
    assert isinstance(err, ValueError)
    assert rows(db) == ["a", "b"]


def test_files_are_written_at_commit_and_linked(db: Database, tmp_path: Path) -> None:
    first, second = tmp_path / "m1", tmp_path / "m2"
    first.write_bytes(b"garbage a crash left")

    def job(tx: Tx) -> None:
        tx.conn.execute("INSERT INTO t (v) VALUES ('m')")
        tx.write_file(first, b"the message")
        tx.link_file(first, second)
        assert not second.exists()  # nothing on disk before the commit

    run(db.write(job, on_loop=True))
    assert first.read_bytes() == second.read_bytes() == b"the message"
    assert first.stat().st_ino == second.stat().st_ino


def test_a_failed_commit_removes_the_files_and_fails_every_job(db: Database, tmp_path: Path) -> None:
    good = tmp_path / "good"

    def ok(tx: Tx) -> None:
        tx.conn.execute("INSERT INTO t (v) VALUES ('ok')")
        tx.write_file(good, b"x")

    def unwritable(tx: Tx) -> None:
        tx.conn.execute("INSERT INTO t (v) VALUES ('bad')")
        tx.write_file(tmp_path / "no such dir" / "f", b"y")

    async def main() -> list[object]:
        return list(await asyncio.gather(db.write(ok, on_loop=True), db.write(unwritable), return_exceptions=True))

    results = run(main())
    assert all(isinstance(r, FileNotFoundError) for r in results)
    assert not good.exists()
    assert rows(db) == []
    run(db.write(insert("after")))  # the connection is usable again
    assert rows(db) == ["after"]


def test_loop_jobs_run_on_the_loop_and_others_in_the_commit_thread(db: Database) -> None:
    seen: dict[str, int] = {}

    def where(name: str) -> Callable[[Tx], None]:
        def fn(tx: Tx) -> None:
            seen[name] = threading.get_ident()

        return fn

    async def main() -> None:
        await asyncio.gather(db.write(where("loop"), on_loop=True), db.write(where("thread")))

    run(main())
    assert seen["loop"] == threading.get_ident()
    assert seen["thread"] != threading.get_ident()


def test_write_sync_beside_batches_from_the_loop_and_from_threads(db: Database) -> None:
    async def main() -> None:
        def from_thread(k: int) -> None:
            for i in range(20):
                db.write_sync(insert(f"s{k}-{i}"))

        threads = asyncio.gather(*(asyncio.to_thread(from_thread, k) for k in range(3)))
        for i in range(20):
            await asyncio.gather(*(db.write(insert(f"a{i}-{j}"), on_loop=True) for j in range(5)))
            db.write_sync(insert(f"l{i}"))  # on the loop thread, perhaps while a batch commits
        await threads

    run(main())
    got = rows(db)
    assert len(got) == len(set(got)) == 3 * 20 + 20 * 5 + 20


def test_close_commits_what_is_pending(tmp_path: Path) -> None:
    for closer in ("loop thread", "worker thread"):
        db = Database(tmp_path / f"{closer}.db")
        db.write_sync(lambda tx: tx.conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT UNIQUE)"))

        async def main(db: Database = db, closer: str = closer) -> list[int]:
            tasks = [asyncio.ensure_future(db.write(insert(f"p{i}"), on_loop=True)) for i in range(10)]
            await asyncio.sleep(0)  # the first batch starts; the others are still pending
            tasks += [asyncio.ensure_future(db.write(insert(f"q{i}"))) for i in range(10)]
            await asyncio.sleep(0)  # submitted: waiting for the batch in flight
            if closer == "loop thread":
                db.close()
            else:
                await asyncio.to_thread(db.close)
            with pytest.raises(RuntimeError, match="closed"):
                await db.write(insert("late"))
            return await asyncio.gather(*tasks)

        assert len(run(main())) == 20
        again = Database(tmp_path / f"{closer}.db")
        assert len(rows(again)) == 20
        again.close()


def test_a_full_disk_fails_the_batch_and_the_store_goes_on(db: Database) -> None:
    """A job after which SQLite ends the transaction itself (here: the database may not
    grow) fails its whole batch, every caller hears of it, and later writes work."""
    db.write_sync(lambda tx: tx.conn.execute("CREATE TABLE big (b BLOB)"))
    (pages,) = db.read_sync(lambda c: c.execute("PRAGMA page_count").fetchone())

    def fill(tx: Tx) -> None:
        tx.conn.execute(f"PRAGMA max_page_count = {pages + 2}")
        tx.conn.execute("INSERT INTO big VALUES (zeroblob(1000000))")

    for on_loop in (True, False):

        async def main(on_loop: bool = on_loop) -> list[object]:
            jobs = [db.write(insert(f"x{on_loop}"), on_loop=on_loop), db.write(fill, on_loop=on_loop)]
            return list(await asyncio.wait_for(asyncio.gather(*jobs, return_exceptions=True), 10))

        results = run(main())
        assert all(isinstance(r, Exception) and "full" in str(r) for r in results), results
        db.write_sync(lambda tx: tx.conn.execute("PRAGMA max_page_count = 1073741823"))
        assert run(db.write(insert(f"after{on_loop}"), on_loop=on_loop)) > 0
    assert rows(db) == ["afterTrue", "afterFalse"]


def test_a_file_removed_and_written_again_in_one_batch_stays(db: Database, tmp_path: Path) -> None:
    """A message deleted and its id handed out again to a new one in the same batch:
    the removal after the commit must not take the new message's file."""
    path = tmp_path / "7"
    path.write_bytes(b"old message")

    def delete(tx: Tx) -> None:
        tx.remove_file(path)

    def store_again(tx: Tx) -> None:
        tx.write_file(path, b"new message")

    async def main() -> None:
        await asyncio.gather(db.write(delete, on_loop=True), db.write(store_again, on_loop=True))

    run(main())
    assert path.read_bytes() == b"new message"
    run(db.write(delete))
    assert not path.exists()


def test_a_cancelled_flusher_still_reports_the_commit_it_started(db: Database) -> None:
    def slow(tx: Tx) -> int:
        time.sleep(0.2)  # in the commit thread
        return int(tx.conn.execute("INSERT INTO t (v) VALUES ('slow')").lastrowid or 0)

    async def main() -> int:
        pending = asyncio.ensure_future(db.write(slow))
        await asyncio.sleep(0.05)  # the batch is in the commit thread now
        flusher = db._flusher
        assert flusher is not None and not flusher.done()
        flusher.cancel()
        return await asyncio.wait_for(pending, 5)

    assert run(main()) == 1
    assert rows(db) == ["slow"]
    assert run(db.write(insert("next"))) == 2
