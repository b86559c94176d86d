"""Regenerate the DSNs in this folder from real MTAs (not run by `make test`).

Debian's Exim, Postfix and Sendmail, unpacked from their packages and run as root on
loopback ports with their own configuration and spool (tests/mta_peers.py), each relay
four messages (Sendmail the first two: it is built without SMTPUTF8) to a sink that
answers like a receiving server that does not know the recipient, and send their
bounces to a catcher that writes them here:

- rcpt: gone@remote.test, 550 5.1.1 to RCPT;
- data: late@remote.test, accepted at RCPT, 550 5.1.1 after DATA;
- smtputf8: josé@remote.test, sent with SMTPUTF8 (RFC 6531), 550 5.1.1 to RCPT, so the
  bounce is an internationalized DSN (RFC 6533) returning the message as message/global;
- smtputf8-hdrs: zoë@remote.test, the same with RET=HDRS (RFC 3461), so only the header
  section comes back, as message/global-headers.

The envelope sender of every message is RETURN_PATH (a Mailwright return address with
a fixed from_id), its Message-ID names the case. sources.json records the producer.
Run as root from the repository's top folder:

    .venv/bin/python tests/data/bounces/real/make_real_dsns.py
"""

from __future__ import annotations

import argparse
import json
import smtplib
import sys
import threading
import time
from pathlib import Path

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[3]))

from tests import mta_peers  # noqa: E402  (the repository is on sys.path only now)

RETURN_PATH = "alice+abcdefghijklmnopqrstuvwxyz@example.com"  # 26 characters of base32 as from_id
CASES = {  # name -> (recipient, SMTPUTF8)
    "rcpt": ("gone@remote.test", False),
    "data": ("late@remote.test", False),
    "smtputf8": ("josé@remote.test", True),
    "smtputf8-hdrs": ("zoë@remote.test", True),
}
REFUSAL = "550 5.1.1 <{}>: Recipient address rejected: User unknown"


class Sink:
    """The receiving server: refuses late@ after DATA, everyone else at RCPT."""

    async def handle_RCPT(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, options: list[str]
    ) -> str:
        if not address.startswith("late@"):
            return REFUSAL.format(address)
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 Ok"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        return REFUSAL.format(envelope.rcpt_tos[0])


class Catcher:
    """Where the bounces go: keeps each message as received."""

    def __init__(self) -> None:
        self.got: list[bytes] = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        with self.lock:
            self.got.append(bytes(envelope.original_content or b""))
        return "250 2.0.0 Ok"


def send(port: int, case: str) -> None:
    rcpt, utf8 = CASES[case]
    msg = (
        f"From: Alice <alice@example.com>\r\nTo: <{rcpt}>\r\nSubject: hello {case}\r\n"
        f"Message-ID: <{case}@mailwright.test>\r\nMIME-Version: 1.0\r\n"
        f"Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
        f"Hello {rcpt}.\r\n"
    ).encode()
    opts = ["SMTPUTF8", "BODY=8BITMIME"] if utf8 else ["BODY=8BITMIME"]
    if case.endswith("-hdrs"):
        opts.append("RET=HDRS")
    with smtplib.SMTP("127.0.0.1", port, local_hostname="app.example.com") as s:
        s.sendmail(RETURN_PATH, [rcpt], msg, mail_options=opts)


def bounce(catcher: Catcher) -> bytes:
    for _ in range(300):
        with catcher.lock:
            if catcher.got:
                return catcher.got.pop()
        time.sleep(0.1)
    sys.exit("no bounce came back")


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    ap.add_argument("--peers", type=Path, default=mta_peers.DEFAULT_DIR, help="where the packages are unpacked")
    ap.add_argument("--ports-base", type=int, default=27000)
    ap.add_argument("--only", choices=mta_peers.MTAS)
    args = ap.parse_args()
    mta_peers.unpack(args.peers)
    if why := mta_peers.unavailable(args.peers):
        sys.exit(why)
    sink_port, catcher_port, mta_port = args.ports_base + 1, args.ports_base + 2, args.ports_base + 3
    catcher = Catcher()
    servers = [
        Controller(Sink(), hostname="127.0.0.1", port=sink_port, enable_SMTPUTF8=True, server_hostname="mx.test"),
        Controller(catcher, hostname="127.0.0.1", port=catcher_port, enable_SMTPUTF8=True, server_hostname="mx.test"),
    ]
    for c in servers:
        c.start()
    sources_file = HERE / "sources.json"
    sources = json.loads(sources_file.read_text()) if sources_file.exists() else {}
    routes = {"remote.test": sink_port, "example.com": catcher_port}
    try:
        for mta in mta_peers.MTAS:
            if args.only and args.only != mta:
                continue
            producer = mta_peers.version(args.peers, mta)
            with mta_peers.running(mta, mta_port, routes, args.peers):
                for case in CASES:
                    if CASES[case][1] and mta == "sendmail":
                        continue  # Debian's Sendmail is built without SMTPUTF8 (USE_EAI)
                    send(mta_port, case)
                    dsn = bounce(catcher)
                    name = f"{mta}-{case}.eml"
                    (HERE / name).write_bytes(dsn)
                    sources[name] = {"producer": producer, "recipient": CASES[case][0], "case": case}
                    print(f"{name}: {producer}, {len(dsn)} bytes")
    finally:
        for c in servers:
            c.stop()
    sources_file.write_text(json.dumps(sources, indent=2, ensure_ascii=False, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
