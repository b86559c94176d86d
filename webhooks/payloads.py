"""Webhook payloads: what a receiver gets in the body of each POST.

Every payload has ``version`` (1) and ``event``; new fields may appear in later
versions, so receivers should ignore fields they do not know.
"""

from __future__ import annotations

from typing import Annotated, Literal, get_args

import msgspec
from msgspec import Meta

VERSION = 1

OutgoingEventType = Literal[
    "delivered",
    "suppressed",
    "delayed",
    "failed",
    "relayed",
    "expanded",
    "canceled",
    "expired",
    "unrecognized",
    "complained",
]
EVENT_TYPES: tuple[str, ...] = (*get_args(OutgoingEventType), "incoming")


class SuppressedBy(msgspec.Struct, kw_only=True):
    """The suppression list entry that matched the recipient, as it was when it matched."""

    address: Annotated[str, Meta(description="The address of the entry, as added.", examples=["mary@example.org"])]
    reason: Annotated[str, Meta(description="Why it is suppressed.", examples=["550 5.1.1 No such user"])]
    created: Annotated[str, Meta(description="When the entry was added (RFC 3339).", examples=["2026-11-24T10:00:00Z"])]


class OutgoingEvent(msgspec.Struct, kw_only=True):
    """A state change of one recipient of a message you sent."""

    version: Annotated[int, Meta(description="Payload version; new fields may appear.", examples=[1])] = VERSION
    event: Annotated[OutgoingEventType, Meta(description="What happened.", examples=["delivered"])]
    outbound_id: Annotated[int, Meta(description="The recipient's outbound id (from the send answer).")]
    from_id: Annotated[str, Meta(description="The unique id in this recipient's MAIL FROM.")]
    message_id: Annotated[str, Meta(description="Message-ID of the message.", examples=["<abc@mail.example.com>"])]
    subject: Annotated[str, Meta(description="Subject of the message.")]
    recipient: Annotated[str, Meta(examples=["customer@example.org"])]
    dsn: Annotated[bool, Meta(description="A delivery status notification (bounce) caused it.")] = False
    suppressing: Annotated[bool, Meta(description="It added the recipient to the suppression list.")] = False
    suppressed_by: Annotated[
        SuppressedBy | None,
        Meta(description="For `suppressed`: the suppression list entry that matched; null otherwise."),
    ] = None
    smtp_code: Annotated[int | None, Meta(description="SMTP reply code, if a server answered.", examples=[250])] = None
    enhanced_code: Annotated[str, Meta(description="Enhanced status code.", examples=["2.0.0"])] = ""
    error: Annotated[str, Meta(description="What went wrong, for failures and delays.")] = ""
    metadata: Annotated[dict[str, str], Meta(description="The metadata given when sending.")] = {}
    time: Annotated[str, Meta(description="When it happened (RFC 3339).", examples=["2026-11-24T10:00:00Z"])]
    sequence: Annotated[
        int,
        Meta(description="Increases with every event about this recipient; drop an event older than one you have."),
    ] = 0


class EventAddress(msgspec.Struct, kw_only=True):
    name: Annotated[str, Meta(description="Display name, decoded.", examples=["Jane Doe"])] = ""
    address: Annotated[str, Meta(examples=["jane@example.org"])]


class BodyPart(msgspec.Struct, kw_only=True):
    """One MIME part of the message; fetch its decoded content through the API by `path`."""

    path: Annotated[
        str,
        Meta(
            description="IMAP section number, dot-separated (`1`, `2.1`); empty for a multipart message itself.",
            examples=["2"],
        ),
    ]
    content_type: Annotated[str, Meta(examples=["application/pdf"])]
    size: Annotated[int, Meta(description="Encoded size in bytes.", examples=[48213])]
    filename: Annotated[str, Meta(examples=["invoice.pdf"])] = ""
    content_id: Annotated[str, Meta(description="Content-ID, for inline parts.")] = ""
    disposition: Annotated[str, Meta(description="inline, attachment, or empty.")] = ""
    parts: Annotated[list[BodyPart], Meta(description="Children of a multipart.")] = []


