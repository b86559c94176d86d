from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.message_detail_flags_item import MessageDetailFlagsItem
from ..types import UNSET, Unset
from typing import cast
import datetime

if TYPE_CHECKING:
    from ..models.attachment_out import AttachmentOut
    from ..models.email_address import EmailAddress
    from ..models.message_meta import MessageMeta
    from ..models.part_out import PartOut


T = TypeVar("T", bound="MessageDetail")


@_attrs_define
class MessageDetail:
    """
    Attributes:
        id (int): The message id; it stays when the message moves.
        mailbox_id (int): The mailbox it is in.
        thread_id (int): Its conversation (see /v1/threads).
        from_ (list[EmailAddress]): From: addresses.
        to (list[EmailAddress] | Unset): To: addresses.
        cc (list[EmailAddress] | Unset): Cc: addresses.
        subject (str | Unset): Subject, decoded. Default: ''.
        snippet (str | Unset): The start of the text, quoted lines left out. Default: ''.
        date (datetime.datetime | None | Unset): Date: header (the received time when it has none).
        received (datetime.datetime | None | Unset): When it was stored here.
        flags (list[MessageDetailFlagsItem] | Unset): System flags set.
        keywords (list[str] | Unset): Keywords set.
        size (int | Unset): Size in bytes. Default: 0.
        has_attachment (bool | Unset): Whether it has a part a person would call an attachment. Default: False.
        reply_to (list[EmailAddress] | Unset): Reply-To: addresses.
        bcc (list[EmailAddress] | Unset): Bcc: addresses (in drafts and sent copies).
        message_id (str | Unset): Message-ID header. Default: ''.
        in_reply_to (str | Unset): In-Reply-To header. Default: ''.
        references (list[str] | Unset): Message-IDs of In-Reply-To and References.
        text (str | Unset): The text body (from the HTML when there is no text part). Default: ''.
        html (None | str | Unset): The HTML body, sanitized: no scripts, event handlers, forms or frames; every URL
            absolute (http/https in lower case, cid:, mailto:, tel:, #fragment). Remote images are kept, or have their `src`
            removed with `remote=blocked`. Render it in a sandboxed frame.
        remote_resources (list[str] | Unset): The http(s) URLs the HTML loads by itself (image sources), in document
            order, each once; the same with `remote=blocked`, where the HTML no longer names them.
        truncated (bool | Unset): text or html was cut at 2 MiB; /raw has everything. Default: False.
        attachments (list[AttachmentOut] | Unset): Parts other than the bodies.
        structure (None | PartOut | Unset): The whole MIME structure.
        meta (MessageMeta | None | Unset): How it arrived.
    """

    id: int
    mailbox_id: int
    thread_id: int
    from_: list[EmailAddress]
    to: list[EmailAddress] | Unset = UNSET
    cc: list[EmailAddress] | Unset = UNSET
    subject: str | Unset = ""
    snippet: str | Unset = ""
    date: datetime.datetime | None | Unset = UNSET
    received: datetime.datetime | None | Unset = UNSET
    flags: list[MessageDetailFlagsItem] | Unset = UNSET
    keywords: list[str] | Unset = UNSET
    size: int | Unset = 0
    has_attachment: bool | Unset = False
    reply_to: list[EmailAddress] | Unset = UNSET
    bcc: list[EmailAddress] | Unset = UNSET
    message_id: str | Unset = ""
    in_reply_to: str | Unset = ""
    references: list[str] | Unset = UNSET
    text: str | Unset = ""
    html: None | str | Unset = UNSET
    remote_resources: list[str] | Unset = UNSET
    truncated: bool | Unset = False
    attachments: list[AttachmentOut] | Unset = UNSET
    structure: None | PartOut | Unset = UNSET
    meta: MessageMeta | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.attachment_out import AttachmentOut  # noqa: PLC0415
        from ..models.email_address import EmailAddress  # noqa: PLC0415
        from ..models.message_meta import MessageMeta  # noqa: PLC0415
        from ..models.part_out import PartOut  # noqa: PLC0415

        id = self.id

        mailbox_id = self.mailbox_id

        thread_id = self.thread_id

        from_ = []
        for from_item_data in self.from_:
            from_item = from_item_data.to_dict()
            from_.append(from_item)

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

        subject = self.subject

        snippet = self.snippet

        date: None | str | Unset
        if isinstance(self.date, Unset):
            date = UNSET
        elif isinstance(self.date, datetime.datetime):
            date = self.date.isoformat()
        else:
            date = self.date

        received: None | str | Unset
        if isinstance(self.received, Unset):
            received = UNSET
        elif isinstance(self.received, datetime.datetime):
            received = self.received.isoformat()
        else:
            received = self.received

        flags: list[str] | Unset = UNSET
        if not isinstance(self.flags, Unset):
            flags = []
            for flags_item_data in self.flags:
                flags_item = flags_item_data.value
                flags.append(flags_item)

        keywords: list[str] | Unset = UNSET
        if not isinstance(self.keywords, Unset):
            keywords = self.keywords

        size = self.size

        has_attachment = self.has_attachment

        reply_to: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.reply_to, Unset):
            reply_to = []
            for reply_to_item_data in self.reply_to:
                reply_to_item = reply_to_item_data.to_dict()
                reply_to.append(reply_to_item)

        bcc: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.bcc, Unset):
            bcc = []
            for bcc_item_data in self.bcc:
                bcc_item = bcc_item_data.to_dict()
                bcc.append(bcc_item)

        message_id = self.message_id

        in_reply_to = self.in_reply_to

        references: list[str] | Unset = UNSET
        if not isinstance(self.references, Unset):
            references = self.references

        text = self.text

        html: None | str | Unset
        if isinstance(self.html, Unset):
            html = UNSET
        else:
            html = self.html

        remote_resources: list[str] | Unset = UNSET
        if not isinstance(self.remote_resources, Unset):
            remote_resources = self.remote_resources

        truncated = self.truncated

        attachments: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.attachments, Unset):
            attachments = []
            for attachments_item_data in self.attachments:
                attachments_item = attachments_item_data.to_dict()
                attachments.append(attachments_item)

        structure: dict[str, Any] | None | Unset
        if isinstance(self.structure, Unset):
            structure = UNSET
        elif isinstance(self.structure, PartOut):
            structure = self.structure.to_dict()
        else:
            structure = self.structure

        meta: dict[str, Any] | None | Unset
        if isinstance(self.meta, Unset):
            meta = UNSET
        elif isinstance(self.meta, MessageMeta):
            meta = self.meta.to_dict()
        else:
            meta = self.meta

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "mailbox_id": mailbox_id,
                "thread_id": thread_id,
                "from": from_,
            }
        )
        if to is not UNSET:
            field_dict["to"] = to
        if cc is not UNSET:
            field_dict["cc"] = cc
        if subject is not UNSET:
            field_dict["subject"] = subject
        if snippet is not UNSET:
            field_dict["snippet"] = snippet
        if date is not UNSET:
            field_dict["date"] = date
        if received is not UNSET:
            field_dict["received"] = received
        if flags is not UNSET:
            field_dict["flags"] = flags
        if keywords is not UNSET:
            field_dict["keywords"] = keywords
        if size is not UNSET:
            field_dict["size"] = size
        if has_attachment is not UNSET:
            field_dict["has_attachment"] = has_attachment
        if reply_to is not UNSET:
            field_dict["reply_to"] = reply_to
        if bcc is not UNSET:
            field_dict["bcc"] = bcc
        if message_id is not UNSET:
            field_dict["message_id"] = message_id
        if in_reply_to is not UNSET:
            field_dict["in_reply_to"] = in_reply_to
        if references is not UNSET:
            field_dict["references"] = references
        if text is not UNSET:
            field_dict["text"] = text
        if html is not UNSET:
            field_dict["html"] = html
        if remote_resources is not UNSET:
            field_dict["remote_resources"] = remote_resources
        if truncated is not UNSET:
            field_dict["truncated"] = truncated
        if attachments is not UNSET:
            field_dict["attachments"] = attachments
        if structure is not UNSET:
            field_dict["structure"] = structure
        if meta is not UNSET:
            field_dict["meta"] = meta

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.attachment_out import AttachmentOut  # noqa: PLC0415
        from ..models.email_address import EmailAddress  # noqa: PLC0415
        from ..models.message_meta import MessageMeta  # noqa: PLC0415
        from ..models.part_out import PartOut  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        mailbox_id = d.pop("mailbox_id")

        thread_id = d.pop("thread_id")

        from_ = []
        _from_ = d.pop("from")
        for from_item_data in _from_:
            from_item = EmailAddress.from_dict(from_item_data)

            from_.append(from_item)

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

        subject = d.pop("subject", UNSET)

        snippet = d.pop("snippet", UNSET)

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

        def _parse_received(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                received_type_0 = datetime.datetime.fromisoformat(data)

                return received_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        received = _parse_received(d.pop("received", UNSET))

        _flags = d.pop("flags", UNSET)
        flags: list[MessageDetailFlagsItem] | Unset = UNSET
        if _flags is not UNSET:
            flags = []
            for flags_item_data in _flags:
                flags_item = MessageDetailFlagsItem(flags_item_data)

                flags.append(flags_item)

        keywords = cast(list[str], d.pop("keywords", UNSET))

        size = d.pop("size", UNSET)

        has_attachment = d.pop("has_attachment", UNSET)

        _reply_to = d.pop("reply_to", UNSET)
        reply_to: list[EmailAddress] | Unset = UNSET
        if _reply_to is not UNSET:
            reply_to = []
            for reply_to_item_data in _reply_to:
                reply_to_item = EmailAddress.from_dict(reply_to_item_data)

                reply_to.append(reply_to_item)

        _bcc = d.pop("bcc", UNSET)
        bcc: list[EmailAddress] | Unset = UNSET
        if _bcc is not UNSET:
            bcc = []
            for bcc_item_data in _bcc:
                bcc_item = EmailAddress.from_dict(bcc_item_data)

                bcc.append(bcc_item)

        message_id = d.pop("message_id", UNSET)

        in_reply_to = d.pop("in_reply_to", UNSET)

        references = cast(list[str], d.pop("references", UNSET))

        text = d.pop("text", UNSET)

        def _parse_html(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        html = _parse_html(d.pop("html", UNSET))

        remote_resources = cast(list[str], d.pop("remote_resources", UNSET))

        truncated = d.pop("truncated", UNSET)

        _attachments = d.pop("attachments", UNSET)
        attachments: list[AttachmentOut] | Unset = UNSET
        if _attachments is not UNSET:
            attachments = []
            for attachments_item_data in _attachments:
                attachments_item = AttachmentOut.from_dict(attachments_item_data)

                attachments.append(attachments_item)

        def _parse_structure(data: object) -> None | PartOut | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                structure_type_0 = PartOut.from_dict(data)

                return structure_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PartOut | Unset, data)

        structure = _parse_structure(d.pop("structure", UNSET))

        def _parse_meta(data: object) -> MessageMeta | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                meta_type_0 = MessageMeta.from_dict(data)

                return meta_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(MessageMeta | None | Unset, data)

        meta = _parse_meta(d.pop("meta", UNSET))

        message_detail = cls(
            id=id,
            mailbox_id=mailbox_id,
            thread_id=thread_id,
            from_=from_,
            to=to,
            cc=cc,
            subject=subject,
            snippet=snippet,
            date=date,
            received=received,
            flags=flags,
            keywords=keywords,
            size=size,
            has_attachment=has_attachment,
            reply_to=reply_to,
            bcc=bcc,
            message_id=message_id,
            in_reply_to=in_reply_to,
            references=references,
            text=text,
            html=html,
            remote_resources=remote_resources,
            truncated=truncated,
            attachments=attachments,
            structure=structure,
            meta=meta,
        )

        message_detail.additional_properties = d
        return message_detail

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
