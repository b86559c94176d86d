"""Choosing the transport for a delivery: routes first, then local or direct.

A route matches on account, sender domain, recipient domain and attempt number (any
may be left out); the first match names the transport, so an operator can send one
customer's mail, or mail to one provider, or every retry after the third, through a
smarthost, a submission service or a SOCKS proxy. Without a matching route, mail for
the server's own domains is delivered locally and the rest directly to the MX.
"""

from __future__ import annotations

import msgspec

from mta.queue.transport import Delivery, DeliveryResult, Transport
from mta.store import Store


class Route(msgspec.Struct, frozen=True):
    transport: str
    account_id: int | None = None
    from_domain: str = ""
    to_domain: str = ""
    min_attempt: int = 0

    def matches(self, d: Delivery) -> bool:
        if self.account_id is not None and d.account_id != self.account_id:
            return False
        if self.from_domain and d.mail_from.rpartition("@")[2].lower() != self.from_domain:
            return False
        if self.to_domain and d.domain != self.to_domain:
            return False
        return d.attempt >= self.min_attempt


class RoutingTransport:
    def __init__(
        self,
        store: Store,
        local: Transport,
        remote: Transport,
        routes: list[Route] | None = None,
        transports: dict[str, Transport] | None = None,
    ) -> None:
        self.store = store
        self.local = local
        self.remote = remote
        self.routes = routes or []
        self.transports = transports or {}

    def choose(self, d: Delivery) -> Transport:
        if any(dom.name == d.domain for dom in self.store.domains()):
            return self.local
        for r in self.routes:
            if r.matches(d):
                return self.transports[r.transport]
        return self.remote

    async def deliver(self, d: Delivery) -> DeliveryResult:
        return await self.choose(d).deliver(d)
