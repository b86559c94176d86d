"""The store's records, as msgspec Structs (what callers above the store see)."""

from __future__ import annotations

from typing import Literal

import msgspec

from mta.message.structure import Envelope

# System flags (RFC 9051 section 2.3.2) as bits of messages.flags.
FLAG_SEEN = 1
FLAG_ANSWERED = 2
FLAG_FLAGGED = 4
FLAG_DELETED = 8
FLAG_DRAFT = 16

SYSTEM_FLAGS: dict[str, int] = {
    "\\Seen": FLAG_SEEN,
    "\\Answered": FLAG_ANSWERED,
    "\\Flagged": FLAG_FLAGGED,
    "\\Deleted": FLAG_DELETED,
    "\\Draft": FLAG_DRAFT,
}

# The mailboxes every account starts with: name and special-use role (RFC 6154,
# with "inbox" added as JMAP does).
DEFAULT_MAILBOXES: list[tuple[str, str]] = [
    ("Inbox", "inbox"),
    ("Sent", "sent"),
    ("Archive", "archive"),
    ("Drafts", "drafts"),
    ("Trash", "trash"),
    ("Junk", "junk"),
]


class Domain(msgspec.Struct, frozen=True):
    id: int
    name: str


class Account(msgspec.Struct, frozen=True):
    id: int
    name: str
    catchall_separator: str


class Mailbox(msgspec.Struct, frozen=True):
    id: int
    account_id: int
    name: str
    special_use: str | None
    uidvalidity: int
    uidnext: int
    subscribed: bool
    modseq: int


class Resolution(msgspec.Struct, frozen=True):
    """Where mail for an address goes.

    local: delivered to account_ids; unknown: a local domain without such an
    address; remote: not a domain of ours.
    """

    kind: Literal["local", "unknown", "remote"]
    account_ids: tuple[int, ...] = ()


class LoginAccount(msgspec.Struct, frozen=True):
    account_id: int
    name: str
    password_hash: str | None
    scram_sha256: str | None


class Target(msgspec.Struct, frozen=True):
    """Where to store a message: the account's mailbox with this role, or mailbox_id."""

    account_id: int
    rcpt_to: str
    mailbox_role: str = "inbox"
    mailbox_id: int = 0
    flags: int = 0
    keywords: tuple[str, ...] = ()


class Delivered(msgspec.Struct, frozen=True):
    account_id: int
    mailbox_id: int
    message_id: int
    uid: int
    modseq: int


FLAG_NAMES: dict[str, int] = {
    "seen": FLAG_SEEN,
    "answered": FLAG_ANSWERED,
    "flagged": FLAG_FLAGGED,
    "deleted": FLAG_DELETED,
    "draft": FLAG_DRAFT,
}


class AuthResults(msgspec.Struct, frozen=True):
    """What the receiving server concluded about the sender (RFC 8601 result words);
    empty when the message was not checked (submitted, saved, or checks not run)."""

    spf: str = ""
    dkim: str = ""
    dmarc: str = ""


class DeliveryMeta(msgspec.Struct, frozen=True):
    """What the SMTP transaction knew about a message, kept with it."""

    mail_from: str = ""
    remote_ip: str = ""
    auth: AuthResults = AuthResults()


class MessageSummary(msgspec.Struct, frozen=True):
    id: int
    mailbox_id: int
    uid: int
    modseq: int
    flags: int
    keywords: list[str]
    size: int
    received: int  # unix ms
    mail_from: str
    rcpt_to: str
    remote_ip: str
    message_id: str
    subject: str
    account_id: int = 0
    thread_id: int = 0
    date: int = 0  # the Date: header, unix ms; received when it has none
    snippet: str = ""
    has_attachment: bool = False
    envelope: Envelope | None = None
    auth: AuthResults = AuthResults()

    @property
    def flag_names(self) -> list[str]:
        return [name for name, bit in FLAG_NAMES.items() if self.flags & bit]


