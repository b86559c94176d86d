"""The outbound queue: submission into it, the worker, and the transports it delivers with."""

from mta.queue.submit import Submitter
from mta.queue.transport import Delivery, DeliveryResult, RcptResult, Transport
from mta.queue.worker import Queue, QueueSettings
from mta.store.types import OutboundEvent

__all__ = [
    "Delivery",
    "DeliveryResult",
    "OutboundEvent",
    "Queue",
    "QueueSettings",
    "RcptResult",
    "Submitter",
    "Transport",
]
