"""Request and response bodies of the mail access calls: mailboxes, messages, threads, drafts."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

import msgspec
from msgspec import Meta

from api.schemas.send import AttachmentIn, EmailAddress

Flag = Literal["seen", "answered", "flagged", "deleted", "draft"]
Role = Literal["inbox", "sent", "archive", "drafts", "trash", "junk"]
MailboxName = Annotated[
    str,
    Meta(
        description="Full name; levels are separated by '/'.",
        examples=["Projects/2026"],
        min_length=1,
        max_length=255,
    ),
]
Keyword = Annotated[
    str, Meta(description="An IMAP keyword (printable ASCII, no spaces).", examples=["$Forwarded"], max_length=100)
]
Id = Annotated[int, Meta(ge=1, le=2**63 - 1)]
MessageIdList = Annotated[list[Id], Meta(description="Message ids.", min_length=1, max_length=1000, examples=[[7, 8]])]


class MailboxOut(msgspec.Struct):
    """A mailbox with its counts."""

    id: Annotated[int, Meta(description="The mailbox id.", examples=[1])]
    name: Annotated[str, Meta(description="Full name; levels are separated by '/'.", examples=["Inbox"])]
    role: Annotated[Role | None, Meta(description="Special use (RFC 6154, with inbox); null for your own mailboxes.")]
    total: Annotated[int, Meta(description="Messages in it.", examples=[12])]
    unread: Annotated[int, Meta(description="Messages without the seen flag.", examples=[3])]
    size: Annotated[int, Meta(description="Bytes of all its messages.", examples=[48213])]
    subscribed: Annotated[bool, Meta(description="Shown by IMAP clients that list subscribed mailboxes only.")]
    uidvalidity: Annotated[int, Meta(description="IMAP UIDVALIDITY.", examples=[1])]
    uidnext: Annotated[int, Meta(description="IMAP UIDNEXT: the UID the next message will get.", examples=[13])]


class MailboxList(msgspec.Struct):
    items: Annotated[list[MailboxOut], Meta(description="The Inbox first, then by name.")]


class MailboxCreate(msgspec.Struct, forbid_unknown_fields=True):
    """A new mailbox; missing parent levels are created too."""

    name: MailboxName
    subscribed: Annotated[bool, Meta(description="Subscribe to it.")] = True


class MailboxUpdate(msgspec.Struct, forbid_unknown_fields=True):
    """Rename (mailboxes under it follow) or (un)subscribe; absent fields stay."""

    name: Annotated[
        Annotated[str, Meta(min_length=1, max_length=255)] | None,
        Meta(description="New full name.", examples=["Archive/2026"]),
    ] = None
    subscribed: Annotated[bool | None, Meta(description="Subscribe or unsubscribe.")] = None


class MessageItem(msgspec.Struct):
    """A message as a list shows it."""

    id: Annotated[int, Meta(description="The message id; it stays when the message moves.", examples=[7])]
    mailbox_id: Annotated[int, Meta(description="The mailbox it is in.", examples=[1])]
    thread_id: Annotated[int, Meta(description="Its conversation (see /v1/threads).", examples=[5])]
    from_: Annotated[list[EmailAddress], Meta(description="From: addresses.")] = msgspec.field(name="from")
    to: Annotated[list[EmailAddress], Meta(description="To: addresses.")] = []
    cc: Annotated[list[EmailAddress], Meta(description="Cc: addresses.")] = []
    subject: Annotated[str, Meta(description="Subject, decoded.", examples=["Invoice 2026-11"])] = ""
    snippet: Annotated[
        str, Meta(description="The start of the text, quoted lines left out.", examples=["Hello, attached is…"])
    ] = ""
    date: Annotated[datetime | None, Meta(description="Date: header (the received time when it has none).")] = None
    received: Annotated[datetime | None, Meta(description="When it was stored here.")] = None
    flags: Annotated[list[Flag], Meta(description="System flags set.", examples=[["seen"]])] = []
    keywords: Annotated[list[str], Meta(description="Keywords set.", examples=[["$Forwarded"]])] = []
    size: Annotated[int, Meta(description="Size in bytes.", examples=[18233])] = 0
    has_attachment: Annotated[bool, Meta(description="Whether it has a part a person would call an attachment.")] = (
        False
    )


class MessagePage(msgspec.Struct):
    items: Annotated[list[MessageItem], Meta(description="In the requested order.")]
    next_cursor: Annotated[str | None, Meta(description="Pass as `cursor` for the next page; null at the end.")]


class PartOut(msgspec.Struct):
    """A node of the MIME structure."""

    path: Annotated[str, Meta(description="Section number (as IMAP); '' for the top multipart.", examples=["2"])]
    content_type: Annotated[str, Meta(description="Media type.", examples=["application/pdf"])]
    size: Annotated[int, Meta(description="Encoded size of its body in bytes.", examples=[20480])]
    charset: Annotated[str, Meta(description="Declared charset of a text part.", examples=["utf-8"])] = ""
    filename: Annotated[str, Meta(description="File name, if it has one.", examples=["invoice.pdf"])] = ""
    disposition: Annotated[str, Meta(description="inline, attachment or empty.", examples=["attachment"])] = ""
    content_id: Annotated[str, Meta(description="Content-ID, for cid: references.", examples=["<logo@x>"])] = ""
    parts: Annotated[list[PartOut], Meta(description="Its parts (multipart, or an attached message).")] = []


class AttachmentOut(msgspec.Struct):
    """A part that is not the text or HTML body; download it from /parts/{path}."""

    path: Annotated[str, Meta(description="Section number for /v1/messages/{id}/parts/{path}.", examples=["2"])]
    content_type: Annotated[str, Meta(description="Media type.", examples=["application/pdf"])]
    filename: Annotated[str, Meta(description="File name, if it has one.", examples=["invoice.pdf"])]
    size: Annotated[int, Meta(description="Encoded size in bytes.", examples=[20480])]
    inline: Annotated[bool, Meta(description="Referenced from the HTML by Content-ID (an inline image).")]
    content_id: Annotated[str, Meta(description="Content-ID without <>.", examples=["logo@x"])] = ""


class MessageMeta(msgspec.Struct):
    """How the message arrived."""

    mail_from: Annotated[str, Meta(description="SMTP MAIL FROM.", examples=["bounce@example.org"])]
    rcpt_to: Annotated[str, Meta(description="SMTP RCPT TO it was delivered for.", examples=["dev@localhost"])]
    remote_ip: Annotated[str, Meta(description="The sending server's address.", examples=["192.0.2.25"])]
    spf: Annotated[str, Meta(description="SPF result (RFC 8601 words); empty when not checked.", examples=["pass"])]
    dkim: Annotated[str, Meta(description="DKIM result; empty when not checked.", examples=["pass"])]
    dmarc: Annotated[str, Meta(description="DMARC result; empty when not checked.", examples=["pass"])]
    uid: Annotated[int, Meta(description="IMAP UID in its mailbox.", examples=[12])]
    modseq: Annotated[int, Meta(description="Modification sequence of its last change.", examples=[310])]


class MessageDetail(MessageItem, kw_only=True):
    """A message read in full."""

    reply_to: Annotated[list[EmailAddress], Meta(description="Reply-To: addresses.")] = []
    bcc: Annotated[list[EmailAddress], Meta(description="Bcc: addresses (in drafts and sent copies).")] = []
    message_id: Annotated[str, Meta(description="Message-ID header.", examples=["<a1b2@example.org>"])] = ""
    in_reply_to: Annotated[str, Meta(description="In-Reply-To header.", examples=["<parent@example.org>"])] = ""
    references: Annotated[list[str], Meta(description="Message-IDs of In-Reply-To and References.")] = []
    text: Annotated[
        str, Meta(description="The text body (from the HTML when there is no text part).", examples=["Hello"])
    ] = ""
    html: Annotated[
        str | None,
        Meta(
            description="The HTML body, sanitized: no scripts, event handlers, forms or frames; every URL absolute "
            "(http/https in lower case, cid:, mailto:, tel:, #fragment). Remote images are kept, or have their "
            "`src` removed with `remote=blocked`. Render it in a sandboxed frame."
        ),
    ] = None
    remote_resources: Annotated[
        list[str],
        Meta(
            description="The http(s) URLs the HTML loads by itself (image sources), in document order, each once; "
            "the same with `remote=blocked`, where the HTML no longer names them.",
            examples=[["https://news.example.org/logo.png"]],
        ),
    ] = []
    truncated: Annotated[bool, Meta(description="text or html was cut at 2 MiB; /raw has everything.")] = False
    attachments: Annotated[list[AttachmentOut], Meta(description="Parts other than the bodies.")] = []
    structure: Annotated[PartOut | None, Meta(description="The whole MIME structure.")] = None
    meta: Annotated[MessageMeta | None, Meta(description="How it arrived.")] = None


class MessageUpdate(msgspec.Struct, forbid_unknown_fields=True):
    """Flags and keywords to set or clear, and/or a mailbox to move to."""

    add_flags: Annotated[list[Flag], Meta(description="Flags to set.", examples=[["seen"]])] = []
    remove_flags: Annotated[list[Flag], Meta(description="Flags to clear.", examples=[["flagged"]])] = []
    add_keywords: Annotated[list[Keyword], Meta(description="Keywords to set.", max_length=64)] = []
    remove_keywords: Annotated[list[Keyword], Meta(description="Keywords to clear.", max_length=64)] = []
    mailbox_id: Annotated[Id | None, Meta(description="Move to this mailbox.", examples=[3])] = None


class BulkUpdate(MessageUpdate, forbid_unknown_fields=True, kw_only=True):
    """The same change to many messages, all or none."""

    ids: MessageIdList


class BulkDelete(msgspec.Struct, forbid_unknown_fields=True):
    """Messages to delete, all or none."""

    ids: MessageIdList
    permanent: Annotated[bool, Meta(description="Remove for good instead of moving to Trash.")] = False


class UpdateResult(msgspec.Struct):
    updated: Annotated[list[int], Meta(description="The ids changed (each at most once).")]


class DeleteResult(msgspec.Struct):
    moved_to_trash: Annotated[list[int], Meta(description="Ids now in Trash.")]
    deleted: Annotated[list[int], Meta(description="Ids removed for good (they were in Trash, or permanent).")]


class ThreadOut(msgspec.Struct):
    id: Annotated[int, Meta(description="The thread id (the id of its first message).", examples=[5])]
    messages: Annotated[list[MessageItem], Meta(description="Its messages in every mailbox, oldest first.")]


class DraftRequest(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """A draft: every field optional. Saved as a message in Drafts with the draft flag."""

    from_: Annotated[
        EmailAddress | None, Meta(description="Sender; defaults to the account's address; must be the account's.")
    ] = msgspec.field(default=None, name="from")
    to: Annotated[list[EmailAddress], Meta(description="To: recipients.", max_length=1000)] = []
    cc: Annotated[list[EmailAddress], Meta(description="Cc: recipients.", max_length=1000)] = []
    bcc: Annotated[list[EmailAddress], Meta(description="Bcc: recipients (kept in the draft).", max_length=1000)] = []
    reply_to: Annotated[list[EmailAddress], Meta(description="Reply-To: addresses.", max_length=100)] = []
    subject: Annotated[str, Meta(description="Subject line.", examples=["Re: the plan"])] = ""
    text: Annotated[str | None, Meta(description="Plain-text body.", examples=["Draft text"])] = None
    html: Annotated[str | None, Meta(description="HTML body.")] = None
    attachments: Annotated[list[AttachmentIn], Meta(description="Attachments.", max_length=100)] = []
    inline: Annotated[list[AttachmentIn], Meta(description="Inline parts for the HTML.", max_length=100)] = []
    references: Annotated[
        list[str], Meta(description="Message-IDs this draft refers to.", examples=[["<parent@example.org>"]])
    ] = []
    in_reply_to: Annotated[str, Meta(description="Message-ID this draft replies to.")] = ""


class DraftOut(msgspec.Struct):
    id: Annotated[int, Meta(description="The draft's message id (a saved-again draft gets a new one).", examples=[9])]
    mailbox_id: Annotated[int, Meta(description="The Drafts mailbox.", examples=[4])]
    message_id: Annotated[str, Meta(description="Its Message-ID header.", examples=["<d1@localhost>"])]


class ChangeOut(msgspec.Struct):
    """The data of one event of /v1/events (the event name is its `type`)."""

    type: Annotated[
        Literal[
            "message.new",
            "message.flags",
            "message.moved",
            "message.expunged",
            "mailbox.created",
            "mailbox.renamed",
            "mailbox.deleted",
            "mailbox.updated",
            "ready",
            "reset",
        ],
        Meta(description="What happened.", examples=["message.new"]),
    ]
    modseq: Annotated[int, Meta(description="The account's modification sequence; also the event id.")]
    mailbox_id: Annotated[int, Meta(description="The mailbox concerned (for moved: where it is now).")] = 0
    message_id: Annotated[int, Meta(description="The message concerned, 0 for mailbox events.")] = 0
    uid: Annotated[int, Meta(description="Its IMAP UID in mailbox_id.")] = 0
    prev_mailbox_id: Annotated[int, Meta(description="For message.moved: where it was.")] = 0
    prev_uid: Annotated[int, Meta(description="For message.moved: its UID there.")] = 0
