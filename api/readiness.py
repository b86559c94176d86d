"""Whether the service is ready: what /health reports, filled in by the wiring.

The HTTP listener may answer before the SMTP and IMAP listeners accept connections
(they start one after another, and after a crash the store's recovery comes first),
so "HTTP answers" does not mean "ready". The wiring registers every configured
listener before starting any, gives each a probe once it is bound, and says when
recovery (opening the store, and the queues taking up the work left from before) is
done. An application built without the wiring (documentation, unit tests) has no
listeners and nothing to recover: it is ready.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

Recovery = Literal["running", "done"]


def _not_yet() -> bool:
    return False


class ListenerProbe:
    """One configured listener: its address, and whether it accepts connections now."""

    def __init__(self, kind: str, address: str, port: int) -> None:
        self.kind = kind
        self.address = address
        self.port = port  # the configured port until bound (0: any), then the actual one
        self._accepting: Callable[[], bool] = _not_yet

    def bound(self, port: int, accepting: Callable[[], bool]) -> None:
        """The listener is bound to port; accepting() says whether it serves now."""
        self.port = port
        self._accepting = accepting

    def accepting(self) -> bool:
        return self._accepting()


class Readiness:
    def __init__(self, recovery: Recovery = "done") -> None:
        self.recovery: Recovery = recovery
        self.listeners: list[ListenerProbe] = []

    def listener(self, kind: str, address: str, port: int) -> ListenerProbe:
        probe = ListenerProbe(kind, address, port)
        self.listeners.append(probe)
        return probe
