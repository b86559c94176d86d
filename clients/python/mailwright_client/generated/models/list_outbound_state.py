from enum import StrEnum


class ListOutboundState(StrEnum):
    CANCELED = "canceled"
    DELIVERED = "delivered"
    EXPIRED = "expired"
    FAILED = "failed"
    HELD = "held"
    QUEUED = "queued"
    SUPPRESSED = "suppressed"

    def __str__(self) -> str:
        return str(self.value)
