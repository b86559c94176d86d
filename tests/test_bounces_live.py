"""Bounces from real MTAs, live: Mailwright sends through its API and queue to Debian's
Exim, Postfix or Sendmail (tests/mta_peers.py) as the recipient domain's MX; the MTA accepts,
relays to the mailbox server (tests/mx.py's sink), is refused there with 550 5.1.1,
and sends its own DSN back to the message's return address over SMTP.

Exim's DSN says `Status: 5.0.0` and Sendmail's, for a refusal after the data, `5.2.0`,
while the 5.1.1 is only in the Diagnostic-Code;
mail to a UTF-8 address goes with SMTPUTF8 and comes back as an internationalized DSN
(RFC 6533). Either way the recipient fails with 5.1.1 and is suppressed, and the MTA
has its DSN accepted (Exim sends QUIT and half-closes right after the data).

Needs root and the unpacked packages (`make test` unpacks them); skipped otherwise.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import pytest

from mailwright.config import Outbound, WebhooksConfig
from tests import mta_peers
from tests.conftest import FakeClock, ServerThread, make_config
from tests.helpers import wait_for
from tests.mx import SinkMX, free_port
from tests.receiver import Receiver
from tests.test_bounces import RESOLVER, App

WHY_NOT = mta_peers.unavailable()
pytestmark = pytest.mark.skipif(bool(WHY_NOT), reason=WHY_NOT)


CASES = [
    ("exim", "reject-gone@remote.test"),  # Status: 5.0.0
    ("exim", "rejecté@remote.test"),  # RFC 6533, Status: 5.0.0
    ("postfix", "reject-gone@remote.test"),
    ("postfix", "rejecté@remote.test"),  # RFC 6533
    ("sendmail", "refuse-data@remote.test"),  # refused after DATA: Status: 5.2.0
]


@pytest.mark.parametrize(("mta", "recipient"), CASES)
def test_live_mta_bounce(
    data_dir: Path, mx: SinkMX, clock: FakeClock, receiver: Receiver, mta: str, recipient: str
) -> None:
    port = free_port()
    cfg = make_config(data_dir, outbound=Outbound(mx_port=port), webhooks=WebhooksConfig(allow_private=True))
    srv = ServerThread(cfg, resolver=RESOLVER, clock=clock).start()
    app = App(srv, receiver)
    routes = {"remote.test": mx.port, "example.com": srv.port("smtp")}
    try:
        with mta_peers.running(mta, port, routes) as run:
            r = app.api.post("/v1/send", json={"to": [{"address": recipient}], "subject": "hello", "text": "x"})
            oid = r.json()["submissions"][0]["outbound_id"]
            try:
                wait_for(lambda: [e["event"] for e in app.events(oid)][-1:] == ["failed"], timeout=30)
            except AssertionError:
                logs = "\n".join(p.read_text(errors="replace")[-3000:] for p in run.rglob("*log") if p.is_file())
                raise AssertionError(f"events {app.events(oid)}; {mta} logs:\n{logs}") from None
            # ...and the MTA had its DSN taken with a 250, so it will not send it again.
            row = srv.store.queue.get(oid)
            assert row is not None
            wait_for(lambda: mta_peers.delivered(run, mta, row.mail_from), timeout=10)
        e = app.events(oid)[-1]
        assert (e["dsn"], e["smtp_code"], e["enhanced_code"], e["suppressing"]) == (True, 550, "5.1.1", True), e
        detail = app.api.get(f"/v1/outbound/{oid}").json()
        assert detail["state"] == "failed"
        reported = [a for a in detail["attempt_history"] if a["smtp_code"] == 550]  # the DSN's entry
        assert [(a["enhanced_code"], a["host"].strip("[]")) for a in reported] == [("5.1.1", "127.0.0.1")]
        assert app.api.get("/v1/suppressions/" + quote(recipient)).status_code == 200
    finally:
        app.api.close()
        srv.stop()
