from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset


T = TypeVar("T", bound="IncomingMeta")


@_attrs_define
class IncomingMeta:
    """
    Attributes:
        stored_id (int): The stored message's id, for the mail access API.
        mailbox (str):
        mail_from (str): SMTP MAIL FROM (empty for a null sender).
        rcpt_to (str): SMTP RCPT TO that delivered it to this account.
        remote_ip (str): Address of the delivering client; empty for local delivery.
        received (str): When it was stored (RFC 3339).
        spf (str): SPF result (RFC 8601 word); empty if not checked. Default: ''.
        dkim (str): DKIM result; empty when not checked. Default: ''.
        dmarc (str): DMARC result; empty when not checked. Default: ''.
        automated (bool): Sent by a program: auto-submitted, a mailing list, bulk, or an out-of-office reply. Default:
            False.
        automated_reason (str): auto-submitted, auto-reply, mailing-list or bulk; empty when not automated. Default: ''.
    """

    stored_id: int
    mailbox: str
    mail_from: str
    rcpt_to: str
    remote_ip: str
    received: str
    spf: str = ""
    dkim: str = ""
    dmarc: str = ""
    automated: bool = False
    automated_reason: str = ""
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        stored_id = self.stored_id

        mailbox = self.mailbox

        mail_from = self.mail_from

        rcpt_to = self.rcpt_to

        remote_ip = self.remote_ip

        received = self.received

        spf = self.spf

        dkim = self.dkim

        dmarc = self.dmarc

        automated = self.automated

        automated_reason = self.automated_reason

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "stored_id": stored_id,
                "mailbox": mailbox,
                "mail_from": mail_from,
                "rcpt_to": rcpt_to,
                "remote_ip": remote_ip,
                "received": received,
                "spf": spf,
                "dkim": dkim,
                "dmarc": dmarc,
                "automated": automated,
                "automated_reason": automated_reason,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        stored_id = d.pop("stored_id")

        mailbox = d.pop("mailbox")

        mail_from = d.pop("mail_from")

        rcpt_to = d.pop("rcpt_to")

        remote_ip = d.pop("remote_ip")

        received = d.pop("received")

        spf = d.pop("spf")

        dkim = d.pop("dkim")

        dmarc = d.pop("dmarc")

        automated = d.pop("automated")

        automated_reason = d.pop("automated_reason")

        incoming_meta = cls(
            stored_id=stored_id,
            mailbox=mailbox,
            mail_from=mail_from,
            rcpt_to=rcpt_to,
            remote_ip=remote_ip,
            received=received,
            spf=spf,
            dkim=dkim,
            dmarc=dmarc,
            automated=automated,
            automated_reason=automated_reason,
        )

        incoming_meta.additional_properties = d
        return incoming_meta

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
