"""Submission (587 with STARTTLS, 465 with implicit TLS): AUTH, sender checks, local delivery."""

from __future__ import annotations

import base64
import smtplib
import ssl

import pytest

from tests.conftest import PASSWORD, ServerThread
from tests.helpers import RawSMTP, inbox, wait_for

MSG = b"From: Alice <alice@example.com>\r\nTo: bob@example.com\r\nSubject: from alice\r\n\r\nHi Bob.\r\n"


def unfold(raw: bytes) -> bytes:
    return raw.replace(b"\r\n\t", b" ").replace(b"\r\n ", b" ")


def tls_client_context() -> ssl.SSLContext:
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    return ctx


def test_submission_requires_auth(server: ServerThread) -> None:
    c = RawSMTP(server.port("submission"))
    c.cmd("EHLO client.example")
    assert c.cmd("MAIL FROM:<alice@example.com>").startswith("530 5.7.0")
    assert c.cmd("RCPT TO:<bob@example.com>").startswith("530 5.7.0")
    assert c.cmd("DATA").startswith("530 5.7.0")
    c.close()


def test_auth_plain_on_loopback_and_local_delivery(server: ServerThread) -> None:
    with smtplib.SMTP("127.0.0.1", server.port("submission"), timeout=10) as c:
        c.ehlo()
        assert "PLAIN" in c.esmtp_features["auth"] and "LOGIN" in c.esmtp_features["auth"]
        c.login("alice@example.com", PASSWORD)
        assert c.sendmail("alice@example.com", ["bob@example.com"], MSG) == {}
    wait_for(lambda: len(inbox(server.store, "bob")) == 1)
    [(m, raw)] = inbox(server.store, "bob")
    # Submitted mail goes through the queue, with a unique from-id per recipient.
    assert m.mail_from.startswith("alice+") and m.mail_from.endswith("@example.com")
    assert b"with ESMTPA" in unfold(raw)
    # Submission adds Message-ID and Date when the client left them out.
    assert b"\r\nMessage-ID: <" in raw and b"\r\nDate: " in raw


def test_auth_login_mechanism(server: ServerThread) -> None:
    c = RawSMTP(server.port("submission"))
    c.cmd("EHLO client.example")
    assert c.cmd("AUTH LOGIN").startswith("334 ")
    assert c.cmd(base64.b64encode(b"bob@example.com")).startswith("334 ")
    assert c.cmd(base64.b64encode(PASSWORD.encode())).startswith("235 2.7.0")
    assert c.cmd("AUTH LOGIN").startswith("503 5.5.1")
    c.close()


def test_wrong_password_and_unknown_login(server: ServerThread) -> None:
    for login, pw in (("alice@example.com", "wrong password"), ("nobody@example.com", PASSWORD)):
        with smtplib.SMTP("127.0.0.1", server.port("submission"), timeout=10) as c:
            with pytest.raises(smtplib.SMTPAuthenticationError) as exc:
                c.login(login, pw)
            assert exc.value.smtp_code == 535
    c2 = RawSMTP(server.port("submission"))
    c2.cmd("EHLO x")
    assert c2.cmd("AUTH PLAIN !!!notbase64").startswith("501 5.5.2")
    assert c2.cmd("AUTH CRAM-MD5").startswith("504 5.5.4")
    c2.close()


def test_starttls_then_auth(server: ServerThread) -> None:
    with smtplib.SMTP("127.0.0.1", server.port("submission"), timeout=10) as c:
        c.ehlo()
        assert c.has_extn("starttls")
        c.starttls(context=tls_client_context())
        c.ehlo()
        assert not c.has_extn("starttls")
        c.login("alice@example.com", PASSWORD)
        c.sendmail("alice@example.com", ["bob@example.com"], MSG)
    wait_for(lambda: len(inbox(server.store, "bob")) == 1)
    [(_, raw)] = inbox(server.store, "bob")
    assert b"with ESMTPSA" in unfold(raw)
    assert b"TLSv1." in raw


def test_implicit_tls_submissions(server: ServerThread) -> None:
    with smtplib.SMTP_SSL("127.0.0.1", server.port("submissions"), timeout=10, context=tls_client_context()) as c:
        c.ehlo()
        assert not c.has_extn("starttls")
        c.login("alice@example.com", PASSWORD)
        c.sendmail("alice@example.com", ["team@example.com"], MSG)
    wait_for(lambda: len(inbox(server.store, "alice")) == 1 and len(inbox(server.store, "bob")) == 1)
    assert len(inbox(server.store, "alice")) == 1
    assert len(inbox(server.store, "bob")) == 1


