"""What the SMTP server decides: who may send, who receives, and where accepted mail goes.

Receiving (port 25): only recipients at our domains are accepted; other domains
get ``550 5.7.1`` (no relaying), unknown local addresses ``550 5.1.1``.
Submission (587/465, RFC 6409): AUTH first; the envelope sender and every From:
address must belong to the authenticated account. With an outbound queue
(``submit_remote``) every recipient goes through it, local ones included, so
submitted mail gets the same history, retries and events as mail sent over HTTP;
without one, local recipients are delivered here and remote ones get ``451 4.3.0``.
Submitted messages missing Message-ID or Date get them (RFC 6409 section 8), and
``X-Mailwright-Meta-<key>: value`` header fields become the message's metadata
(and are removed from it).
Received mail (not submitted) is checked with SPF, DKIM and DMARC (mta.authres)
when the handler has a resolver: the results are kept with the stored message and
prepended as Authentication-Results; nothing is refused on them yet. Arriving
Authentication-Results fields claiming our host name are removed either way.
"""

from __future__ import annotations

import email.utils
from collections.abc import Awaitable, Callable

import msgspec

from mta import authres
from mta.auth import Authenticator
from mta.bounces import Bounces
from mta.delivery import LocalDelivery, Trace, received_header
from mta.dns import Resolver
from mta.log import get_logger
from mta.message.headers import parse_headers
from mta.smtp.address import Address, AddressError, parse_address
from mta.smtpserver.session import SMTPSession
from mta.store import LoginAccount, Store, Target
from mta.store.types import AuthResults
from mta.tokens import token_hex

log = get_logger("smtpserver")


class RemoteSubmission(msgspec.Struct, frozen=True):
    """A submitted message for the outbound queue."""

    account_id: int
    mail_from: str
    recipients: list[str]
    data: bytes
    smtputf8: bool
    sender: str = ""  # the From: address
    message_id: str = ""
    subject: str = ""
    metadata: dict[str, str] = msgspec.field(default_factory=dict)


# Takes the message durably (queued) and returns a reference for the 250 reply.
RemoteSubmit = Callable[[RemoteSubmission], Awaitable[str]]


