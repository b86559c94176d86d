"""The Python SDK README's examples, run in order against localserve's configuration."""

from __future__ import annotations

import re
import sys
import time
import types
from datetime import UTC, datetime
from pathlib import Path

import httpx
import msgspec
from litestar import Litestar
from litestar.testing import TestClient
from standardwebhooks import Webhook

from tests.conftest import ServerThread
from tests.helpers import wait_for
from webhooks.payloads import OutgoingEvent

README = Path(__file__).parent.parent / "clients" / "python" / "README.md"


def test_readme_examples(localserve: ServerThread) -> None:
    """Run as by a user who had set a webhook URL before (its secret was shown then)."""
    blocks = re.findall(r"```python\n(.*?)```", README.read_text(), re.DOTALL)
    assert len(blocks) >= 6
    url = f"http://127.0.0.1:{localserve.port('http')}"
    first = httpx.put(
        f"{url}/v1/webhooks",
        json={"outgoing_url": "http://127.0.0.1:9/earlier", "incoming_url": "http://127.0.0.1:9/in"},
        auth=("dev@localhost", "mailwright"),
    )
    assert first.status_code == 200 and first.json()["signing_secret"]
    module = types.ModuleType("readme_examples")  # litestar looks handlers' names up in their module
    sys.modules[module.__name__] = module
    ns = module.__dict__
    try:
        for block in blocks:
            exec(compile(block.replace("http://127.0.0.1:1080", url), str(README), "exec"), ns)
    finally:
        del sys.modules[module.__name__]
    # The webhook handler verifies a signed call and refuses a forged one.
    secret = ns["SECRET"]
    assert isinstance(secret, str) and secret != first.json()["signing_secret"]
    # The README changed the outgoing URL and left the incoming one alone.
    settings = httpx.get(f"{url}/v1/webhooks", auth=("dev@localhost", "mailwright")).json()
    assert settings["incoming_url"] == "http://127.0.0.1:9/in"
    wait_for(lambda: localserve.store.queue.next_due() is None)
    body = msgspec.json.encode(
        OutgoingEvent(
            event="delivered",
            outbound_id=1,
            from_id="f",
            message_id="<m@x>",
            subject="s",
            recipient="customer@example.org",
            time="2026-11-24T10:00:00Z",
            sequence=3,
        )
    )
    now = int(time.time())
    signature = Webhook(secret).sign("msg_1", datetime.fromtimestamp(now, UTC), body.decode())
    headers = {"webhook-id": "msg_1", "webhook-timestamp": str(now), "webhook-signature": signature}
    app = ns["app"]
    assert isinstance(app, Litestar)
    with TestClient(app=app) as http:
        assert http.post("/hooks/mail", content=body, headers=headers).status_code == 204
        forged = {**headers, "webhook-signature": "v1," + "A" * 44}
        assert http.post("/hooks/mail", content=body, headers=forged).status_code == 401
    assert ns["seen"] == [(1, "delivered", 3)]
