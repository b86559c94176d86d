"""The IMAP server over loopback: imaplib as a real client, and a raw socket where the exact
responses matter. Mail arrives over real SMTP; the API and IMAP see each other's changes."""

from __future__ import annotations

import base64
import imaplib
import re
import smtplib
import ssl
import threading
import time
from email.message import EmailMessage
from pathlib import Path

import pytest
import scramp

from tests.conftest import PASSWORD, ServerThread
from tests.imapwire import Wire
from tests.test_mail_api import PDF, client, deliver, invoice, mailbox_ids

ALICE = "alice@example.com"


def imap(s: ServerThread, login: str = ALICE) -> imaplib.IMAP4:
    m = imaplib.IMAP4("127.0.0.1", s.port("imap"))
    m.login(login, PASSWORD)
    return m


def wire(s: ServerThread, login: str | None = ALICE) -> Wire:
    w = Wire(s.port("imap"))
    if login:
        w.login(login, PASSWORD)
    return w


def note(subject: str, body: str, msgid: str, cte: str | None = None) -> EmailMessage:
    m = EmailMessage()
    m["From"] = "Remote <remote@remote.test>"
    m["To"] = ALICE
    m["Subject"] = subject
    m["Message-ID"] = msgid
    m["Date"] = "Mon, 02 Nov 2026 10:00:00 +0000"
    if cte:
        m.set_content(body, cte=cte)
    else:
        m.set_content(body)
    return m


def ok(resp: tuple[list[bytes], bytes]) -> list[bytes]:
    lines, done = resp
    assert done.split(b" ", 2)[1] == b"OK", done
    return lines


def test_login_capabilities_and_failures(server: ServerThread) -> None:
    w = wire(server, None)
    assert w.greeting.startswith(b"* OK [CAPABILITY IMAP4rev2 IMAP4rev1")
    caps = ok(w.cmd("CAPABILITY"))[0].decode()
    for c in ("IDLE", "UIDPLUS", "MOVE", "CONDSTORE", "QRESYNC", "AUTH=SCRAM-SHA-256", "AUTH=PLAIN", "STARTTLS"):
        assert c in caps.split()
    _, done = w.cmd(f'LOGIN "{ALICE}" "wrong"')
    assert re.match(rb"t\d+ NO \[AUTHENTICATIONFAILED\]", done)
    _, done = w.cmd("SELECT INBOX")
    assert re.match(rb"t\d+ BAD", done) and b"logged-in" in done
    # SASL-IR PLAIN
    token = base64.b64encode(f"\0{ALICE}\0{PASSWORD}".encode()).decode()
    _lines, done = w.cmd(f"AUTHENTICATE PLAIN {token}")
    assert re.match(rb"t\d+ OK \[CAPABILITY", done) and b"AUTH=" not in done
    _, done = w.cmd("LOGIN x y")
    assert re.match(rb"t\d+ BAD", done)
    w.close()


def test_scram_sha256(server: ServerThread) -> None:
    w = wire(server, None)
    c = scramp.ScramClient(["SCRAM-SHA-256"], ALICE, PASSWORD)
    first = base64.b64encode(c.get_client_first().encode()).decode()
    w.send(f"a AUTHENTICATE SCRAM-SHA-256 {first}\r\n".encode())
    challenge = w.line()
    assert challenge.startswith(b"+ ")
    c.set_server_first(base64.b64decode(challenge[2:]).decode())
    w.send(base64.b64encode(c.get_client_final().encode()) + b"\r\n")
    final = w.line()
    c.set_server_final(base64.b64decode(final[2:]).decode())  # raises if the server's proof is wrong
    w.send(b"\r\n")
    _, done = w.until("a")
    assert done.startswith(b"a OK")
    w.close()


def test_starttls_and_implicit_tls(server: ServerThread) -> None:
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    m = imaplib.IMAP4("127.0.0.1", server.port("imap"))
    m.starttls(ctx)
    assert "STARTTLS" not in m.capabilities
    m.login(ALICE, PASSWORD)
    m.logout()
    m2 = imaplib.IMAP4_SSL("127.0.0.1", server.port("imaps"), ssl_context=ctx)
    m2.login(ALICE, PASSWORD)
    assert m2.select("INBOX")[0] == "OK"
    m2.logout()