class Handler:
    def __init__(
        self,
        store: Store,
        delivery: LocalDelivery,
        authenticator: Authenticator,
        *,
        hostname: str,
        catchall_account: int | None = None,
        max_header_size: int = 256 * 1024,
        max_recipients: int = 1000,
        submit_remote: RemoteSubmit | None = None,
        bounces: Bounces | None = None,
        resolver: Resolver | None = None,  # for SPF/DKIM/DMARC of received mail; None: not checked
        auth_timeout: float = 10.0,  # seconds for all three checks together
    ) -> None:
        self.store = store
        self.delivery = delivery
        self.authenticator = authenticator
        self.hostname = hostname
        self.catchall_account = catchall_account
        self.max_header_size = max_header_size
        self.max_recipients = max_recipients
        self.submit_remote = submit_remote
        self.bounces = bounces
        self.resolver = resolver
        self.auth_timeout = auth_timeout

    def _owns(self, account: LoginAccount, addr: Address) -> bool:
        res = self.store.resolve(addr, self.catchall_account)
        return res.kind == "local" and account.account_id in res.account_ids

    async def check_mail(self, s: SMTPSession, sender: Address | None) -> str | None:
        if s.submission and sender is not None:
            account = s.account
            assert account is not None  # MAIL needs AUTH on submission
            if not self._owns(account, sender):
                return f"550 5.7.1 Sender address <{sender}> does not belong to account {account.name}"
        return None

    async def check_rcpt(self, s: SMTPSession, rcpt: Address) -> str:
        res = self.store.resolve(rcpt, self.catchall_account)
        if res.kind == "local" and not (s.submission and self.submit_remote is not None):
            s.env.local.append((rcpt, res.account_ids))
            return "250 2.1.5 Recipient OK"
        if res.kind == "unknown":
            return f"550 5.1.1 No such user here: <{rcpt}>"
        if not s.submission:
            return f"550 5.7.1 Relaying denied: {rcpt.domain} is not a domain of this server"
        if self.submit_remote is None:
            return (
                f"451 4.3.0 Cannot accept <{rcpt}> yet: delivery to other domains needs the outbound queue,"
                " which this server does not have yet"
            )
        s.env.remote.append(rcpt)
        return "250 2.1.5 Recipient OK"

    async def handle_DATA(self, server: SMTPSession, session: object, envelope: object) -> str:
        server.busy = True
        try:
            return await self._data(server)
        finally:
            server.busy = False

    async def _data(self, s: SMTPSession) -> str:
        env = s.env
        data = env.original_content or b""
        header_end = _header_length(data)
        if header_end > self.max_header_size:
            return f"552 5.3.4 Header section exceeds the limit of {self.max_header_size} bytes"
        account = s.account
        metadata: dict[str, str] = {}
        submitted = Submitted()
        if s.submission:
            assert account is not None
            submitted = self._check_submitted(account, data, header_end)
            if submitted.reply:
                return submitted.reply
            data, metadata = submitted.data, submitted.metadata
        auth = "A" if account is not None else ""
        tls = "S" if s.tls_active else ""
        protocol = "SMTP" if not s.sess.extended_smtp else ("UTF8SMTP" if env.smtputf8 else "ESMTP") + tls + auth
        trace = Trace(
            helo=s.sess.host_name or "",
            remote_ip=s.remote_ip,
            protocol=protocol,
            tls=s.tls_description(),
            id=s.cid,
        )
        targets: list[Target] = []
        seen: set[int] = set()
        reports: list[str] = []
        bounces = None if s.submission else self.bounces
        for rcpt, account_ids in env.local:
            # Mail back to a from_id return address: a bounce or complaint about what we sent.
            it = bounces.match(rcpt, account_ids) if bounces is not None else None
            if bounces is not None and it is not None and await bounces.process(data, it, env.mail_from or ""):
                reports.append(f"report on {it.row.id}")
                continue
            for aid in account_ids:
                if aid not in seen:
                    seen.add(aid)
                    targets.append(Target(account_id=aid, rcpt_to=str(rcpt)))
        ref = ""
        if targets:
            results = None
            if not s.submission:
                data, results = await self._authenticate(s, data)
            delivered = await self.delivery.deliver(data, env.mail_from or "", targets, trace, auth=results)
            ref = ",".join(str(d.message_id) for d in delivered)
            log.info(
                "delivered",
                mail_from=env.mail_from or "<>",
                rcpts=" ".join(str(r) for r, _ in env.local),
                size=len(data),
                messages=ref,
            )
        if env.remote:
            assert self.submit_remote is not None and account is not None
            # This hop's trace line travels with the message (RFC 5321 section 4.4).
            traced = received_header(self.hostname, trace, None) + data
            qref = await self.submit_remote(
                RemoteSubmission(
                    account_id=account.account_id,
                    mail_from=env.mail_from or "",
                    recipients=[str(r) for r in env.remote],
                    data=traced,
                    smtputf8=env.smtputf8,
                    sender=submitted.sender or env.mail_from or "",
                    message_id=submitted.message_id,
                    subject=submitted.subject,
                    metadata=metadata,
                )
            )
            ref = f"{ref} {qref}".strip()
        ref = " ".join([*reports, ref]).strip()
        return f"250 2.0.0 Message accepted ({s.cid} {ref})"

    async def _authenticate(self, s: SMTPSession, data: bytes) -> tuple[bytes, AuthResults | None]:
        """SPF, DKIM and DMARC for received mail: data with Authentication-Results, and the results."""
        data_in = data
        data = authres.strip_ours(data, self.hostname)
        if self.resolver is None:
            return data, None
        sender = s.env.sender
        v = await authres.check(
            self.resolver,
            ip=s.remote_ip,
            mail_from=f"{sender.localpart}@{sender.domain}" if sender is not None and sender.domain else "",
            helo=s.sess.host_name or "",
            message=data_in,  # DKIM verifies what was signed, before anything is removed
            timeout=self.auth_timeout,
        )
        log.info(
            "sender authentication",
            spf=v.spf.result,
            spf_domain=v.spf.domain,
            dkim=v.dkim.result,
            dkim_domains=",".join(v.dkim.passed),
            dmarc=v.dmarc.result,
            from_domain=v.dmarc.from_domain,
            dmarc_policy=v.dmarc.policy,  # recorded, not applied
        )
        return authres.header(self.hostname, v) + data, v.results

    def _check_submitted(self, account: LoginAccount, data: bytes, header_end: int) -> Submitted:
        """A submitted message's From checked against the account, Message-ID and Date
        added when missing, metadata fields taken out; reply is set when it is refused."""
        headers = parse_headers(data[:header_end])
        from_values = headers.get_all("from") or []
        if not from_values:
            return Submitted("550 5.6.0 Message has no From: header")
        from_addrs = email.utils.getaddresses([str(v) for v in from_values])
        for _, addr in from_addrs:
            try:
                parsed = parse_address(addr)
            except AddressError as e:
                return Submitted(f"550 5.6.0 From: address {addr!r} is not valid: {e}")
            if not self._owns(account, parsed):
                return Submitted(f"550 5.7.1 From: address <{parsed}> does not belong to account {account.name}")
        metadata: dict[str, str] = {}
        if any(k.lower().startswith(META_PREFIX) for k in headers):
            data, metadata = _take_metadata(data, header_end)
            header_end = _header_length(data)
        extra = b""
        message_id = str(headers.get("message-id", "")).strip()
        if "message-id" not in headers:
            message_id = f"<{token_hex(16)}@{self.hostname}>"
            extra += f"Message-ID: {message_id}\r\n".encode()
        if "date" not in headers:
            extra += f"Date: {email.utils.formatdate(localtime=True)}\r\n".encode()
        return Submitted(
            data=extra + data,
            metadata=metadata,
            sender=from_addrs[0][1] if from_addrs else "",
            message_id=message_id,
            subject=str(headers.get("subject", "")),
        )


