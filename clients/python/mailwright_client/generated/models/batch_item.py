from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
    from ..models.batch_item_error_type_0 import BatchItemErrorType0
    from ..models.submission_out import SubmissionOut


T = TypeVar("T", bound="BatchItem")


@_attrs_define
class BatchItem:
    """
    Attributes:
        status (int): 202 if accepted, else the error status.
        message_id (str | Unset): The Message-ID, when accepted. Default: ''.
        submissions (list[SubmissionOut] | Unset): One per recipient, when accepted.
        error (BatchItemErrorType0 | None | Unset): The problem detail, when refused.
    """

    status: int
    message_id: str | Unset = ""
    submissions: list[SubmissionOut] | Unset = UNSET
    error: BatchItemErrorType0 | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.batch_item_error_type_0 import BatchItemErrorType0  # noqa: PLC0415
        from ..models.submission_out import SubmissionOut  # noqa: PLC0415

        status = self.status

        message_id = self.message_id

        submissions: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.submissions, Unset):
            submissions = []
            for submissions_item_data in self.submissions:
                submissions_item = submissions_item_data.to_dict()
                submissions.append(submissions_item)

        error: dict[str, Any] | None | Unset
        if isinstance(self.error, Unset):
            error = UNSET
        elif isinstance(self.error, BatchItemErrorType0):
            error = self.error.to_dict()
        else:
            error = self.error

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "status": status,
            }
        )
        if message_id is not UNSET:
            field_dict["message_id"] = message_id
        if submissions is not UNSET:
            field_dict["submissions"] = submissions
        if error is not UNSET:
            field_dict["error"] = error

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.batch_item_error_type_0 import BatchItemErrorType0  # noqa: PLC0415
        from ..models.submission_out import SubmissionOut  # noqa: PLC0415

        d = dict(src_dict)
        status = d.pop("status")

        message_id = d.pop("message_id", UNSET)

        _submissions = d.pop("submissions", UNSET)
        submissions: list[SubmissionOut] | Unset = UNSET
        if _submissions is not UNSET:
            submissions = []
            for submissions_item_data in _submissions:
                submissions_item = SubmissionOut.from_dict(submissions_item_data)

                submissions.append(submissions_item)

        def _parse_error(data: object) -> BatchItemErrorType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                error_type_0 = BatchItemErrorType0.from_dict(data)

                return error_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(BatchItemErrorType0 | None | Unset, data)

        error = _parse_error(d.pop("error", UNSET))

        batch_item = cls(
            status=status,
            message_id=message_id,
            submissions=submissions,
            error=error,
        )

        batch_item.additional_properties = d
        return batch_item

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