def test_bad_commands_get_answers_and_the_session_survives(server: ServerThread) -> None:
    w = wire(server)
    cases = [
        "FOO",
        "FETCH 1 FLAGS",  # no mailbox selected
        "SELECT",
        'SELECT "unterminated',
        "LIST",
        "STATUS INBOX (BOGUS)",
        "CREATE ",
        "UID FOO",
        "UID",
        "ENABLE",
        "APPEND INBOX",
        "SEARCH ALL",
        "RENAME a",
        "LOGIN a b",
        'ID ("a")',
    ]
    for c in cases:
        _, done = w.cmd(c)
        assert re.match(rb"t\d+ (BAD|NO|OK) ", done), (c, done)
        assert done.split()[1] != b"OK" or c in ("ENABLE",), (c, done)
    ok(w.cmd("SELECT INBOX"))
    for c in [
        "FETCH 0 FLAGS",
        "FETCH 5 FLAGS",
        "FETCH 1:* (FLAGS",
        "FETCH 1 BODY[9.HEADERX]",
        "STORE 1 FLAGZ (\\Seen)",
        "SEARCH BEFORE notadate",
        "SEARCH FROB",
        "UID STORE 1 +FLAGS (\\Bogus)",
        "COPY 1",
        "UID FETCH x FLAGS",
    ]:
        _, done = w.cmd(c)
        assert re.match(rb"t\d+ (BAD|NO) ", done), (c, done)
    _, done = w.cmd("NOOP")
    assert done.endswith(b"OK NOOP completed")
    w.close()


def test_select_fetch_and_seen(server: ServerThread) -> None:
    deliver(server, invoice())
    w = wire(server)
    lines = ok(w.cmd("SELECT INBOX"))
    assert b"* 1 EXISTS" in lines
    assert any(ln.startswith(b"* OK [UIDVALIDITY ") for ln in lines)
    assert any(ln.startswith(b"* OK [UIDNEXT 2]") for ln in lines)
    assert any(
        ln.startswith(b"* OK [PERMANENTFLAGS (\\Seen \\Answered \\Flagged \\Deleted \\Draft \\*)]") for ln in lines
    )
    (env,) = ok(w.cmd("FETCH 1 (UID FLAGS ENVELOPE RFC822.SIZE INTERNALDATE)"))
    assert env.startswith(b"* 1 FETCH (UID 1 FLAGS () ENVELOPE (")
    assert b'"Invoice November"' in env and b'((NIL NIL "alice" "example.com"))' in env
    assert b'"<inv-1@remote.test>")' in env
    (bs,) = ok(w.cmd("FETCH 1 BODYSTRUCTURE"))
    assert b'"MIXED"' in bs and b'"APPLICATION" "PDF"' in bs and b'"QUOTED-PRINTABLE"' in bs
    # PEEK leaves \Seen alone; BODY[] sets it and says so.
    (hdr,) = ok(w.cmd("FETCH 1 (BODY.PEEK[HEADER.FIELDS (Subject)])"))
    assert hdr == b"* 1 FETCH (BODY[HEADER.FIELDS (SUBJECT)] {29}\r\nSubject: Invoice November\r\n\r\n)"
    (flags,) = ok(w.cmd("FETCH 1 FLAGS"))
    assert flags == b"* 1 FETCH (FLAGS ())"
    (att,) = ok(w.cmd("FETCH 1 (BINARY[2] BINARY.SIZE[2])"))
    assert b"%PDF-1.4 fake invoice" in att and b"\\Seen" in att
    assert b"BINARY.SIZE[2] %d" % len(PDF) in att
    (part,) = ok(w.cmd("FETCH 1 BODY[1]<0.10>"))
    assert part == b"* 1 FETCH (BODY[1]<0> {10}\r\nDear Alice)"
    w.close()


