"""``mailwright localserve`` as a user runs it: a subprocess, real ports, Ctrl-C, restart."""

from __future__ import annotations

import os
import random
import signal
import smtplib
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from mta.store import Store
from tests.helpers import inbox


def start(data_dir: Path, base: int, *extra: str) -> subprocess.Popen[str]:
    return start_with_banner(data_dir, base, *extra)[0]


def start_with_banner(data_dir: Path, base: int, *extra: str) -> tuple[subprocess.Popen[str], str]:
    """localserve started, and what it printed up to the banner's last line."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "mailwright", "localserve", "--dir", str(data_dir), "--ports-base", str(base), *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    assert proc.stdout is not None
    seen = []
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        seen.append(line)
        if "The queue retries" in line:
            return proc, "".join(seen)
    proc.kill()
    raise AssertionError("localserve did not start:\n" + "".join(seen))


def stop(proc: subprocess.Popen[str]) -> str:
    proc.send_signal(signal.SIGINT)
    out, _ = proc.communicate(timeout=30)
    assert proc.returncode == 0, out
    return out


def free_base() -> int:
    """A ports base whose SMTP, HTTP, IMAP and TLS ports are all free now (a random base can
    collide with the system's ephemeral ports, which overlap this range)."""
    import socket

    for _ in range(50):
        base = random.randrange(20, 60) * 1000
        try:
            for offset in (25, 80, 143, 465, 587, 993):
                with socket.socket() as sock:
                    sock.bind(("127.0.0.1", base + offset))
        except OSError:
            continue
        return base
    raise AssertionError("no free ports base found")


def test_localserve_accepts_any_domain_and_keeps_mail(tmp_path: Path) -> None:
    data = tmp_path / "ls"
    base = free_base()
    proc = start(data, base)
    try:
        with smtplib.SMTP("127.0.0.1", base + 25, timeout=10) as c:
            c.sendmail(
                "bounces@myapp.example",
                ["anyone@example.org"],
                b"From: App <app@myapp.example>\r\nSubject: first\r\n\r\nhello\r\n",
            )
        with smtplib.SMTP("127.0.0.1", base + 587, timeout=10) as c:
            c.login("dev@localhost", "mailwright")
            c.sendmail(
                "noreply@myapp.example",
                ["customer@example.com"],
                b"From: noreply@myapp.example\r\nSubject: second\r\n\r\nhi\r\n",
            )
        assert httpx.get(f"http://127.0.0.1:{base + 80}/health").status_code == 200
    finally:
        out = stop(proc)
    assert "msg=stopped" in out
    assert "Traceback" not in out
    # Restart on the same directory: the mail is still there and new mail follows it.
    proc = start(data, base)
    try:
        with smtplib.SMTP("127.0.0.1", base + 25, timeout=10) as c:
            c.sendmail("x@example.com", ["dev@localhost"], b"Subject: third\r\n\r\nagain\r\n")
    finally:
        stop(proc)
    store = Store.open(data)
    try:
        msgs = inbox(store, "dev")
    finally:
        store.close()
    assert [m.subject for m, _ in msgs] == ["first", "second", "third"]
    assert [m.uid for m, _ in msgs] == [1, 2, 3]
    # What a user sees with the message commands.
    listing = subprocess.run(
        [sys.executable, "-m", "mailwright", "message", "list", "dev", "--dir", str(data)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    # Newest first, as every list of the API; "from" is the From: header, not the envelope sender.
    lines = listing.splitlines()
    assert "'third'" in lines[0] and "'first'" in lines[2], listing
    assert "from app@myapp.example" in lines[2] and "bounces@" not in listing
    shown = subprocess.run(
        [sys.executable, "-m", "mailwright", "message", "show", str(msgs[0][0].id), "--dir", str(data)],
        capture_output=True,
        check=True,
    ).stdout
    assert shown == msgs[0][1]


def test_localserve_port_in_use_is_a_clear_error(tmp_path: Path) -> None:
    import socket

    base = free_base()
    blocker = socket.socket()
    blocker.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        blocker.bind(("127.0.0.1", base + 25))
        blocker.listen()
    except OSError:
        pytest.skip("port taken by something else")
    try:
        r = subprocess.run(
            [sys.executable, "-m", "mailwright", "localserve", "--dir", str(tmp_path / "d"), "--ports-base", str(base)],
            capture_output=True,
            text=True,
            timeout=60,
        )
    finally:
        blocker.close()
    assert r.returncode == 1
    assert f"127.0.0.1:{base + 25} is already in use" in r.stderr
    assert "Traceback" not in r.stderr
    assert not (tmp_path / "d").exists()  # the failed start leaves no directory behind


def test_localserve_help_and_banner_say_what_there_is(tmp_path: Path) -> None:
    r = subprocess.run(
        [sys.executable, "-m", "mailwright", "localserve", "--help"], capture_output=True, text=True, check=True
    )
    help_text = " ".join(r.stdout.split())
    assert "N+143 (IMAP)" in help_text and "N+993 (IMAPS)" in help_text
    assert "--listen ADDR" in help_text and "--fast-retries" in help_text
    base = free_base()
    # In a container or VM: every address, with a warning, since the catch-all takes anything.
    proc, out = start_with_banner(tmp_path / "ls", base, "--listen", "0.0.0.0")
    try:
        http = httpx.Client(base_url=f"http://127.0.0.1:{base + 80}", auth=("dev@localhost", "mailwright"), timeout=10)
        r2 = http.post("/v1/send", json={"to": [{"address": "a@example.org"}], "subject": "hi", "text": "x"})
        assert r2.status_code == 202, r2.text
    finally:
        stop(proc)
    assert "WARNING: listening on 0.0.0.0, not loopback" in out
    assert f"SMTP             0.0.0.0:{base + 25}" in out
    assert f"http://127.0.0.1:{base + 80}/v1/send" in out and "curl -u dev@localhost:mailwright" in out
    assert f"webmail          http://127.0.0.1:{base + 80}/webmail/    login dev@localhost / mailwright" in out
    assert "x-permerror@" in out and "x-delayed@" in out and "customer550@ and order-421@ are delivered" in out
    proc, out = start_with_banner(tmp_path / "ls", base)
    stop(proc)
    assert "WARNING" not in out
    r = subprocess.run(
        [sys.executable, "-m", "mailwright", "localserve", "--dir", str(tmp_path / "x"), "--listen", "everywhere"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert r.returncode == 1 and "--listen everywhere: not an IP address" in r.stderr
    assert not (tmp_path / "x").exists()


def test_localserve_send_api_and_simulated_failures(tmp_path: Path) -> None:
    """The sending issue's acceptance, as a user runs it: curl-like sends against localserve."""
    import email
    import email.policy
    import imaplib

    data = tmp_path / "ls"
    base = free_base()
    proc = start(data, base)
    try:
        http = httpx.Client(base_url=f"http://127.0.0.1:{base + 80}", auth=("dev@localhost", "mailwright"), timeout=10)
        r = http.post("/v1/send", json={"to": [{"address": "someone@example.org"}], "subject": "hi", "text": "hello"})
        assert r.status_code == 202, r.text
        r2 = http.post(
            "/v1/send", json={"to": [{"address": "x-permerror@example.org"}], "subject": "doomed", "text": "x"}
        )
        assert r2.status_code == 202, r2.text

        def arrived() -> list[bytes]:
            store = Store.open(data)
            try:
                return [raw for _, raw in inbox(store, "dev")]
            finally:
                store.close()

        deadline = time.monotonic() + 10
        while len(arrived()) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        msgs = [email.message_from_bytes(raw, policy=email.policy.default) for raw in arrived()]
        subjects = sorted(str(m["Subject"]) for m in msgs)
        assert len(msgs) == 2, subjects
        hi = next(m for m in msgs if m["Subject"] == "hi")
        assert hi["DKIM-Signature"] is not None and "d=localhost" in str(hi["DKIM-Signature"])
        dsn = next(m for m in msgs if m.get_content_type() == "multipart/report")
        assert "x-permerror@example.org" in dsn.as_string()
        # What arrived is readable in any mail client: IMAP on ports-base + 143.
        imap = imaplib.IMAP4("127.0.0.1", base + 143)
        imap.login("dev@localhost", "mailwright")
        assert imap.select("INBOX") == ("OK", [b"2"])
        _, found = imap.uid("SEARCH", "SUBJECT", "hi")
        _, fetched = imap.uid("FETCH", found[0], "(BODY.PEEK[HEADER.FIELDS (SUBJECT)])")
        assert fetched[0][1] == b"Subject: hi\r\n\r\n"
        imap.logout()
        listing = subprocess.run(
            [sys.executable, "-m", "mailwright", "outbound", "list", "--dir", str(data)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.splitlines()
        assert "failed" in listing[0] and "x-permerror@example.org" in listing[0] and "550 5.1.1" in listing[0]
        assert "delivered" in listing[1] and "someone@example.org" in listing[1]
    finally:
        stop(proc)


def test_banner_login_link_logs_in_once_and_each_start_mints_a_new_one(tmp_path: Path) -> None:
    import re

    data = tmp_path / "ls"
    base = free_base()
    links = []
    for _ in range(2):
        proc, banner = start_with_banner(data, base)
        try:
            (link,) = re.findall(r"http://127\.0\.0\.1:\d+/webmail/login\?token=[\w-]+", banner)
            assert link.startswith(f"http://127.0.0.1:{base + 80}/")
            links.append(link)
            r = httpx.get(link)
            assert r.status_code == 303 and r.headers["location"] == "/webmail/"
            cookie = r.headers["set-cookie"]
            assert cookie.startswith("mw_session=") and "HttpOnly" in cookie and "SameSite=Strict" in cookie
            token = cookie.split(";")[0].split("=", 1)[1]
            me = httpx.get(f"http://127.0.0.1:{base + 80}/v1/sessions/current", cookies={"mw_session": token})
            assert me.status_code == 200 and me.json()["address"] == "dev@localhost"
            again = httpx.get(link)
            assert again.status_code == 403 and again.json()["code"] == "login_link_invalid"
            if len(links) == 2:  # the first start's link is gone with it
                assert httpx.get(links[0]).status_code == 403
        finally:
            stop(proc)
    assert links[0] != links[1]
