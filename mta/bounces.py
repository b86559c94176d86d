"""Bounce matching: mail that comes back to a from_id return address (RFC 3464, RFC 5965).

Every recipient of a sent message has its own MAIL FROM, ``local<sep><from_id>@domain``
(128 random bits). Mail to such an address whose from_id names a recipient of the
same account, with exactly that return address, is about that recipient:

- a DSN whose per-recipient block names the recipient (Final- or Original-Recipient)
  updates its history (an entry with the reporting MTA, code and text), its state
  (``failed`` for a failure, even after the next hop had accepted it), adds the
  address to the suppression list when the code says the mailbox does not exist or
  refuses, and records the event (``failed``, ``delayed``, ``delivered``,
  ``relayed``, ``expanded``, with ``dsn: true``); the bounce itself is not stored;
- a feedback report (ARF) records ``complained`` and suppresses the address;
- anything else (an auto-reply, a human reply, a DSN about someone else, a report
  that cannot be read) records ``unrecognized`` and is delivered as ordinary mail,
  so nothing is lost.

A from_id that was never given out, or one used with another account's address,
is not a match: that mail is ordinary mail and changes nothing (forged bounces
cannot suppress addresses). Bounces that are not RFC 3464 (plain-text notices of
Exchange, qmail, Yahoo, ...) are read with flufl.bounce's detectors
(mta/dsn/classify.py) when the mail looks like a bounce (null sender or a mailer
daemon's From).
"""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import Callable, Sequence

from mta.dsn import RecipientReport, Report, parse_report
from mta.dsn.classify import heuristic
from mta.log import get_logger
from mta.smtp.address import Address, AddressError, parse_address
from mta.store import Store
from mta.store.types import Attempt, OutboundItem
from mta.suppress import suppresses

log = get_logger("bounces")

_FROM_ID = re.compile(r"[a-z2-7]{26}")


class Bounces:
    def __init__(self, store: Store, clock: Callable[[], float] = time.time) -> None:
        self.store = store
        self.clock = clock
        self.on_event: list[Callable[[], None]] = []

    def match(self, rcpt: Address, account_ids: Sequence[int]) -> OutboundItem | None:
        """The outbound recipient whose return address this is, if any."""
        local = rcpt.localpart
        if len(local) < 28 or local[-27].isalnum() or not _FROM_ID.fullmatch(local[-26:].lower()):
            return None
        for aid in account_ids:
            it = self.store.queue.by_from_id(aid, local[-26:].lower())
            if it is not None and it.row.mail_from.lower() == rcpt.ascii.lower():
                return it
        return None

    async def process(self, data: bytes, it: OutboundItem, mail_from: str = "") -> bool:
        """Act on mail that came back for it; True when it was consumed (a report about
        it), False when it is to be delivered as ordinary mail (unrecognized).
        mail_from is the envelope sender: plain-text bounce heuristics are only tried
        on mail that looks like a bounce (null sender, or from a mailer daemon)."""
        report = parse_report(data)
        now = int(self.clock() * 1000)
        consumed = True
        if report.kind == "dsn" and report.recipients:
            r = _about(report, it.row.recipient)
            if r is None:
                names = ", ".join(x.final_recipient for x in report.recipients)
                await self._unrecognized(it, f"a DSN about {names}, not {it.row.recipient}", now, dsn=True)
                consumed = False
            else:
                host = r.remote_mta or report.reporting_mta
                consumed = await self._act(it, r.effective_action, r.status, r.smtp_code, r.diagnostic, host, now)
        elif report.kind == "arf":
            named = report.original_recipient
            if named and named.lower() != it.row.recipient.lower():
                await self._unrecognized(it, f"a complaint about {named}, not {it.row.recipient}", now, dsn=False)
                consumed = False
            else:
                kind = report.feedback_type or "abuse"
                reason = f"complaint ({kind})" + (f" from {report.reporting_mta}" if report.reporting_mta else "")
                await self.store.queue.report(
                    it, "complained", None, new_state=None, suppress_reason=reason, error=reason, now=now, dsn=False
                )
                log.info("complaint", outbound=it.row.id, rcpt=it.row.recipient, type=kind)
        else:
            found = None
            if _looks_like_bounce(data, mail_from):
                failures = await asyncio.to_thread(heuristic, data)
                found = next((f for f in failures if f.recipient == it.row.recipient.lower()), None)
            if found is not None:
                action = "failed" if found.kind == "permanent" else "delayed"
                consumed = await self._act(it, action, found.enhanced, found.smtp_code, found.text, "", now)
            else:
                what = "a bounce that does not name " + it.row.recipient if report.kind else "not a recognizable bounce"
                await self._unrecognized(it, what, now, dsn=report.kind == "dsn")
                consumed = False
        for hook in self.on_event:
            hook()
        return consumed

    async def _act(
        self, it: OutboundItem, action: str, status: str, code: int | None, text: str, host: str, now: int
    ) -> bool:
        """Record what a report says happened to the recipient; False when it says nothing usable."""
        text = text or f"{action} ({status})"
        att = Attempt(time=now, host=host, ip="", tls="", code=code, enhanced=status, text=text, duration_ms=0)
        if action == "failed":
            refused = suppresses(status, code)
            await self.store.queue.report(
                it, "failed", att, new_state="failed", suppress_reason=text if refused else "", error=text, now=now
            )
        elif action in ("delayed", "delivered", "relayed", "expanded"):
            await self.store.queue.report(
                it, action, att, new_state=None, suppress_reason="", error=text if action == "delayed" else "", now=now
            )
        else:
            await self._unrecognized(it, f"a DSN without an action for {it.row.recipient}", now, dsn=True)
            return False
        log.info("bounce", outbound=it.row.id, rcpt=it.row.recipient, action=action, status=status, code=code or "")
        return True

    async def _unrecognized(self, it: OutboundItem, why: str, now: int, *, dsn: bool) -> None:
        await self.store.queue.report(
            it, "unrecognized", None, new_state=None, suppress_reason="", error=why, now=now, dsn=dsn
        )
        log.info("unrecognized bounce", outbound=it.row.id, why=why)


_DAEMON = re.compile(rb"^from:[^\r\n]*\b(mailer-daemon|postmaster|mail delivery)", re.IGNORECASE | re.MULTILINE)


def _looks_like_bounce(data: bytes, mail_from: str) -> bool:
    if not mail_from:
        return True
    head = data[: data.find(b"\r\n\r\n") if b"\r\n\r\n" in data else 8192]
    return _DAEMON.search(head) is not None


def _key(address: str) -> str:
    """The comparison form: a DSN may name an IDN domain in U-labels or A-labels
    (RFC 6533), whichever form the message went to."""
    try:
        return parse_address(address).key
    except AddressError:
        return address.lower()


def _about(report: Report, recipient: str) -> RecipientReport | None:
    want = _key(recipient)
    for r in report.recipients:
        if want in (_key(r.final_recipient), _key(r.original_recipient)):
            return r
    return None