def test_search_decoded_text_headers_flags_and_esearch(server: ServerThread) -> None:
    deliver(server, note("plain one", "the quick brown fox\n", "<a@r>"))
    deliver(server, note("encoded qp", "Grüße aus Köln, café au lait\n", "<b@r>", cte="quoted-printable"))
    deliver(server, note("encoded b64", "Zebras in base64 München\n", "<c@r>", cte="base64"))
    deliver(server, note("Über alles", "nothing special\n", "<d@r>"))
    w = wire(server)
    ok(w.cmd("SELECT INBOX"))
    assert ok(w.cmd("SEARCH BODY fox")) == [b"* SEARCH 1"]
    assert ok(w.cmd("SEARCH BODY zebras")) == [b"* SEARCH 3"]  # base64 body, case-insensitive
    assert ok(w.cmd('SEARCH BODY "au lait"')) == [b"* SEARCH 2"]
    # Non-ASCII search text as a UTF-8 literal.
    w.send(b"u1 SEARCH CHARSET UTF-8 BODY {%d}\r\n" % len("Köln".encode()))
    assert w.line().startswith(b"+")
    w.send("Köln".encode() + b"\r\n")
    assert ok(w.until("u1")) == [b"* SEARCH 2"]
    w.send(b"u2 SEARCH CHARSET UTF-8 SUBJECT {%d}\r\n" % len("Üb".encode()))
    assert w.line().startswith(b"+")
    w.send("Üb".encode() + b"\r\n")
    assert ok(w.until("u2")) == [b"* SEARCH 4"]
    assert ok(w.cmd("SEARCH HEADER Message-ID <c@r>")) == [b"* SEARCH 3"]
    assert ok(w.cmd("SEARCH FROM remote.test SUBJECT encoded")) == [b"* SEARCH 2 3"]
    assert ok(w.cmd("SEARCH OR SUBJECT plain SUBJECT b64")) == [b"* SEARCH 1 3"]
    assert ok(w.cmd("SEARCH NOT SUBJECT encoded")) == [b"* SEARCH 1 4"]
    assert ok(w.cmd("SEARCH TEXT Zebras")) == [b"* SEARCH 3"]
    assert ok(w.cmd("SEARCH LARGER 100000")) == [b"* SEARCH"]
    assert ok(w.cmd("SEARCH SENTON 2-Nov-2026")) == [b"* SEARCH 1 2 3 4"]
    assert ok(w.cmd("SEARCH SINCE 1-Jan-2000 2:3")) == [b"* SEARCH 2 3"]
    ok(w.cmd("STORE 2,4 +FLAGS.SILENT (\\Flagged $Important)"))
    assert ok(w.cmd("SEARCH FLAGGED")) == [b"* SEARCH 2 4"]
    assert ok(w.cmd("SEARCH KEYWORD $important UNFLAGGED")) == [b"* SEARCH"]
    assert ok(w.cmd("UID SEARCH UID 3:* UNSEEN")) == [b"* SEARCH 3 4"]
    (es,) = ok(w.cmd("SEARCH RETURN (MIN MAX COUNT ALL) SUBJECT encoded"))
    assert es == b'* ESEARCH (TAG "t14") MIN 2 MAX 3 COUNT 2 ALL 2:3' or es.endswith(b"MIN 2 MAX 3 COUNT 2 ALL 2:3")
    # SEARCHRES: save, then use $.
    assert ok(w.cmd("UID SEARCH RETURN (SAVE) FLAGGED")) == []
    (f,) = ok(w.cmd("UID FETCH $ (FLAGS)"))[:1]
    assert f.startswith(b"* 2 FETCH (UID 2 FLAGS (\\Flagged $Important))")
    _, done = w.cmd("SEARCH CHARSET KOI8-R BODY x")
    assert done.split()[1:3] == [b"NO", b"[BADCHARSET"]
    w.close()