META_PREFIX = "x-mailwright-meta-"


class Submitted(msgspec.Struct):
    """What checking a submitted message found (reply: refused with this SMTP reply)."""

    reply: str = ""
    data: bytes = b""
    metadata: dict[str, str] = msgspec.field(default_factory=dict)
    sender: str = ""  # the first From address
    message_id: str = ""
    subject: str = ""


def _take_metadata(data: bytes, header_end: int) -> tuple[bytes, dict[str, str]]:
    """Remove X-Mailwright-Meta-<key> fields (with their folded lines); return their values."""
    lines = data[:header_end].split(b"\n")
    kept: list[bytes] = []
    metadata: dict[str, str] = {}
    current: str | None = None
    for line in lines:
        if line[:1] in (b" ", b"\t") and current is not None:
            metadata[current] += " " + line.strip().decode("utf-8", "replace")
            continue
        current = None
        name, sep, value = line.partition(b":")
        if sep and name.strip().lower().startswith(META_PREFIX.encode()):
            current = name.strip()[len(META_PREFIX) :].decode("ascii", "replace").lower()
            metadata[current] = value.strip().decode("utf-8", "replace")
            continue
        kept.append(line)
    return b"\n".join(kept) + data[header_end:], metadata


def _header_length(data: bytes) -> int:
    """Length of the header section (up to and including the empty line)."""
    i = data.find(b"\r\n\r\n")
    j = data.find(b"\n\n")
    if i >= 0 and (j < 0 or i <= j):
        return i + 4
    if j >= 0:
        return j + 2
    return len(data)
