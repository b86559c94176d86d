"""Final delivery into local mailboxes: trace headers, then the store (RFC 5321 section 4.4).

The delivering MTA adds ``Return-Path:`` (the envelope sender) and a ``Received:``
line saying from where, to which host, with which protocol (RFC 3848 keywords) and
when. The SMTP server uses this now; the outbound queue uses it to deliver mail for
local recipients (in localserve: all "sent" mail) without a Received: line of its own,
as that message's submission (HTTP, ESMTPA) already wrote the one for this host. Each
stored message gets an ``incoming`` event in the store's outbox (same transaction) and
subscribers of ``on_delivered`` (the webhooks layer) are told; the queue's own DSNs are
delivered with ``notify=False`` (a bounce is an outgoing event, not new mail). The
outbound queue ``prepare``s what it delivers locally and stores it in the transaction
that records the delivery (then calls ``stored``), so a crash cannot store it twice.
"""

from __future__ import annotations

import email.utils
from collections.abc import Callable

import msgspec

from mta.store import Delivered, DeliveryMeta, Prepared, Store, Target
from mta.store.types import AuthResults


class Trace(msgspec.Struct, frozen=True):
    """Where a message came from, for its Received: header."""

    helo: str = ""
    remote_ip: str = ""
    protocol: str = "ESMTP"  # SMTP, ESMTP, ESMTPS, ESMTPA, ESMTPSA, UTF8SMTPS, ...
    tls: str = ""  # e.g. "TLSv1.3 TLS_AES_256_GCM_SHA384"
    id: str = ""


def _clean(s: str) -> str:
    """A value safe inside a header comment: no line breaks, no parentheses."""
    return "".join(c if c.isprintable() and c not in "()" else "?" for c in s)[:200]


def received_header(hostname: str, trace: Trace, recipient: str | None) -> bytes:
    parts = ["Received:"]
    if trace.helo or trace.remote_ip:
        ip = f"[{trace.remote_ip}]" if trace.remote_ip else ""
        parts.append(f"from {_clean(trace.helo) or 'unknown'} ({ip})")
    parts.append(f"by {hostname} (Mailwright)")
    if trace.tls:
        parts.append(f"({_clean(trace.tls)})")
    parts.append(f"with {trace.protocol}")
    if trace.id:
        parts.append(f"id {trace.id}")
    if recipient:
        parts.append(f"for <{recipient}>")
    line = " ".join(parts) + "; " + email.utils.formatdate(localtime=False, usegmt=True)
    return _fold(line).encode("utf-8") + b"\r\n"


def _fold(line: str, width: int = 78) -> str:
    words = line.split(" ")
    out: list[str] = []
    cur = ""
    for w in words:
        if cur and len(cur) + 1 + len(w) > width:
            out.append(cur)
            cur = "\t" + w
        else:
            cur = f"{cur} {w}" if cur else w
    out.append(cur)
    return "\r\n".join(out)


DeliveredHook = Callable[[list[Delivered]], None]


class LocalDelivery:
    def __init__(self, store: Store, hostname: str) -> None:
        self.store = store
        self.hostname = hostname
        self.on_delivered: list[DeliveredHook] = []

    async def deliver(
        self,
        data: bytes,
        mail_from: str,
        targets: list[Target],
        trace: Trace | None,
        *,
        notify: bool = True,
        auth: AuthResults | None = None,
    ) -> list[Delivered]:
        """Store data for each target with trace headers prepended; durable on return.
        trace None: only Return-Path (a hand-off inside this host, already traced).
        auth: what SPF/DKIM/DMARC concluded (mail received over SMTP), kept with it.

        Recipients of one transaction share one copy of the headers (without a
        "for" clause when there are several, so recipients do not see each other).
        """
        remote_ip = trace.remote_ip if trace is not None else ""
        meta = DeliveryMeta(mail_from=mail_from, remote_ip=remote_ip, auth=auth or AuthResults())
        delivered = await self.store.deliver(
            self._traced(data, mail_from, targets, trace), targets, meta, events=notify
        )
        if notify:
            self.stored(delivered)
        return delivered

    async def prepare(
        self, data: bytes, mail_from: str, targets: list[Target], trace: Trace | None, *, notify: bool = True
    ) -> Prepared:
        """What ``deliver`` would store, for the caller to store in a transaction of its
        own (``Store.store_prepared``); then it calls ``stored`` when notify is set."""
        meta = DeliveryMeta(mail_from=mail_from, remote_ip=trace.remote_ip if trace is not None else "")
        return await self.store.prepare(self._traced(data, mail_from, targets, trace), targets, meta, events=notify)

    def stored(self, delivered: list[Delivered]) -> None:
        """Tell the subscribers about messages stored."""
        for hook in self.on_delivered:
            hook(delivered)

    def _traced(self, data: bytes, mail_from: str, targets: list[Target], trace: Trace | None) -> bytes:
        rcpts = {t.rcpt_to for t in targets}
        header = b"Return-Path: <" + mail_from.encode("utf-8") + b">\r\n"
        if trace is not None:
            header += received_header(self.hostname, trace, next(iter(rcpts)) if len(rcpts) == 1 else None)
        return header + data