def test_search_body_folds_case_and_takes_wildcards_literally(server: ServerThread) -> None:
    # An ASCII needle is matched in the database with LIKE: its % _ and \\ are text, and
    # a text that is not ASCII is still casefolded (the ligature, the sharp s).
    deliver(server, note("one", "50% off_today, a \ufb01le, path ab\n", "<w1@r>"))
    deliver(server, note("two", "Gr\u00fc\u00dfe aus der Stra\u00dfe\n", "<w2@r>"))
    deliver(server, note("three", "50 percent offXtoday, the FILE, path a\\b\n", "<w3@r>"))
    # A NUL in the decoded text (base64): LIKE and length() in SQLite stop at it.
    deliver(server, note("four", "plain start\x00 after the nul\n", "<w4@r>", cte="base64"))
    w = wire(server)
    ok(w.cmd("SELECT INBOX"))
    assert ok(w.cmd('SEARCH BODY "50%"')) == [b"* SEARCH 1"]
    assert ok(w.cmd("SEARCH BODY off_today")) == [b"* SEARCH 1"]
    assert ok(w.cmd('SEARCH BODY "a\\\\b"')) == [b"* SEARCH 3"]
    assert ok(w.cmd("SEARCH BODY file")) == [b"* SEARCH 1 3"]
    assert ok(w.cmd("SEARCH BODY STRASSE")) == [b"* SEARCH 2"]
    assert ok(w.cmd('SEARCH BODY ""')) == [b"* SEARCH 1 2 3 4"]
    assert ok(w.cmd("SEARCH NOT BODY file")) == [b"* SEARCH 2 4"]
    assert ok(w.cmd("SEARCH BODY zzzqqq")) == [b"* SEARCH"]
    assert ok(w.cmd('SEARCH BODY "after the NUL"')) == [b"* SEARCH 4"]
    assert ok(w.cmd("SEARCH NOT BODY zzzqqq")) == [b"* SEARCH 1 2 3 4"]
    assert ok(w.cmd('SEARCH OR BODY "50%" BODY strasse')) == [b"* SEARCH 1 2"]
    assert ok(w.cmd("SEARCH BODY file BODY path UID 2:*")) == [b"* SEARCH 3"]
    assert ok(w.cmd("SEARCH TEXT three BODY file")) == [b"* SEARCH 3"]
    w.close()


def test_store_copy_move_expunge_and_uidplus(server: ServerThread) -> None:
    for i in range(3):
        deliver(server, note(f"m{i}", f"body {i}\n", f"<m{i}@r>"))
    w = wire(server)
    ok(w.cmd("SELECT INBOX"))
    assert ok(w.cmd("STORE 1 +FLAGS (\\Deleted)")) == [b"* 1 FETCH (FLAGS (\\Deleted) UID 1)"]
    # A new keyword: the mailbox's flags are announced again, then the message's.
    assert ok(w.cmd("UID STORE 2 FLAGS (\\Answered foo)")) == [
        b"* FLAGS (\\Seen \\Answered \\Flagged \\Deleted \\Draft foo)",
        b"* OK [PERMANENTFLAGS (\\Seen \\Answered \\Flagged \\Deleted \\Draft \\*)] flags that can be changed",
        b"* 2 FETCH (FLAGS (\\Answered foo) UID 2)",
    ]
    assert ok(w.cmd("STORE 2 -FLAGS.SILENT (foo)")) == []
    _, done = w.cmd("COPY 2 Nowhere")
    assert re.match(rb"t\d+ NO \[TRYCREATE\]", done)
    _, done = w.cmd("COPY 2:3 Archive")
    assert re.match(rb"t\d+ OK \[COPYUID \d+ 2:3 1:2\]", done), done
    lines, done = w.cmd("UID MOVE 3 Archive")
    assert re.match(rb"\* OK \[COPYUID \d+ 3 3\]", lines[0]) and lines[1] == b"* 3 EXPUNGE", lines
    lines = ok(w.cmd("EXPUNGE"))
    assert lines == [b"* 1 EXPUNGE"]
    assert ok(w.cmd("UID SEARCH ALL")) == [b"* SEARCH 2"]
    w.close()
    m = imap(server)
    typ, data = m.append("Archive", "(\\Seen)", '"01-Feb-2026 10:00:00 +0100"', b"Subject: appended\r\n\r\nhi\r\n")
    assert typ == "OK" and re.match(rb"\[APPENDUID \d+ 4\]", data[0] or b""), data
    m.select("Archive")
    typ, data = m.uid("FETCH", "4", "(FLAGS INTERNALDATE)")
    assert data[0] == b'4 (UID 4 FLAGS (\\Seen) INTERNALDATE "01-Feb-2026 09:00:00 +0000")'
    assert m.status("Archive", "(MESSAGES UIDNEXT UNSEEN DELETED SIZE)")[1][0].startswith(
        b'"Archive" (MESSAGES 4 UIDNEXT 5 UNSEEN 3 DELETED 0 SIZE '
    )
    m.logout()


