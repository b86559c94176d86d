"""localserve's transport: every message is "delivered" back into the service itself.

An application under development sends to any address and the message lands in the
local account that receives everything, so the developer sees exactly what was sent.
Recipients whose local part ends in ``-`` or ``+`` followed by a keyword, or is ``x``
with a separator and a reply code, simulate what remote servers do (``customer550@``,
``order-421@`` and ``permerror@`` are ordinary addresses, delivered):

- ``...-permerror@`` - permanent failure, 550 5.1.1 (no such user);
- ``...-temperror@`` - temporary failure, 451 4.3.0 (retried with backoff);
- ``...-timeout@`` - no answer: a temporary failure after the connection times out;
- ``...-delayed@`` - the first attempt is deferred as if for hours (a ``delayed`` event
  and a delayed DSN), the next, seconds later, delivers;
- ``...-expired@`` - the first attempt is deferred, the next, seconds later, finds the
  message's lifetime over: ``expired``;
- ``x-<3 digits>@`` or ``x+<3 digits>@`` (e.g. ``x-552@``, ``x+421@``) - that reply
  code (2xx, 4xx, 5xx), with a matching enhanced code. Codes need the ``x`` so that
  numbered addresses (``order-421@``, ``user-550@``) are not taken for simulations.
"""

from __future__ import annotations

import asyncio
import re

import msgspec

from mta.delivery import LocalDelivery
from mta.queue.transport import Delivery, DeliveryResult, RcptResult, outcome_for
from mta.smtp.address import AddressError, parse_address
from mta.store import Store, Target

SIMULATION = re.compile(r"[-+](permerror|temperror|timeout|delayed|expired)$|^x[-+]([245]\d\d)$")
# What the simulation is, in one line each, for the banner and the docs.
SIMULATION_RULES = (
    ("x-permerror@", "550 5.1.1: failed, with a DSN"),
    ("x-temperror@", "451 4.3.0: retried"),
    ("x-timeout@", "no answer: retried"),
    ("x-delayed@", "deferred (delayed event and DSN), delivered seconds later"),
    ("x-expired@", "deferred, then expired seconds later"),
    ("x-550@, x+421@", "that reply code (any 2xx, 4xx, 5xx; only after x)"),
)
RETRY_IN_MS = 2000  # the next attempt of -delayed and -expired


def simulated(recipient: str, attempt: int = 0) -> RcptResult | None:
    """The outcome a magic local part asks for at this attempt (attempts made before it),
    or None for a normal delivery."""
    m = SIMULATION.search(recipient.rpartition("@")[0].lower())
    if m is None:
        return None
    word = m.group(1) or m.group(2)
    if word == "permerror":
        return RcptResult("permanent", 550, "5.1.1", "550 5.1.1 Simulated permanent error: no such user")
    if word == "temperror":
        return RcptResult("temporary", 451, "4.3.0", "451 4.3.0 Simulated temporary error")
    if word == "timeout":
        return RcptResult("temporary", None, "4.4.2", "Simulated timeout: no answer from the remote server")
    if word == "delayed":
        if attempt > 0:
            return None
        return RcptResult(
            "temporary",
            451,
            "4.4.1",
            "451 4.4.1 Simulated delay: not delivered for hours; retried in seconds",
            retry_in_ms=RETRY_IN_MS,
            as_if="delay_notice",
        )
    if word == "expired":
        if attempt > 0:
            return RcptResult(
                "temporary", 451, "4.4.7", "451 4.4.7 Simulated expiry: delivery time expired", as_if="expired"
            )
        return RcptResult("temporary", 451, "4.4.1", "451 4.4.1 Simulated delay before expiry", retry_in_ms=RETRY_IN_MS)
    code = int(word)
    enhanced = f"{code // 100}.0.0"
    return RcptResult(outcome_for(code), code, enhanced, f"{code} {enhanced} Simulated reply {code}")


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
            sim = simulated(rcpt, d.attempt) if self.simulate else None
            if sim is not None:
                sim = msgspec.structs.replace(sim, simulated=True)
                if sim.code is None:
                    await asyncio.sleep(self.timeout)
                if sim.outcome == "ok":
                    sim = self._target(rcpt, targets) or sim
                results.append(sim)
                continue
            results.append(self._target(rcpt, targets) or RcptResult("ok", 250, "2.0.0", "250 2.0.0 OK"))
        local = None
        if targets:
            # Stored by the queue with the outcome, in one transaction: exactly once across a
            # crash. No Received: of its own: the submission (HTTP or ESMTPA) wrote this host's.
            local = await self.delivery.prepare(d.data, d.mail_from, targets, None)
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
