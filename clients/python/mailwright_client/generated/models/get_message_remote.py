from enum import StrEnum


class GetMessageRemote(StrEnum):
    ALLOWED = "allowed"
    BLOCKED = "blocked"

    def __str__(self) -> str:
        return str(self.value)
