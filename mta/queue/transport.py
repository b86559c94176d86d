"""What a transport is: something that tries to hand one message to the next hop.

A delivery is one message for one or more recipients that share a MAIL FROM and a
destination domain. The transport answers per recipient: accepted, refused for now
(temporary, retry later) or refused for good (permanent), with the SMTP reply that
said so, plus what it knows about the connection (host, IP, TLS) for the attempt
history.

A transport that delivers into local mailboxes does not store the message itself: it
returns it prepared (``local``) and the queue stores it in the transaction that
records the outcome. A transport that sends the message data elsewhere calls
``before_data`` first, so the queue can record the attempt as in flight.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Literal, Protocol

import msgspec

from mta.store import Prepared

Outcome = Literal["ok", "temporary", "permanent"]


class RcptResult(msgspec.Struct, frozen=True):
    outcome: Outcome
    code: int | None  # SMTP reply code, None when no server answered (connection failure, DNS)
    enhanced: str  # "5.1.1", or "" when none was given
    text: str
    # Only localserve's simulation sets these: try again after retry_in_ms instead of the
    # backoff, and treat the recipient as waiting past the delay-notice time ("delay_notice",
    # a delayed DSN is due) or past its lifetime ("expired": no further attempts).
    retry_in_ms: int | None = None
    as_if: Literal["", "delay_notice", "expired"] = ""
    # localserve's simulation made this result up: a suppression it causes names the
    # address exactly, since the tag (``dev+permerror@``) is what asked for the failure.
    simulated: bool = False


class DeliveryResult(msgspec.Struct, frozen=True):
    results: list[RcptResult]  # one per recipient, in order
    host: str = ""
    ip: str = ""
    tls: str = ""
    local: Prepared | None = None  # to store in local mailboxes with the outcome


# Called with (host, ip, tls) just before the message data is sent to that server.
BeforeData = Callable[[str, str, str], Awaitable[None]]


class Delivery(msgspec.Struct, frozen=True):
    mail_from: str
    recipients: list[str]
    domain: str
    data: bytes
    smtputf8: bool = False
    require_tls: bool | None = None
    account_id: int = 0
    attempt: int = 0  # attempts made before this one
    before_data: BeforeData | None = None


class Transport(Protocol):
    async def deliver(self, d: Delivery) -> DeliveryResult: ...


def outcome_for(code: int) -> Outcome:
    if 200 <= code < 300:
        return "ok"
    if 400 <= code < 500:
        return "temporary"
    return "permanent"


def all_same(d: Delivery, r: RcptResult, host: str = "", ip: str = "", tls: str = "") -> DeliveryResult:
    return DeliveryResult(results=[r] * len(d.recipients), host=host, ip=ip, tls=tls)
