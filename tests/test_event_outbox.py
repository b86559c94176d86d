"""The event outbox in the store: an event exists exactly when its change happened."""

from __future__ import annotations

import asyncio
from pathlib import Path

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
        await store.queue.record([(row.id, None, "queued", 10, False, "")], [late])
        return [r.event for r in store.webhooks.outbox(10)]

    store = Store.open(data_dir)
    try:
        assert asyncio.run(main(store)) == ["canceled"]
        assert store.queue.get(store.webhooks.outbox(1)[0].ref).state == "canceled"  # type: ignore[union-attr]
    finally:
        store.close()


def test_a_burst_of_events_becomes_calls_in_one_commit(data_dir: Path) -> None:
    """Draining the outbox commits once per page of rows, not once per row."""
    from webhooks.service import Webhooks

    async def main(store: Store) -> tuple[int, int, int]:
        acc = store.account("alice")
        assert acc is not None
        hooks = Webhooks(store)
        await hooks.put_config(acc.id, outgoing_url="http://hooks.test/", incoming_url="", events=[], authorization="")
        for i in range(30):
            [sub], _ = await store.queue.enqueue(
                EnqueueRequest(
                    account_id=acc.id,
                    mail_from="alice@example.com",
                    recipients=[f"r{i}@remote.test"],
                    data=b"Subject: x\r\n\r\nx\r\n",
                    message_id=f"<m{i}@x>",
                    subject="x",
                    sender="alice@example.com",
                )
            )
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
