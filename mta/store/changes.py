"""Wake-ups for readers of an account's change log (the API's event stream, IMAP IDLE).

The change log itself is the mail_changes table, written in the transaction that made
each change; this only tells waiting readers, in this process, that there is something
new to read. A reader must still read the log (and should poll now and then, for
changes made by another process such as the command line).
"""

from __future__ import annotations

import asyncio
import threading
from types import TracebackType


class ChangeHub:
    def __init__(self) -> None:
        self._subs: dict[int, set[Subscription]] = {}
        self._lock = threading.Lock()
        self.closed = False

    def close(self) -> None:
        """The service is stopping: wake every reader for good (they see `closed`)."""
        self.closed = True
        with self._lock:
            subs = [s for group in self._subs.values() for s in group]
        for s in subs:
            s.wake()

    def subscribe(self, account_id: int) -> Subscription:
        """Start listening (from a coroutine); use as a context manager."""
        sub = Subscription(self, account_id)
        with self._lock:
            self._subs.setdefault(account_id, set()).add(sub)
        return sub

    def _remove(self, sub: Subscription) -> None:
        with self._lock:
            subs = self._subs.get(sub.account_id)
            if subs is not None:
                subs.discard(sub)
                if not subs:
                    del self._subs[sub.account_id]

    def notify(self, *account_ids: int) -> None:
        """The accounts' change logs have new entries (callable from any thread)."""
        with self._lock:
            subs = [s for a in set(account_ids) for s in self._subs.get(a, ())]
        for s in subs:
            s.wake()


class Subscription:
    def __init__(self, hub: ChangeHub, account_id: int) -> None:
        self.hub = hub
        self.account_id = account_id
        self._loop = asyncio.get_running_loop()
        self._event = asyncio.Event()

    def wake(self) -> None:
        try:
            self._loop.call_soon_threadsafe(self._event.set)
        except RuntimeError:  # the loop is closed: nobody is waiting any more
            pass

    async def wait(self, timeout: float) -> bool:
        """Until notified or timeout seconds passed; True when notified."""
        try:
            async with asyncio.timeout(timeout):  # not wait_for, which can lose a cancel
                await self._event.wait()
        except TimeoutError:
            return False
        self._event.clear()
        return True

    def close(self) -> None:
        self.hub._remove(self)

    def __enter__(self) -> Subscription:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()