def test_literals_sync_nonsync_and_limits(server: ServerThread) -> None:
    w = wire(server)
    msg = b"Subject: literal+\r\n\r\nnon-synchronizing\r\n"
    w.send(b"a1 APPEND INBOX {%d+}\r\n" % len(msg) + msg + b"\r\n")
    _, done = w.until("a1")
    assert done.startswith(b"a1 OK [APPENDUID")
    # Over the limit (the fixture's max_message_size is 100,000): refused before the data is sent.
    w.send(b"a2 APPEND INBOX {200000}\r\n")
    assert w.line() == b"a2 NO [TOOBIG] literal of 200000 octets is over the limit of 100000"
    # Non-synchronizing and too big: the server reads past it and answers.
    big = b"x" * 150_000
    w.send(b"a3 APPEND INBOX {150000+}\r\n" + big + b"\r\n")
    assert w.line().startswith(b"a3 NO [TOOBIG]")
    _, done = w.cmd("NOOP")
    assert done.endswith(b"OK NOOP completed")
    # A mailbox name as a literal.
    w.send(b"a4 CREATE {5}\r\n")
    assert w.line().startswith(b"+ ")
    w.send(b"L\xc3\xa4b\r\n")  # not modified UTF-7 and UTF8=ACCEPT is off: refused
    _, done = w.until("a4")
    assert done.startswith(b"a4 BAD")
    ok(w.cmd("CREATE L&AOQ-b"))
    assert b'"L&AOQ-b"' in b"".join(ok(w.cmd('LIST "" L*')))
    ok(w.cmd("ENABLE UTF8=ACCEPT"))
    assert '"Läb"'.encode() in b"".join(ok(w.cmd('LIST "" L*')))
    w.close()


def test_idle_wakes_on_smtp_delivery_and_api_changes(server: ServerThread) -> None:
    w = wire(server)
    ok(w.cmd("SELECT INBOX"))
    w.send(b"i1 IDLE\r\n")
    assert w.line() == b"+ idling"
    t0 = time.monotonic()
    deliver(server, note("wake up", "hi\n", "<idle@r>"))
    assert w.line() == b"* 1 EXISTS"
    assert time.monotonic() - t0 < 2
    with client(server) as c:
        ids = mailbox_ids(c)
        (item,) = c.get(f"/v1/mailboxes/{ids['Inbox']}/messages").json()["items"]
        assert c.patch(f"/v1/messages/{item['id']}", json={"add_flags": ["flagged"]}).status_code == 200
        assert w.line() == b"* 1 FETCH (FLAGS (\\Flagged) UID 1)"
        assert c.patch(f"/v1/messages/{item['id']}", json={"mailbox_id": ids["Archive"]}).status_code == 200
        assert w.line() == b"* 1 EXPUNGE"
        assert w.line() == b"* 0 EXISTS"
    w.send(b"DONE\r\n")
    _, done = w.until("i1")
    assert done == b"i1 OK IDLE terminated"
    w.close()


def test_flags_set_over_imap_show_in_the_api(server: ServerThread) -> None:
    deliver(server, invoice())
    m = imap(server)
    m.select("INBOX")
    m.store("1", "+FLAGS", "(\\Seen \\Flagged $Label1)")
    with client(server) as c:
        ids = mailbox_ids(c)
        (item,) = c.get(f"/v1/mailboxes/{ids['Inbox']}/messages").json()["items"]
        assert set(item["flags"]) == {"seen", "flagged"} and item["keywords"] == ["$Label1"]
    m.uid("MOVE", "1", "Archive")
    with client(server) as c:
        assert c.get(f"/v1/mailboxes/{ids['Archive']}/messages").json()["items"][0]["subject"] == "Invoice November"
    m.logout()


def test_concurrent_sessions_see_each_others_changes(server: ServerThread) -> None:
    for i in range(4):
        deliver(server, note(f"c{i}", "x\n", f"<c{i}@r>"))
    a, b = wire(server), wire(server)
    ok(a.cmd("SELECT INBOX"))
    ok(b.cmd("SELECT INBOX"))
    ok(b.cmd("STORE 2 +FLAGS.SILENT (\\Deleted)"))
    ok(b.cmd("EXPUNGE"))
    ok(b.cmd("STORE 3 +FLAGS.SILENT (\\Seen)"))  # was 4
    # A FETCH must not renumber: the expunge waits, flag changes may come.
    lines = ok(a.cmd("FETCH 3 UID"))
    assert b"* 3 FETCH (UID 3)" in lines and not any(b"EXPUNGE" in ln for ln in lines)
    lines = ok(a.cmd("NOOP"))
    assert b"* 2 EXPUNGE" in lines and b"* 3 EXISTS" in lines
    deliver(server, note("late", "x\n", "<late@r>"))
    assert ok(a.cmd("NOOP")) == [b"* 4 EXISTS"]
    assert ok(a.cmd("UID SEARCH SEEN")) == [b"* SEARCH 4"]
    a.close()
    b.close()


