from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
    from ..models.in_reply_to_outbound_metadata import InReplyToOutboundMetadata


T = TypeVar("T", bound="InReplyToOutbound")


@_attrs_define
class InReplyToOutbound:
    """The message we sent that this one replies to.

    Attributes:
        outbound_id (int): Outbound id of the recipient who replied (or the first).
        message_id (str): Message-ID of the message we sent.
        recipient (str): The recipient the outbound id is for.
        metadata (InReplyToOutboundMetadata): The metadata given when that message was sent.
    """

    outbound_id: int
    message_id: str
    recipient: str
    metadata: InReplyToOutboundMetadata
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.in_reply_to_outbound_metadata import InReplyToOutboundMetadata  # noqa: PLC0415

        outbound_id = self.outbound_id

        message_id = self.message_id

        recipient = self.recipient

        metadata = self.metadata.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "outbound_id": outbound_id,
                "message_id": message_id,
                "recipient": recipient,
                "metadata": metadata,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.in_reply_to_outbound_metadata import InReplyToOutboundMetadata  # noqa: PLC0415

        d = dict(src_dict)
        outbound_id = d.pop("outbound_id")

        message_id = d.pop("message_id")

        recipient = d.pop("recipient")

        metadata = InReplyToOutboundMetadata.from_dict(d.pop("metadata"))

        in_reply_to_outbound = cls(
            outbound_id=outbound_id,
            message_id=message_id,
            recipient=recipient,
            metadata=metadata,
        )

        in_reply_to_outbound.additional_properties = d
        return in_reply_to_outbound

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
