"""Request and response bodies of the send calls (the OpenAPI schema is generated from these)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import msgspec
from msgspec import Meta

Email = Annotated[str, Meta(description="An email address, `local@domain`.", examples=["someone@example.org"])]


class EmailAddress(msgspec.Struct, forbid_unknown_fields=True):
    """A recipient or sender: an address and an optional display name."""

    address: Email
    name: Annotated[str, Meta(description="Display name.", examples=["Some One"])] = ""


class AttachmentIn(msgspec.Struct, forbid_unknown_fields=True):
    """A file to attach, its content base64-encoded."""

    name: Annotated[str, Meta(description="File name shown to the recipient.", examples=["invoice.pdf"])]
    data: Annotated[str, Meta(description="The content, base64-encoded (standard alphabet).", examples=["JVBERi0x"])]
    content_type: Annotated[str, Meta(description="MIME type of the content.", examples=["application/pdf"])] = (
        "application/octet-stream"
    )
    content_id: Annotated[
        str, Meta(description="Content-ID, for inline parts referenced as `cid:` from the HTML.", examples=["logo"])
    ] = ""


class SendRequest(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """One message to send. At least one of `text` and `html`, and at least one recipient; or a `draft_id`."""

    from_: Annotated[
        EmailAddress | None,
        Meta(description="Sender (From:). Defaults to the authenticated account's address; must be the account's."),
    ] = msgspec.field(default=None, name="from")
    to: Annotated[list[EmailAddress], Meta(description="To: recipients.", max_length=1000)] = []
    cc: Annotated[list[EmailAddress], Meta(description="Cc: recipients.", max_length=1000)] = []
    bcc: Annotated[
        list[EmailAddress], Meta(description="Bcc: recipients (not in the message headers).", max_length=1000)
    ] = []
    reply_to: Annotated[list[EmailAddress], Meta(description="Reply-To: addresses.", max_length=100)] = []
    subject: Annotated[str, Meta(description="Subject line.", examples=["Your order has shipped"])] = ""
    text: Annotated[str | None, Meta(description="Plain-text body.", examples=["Hello!"])] = None
    html: Annotated[str | None, Meta(description="HTML body.", examples=["<p>Hello!</p>"])] = None
    text_from_html: Annotated[
        bool,
        Meta(
            description="With `html` and no `text`: add a text/plain alternative written from the HTML "
            "(spam filters penalize HTML without text). false sends the HTML alone."
        ),
    ] = True
    headers: Annotated[
        dict[str, str],
        Meta(
            description="Extra header fields; the ones Mailwright sets itself are refused.",
            examples=[{"X-Campaign": "q3"}],
        ),
    ] = {}
    metadata: Annotated[
        dict[str, str],
        Meta(
            description="Your own key/value pairs, carried through the queue into every event about this message.",
            examples=[{"order_id": "1234"}],
        ),
    ] = {}
    attachments: Annotated[list[AttachmentIn], Meta(description="Attachments.", max_length=100)] = []
    inline: Annotated[
        list[AttachmentIn], Meta(description="Inline parts for the HTML body (need `content_id`).", max_length=100)
    ] = []
    alternatives: Annotated[
        list[AttachmentIn],
        Meta(description="Extra alternative bodies, e.g. `text/calendar`.", max_length=10),
    ] = []
    references: Annotated[
        list[str],
        Meta(description="Message-IDs this message refers to (References:).", examples=[["<order-1233@shop.example>"]]),
    ] = []
    in_reply_to: Annotated[str, Meta(description="Message-ID this message replies to (In-Reply-To:).")] = ""
    message_id: Annotated[
        str, Meta(description="Message-ID to use instead of a generated one.", examples=["<order-1234@shop.example>"])
    ] = ""
    date: Annotated[datetime | None, Meta(description="Date: header; default now.")] = None
    require_tls: Annotated[
        bool | None,
        Meta(description="true: deliver only over TLS (REQUIRETLS semantics); false: never refuse for lack of TLS."),
    ] = None
    send_at: Annotated[datetime | None, Meta(description="Hold the message until this time.")] = None
    deliver_by: Annotated[
        datetime | None,
        Meta(
            description="Deadline: not delivered by then, the remaining attempts stop and the recipient is `expired`."
        ),
    ] = None
    save_sent: Annotated[bool, Meta(description="Keep a copy in the account's Sent mailbox.")] = False
    draft_id: Annotated[
        Annotated[int, Meta(ge=1, le=2**63 - 1)] | None,
        Meta(
            description="Send this saved draft (a message in Drafts) instead of composing: its To, Cc and Bcc are "
            "the recipients, Bcc is removed, Date is set to now. Give no content fields with it. The draft is "
            "removed once queued (moved to Sent with `save_sent`).",
            examples=[9],
        ),
    ] = None


class SubmissionOut(msgspec.Struct):
    """One recipient of an accepted message."""

    address: Annotated[str, Meta(description="The recipient address.")]
    outbound_id: Annotated[int, Meta(description="The queue entry for this recipient; events name it.")]
    from_id: Annotated[str, Meta(description="Unique id in the MAIL FROM of this recipient's delivery.")]
    state: Annotated[
        str,
        Meta(
            description="`queued`, or `suppressed` (on the suppression list) or `held` (by a hold rule).",
            examples=["queued"],
        ),
    ] = "queued"


class SendResponse(msgspec.Struct):
    """The message is queued durably; one submission per recipient."""

    message_id: Annotated[str, Meta(description="The Message-ID header of the message.")]
    submissions: Annotated[list[SubmissionOut], Meta(description="One per recipient, in order.")]


class BatchRequest(msgspec.Struct, forbid_unknown_fields=True):
    """Up to 500 messages; each is accepted or refused on its own."""

    messages: Annotated[
        list[SendRequest], Meta(min_length=1, max_length=500, description="The messages, each as for /v1/send.")
    ]


class BatchItem(msgspec.Struct, omit_defaults=True):
    """The result for one message of a batch: `status` 202 with ids, or an error as a problem detail."""

    status: Annotated[int, Meta(description="202 if accepted, else the error status.", examples=[202])]
    message_id: Annotated[str, Meta(description="The Message-ID, when accepted.")] = ""
    submissions: Annotated[list[SubmissionOut], Meta(description="One per recipient, when accepted.")] = []
    error: Annotated[dict[str, object] | None, Meta(description="The problem detail, when refused.")] = None


class BatchResponse(msgspec.Struct):
    results: Annotated[list[BatchItem], Meta(description="One per message, in the order given.")]
