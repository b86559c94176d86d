"""What the HTTP layer needs from the layers below, handed in by the wiring."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

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
    ) -> None:
        self.store = store
        self.hostname = hostname
        self.version = service_version()
        self.submitter = submitter
        self.catchall_account = catchall_account
        self.max_message_size = max_message_size
        self.webhooks = webhooks
        self.readiness = readiness or Readiness()
        self._authenticator = authenticator or (Authenticator(store) if store is not None else None)

    def require_store(self) -> Store:
        if self.store is None:
            raise ProblemError(503, "unavailable", "the service has no store (documentation-only app)")
        return self.store

    def authenticator(self) -> Authenticator:
        if self._authenticator is None:
            raise ProblemError(503, "unavailable", "the service has no store (documentation-only app)")
        return self._authenticator

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
