from enum import StrEnum


class OutgoingEventEvent(StrEnum):
    CANCELED = "canceled"
    COMPLAINED = "complained"
    DELAYED = "delayed"
    DELIVERED = "delivered"
    EXPANDED = "expanded"
    EXPIRED = "expired"
    FAILED = "failed"
    RELAYED = "relayed"
    SUPPRESSED = "suppressed"
    UNRECOGNIZED = "unrecognized"

    def __str__(self) -> str:
        return str(self.value)
