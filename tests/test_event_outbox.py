"""The event outbox in the store: an event exists exactly when its change happened."""

from __future__ import annotations

import asyncio
from pathlib import Path

import msgspec

from mta.queue import OutboundEvent
from mta.store import Store
from mta.store.types import EnqueueRequest
from mta.store.webhooks import WebhookConfig


def test_no_event_for_a_change_that_did_not_happen(data_dir: Path) -> None:
    """A recipient canceled while its delivery was in flight: the delivery's result is
    not applied, and no event says otherwise (it would supersede the cancel)."""

    async def main(store: Store) -> list[str]:
        acc = store.account("alice")
        assert acc is not None
        store.webhooks.put_config(WebhookConfig(account_id=acc.id, outgoing_url="http://hooks.test/"), 0)
        [sub], _ = await store.queue.enqueue(
            EnqueueRequest(
                account_id=acc.id,
                mail_from="alice@example.com",
                recipients=["r@remote.test"],
                data=b"Subject: x\r\n\r\nx\r\n",
                message_id="<m@x>",
                subject="x",
                sender="alice@example.com",
            )
        )
        assert await store.queue.control(acc.id, sub.outbound_id, "cancel", 1) is None
        row = store.queue.get(sub.outbound_id)
        assert row is not None
        late = OutboundEvent(
            event="delayed",
            outbound_id=row.id,
            account_id=acc.id,
            from_id=row.from_id,
            message_id="<m@x>",
            subject="x",
            recipient=row.recipient,
            smtp_code=451,
            enhanced_code="4.3.0",
            error="try later",
            metadata={},
            time=2,
        )
        await store.queue.record([(row.id, None, "queued", 10, False, "", False)], [late])
        return [r.event for r in store.webhooks.outbox(10)]

    store = Store.open(data_dir)
    try:
        assert asyncio.run(main(store)) == ["canceled"]
        assert store.queue.get(store.webhooks.outbox(1)[0].ref).state == "canceled"  # type: ignore[union-attr]
    finally:
        store.close()


def one_recipient(account_id: int, i: int, send_at: int | None = None) -> EnqueueRequest:
    """A small message from alice to r<i>@remote.test."""
    return EnqueueRequest(
        account_id=account_id,
        mail_from="alice@example.com",
        recipients=[f"r{i}@remote.test"],
        data=b"Subject: x\r\n\r\nx\r\n",
        message_id=f"<m{i}@x>",
        subject="x",
        sender="alice@example.com",
        send_at=send_at,
    )


def test_a_burst_of_events_becomes_calls_in_one_commit(data_dir: Path) -> None:
    """Draining the outbox commits once per page of rows, not once per row."""
    from webhooks.service import Webhooks

    async def main(store: Store) -> tuple[int, int, int]:
        acc = store.account("alice")
        assert acc is not None
        hooks = Webhooks(store)
        await hooks.put_config(acc.id, outgoing_url="http://hooks.test/", incoming_url="", events=[], authorization="")
        for i in range(30):
            [sub], _ = await store.queue.enqueue(one_recipient(acc.id, i))
            assert await store.queue.control(acc.id, sub.outbound_id, "cancel", 1) is None
        before = store.db.commits
        drained = await hooks.drain()
        calls = len(store.webhooks.list(acc.id, "pending", "", None, None, 100))
        return drained, calls, store.db.commits - before

    store = Store.open(data_dir)
    try:
        assert asyncio.run(main(store)) == (30, 30, 1)
        assert store.webhooks.outbox(10) == []
    finally:
        store.close()


def test_due_says_when_the_next_recipient_is_due(data_dir: Path) -> None:
    """One read gives the due recipients and the time of the next one, so the queue's
    loop needs no second read to know how long to sleep."""

    async def main(store: Store) -> None:
        acc = store.account("alice")
        assert acc is not None
        for i, send_at in enumerate([None, 5_000, 9_000]):
            await store.queue.enqueue(one_recipient(acc.id, i, send_at), now=1_000)
        due = store.queue.due(2_000, 10, set())
        assert [it.row.recipient for it in due.items] == ["r0@remote.test"]
        assert (due.more, due.next_at) == (False, 5_000)
        full = store.queue.due(6_000, 1, set())  # a full read: more may be due
        assert len(full.items) == 1 and full.more and full.next_at == 6_000
        assert store.queue.due(10_000, 10, {it.row.id for it in full.items}).next_at is None

    store = Store.open(data_dir)
    try:
        asyncio.run(main(store))
    finally:
        store.close()


def test_the_newest_event_by_time_stays_pending(data_dir: Path) -> None:
    """Events recorded out of order (the newer first): the call about the newer one stays
    pending and the older one is recorded superseded, not the other way round."""
    from webhooks import Webhooks

    async def main(store: Store) -> list[tuple[str, str, int]]:
        acc = store.account("alice")
        assert acc is not None
        store.webhooks.put_config(WebhookConfig(account_id=acc.id, outgoing_url="http://hooks.test/"), 0)
        [sub], _ = await store.queue.enqueue(one_recipient(acc.id, 0))
        row = store.queue.get(sub.outbound_id)
        assert row is not None
        for t, error in ((2000, "newer"), (1000, "older")):
            ev = OutboundEvent(
                event="delayed",
                outbound_id=row.id,
                account_id=acc.id,
                from_id=row.from_id,
                message_id="<m0@x>",
                subject="x",
                recipient=row.recipient,
                smtp_code=451,
                enhanced_code="4.3.0",
                error=error,
                metadata={},
                time=t,
            )
            await store.queue.record([(row.id, None, "queued", 10, False, "", False)], [ev])
        await Webhooks(store).drain()
        calls = store.webhooks.list(acc.id, "", "", row.id, None, 10)
        return [(c.state, str(msgspec.json.decode(c.payload)["error"]), c.sequence) for c in calls]

    store = Store.open(data_dir)
    try:
        assert asyncio.run(main(store)) == [("superseded", "older", 2), ("pending", "newer", 1)]
    finally:
        store.close()
