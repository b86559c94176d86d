"""Mailwright's Python SDK.

The API functions and models are generated from Mailwright's OpenAPI contract into
``mailwright_client.generated`` (do not edit it; ``make sdk`` rewrites it). This
hand-written layer adds what generation cannot: connecting with an API key or an
account password, problem details raised as exceptions, webhook verification
that returns typed events, and following the live change stream (``follow``).

    from mailwright_client import connect, check
    from mailwright_client.generated.api.sending import send
    from mailwright_client.generated.models import EmailAddress, SendRequest

    client = connect("http://127.0.0.1:1080", username="dev@localhost", password="mailwright")
    answer = check(send.sync(client=client, body=SendRequest(to=[EmailAddress(address="x@example.org")],
                                                              subject="hi", text="hello")))
"""

from mailwright_client.errors import MailwrightError, check
from mailwright_client.events import follow, follow_async
from mailwright_client.generated import AuthenticatedClient, Client
from mailwright_client.setup import connect
from mailwright_client.webhooks import WebhookEvent, WebhookVerificationError, verify_webhook

__all__ = [
    "AuthenticatedClient",
    "Client",
    "MailwrightError",
    "WebhookEvent",
    "WebhookVerificationError",
    "check",
    "connect",
    "follow",
    "follow_async",
    "verify_webhook",
]
