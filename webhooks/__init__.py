"""Webhook delivery: event payloads, Standard Webhooks signing, a durable retrying queue.

Depends on mta only (the store, the queue's events, local delivery); the API and
the wiring in mailwright use it.
"""

from webhooks.queue import WebhookQueue, WebhookSettings
from webhooks.service import Webhooks

__all__ = ["WebhookQueue", "WebhookSettings", "Webhooks"]
