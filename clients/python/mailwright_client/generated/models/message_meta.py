from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset


T = TypeVar("T", bound="MessageMeta")


@_attrs_define
class MessageMeta:
    """
    Attributes:
        mail_from (str): SMTP MAIL FROM.
        rcpt_to (str): SMTP RCPT TO it was delivered for.
        remote_ip (str): The sending server's address.
        spf (str): SPF result (RFC 8601 words); empty when not checked.
        dkim (str): DKIM result; empty when not checked.
        dmarc (str): DMARC result; empty when not checked.
        uid (int): IMAP UID in its mailbox.
        modseq (int): Modification sequence of its last change.
    """

    mail_from: str
    rcpt_to: str
    remote_ip: str
    spf: str
    dkim: str
    dmarc: str
    uid: int
    modseq: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        mail_from = self.mail_from

        rcpt_to = self.rcpt_to

        remote_ip = self.remote_ip

        spf = self.spf

        dkim = self.dkim

        dmarc = self.dmarc

        uid = self.uid

        modseq = self.modseq

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "mail_from": mail_from,
                "rcpt_to": rcpt_to,
                "remote_ip": remote_ip,
                "spf": spf,
                "dkim": dkim,
                "dmarc": dmarc,
                "uid": uid,
                "modseq": modseq,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        mail_from = d.pop("mail_from")

        rcpt_to = d.pop("rcpt_to")

        remote_ip = d.pop("remote_ip")

        spf = d.pop("spf")

        dkim = d.pop("dkim")

        dmarc = d.pop("dmarc")

        uid = d.pop("uid")

        modseq = d.pop("modseq")

        message_meta = cls(
            mail_from=mail_from,
            rcpt_to=rcpt_to,
            remote_ip=remote_ip,
            spf=spf,
            dkim=dkim,
            dmarc=dmarc,
            uid=uid,
            modseq=modseq,
        )

        message_meta.additional_properties = d
        return message_meta

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
