"""What the HTTP layer needs from the layers below, handed in by the wiring."""

from __future__ import annotations

import time
from collections.abc import Callable
from importlib.metadata import PackageNotFoundError, version

from api.login_links import LoginLinks
from api.problems import ProblemError
from api.readiness import Readiness
from mta.auth import Authenticator
from mta.queue.submit import Submitter
from mta.store import Store
from webhooks import Webhooks


def service_version() -> str:
    try:
        return version("mailwright")
    except PackageNotFoundError:  # running from a tree that is not installed
        return "0.0.0"


class AppState:
    def __init__(
        self,
        store: Store | None,
        hostname: str = "localhost",
        *,
        submitter: Submitter | None = None,
        authenticator: Authenticator | None = None,
        catchall_account: int | None = None,
        max_message_size: int = 50 * 1024 * 1024,
        webhooks: Webhooks | None = None,
        readiness: Readiness | None = None,
        session_idle_seconds: float = 30 * 60,
        session_lifetime_seconds: float = 12 * 3600,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.store = store
        self.hostname = hostname
        self.version = service_version()
        self.submitter = submitter
        self.catchall_account = catchall_account
        self.max_message_size = max_message_size
        self.webhooks = webhooks
        self.readiness = readiness or Readiness()
        self.session_idle_ms = int(session_idle_seconds * 1000)
        self.session_lifetime_ms = int(session_lifetime_seconds * 1000)
        self.clock = clock  # for sessions' expiry: time.time, or a test's clock
        self.login_links = LoginLinks()
        self._authenticator = authenticator or (Authenticator(store) if store is not None else None)

    def require_store(self) -> Store:
        if self.store is None:
            raise ProblemError(503, "unavailable", "the service has no store (documentation-only app)")
        return self.store

    def authenticator(self) -> Authenticator:
        if self._authenticator is None:
            raise ProblemError(503, "unavailable", "the service has no store (documentation-only app)")
        return self._authenticator

    def now_ms(self) -> int:
        return int(self.clock() * 1000)

    def require_submitter(self) -> Submitter:
        if self.submitter is None:
            raise ProblemError(503, "unavailable", "sending is not enabled on this server")
        return self.submitter

    def require_webhooks(self) -> Webhooks:
        if self.webhooks is None:
            raise ProblemError(503, "unavailable", "webhooks are not enabled on this server")
        return self.webhooks

    def ping(self) -> None:
        """Raise if the database cannot be read."""
        if self.store is not None:
            self.store.db.read_sync(lambda c: c.execute("SELECT 1").fetchone())