def test_condstore_and_qresync(server: ServerThread) -> None:
    for i in range(3):
        deliver(server, note(f"q{i}", "x\n", f"<q{i}@r>"))
    w = wire(server)
    ok(w.cmd("ENABLE QRESYNC"))
    lines = ok(w.cmd("SELECT INBOX"))
    validity = int(next(ln for ln in lines if b"UIDVALIDITY" in ln).split()[3].rstrip(b"]"))
    highest = int(next(ln for ln in lines if b"HIGHESTMODSEQ" in ln).split()[3].rstrip(b"]"))
    (f,) = ok(w.cmd("UID FETCH 1 (FLAGS MODSEQ)"))
    modseq1 = int(re.search(rb"MODSEQ \((\d+)\)", f)[1])  # type: ignore[index]
    ok(w.cmd("UID STORE 1 +FLAGS (\\Seen)"))
    _, done = w.cmd(f"UID STORE 1 (UNCHANGEDSINCE {modseq1}) +FLAGS (\\Flagged)")
    assert re.match(rb"t\d+ OK \[MODIFIED 1\]", done)
    ok(w.cmd("UID STORE 2 +FLAGS.SILENT (\\Deleted)"))
    ok(w.cmd("UID EXPUNGE 2"))
    (ch,) = ok(w.cmd(f"UID FETCH 1:* FLAGS (CHANGEDSINCE {highest})"))
    assert ch.startswith(b"* 1 FETCH (UID 1 FLAGS (\\Seen) MODSEQ (")
    w.close()
    w = wire(server)
    ok(w.cmd("ENABLE QRESYNC"))
    lines = ok(w.cmd(f"SELECT INBOX (QRESYNC ({validity} {highest}))"))
    assert b"* VANISHED (EARLIER) 2" in lines
    assert any(ln.startswith(b"* 1 FETCH (FLAGS (\\Seen) UID 1 MODSEQ (") for ln in lines)
    w.close()


def test_mailbox_commands(server: ServerThread) -> None:
    w = wire(server)
    ok(w.cmd("CREATE Projects/2026/"))
    _, done = w.cmd("CREATE Projects")
    assert re.match(rb"t\d+ NO \[ALREADYEXISTS\]", done)
    lines = ok(w.cmd('LIST "" Projects*'))
    assert lines == [b'* LIST (\\HasChildren) "/" "Projects"', b'* LIST (\\HasNoChildren) "/" "Projects/2026"']
    assert ok(w.cmd('LIST "" %')) and all(b"/" not in ln.split(b'"/"')[1] for ln in ok(w.cmd('LIST "" %')))
    _, done = w.cmd("DELETE Projects")
    assert re.match(rb"t\d+ NO \[HASCHILDREN\]", done)
    _, done = w.cmd("SELECT Nope")
    assert re.match(rb"t\d+ NO \[NONEXISTENT\]", done)
    ok(w.cmd("RENAME Projects Work"))
    assert ok(w.cmd('LIST "" Work/*')) == [b'* LIST (\\HasNoChildren) "/" "Work/2026"']
    lines = ok(w.cmd('LIST (SPECIAL-USE) "" * RETURN (STATUS (MESSAGES UNSEEN))'))
    assert b'* LIST (\\HasNoChildren \\Sent) "/" "Sent"' in lines
    assert b'* STATUS "Sent" (MESSAGES 0 UNSEEN 0)' in lines
    ok(w.cmd("UNSUBSCRIBE Work/2026"))
    assert b"Work/2026" not in b"".join(ok(w.cmd('LSUB "" *')))
    assert ok(w.cmd("NAMESPACE")) == [b'* NAMESPACE (("" "/")) NIL NIL']
    deliver(server, note("to be moved", "x\n", "<ri@r>"))
    ok(w.cmd("RENAME INBOX Old"))
    assert ok(w.cmd("STATUS Old (MESSAGES)")) == [b'* STATUS "Old" (MESSAGES 1)']
    assert ok(w.cmd("STATUS INBOX (MESSAGES)")) == [b'* STATUS "INBOX" (MESSAGES 0)']
    _, done = w.cmd("DELETE INBOX")
    assert done.split()[1] == b"NO"
    w.close()


