from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
import datetime

if TYPE_CHECKING:
    from ..models.attachment_in import AttachmentIn
    from ..models.email_address import EmailAddress
    from ..models.send_request_headers import SendRequestHeaders
    from ..models.send_request_metadata import SendRequestMetadata


T = TypeVar("T", bound="SendRequest")


@_attrs_define
class SendRequest:
    """
    Attributes:
        from_ (EmailAddress | None | Unset): Sender (From:). Defaults to the authenticated account's address; must be
            the account's.
        to (list[EmailAddress] | Unset): To: recipients.
        cc (list[EmailAddress] | Unset): Cc: recipients.
        bcc (list[EmailAddress] | Unset): Bcc: recipients (not in the message headers).
        reply_to (list[EmailAddress] | Unset): Reply-To: addresses.
        subject (str | Unset): Subject line. Default: ''.
        text (None | str | Unset): Plain-text body.
        html (None | str | Unset): HTML body.
        text_from_html (bool | Unset): With `html` and no `text`: add a text/plain alternative written from the HTML
            (spam filters penalize HTML without text). false sends the HTML alone. Default: True.
        headers (SendRequestHeaders | Unset): Extra header fields; the ones Mailwright sets itself are refused.
        metadata (SendRequestMetadata | Unset): Your own key/value pairs, carried through the queue into every event
            about this message.
        attachments (list[AttachmentIn] | Unset): Attachments.
        inline (list[AttachmentIn] | Unset): Inline parts for the HTML body (need `content_id`).
        alternatives (list[AttachmentIn] | Unset): Extra alternative bodies, e.g. `text/calendar`.
        references (list[str] | Unset): Message-IDs this message refers to (References:).
        in_reply_to (str | Unset): Message-ID this message replies to (In-Reply-To:). Default: ''.
        message_id (str | Unset): Message-ID to use instead of a generated one. Default: ''.
        date (datetime.datetime | None | Unset): Date: header; default now.
        require_tls (bool | None | Unset): true: deliver only over TLS (REQUIRETLS semantics); false: never refuse for
            lack of TLS.
        send_at (datetime.datetime | None | Unset): Hold the message until this time.
        deliver_by (datetime.datetime | None | Unset): Deadline: not delivered by then, the remaining attempts stop and
            the recipient is `expired`.
        save_sent (bool | Unset): Keep a copy in the account's Sent mailbox. Default: False.
        draft_id (int | None | Unset): Send this saved draft (a message in Drafts) instead of composing: its To, Cc and
            Bcc are the recipients, Bcc is removed, Date is set to now. Give no content fields with it. The draft is removed
            once queued (moved to Sent with `save_sent`).
    """

    from_: EmailAddress | None | Unset = UNSET
    to: list[EmailAddress] | Unset = UNSET
    cc: list[EmailAddress] | Unset = UNSET
    bcc: list[EmailAddress] | Unset = UNSET
    reply_to: list[EmailAddress] | Unset = UNSET
    subject: str | Unset = ""
    text: None | str | Unset = UNSET
    html: None | str | Unset = UNSET
    text_from_html: bool | Unset = True
    headers: SendRequestHeaders | Unset = UNSET
    metadata: SendRequestMetadata | Unset = UNSET
    attachments: list[AttachmentIn] | Unset = UNSET
    inline: list[AttachmentIn] | Unset = UNSET
    alternatives: list[AttachmentIn] | Unset = UNSET
    references: list[str] | Unset = UNSET
    in_reply_to: str | Unset = ""
    message_id: str | Unset = ""
    date: datetime.datetime | None | Unset = UNSET
    require_tls: bool | None | Unset = UNSET
    send_at: datetime.datetime | None | Unset = UNSET
    deliver_by: datetime.datetime | None | Unset = UNSET
    save_sent: bool | Unset = False
    draft_id: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.attachment_in import AttachmentIn  # noqa: PLC0415
        from ..models.email_address import EmailAddress  # noqa: PLC0415
        from ..models.send_request_headers import SendRequestHeaders  # noqa: PLC0415
        from ..models.send_request_metadata import SendRequestMetadata  # noqa: PLC0415

        from_: dict[str, Any] | None | Unset
        if isinstance(self.from_, Unset):
            from_ = UNSET
        elif isinstance(self.from_, EmailAddress):
            from_ = self.from_.to_dict()
        else:
            from_ = self.from_

        to: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.to, Unset):
            to = []
            for to_item_data in self.to:
                to_item = to_item_data.to_dict()
                to.append(to_item)

        cc: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.cc, Unset):
            cc = []
            for cc_item_data in self.cc:
                cc_item = cc_item_data.to_dict()
                cc.append(cc_item)

        bcc: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.bcc, Unset):
            bcc = []
            for bcc_item_data in self.bcc:
                bcc_item = bcc_item_data.to_dict()
                bcc.append(bcc_item)

        reply_to: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.reply_to, Unset):
            reply_to = []
            for reply_to_item_data in self.reply_to:
                reply_to_item = reply_to_item_data.to_dict()
                reply_to.append(reply_to_item)

        subject = self.subject

        text: None | str | Unset
        if isinstance(self.text, Unset):
            text = UNSET
        else:
            text = self.text

        html: None | str | Unset
        if isinstance(self.html, Unset):
            html = UNSET
        else:
            html = self.html

        text_from_html = self.text_from_html

        headers: dict[str, Any] | Unset = UNSET
        if not isinstance(self.headers, Unset):
            headers = self.headers.to_dict()

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        attachments: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.attachments, Unset):
            attachments = []
            for attachments_item_data in self.attachments:
                attachments_item = attachments_item_data.to_dict()
                attachments.append(attachments_item)

        inline: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.inline, Unset):
            inline = []
            for inline_item_data in self.inline:
                inline_item = inline_item_data.to_dict()
                inline.append(inline_item)

        alternatives: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.alternatives, Unset):
            alternatives = []
            for alternatives_item_data in self.alternatives:
                alternatives_item = alternatives_item_data.to_dict()
                alternatives.append(alternatives_item)

        references: list[str] | Unset = UNSET
        if not isinstance(self.references, Unset):
            references = self.references

        in_reply_to = self.in_reply_to

        message_id = self.message_id

        date: None | str | Unset
        if isinstance(self.date, Unset):
            date = UNSET
        elif isinstance(self.date, datetime.datetime):
            date = self.date.isoformat()
        else:
            date = self.date

        require_tls: bool | None | Unset
        if isinstance(self.require_tls, Unset):
            require_tls = UNSET
        else:
            require_tls = self.require_tls

        send_at: None | str | Unset
        if isinstance(self.send_at, Unset):
            send_at = UNSET
        elif isinstance(self.send_at, datetime.datetime):
            send_at = self.send_at.isoformat()
        else:
            send_at = self.send_at

        deliver_by: None | str | Unset
        if isinstance(self.deliver_by, Unset):
            deliver_by = UNSET
        elif isinstance(self.deliver_by, datetime.datetime):
            deliver_by = self.deliver_by.isoformat()
        else:
            deliver_by = self.deliver_by

        save_sent = self.save_sent

        draft_id: int | None | Unset
        if isinstance(self.draft_id, Unset):
            draft_id = UNSET
        else:
            draft_id = self.draft_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if from_ is not UNSET:
            field_dict["from"] = from_
        if to is not UNSET:
            field_dict["to"] = to
        if cc is not UNSET:
            field_dict["cc"] = cc
        if bcc is not UNSET:
            field_dict["bcc"] = bcc
        if reply_to is not UNSET:
            field_dict["reply_to"] = reply_to
        if subject is not UNSET:
            field_dict["subject"] = subject
        if text is not UNSET:
            field_dict["text"] = text
        if html is not UNSET:
            field_dict["html"] = html
        if text_from_html is not UNSET:
            field_dict["text_from_html"] = text_from_html
        if headers is not UNSET:
            field_dict["headers"] = headers
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if attachments is not UNSET:
            field_dict["attachments"] = attachments
        if inline is not UNSET:
            field_dict["inline"] = inline
        if alternatives is not UNSET:
            field_dict["alternatives"] = alternatives
        if references is not UNSET:
            field_dict["references"] = references
        if in_reply_to is not UNSET:
            field_dict["in_reply_to"] = in_reply_to
        if message_id is not UNSET:
            field_dict["message_id"] = message_id
        if date is not UNSET:
            field_dict["date"] = date
        if require_tls is not UNSET:
            field_dict["require_tls"] = require_tls
        if send_at is not UNSET:
            field_dict["send_at"] = send_at
        if deliver_by is not UNSET:
            field_dict["deliver_by"] = deliver_by
        if save_sent is not UNSET:
            field_dict["save_sent"] = save_sent
        if draft_id is not UNSET:
            field_dict["draft_id"] = draft_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.attachment_in import AttachmentIn  # noqa: PLC0415
        from ..models.email_address import EmailAddress  # noqa: PLC0415
        from ..models.send_request_headers import SendRequestHeaders  # noqa: PLC0415
        from ..models.send_request_metadata import SendRequestMetadata  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_from_(data: object) -> EmailAddress | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                from_type_0 = EmailAddress.from_dict(data)

                return from_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(EmailAddress | None | Unset, data)

        from_ = _parse_from_(d.pop("from", UNSET))

        _to = d.pop("to", UNSET)
        to: list[EmailAddress] | Unset = UNSET
        if _to is not UNSET:
            to = []
            for to_item_data in _to:
                to_item = EmailAddress.from_dict(to_item_data)

                to.append(to_item)

        _cc = d.pop("cc", UNSET)
        cc: list[EmailAddress] | Unset = UNSET
        if _cc is not UNSET:
            cc = []
            for cc_item_data in _cc:
                cc_item = EmailAddress.from_dict(cc_item_data)

                cc.append(cc_item)

        _bcc = d.pop("bcc", UNSET)
        bcc: list[EmailAddress] | Unset = UNSET
        if _bcc is not UNSET:
            bcc = []
            for bcc_item_data in _bcc:
                bcc_item = EmailAddress.from_dict(bcc_item_data)

                bcc.append(bcc_item)

        _reply_to = d.pop("reply_to", UNSET)
        reply_to: list[EmailAddress] | Unset = UNSET
        if _reply_to is not UNSET:
            reply_to = []
            for reply_to_item_data in _reply_to:
                reply_to_item = EmailAddress.from_dict(reply_to_item_data)

                reply_to.append(reply_to_item)

        subject = d.pop("subject", UNSET)

        def _parse_text(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        text = _parse_text(d.pop("text", UNSET))

        def _parse_html(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        html = _parse_html(d.pop("html", UNSET))

        text_from_html = d.pop("text_from_html", UNSET)

        _headers = d.pop("headers", UNSET)
        headers: SendRequestHeaders | Unset
        if isinstance(_headers, Unset):
            headers = UNSET
        else:
            headers = SendRequestHeaders.from_dict(_headers)

        _metadata = d.pop("metadata", UNSET)
        metadata: SendRequestMetadata | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = SendRequestMetadata.from_dict(_metadata)

        _attachments = d.pop("attachments", UNSET)
        attachments: list[AttachmentIn] | Unset = UNSET
        if _attachments is not UNSET:
            attachments = []
            for attachments_item_data in _attachments:
                attachments_item = AttachmentIn.from_dict(attachments_item_data)

                attachments.append(attachments_item)

        _inline = d.pop("inline", UNSET)
        inline: list[AttachmentIn] | Unset = UNSET
        if _inline is not UNSET:
            inline = []
            for inline_item_data in _inline:
                inline_item = AttachmentIn.from_dict(inline_item_data)

                inline.append(inline_item)

        _alternatives = d.pop("alternatives", UNSET)
        alternatives: list[AttachmentIn] | Unset = UNSET
        if _alternatives is not UNSET:
            alternatives = []
            for alternatives_item_data in _alternatives:
                alternatives_item = AttachmentIn.from_dict(alternatives_item_data)

                alternatives.append(alternatives_item)

        references = cast(list[str], d.pop("references", UNSET))

        in_reply_to = d.pop("in_reply_to", UNSET)

        message_id = d.pop("message_id", UNSET)

        def _parse_date(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                date_type_0 = datetime.datetime.fromisoformat(data)

                return date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        date = _parse_date(d.pop("date", UNSET))

        def _parse_require_tls(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        require_tls = _parse_require_tls(d.pop("require_tls", UNSET))

        def _parse_send_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                send_at_type_0 = datetime.datetime.fromisoformat(data)

                return send_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        send_at = _parse_send_at(d.pop("send_at", UNSET))

        def _parse_deliver_by(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                deliver_by_type_0 = datetime.datetime.fromisoformat(data)

                return deliver_by_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        deliver_by = _parse_deliver_by(d.pop("deliver_by", UNSET))

        save_sent = d.pop("save_sent", UNSET)

        def _parse_draft_id(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        draft_id = _parse_draft_id(d.pop("draft_id", UNSET))

        send_request = cls(
            from_=from_,
            to=to,
            cc=cc,
            bcc=bcc,
            reply_to=reply_to,
            subject=subject,
            text=text,
            html=html,
            text_from_html=text_from_html,
            headers=headers,
            metadata=metadata,
            attachments=attachments,
            inline=inline,
            alternatives=alternatives,
            references=references,
            in_reply_to=in_reply_to,
            message_id=message_id,
            date=date,
            require_tls=require_tls,
            send_at=send_at,
            deliver_by=deliver_by,
            save_sent=save_sent,
            draft_id=draft_id,
        )

        send_request.additional_properties = d
        return send_request

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
