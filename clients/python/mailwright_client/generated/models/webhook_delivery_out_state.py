from enum import StrEnum


class WebhookDeliveryOutState(StrEnum):
    DELIVERED = "delivered"
    FAILED = "failed"
    PENDING = "pending"
    SUPERSEDED = "superseded"

    def __str__(self) -> str:
        return str(self.value)
