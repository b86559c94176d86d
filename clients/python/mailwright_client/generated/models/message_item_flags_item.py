from enum import StrEnum


class MessageItemFlagsItem(StrEnum):
    ANSWERED = "answered"
    DELETED = "deleted"
    DRAFT = "draft"
    FLAGGED = "flagged"
    SEEN = "seen"

    def __str__(self) -> str:
        return str(self.value)
