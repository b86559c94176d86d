"""The Python SDK (clients/python) against a real localserve: send, webhook, read, errors."""

from __future__ import annotations

import pytest
from mailwright_client import MailwrightError, check, connect, verify_webhook
from mailwright_client.generated.api.messages import get_message, search_messages
from mailwright_client.generated.api.outbound import get_outbound
from mailwright_client.generated.api.sending import send
from mailwright_client.generated.api.webhooks import set_webhooks
from mailwright_client.generated.models import (
    EmailAddress,
    OutgoingEvent,
    OutgoingEventEvent,
    SendRequest,
    SendRequestMetadata,
    WebhookSettingsIn,
)

from mailwright.localserve import ADDRESS, PASSWORD
from tests.conftest import ServerThread
from tests.helpers import wait_for
from tests.receiver import Receiver


def test_send_webhook_read_and_errors(localserve: ServerThread, receiver: Receiver) -> None:
    client = connect(f"http://127.0.0.1:{localserve.port('http')}", username=ADDRESS, password=PASSWORD)
    settings = check(set_webhooks.sync(client=client, body=WebhookSettingsIn(outgoing_url=receiver.url("/hook"))))
    secret = settings.signing_secret
    assert isinstance(secret, str)

    answer = check(
        send.sync(
            client=client,
            body=SendRequest(
                to=[EmailAddress(address="x@example.org")],
                subject="from the SDK",
                text="hello",
                metadata=SendRequestMetadata.from_dict({"order": "7"}),
            ),
        )
    )
    [sub] = answer.submissions
    wait_for(lambda: len(receiver.at("/hook")) == 1)
    call = receiver.at("/hook")[0]
    event = verify_webhook(call.body, call.headers, secret)
    assert isinstance(event, OutgoingEvent)
    assert event.event == OutgoingEventEvent.DELIVERED and event.outbound_id == sub.outbound_id
    assert event.to_dict()["metadata"] == {"order": "7"}
    with pytest.raises(Exception, match="signature"):
        verify_webhook(call.body, call.headers, "whsec_" + "A" * 32)

    detail = check(get_outbound.sync(client=client, outbound_id=sub.outbound_id))
    assert detail.state.value == "delivered" and detail.subject == "from the SDK"

    # localserve delivered it into dev's Inbox: read it back through the SDK.
    [found] = check(search_messages.sync(client=client, subject="from the SDK")).items
    message = check(get_message.sync(found.id, client=client))
    assert message.text == "hello\n" and message.message_id == answer.message_id
    assert isinstance(message.to, list) and [a.address for a in message.to] == ["x@example.org"]

    with pytest.raises(MailwrightError) as err:
        check(send.sync(client=client, body=SendRequest(to=[], subject="x", text="y")))
    assert err.value.status == 400 and err.value.code
    # errors is the body's list, not a dict keyed by field (which would lose repeats).
    assert [(e.field, e.message) for e in err.value.errors] == [
        (e["field"], e["message"]) for e in err.value.problem.to_dict()["errors"]
    ]
    assert [e.field for e in err.value.errors] == ["to"]
    with pytest.raises(MailwrightError) as err:
        check(get_outbound.sync(client=client, outbound_id=999999))
    assert err.value.status == 404 and err.value.code == "not_found"
