"""Logging format (logfmt, readable non-ASCII, connection ids) and SMTP reply codes."""

from __future__ import annotations

import io
import logging
import smtplib
import time

from mta import log as logmod
from mta.smtp.reply import with_enhanced
from tests.conftest import ServerThread


def test_logfmt_line() -> None:
    buf = io.StringIO()
    logmod.setup("debug", buf)
    try:
        token = logmod.cid_var.set("abc1")
        logmod.get_logger("test").info("delivered", rcpt="jörg@bücher.example", note='say "hi"\nnow', n=3, ok=True)
        logmod.cid_var.reset(token)
    finally:
        logmod.setup("warning")
    line = buf.getvalue()
    assert line.count("\n") == 1
    assert "level=info pkg=test msg=delivered cid=abc1 rcpt=jörg@bücher.example" in line
    assert 'note="say \\"hi\\"\\nnow" n=3 ok=true' in line


def test_log_lines_are_written_in_batches() -> None:
    """An info line waits for its batch (at most FLUSH_S); a warning takes what came
    before it along at once, in order."""
    buf = io.StringIO()
    handler = logmod.BatchingHandler(buf)
    handler.setFormatter(logmod.LogfmtFormatter())
    lg = logging.getLogger("batchtest")
    lg.addHandler(handler)
    lg.propagate = False
    lg.setLevel(logging.INFO)
    try:
        log = logmod.get_logger("batchtest")
        log.info("one")
        assert buf.getvalue() == ""
        deadline = time.monotonic() + 5
        while "msg=one" not in buf.getvalue() and time.monotonic() < deadline:
            time.sleep(0.01)
        assert buf.getvalue().count("\n") == 1
        log.info("two")
        log.warning("three")
        assert [ln.split(" msg=")[1] for ln in buf.getvalue().splitlines()] == ["one", "two", "three"]
        log.info("four")
        handler.flush()
        assert buf.getvalue().endswith("msg=four\n")
    finally:
        lg.removeHandler(handler)


def test_enhanced_codes_added() -> None:
    assert with_enhanced("250 OK") == "250 2.0.0 OK"
    assert with_enhanced("503 Error: need MAIL command") == "503 5.5.1 Need MAIL command first"
    assert with_enhanced("550 5.1.1 No such user") == "550 5.1.1 No such user"
    assert with_enhanced("354 End data with <CR><LF>.<CR><LF>") == "354 End data with <CR><LF>.<CR><LF>"
    assert with_enhanced('500 Error: command "FOO" not recognized') == '500 5.5.2 command "FOO" not recognized'


def test_smtp_log_lines_carry_connection_id(server: ServerThread) -> None:
    buf = io.StringIO()
    handler = logging.StreamHandler(buf)
    handler.setFormatter(logmod.LogfmtFormatter())
    root = logging.getLogger()
    old = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    try:
        with smtplib.SMTP("127.0.0.1", server.port("smtp"), timeout=10) as c:
            c.sendmail(
                "jörg@bücher.example", ["alice@example.com"], b"Subject: x\r\n\r\ny\r\n", mail_options=["SMTPUTF8"]
            )
    finally:
        root.removeHandler(handler)
        root.setLevel(old)
    lines = [ln for ln in buf.getvalue().splitlines() if "pkg=smtpserver" in ln]
    assert any("msg=connection" in ln for ln in lines)
    assert any("msg=delivered" in ln and "mail_from=jörg@bücher.example" in ln for ln in lines)
    cids = {ln.split(" cid=")[1].split(" ")[0] for ln in lines}
    assert len(cids) == 1