class InReplyToOutbound(msgspec.Struct, kw_only=True):
    """The message we sent that this one replies to."""

    outbound_id: Annotated[int, Meta(description="Outbound id of the recipient who replied (or the first).")]
    message_id: Annotated[str, Meta(description="Message-ID of the message we sent.")]
    recipient: Annotated[str, Meta(description="The recipient the outbound id is for.")]
    metadata: Annotated[dict[str, str], Meta(description="The metadata given when that message was sent.")]


class IncomingMeta(msgspec.Struct, kw_only=True):
    stored_id: Annotated[int, Meta(description="The stored message's id, for the mail access API.", examples=[1042])]
    mailbox: Annotated[str, Meta(examples=["Inbox"])]
    mail_from: Annotated[str, Meta(description="SMTP MAIL FROM (empty for a null sender).")]
    rcpt_to: Annotated[str, Meta(description="SMTP RCPT TO that delivered it to this account.")]
    remote_ip: Annotated[str, Meta(description="Address of the delivering client; empty for local delivery.")]
    received: Annotated[str, Meta(description="When it was stored (RFC 3339).", examples=["2026-11-24T10:00:00Z"])]
    spf: Annotated[str, Meta(description="SPF result (RFC 8601 word); empty if not checked.", examples=["pass"])] = ""
    dkim: Annotated[str, Meta(description="DKIM result; empty when not checked.", examples=["pass"])] = ""
    dmarc: Annotated[str, Meta(description="DMARC result; empty when not checked.", examples=["pass"])] = ""
    automated: Annotated[
        bool, Meta(description="Sent by a program: auto-submitted, a mailing list, bulk, or an out-of-office reply.")
    ] = False
    automated_reason: Annotated[
        str, Meta(description="auto-submitted, auto-reply, mailing-list or bulk; empty when not automated.")
    ] = ""


class IncomingEvent(msgspec.Struct, kw_only=True):
    """A message was delivered to a mailbox of the account (bounces become outgoing events instead)."""

    version: Annotated[int, Meta(description="Payload version; new fields may appear.", examples=[1])] = VERSION
    event: Annotated[Literal["incoming"], Meta(examples=["incoming"])] = "incoming"
    from_: Annotated[list[EventAddress], Meta(description="From: addresses.")] = msgspec.field(default=[], name="from")
    to: Annotated[list[EventAddress], Meta(description="To: addresses.")] = []
    cc: Annotated[list[EventAddress], Meta(description="Cc: addresses.")] = []
    reply_to: Annotated[list[EventAddress], Meta(description="Reply-To: addresses (empty when absent).")] = []
    subject: Annotated[str, Meta(description="Subject, decoded.")] = ""
    message_id: Annotated[str, Meta(description="Message-ID header.")] = ""
    in_reply_to: Annotated[str, Meta(description="In-Reply-To header.")] = ""
    references: Annotated[list[str], Meta(description="Message-IDs from References:.")] = []
    date: Annotated[str, Meta(description="The Date: header (RFC 3339), empty if missing or unparsable.")] = ""
    text: Annotated[str, Meta(description="The text/plain body, decoded.")] = ""
    text_truncated: Annotated[bool, Meta(description="text was cut at 1 MiB.")] = False
    html: Annotated[str, Meta(description="The text/html body, decoded. Untrusted: sanitize before showing.")] = ""
    html_truncated: Annotated[bool, Meta(description="html was cut at 1 MiB.")] = False
    structure: Annotated[BodyPart, Meta(description="MIME structure of the message.")]
    meta: IncomingMeta
    in_reply_to_outbound: Annotated[
        InReplyToOutbound | None,
        Meta(description="Set when In-Reply-To/References name a message this account sent."),
    ] = None
    time: Annotated[str, Meta(description="When it happened (RFC 3339).", examples=["2026-11-24T10:00:00Z"])]


class TestEvent(msgspec.Struct, kw_only=True):
    """Sent by POST /v1/webhooks/test to check that a receiver works."""

    version: Annotated[int, Meta(examples=[1])] = VERSION
    event: Annotated[Literal["test"], Meta(examples=["test"])] = "test"
    time: Annotated[str, Meta(description="When it was queued (RFC 3339).")]