def test_sender_must_belong_to_account(server: ServerThread) -> None:
    with smtplib.SMTP("127.0.0.1", server.port("submission"), timeout=10) as c:
        c.login("alice@example.com", PASSWORD)
        with pytest.raises(smtplib.SMTPSenderRefused) as exc:
            c.sendmail("bob@example.com", ["bob@example.com"], MSG)
        assert exc.value.smtp_code == 550 and b"5.7.1" in exc.value.smtp_error
        forged = MSG.replace(b"From: Alice <alice@example.com>", b"From: Bob <bob@example.com>")
        with pytest.raises(smtplib.SMTPDataError) as exc2:
            c.sendmail("alice@example.com", ["bob@example.com"], forged)
        assert exc2.value.smtp_code == 550 and b"5.7.1" in exc2.value.smtp_error
        no_from = b"To: bob@example.com\r\nSubject: x\r\n\r\nbody\r\n"
        with pytest.raises(smtplib.SMTPDataError) as exc3:
            c.sendmail("alice@example.com", ["bob@example.com"], no_from)
        assert exc3.value.smtp_code == 550
        # A +tag of one's own address is one's own.
        tagged = MSG.replace(b"alice@example.com", b"alice+app@example.com")
        assert c.sendmail("alice+app@example.com", ["bob@example.com"], tagged) == {}
    wait_for(lambda: len(inbox(server.store, "bob")) == 1)


def test_submission_goes_through_the_queue(server: ServerThread) -> None:
    c = RawSMTP(server.port("submission"))
    c.cmd("EHLO client.example")
    c.cmd("AUTH PLAIN " + base64.b64encode(f"\0alice@example.com\0{PASSWORD}".encode()).decode())
    assert c.cmd("MAIL FROM:<alice@example.com>").startswith("250")
    assert c.cmd("RCPT TO:<someone@elsewhere.example>").startswith("250 2.1.5")
    assert c.cmd("RCPT TO:<nobody@example.com>").startswith("550 5.1.1")
    assert c.cmd("DATA").startswith("354")
    reply = c.cmd(MSG.replace(b"Subject:", b"X-Mailwright-Meta-Order: 42\r\nSubject:") + b".")
    assert reply.startswith("250 2.0.0") and "queued as" in reply
    c.close()


def scram_exchange(server: ServerThread, login: str, password: str) -> tuple[RawSMTP, str]:
    """Run AUTH SCRAM-SHA-256 with scramp's client; returns the connection and final reply."""
    import scramp

    client = scramp.ScramClient(["SCRAM-SHA-256"], login, password)
    c = RawSMTP(server.port("submission"))
    assert "SCRAM-SHA-256" in c.cmd("EHLO client.example")
    first = base64.b64encode(client.get_client_first().encode()).decode()
    reply = c.cmd(f"AUTH SCRAM-SHA-256 {first}")
    assert reply.startswith("334 "), reply
    client.set_server_first(base64.b64decode(reply[4:]).decode())
    reply = c.cmd(base64.b64encode(client.get_client_final().encode()))
    if not reply.startswith("334 "):
        return c, reply
    client.set_server_final(base64.b64decode(reply[4:]).decode())  # verifies the server's proof
    return c, c.cmd("")


def test_auth_scram_sha_256(server: ServerThread) -> None:
    c, reply = scram_exchange(server, "alice@example.com", PASSWORD)
    assert reply.startswith("235 2.7.0"), reply
    assert c.cmd("MAIL FROM:<alice@example.com>").startswith("250")
    c.close()
    for login, pw in (("alice@example.com", "not the password"), ("ghost@example.com", PASSWORD)):
        c, reply = scram_exchange(server, login, pw)
        assert reply.startswith("535 5.7.8"), reply
        c.close()
    c = RawSMTP(server.port("submission"))
    c.cmd("EHLO x")
    bad = base64.b64encode(b"p=tls-unique,,n=alice@example.com,r=abc").decode()
    assert c.cmd(f"AUTH SCRAM-SHA-256 {bad}").startswith("501 5.5.2")
    assert c.cmd("AUTH SCRAM-SHA-256 " + base64.b64encode(b"garbage").decode()).startswith("501 5.5.2")
    c.close()
