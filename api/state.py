"""What the HTTP layer needs from the layers below, handed in by the wiring."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from mta.store import Store


def service_version() -> str:
    try:
        return version("mailwright")
    except PackageNotFoundError:  # running from a tree that is not installed
        return "0.0.0"


class AppState:
    def __init__(self, store: Store | None, hostname: str = "localhost") -> None:
        self.store = store
        self.hostname = hostname
        self.version = service_version()

    def ping(self) -> None:
        """Raise if the database cannot be read."""
        if self.store is not None:
            self.store.db.read_sync(lambda c: c.execute("SELECT 1").fetchone())
