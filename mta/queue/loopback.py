"""localserve's transport: every message is "delivered" back into the service itself.

An application under development sends to any address and the message lands in the
local account that receives everything, so the developer sees exactly what was sent.
Recipients whose local part ends in a magic word simulate what remote servers do:

- ``...permerror@`` - permanent failure, 550 5.1.1 (no such user);
- ``...temperror@`` - temporary failure, 451 4.3.0 (retried with backoff);
- ``...<3 digits>@`` (e.g. ``x-552@``) - that reply code, with a matching enhanced code;
- ``...timeout@`` - no answer: a temporary failure after the connection times out.
"""

from __future__ import annotations

import asyncio
import re

from mta.delivery import LocalDelivery, Trace
from mta.queue.transport import Delivery, DeliveryResult, RcptResult, outcome_for
from mta.smtp.address import AddressError, parse_address
from mta.store import Store, Target

_CODE = re.compile(r"(\d{3})$")


def simulated(recipient: str) -> RcptResult | None:
    """The outcome a magic local part asks for, or None for a normal delivery."""
    local = recipient.rpartition("@")[0].lower()
    if local.endswith("permerror"):
        return RcptResult("permanent", 550, "5.1.1", "550 5.1.1 Simulated permanent error: no such user")
    if local.endswith("temperror"):
        return RcptResult("temporary", 451, "4.3.0", "451 4.3.0 Simulated temporary error")
    if local.endswith("timeout"):
        return RcptResult("temporary", None, "4.4.2", "Simulated timeout: no answer from the remote server")
    m = _CODE.search(local)
    if m:
        code = int(m.group(1))
        if 200 <= code < 600:
            enhanced = {2: "2.0.0", 4: "4.0.0", 5: "5.0.0"}.get(code // 100, "")
            if not enhanced:
                return None
            return RcptResult(outcome_for(code), code, enhanced, f"{code} {enhanced} Simulated reply {code}")
    return None


class LoopbackTransport:
    """Delivers into local accounts. With ``simulate``, magic local parts pick the outcome
    (localserve); without, it is the transport for the server's own domains."""

    def __init__(
        self,
        store: Store,
        delivery: LocalDelivery,
        catchall_account: int | None,
        *,
        simulate: bool = True,
        timeout: float = 0.5,
    ) -> None:
        self.store = store
        self.delivery = delivery
        self.catchall_account = catchall_account
        self.simulate = simulate
        self.timeout = timeout

    async def deliver(self, d: Delivery) -> DeliveryResult:
        results: list[RcptResult] = []
        targets: list[Target] = []
        for rcpt in d.recipients:
            sim = simulated(rcpt) if self.simulate else None
            if sim is not None:
                if sim.code is None:
                    await asyncio.sleep(self.timeout)
                if sim.outcome == "ok":
                    sim = self._target(rcpt, targets) or sim
                results.append(sim)
                continue
            results.append(self._target(rcpt, targets) or RcptResult("ok", 250, "2.0.0", "250 2.0.0 OK"))
        local = None
        if targets:
            # Stored by the queue with the outcome, in one transaction: exactly once across a crash.
            trace = Trace(helo="localhost", remote_ip="127.0.0.1", protocol="ESMTP", id="queue")
            local = await self.delivery.prepare(d.data, d.mail_from, targets, trace)
        return DeliveryResult(results=results, host="localhost", ip="127.0.0.1", local=local)

    def _target(self, rcpt: str, targets: list[Target]) -> RcptResult | None:
        try:
            addr = parse_address(rcpt)
        except AddressError as e:
            return RcptResult("permanent", 553, "5.1.3", f"553 5.1.3 Bad recipient address: {e}")
        res = self.store.resolve(addr, self.catchall_account)
        if res.kind != "local":
            return RcptResult("permanent", 550, "5.1.1", "550 5.1.1 No such user here")
        for aid in res.account_ids:
            if all(t.account_id != aid for t in targets):
                targets.append(Target(account_id=aid, rcpt_to=rcpt))
        return None
