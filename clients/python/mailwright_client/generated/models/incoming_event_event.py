from enum import StrEnum


class IncomingEventEvent(StrEnum):
    INCOMING = "incoming"

    def __str__(self) -> str:
        return str(self.value)
