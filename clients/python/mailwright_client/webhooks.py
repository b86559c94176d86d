"""Verifying webhook calls (Standard Webhooks, through the ``standardwebhooks`` package)
and reading them as typed events."""

from __future__ import annotations

from collections.abc import Mapping

from standardwebhooks import Webhook
from standardwebhooks.webhooks import WebhookVerificationError

from mailwright_client.generated.models import IncomingEvent, OutgoingEvent, TestEvent

WebhookEvent = OutgoingEvent | IncomingEvent | TestEvent

__all__ = ["WebhookEvent", "WebhookVerificationError", "verify_webhook"]


def verify_webhook(body: bytes | str, headers: Mapping[str, str], secret: str) -> WebhookEvent:
    """Check the signature and age of a call and return its event; raises
    WebhookVerificationError when the call was not signed with `secret`."""
    data = Webhook(secret).verify(body, dict(headers))
    if not isinstance(data, dict):
        raise WebhookVerificationError("the payload is not a JSON object")
    event = data.get("event")
    if event == "incoming":
        return IncomingEvent.from_dict(data)
    if event == "test":
        return TestEvent.from_dict(data)
    return OutgoingEvent.from_dict(data)
