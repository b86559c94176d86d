"""Open connections per client address, for listeners that refuse more than a limit
from one address at once (SMTP and IMAP), so one address cannot hold every
connection the service has."""

from __future__ import annotations


class PerAddress:
    """Counts of open connections by address; one instance per listener."""

    def __init__(self) -> None:
        self._open: dict[str, int] = {}

    def acquire(self, address: str, limit: int) -> bool:
        """Count a new connection from address; False (and not counted) at the limit."""
        n = self._open.get(address, 0)
        if n >= limit:
            return False
        self._open[address] = n + 1
        return True

    def release(self, address: str) -> None:
        """A connection counted by acquire has ended."""
        n = self._open[address] - 1
        if n:
            self._open[address] = n
        else:
            del self._open[address]
