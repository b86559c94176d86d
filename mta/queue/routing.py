"""Choosing the transport for a delivery: the server's own domains stay local, the rest go out.

Later issues add configured routes (per account, sender domain, recipient domain and
attempt number) choosing a smarthost, submission or SOCKS transport; the default
route is direct delivery.
"""

from __future__ import annotations

from mta.queue.transport import Delivery, DeliveryResult, Transport
from mta.store import Store


class RoutingTransport:
    def __init__(self, store: Store, local: Transport, remote: Transport) -> None:
        self.store = store
        self.local = local
        self.remote = remote

    async def deliver(self, d: Delivery) -> DeliveryResult:
        local = any(dom.name == d.domain for dom in self.store.domains())
        return await (self.local if local else self.remote).deliver(d)
