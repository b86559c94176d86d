from enum import StrEnum


class WebhookDeliveryDetailState(StrEnum):
    DELIVERED = "delivered"
    FAILED = "failed"
    PENDING = "pending"
    SUPERSEDED = "superseded"

    def __str__(self) -> str:
        return str(self.value)
