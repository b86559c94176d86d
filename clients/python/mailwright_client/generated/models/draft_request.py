from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
    from ..models.attachment_in import AttachmentIn
    from ..models.email_address import EmailAddress


T = TypeVar("T", bound="DraftRequest")


@_attrs_define
class DraftRequest:
    """
    Attributes:
        from_ (EmailAddress | None | Unset): Sender; defaults to the account's address; must be the account's.
        to (list[EmailAddress] | Unset): To: recipients.
        cc (list[EmailAddress] | Unset): Cc: recipients.
        bcc (list[EmailAddress] | Unset): Bcc: recipients (kept in the draft).
        reply_to (list[EmailAddress] | Unset): Reply-To: addresses.
        subject (str | Unset): Subject line. Default: ''.
        text (None | str | Unset): Plain-text body.
        html (None | str | Unset): HTML body.
        attachments (list[AttachmentIn] | Unset): Attachments.
        inline (list[AttachmentIn] | Unset): Inline parts for the HTML.
        references (list[str] | Unset): Message-IDs this draft refers to.
        in_reply_to (str | Unset): Message-ID this draft replies to. Default: ''.
    """

    from_: EmailAddress | None | Unset = UNSET
    to: list[EmailAddress] | Unset = UNSET
    cc: list[EmailAddress] | Unset = UNSET
    bcc: list[EmailAddress] | Unset = UNSET
    reply_to: list[EmailAddress] | Unset = UNSET
    subject: str | Unset = ""
    text: None | str | Unset = UNSET
    html: None | str | Unset = UNSET
    attachments: list[AttachmentIn] | Unset = UNSET
    inline: list[AttachmentIn] | Unset = UNSET
    references: list[str] | Unset = UNSET
    in_reply_to: str | Unset = ""
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.attachment_in import AttachmentIn  # noqa: PLC0415
        from ..models.email_address import EmailAddress  # noqa: PLC0415

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

        references: list[str] | Unset = UNSET
        if not isinstance(self.references, Unset):
            references = self.references

        in_reply_to = self.in_reply_to

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
        if attachments is not UNSET:
            field_dict["attachments"] = attachments
        if inline is not UNSET:
            field_dict["inline"] = inline
        if references is not UNSET:
            field_dict["references"] = references
        if in_reply_to is not UNSET:
            field_dict["in_reply_to"] = in_reply_to

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.attachment_in import AttachmentIn  # noqa: PLC0415
        from ..models.email_address import EmailAddress  # noqa: PLC0415

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

        references = cast(list[str], d.pop("references", UNSET))

        in_reply_to = d.pop("in_reply_to", UNSET)

        draft_request = cls(
            from_=from_,
            to=to,
            cc=cc,
            bcc=bcc,
            reply_to=reply_to,
            subject=subject,
            text=text,
            html=html,
            attachments=attachments,
            inline=inline,
            references=references,
            in_reply_to=in_reply_to,
        )

        draft_request.additional_properties = d
        return draft_request

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