class MailboxInfo(msgspec.Struct, frozen=True):
    """A mailbox with its counts."""

    mailbox: Mailbox
    total: int
    unread: int
    size: int


class MailChange(msgspec.Struct, frozen=True):
    """One entry of an account's change log, in modseq order.

    kind: new, flags, moved, expunged (messages); mailbox_created, mailbox_renamed,
    mailbox_deleted, mailbox_updated. For moved, prev_* say where the message was."""

    modseq: int
    kind: str
    mailbox_id: int
    message_id: int
    uid: int
    prev_mailbox_id: int
    prev_uid: int
    time: int


class SearchQuery(msgspec.Struct, frozen=True):
    """Filters of a message search; all given ones must hold."""

    text: str = ""  # anywhere: subject, addresses, body
    from_: str = ""
    to: str = ""
    subject: str = ""
    body: str = ""
    mailbox_id: int | None = None
    thread_id: int | None = None
    since: int | None = None  # received at or after, unix ms
    before: int | None = None  # received before
    flags: tuple[str, ...] = ()  # all of these set
    not_flags: tuple[str, ...] = ()  # none of these set
    keyword: str = ""
    has_attachment: bool | None = None


class EnqueueRequest(msgspec.Struct, frozen=True):
    """A composed, signed message for the outbound queue."""

    account_id: int
    mail_from: str  # the account's sending address; a from_id is added per recipient
    recipients: list[str]
    data: bytes
    message_id: str
    subject: str
    sender: str
    smtputf8: bool = False
    require_tls: bool | None = None
    metadata: dict[str, str] = msgspec.field(default_factory=dict)
    send_at: int | None = None  # unix ms
    deliver_by: int | None = None  # unix ms
    unique_from_ids: bool | None = None  # None: the account's setting


class Submission(msgspec.Struct, frozen=True):
    address: str
    outbound_id: int
    from_id: str
    state: str = "queued"  # or suppressed / held, decided when queued


class SuppressedBy(msgspec.Struct, frozen=True):
    """The suppression list entry that stopped a recipient, as it was then."""

    address: str
    reason: str
    created: int  # unix ms


class OutboundRow(msgspec.Struct, frozen=True):
    id: int
    message_ref: int
    account_id: int
    from_id: str
    mail_from: str
    recipient: str
    recipient_domain: str
    state: str
    attempts: int
    next_attempt: int
    deliver_by: int | None
    last_code: int | None
    last_enhanced: str
    last_text: str
    delayed_dsn: bool
    created: int
    updated: int
    suppressed_by: SuppressedBy | None = None


class QueueItem(msgspec.Struct, frozen=True):
    row: OutboundRow
    header_message_id: str
    sender: str
    subject: str
    smtputf8: bool
    require_tls: bool | None
    metadata: dict[str, str]


class Attempt(msgspec.Struct, frozen=True):
    time: int  # unix ms
    host: str
    ip: str
    tls: str
    code: int | None
    enhanced: str
    text: str
    duration_ms: int


class OutboundFilter(msgspec.Struct, frozen=True):
    state: str = ""
    recipient: str = ""
    recipient_domain: str = ""
    message_id: str = ""
    since: int | None = None  # unix ms, created at or after
    until: int | None = None  # unix ms, created before
    metadata: dict[str, str] = msgspec.field(default_factory=dict)


class OutboundItem(msgspec.Struct, frozen=True):
    row: OutboundRow
    header_message_id: str
    subject: str
    sender: str
    metadata: dict[str, str]


class OutboundEvent(msgspec.Struct, frozen=True):
    """A state change of one outbound recipient."""

    event: str  # delivered, failed, delayed, expired
    outbound_id: int
    account_id: int
    from_id: str
    message_id: str
    subject: str
    recipient: str
    smtp_code: int | None
    enhanced_code: str
    error: str
    metadata: dict[str, str]
    time: int  # unix ms
    suppressing: bool = False  # this failure added the recipient to the suppression list