def test_accounts_are_isolated(server: ServerThread) -> None:
    deliver(server, invoice())
    m = imap(server)
    m.create("Secret")
    m.logout()
    w = wire(server, "bob@example.com")
    lines = ok(w.cmd('LIST "" *'))
    assert not any(b"Secret" in ln for ln in lines)
    _, done = w.cmd("SELECT Secret")
    assert re.match(rb"t\d+ NO \[NONEXISTENT\]", done)
    lines = ok(w.cmd("SELECT INBOX"))
    assert b"* 0 EXISTS" in lines
    assert ok(w.cmd("UID FETCH 1:* FLAGS")) == []
    w.close()


def test_many_sessions_at_once(server: ServerThread) -> None:
    for i in range(5):
        deliver(server, note(f"p{i}", "parallel\n", f"<p{i}@r>"))
    errors: list[BaseException] = []

    def one() -> None:
        try:
            m = imap(server)
            m.select("INBOX")
            _typ, data = m.search(None, "BODY", "parallel")
            assert data == [b"1 2 3 4 5"]
            m.logout()
        except BaseException as e:  # reported below
            errors.append(e)

    threads = [threading.Thread(target=one) for _ in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert not errors, errors


def test_submission_then_imap_reads_what_the_api_sent(server: ServerThread) -> None:
    with smtplib.SMTP("127.0.0.1", server.port("smtp")) as s:
        s.sendmail("x@remote.test", [ALICE], b"Subject: over smtp\r\nMessage-ID: <s@r>\r\n\r\nline\r\n")
    m = imap(server)
    m.select("INBOX", readonly=True)
    typ, data = m.fetch("1", "(BODY[TEXT])")
    assert data[0][1] == b"line\r\n"  # type: ignore[index]
    typ, data = m.fetch("1", "FLAGS")
    assert data == [b"1 (FLAGS ())"]  # EXAMINE: reading does not set \Seen
    typ, data = m.store("1", "+FLAGS", "(\\Seen)")
    assert typ == "NO"
    m.logout()


@pytest.mark.parametrize("name", ["INBOX", "inbox", "Inbox"])
def test_inbox_in_any_case(server: ServerThread, name: str) -> None:
    m = imap(server)
    assert m.select(name)[0] == "OK"
    m.logout()


def test_garbage_never_breaks_a_session(server: ServerThread) -> None:
    """Random and truncated commands each get a tagged answer (or the connection's BYE for
    an overlong line); none ends in an internal error, and the session answers after."""
    import random

    deliver(server, invoice())
    rnd = random.Random(8)
    words = [
        "FETCH", "UID", "STORE", "SEARCH", "COPY", "MOVE", "LIST", "SELECT", "APPEND", "STATUS", "BODY[", "BODY[1.",
        "(", ")", "{3}", "{3+}", "\"", "\\", "*", "%", "1:*", "0", "4294967296", "$", "INBOX", "NIL", "~{2}", "<0.",
        "HEADER.FIELDS", "(FLAGS", "+FLAGS", "CHANGEDSINCE", "UNCHANGEDSINCE", "RETURN", "CHARSET", "\x01", "é",
    ]  # fmt: skip
    w = wire(server)
    ok(w.cmd("SELECT INBOX"))
    for i in range(300):
        line = " ".join(rnd.choice(words) for _ in range(rnd.randint(1, 8)))
        raw = line.encode()
        if raw.endswith((b"{3}", b"~{2}")):
            raw = raw[: raw.rindex(b"{")]  # a synchronizing literal would wait for its data
        if raw.endswith(b"{3+}"):
            raw += b"\r\nabc"
        _, done = w.cmd(raw, tag=f"g{i}")
        assert re.match(rb"g\d+ (OK|NO|BAD) ", done), (raw, done)
        assert b"SERVERBUG" not in done, (raw, done)
        if b"SELECT" not in raw and b"CLOSE" not in raw:
            continue
        ok(w.cmd("SELECT INBOX"))
    _, done = w.cmd("NOOP")
    assert done.endswith(b"OK NOOP completed")
    w.close()


def test_compress_deflate(server: ServerThread) -> None:
    """RFC 4978: after COMPRESS DEFLATE both directions are raw deflate streams."""
    import zlib

    deliver(server, invoice())
    w = wire(server)
    assert b"COMPRESS=DEFLATE" in ok(w.cmd("CAPABILITY"))[0]
    _, done = w.cmd("COMPRESS DEFLATE")
    assert re.match(rb"t\d+ OK DEFLATE active", done)
    comp, decomp = zlib.compressobj(6, zlib.DEFLATED, -15), zlib.decompressobj(-15)

    def send(cmd: bytes) -> None:
        w.sock.sendall(comp.compress(cmd) + comp.flush(zlib.Z_SYNC_FLUSH))

    def until(tag: bytes) -> bytes:
        got = decomp.decompress(w.buf)
        w.buf = b""
        while tag + b" " not in got:
            got += decomp.decompress(w.sock.recv(65536))
        return got

    send(b"c1 SELECT INBOX\r\nc2 UID FETCH 1 (BODY.PEEK[HEADER.FIELDS (SUBJECT)])\r\n")
    got = until(b"c2")
    assert b"* 1 EXISTS" in got and b"Subject: Invoice November" in got and b"c2 OK" in got
    send(b"c3 COMPRESS DEFLATE\r\n")
    assert b"c3 NO [COMPRESSIONACTIVE]" in until(b"c3")
    msg = b"Subject: compressed\r\n\r\n" + b"z" * 5000 + b"\r\n"
    send(b"c4 APPEND INBOX {%d+}\r\n" % len(msg) + msg + b"\r\n")
    assert b"c4 OK [APPENDUID" in until(b"c4")
    w.close()


def test_compressed_bomb_is_bounded(server: ServerThread) -> None:
    """A deflate stream that inflates to 64 MiB without a line end meets the line limit,
    not the server's memory: the session says BYE."""
    import zlib

    w = wire(server)
    w.cmd("COMPRESS DEFLATE")
    comp, decomp = zlib.compressobj(9, zlib.DEFLATED, -15), zlib.decompressobj(-15)
    bomb = comp.compress(b"a" * (64 * 1024 * 1024)) + comp.flush(zlib.Z_SYNC_FLUSH)
    assert len(bomb) < 100_000
    w.sock.sendall(bomb)
    got = b""
    while b"BYE" not in got:
        data = w.sock.recv(65536)
        if not data:
            break
        got += decomp.decompress(data)
    assert b"* BYE [LIMIT]" in got
    w.close()


def test_connections_per_address_are_limited(server: ServerThread, monkeypatch: pytest.MonkeyPatch) -> None:
    from mta.imapserver import listener

    monkeypatch.setattr(listener, "MAX_CONNECTIONS_PER_IP", 3)
    import socket

    held = [Wire(server.port("imap")) for _ in range(3)]
    sock = socket.create_connection(("127.0.0.1", server.port("imap")), timeout=5)
    assert sock.recv(200).startswith(b"* BYE [LIMIT] too many connections")
    sock.close()
    held.pop().close()
    time.sleep(0.2)
    again = Wire(server.port("imap"))
    assert again.greeting.startswith(b"* OK")
    for w in [*held, again]:
        w.close()


def test_shutdown_says_bye_to_idle_and_waiting_sessions(data_dir: Path) -> None:
    from tests.conftest import make_config

    s = ServerThread(make_config(data_dir)).start()
    idle, waiting = wire(s), wire(s)
    ok(idle.cmd("SELECT INBOX"))
    idle.send(b"i1 IDLE\r\n")
    assert idle.line() == b"+ idling"
    s.stop()
    for w in (idle, waiting):
        rest = b""
        try:
            while True:
                data = w.sock.recv(4096)
                if not data:
                    break
                rest += data
        except OSError:
            pass
        assert b"* BYE" in w.buf + rest
        w.close()
