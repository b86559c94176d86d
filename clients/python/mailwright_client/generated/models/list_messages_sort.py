from enum import StrEnum


class ListMessagesSort(StrEnum):
    DATE = "date"
    FROM = "from"
    RECEIVED = "received"
    SIZE = "size"
    SUBJECT = "subject"

    def __str__(self) -> str:
        return str(self.value)
