"""IMAP conformance cases found by reviewing the server against RFC 9051/3501 and the
extensions it advertises: each test cites the section and checks the exact exchange
(STARTTLS injection, literal limits, CONDSTORE/QRESYNC codes, LIST-EXTENDED, SENT* dates)."""

from __future__ import annotations

import re
import socket
import ssl

from tests.conftest import ServerThread
from tests.imapwire import Wire
from tests.test_imap import note, ok, wire
from tests.test_mail_api import deliver

# -- security / resource use --


def test_starttls_discards_plaintext_sent_before_the_handshake(server: ServerThread) -> None:
    # RFC 9051 section 6.2.1 / RFC 7817 section 3 (and the "NO STARTTLS" command-injection
    # class): octets that arrived in plaintext after the STARTTLS command must not be taken
    # as commands sent inside TLS. The server must drop them (or close the connection).
    sock = socket.create_connection(("127.0.0.1", server.port("imap")), timeout=5)
    f = sock.makefile("rb")
    assert f.readline().startswith(b"* OK")
    sock.sendall(b"a STARTTLS\r\nb CAPABILITY\r\n")
    assert f.readline().startswith(b"a OK")
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    tls = ctx.wrap_socket(sock)
    tls.settimeout(2)
    tls.sendall(b"c NOOP\r\n")
    got = b""
    try:
        while b"c OK" not in got:
            data = tls.recv(65536)
            if not data:
                break
            got += data
    except (TimeoutError, OSError):
        pass
    tls.close()
    assert b"b OK" not in got and b"b BAD" not in got, got


def test_a_command_of_endless_empty_literals_is_refused(server: ServerThread) -> None:
    # Unbounded resource use (before login): every line of a command ending in {0+} is kept
    # in memory, and empty literals never count toward the 1 MiB literal limit, so one
    # unauthenticated command can grow without bound. 20 MB of command text must meet a limit.
    w = Wire(server.port("imap"))
    filler = b"x" * 60_000
    w.send(b"a LOGIN " + filler + b" {0+}\r\n")
    try:
        for _ in range(350):
            w.send(filler + b" {0+}\r\n")
        w.send(b"\r\n")
        resp = w.line()
    except (ConnectionError, OSError):
        return  # the server closed the connection: acceptable
    assert b"LIMIT" in resp or resp.startswith(b"* BYE"), resp[:200]
    w.close()


# -- APPEND --


def test_append_with_a_literal_mailbox_name_keeps_the_appendlimit(server: ServerThread) -> None:
    # RFC 7889 (APPENDLIMIT=100000 is advertised) and RFC 4469/9051 6.3.12: a message over the
    # limit is refused with NO [TOOBIG]. With the mailbox name sent as a literal (clients do
    # that for names with special characters), the message literal is checked against the
    # 1 MiB "other literals" limit instead: a 150,000 octet message is accepted.
    w = wire(server)
    w.send(b"a APPEND {5}\r\n")
    assert w.line().startswith(b"+")
    w.send(b"INBOX {150000}\r\n")
    resp = w.line()
    if resp.startswith(b"+"):
        w.send(b"Subject: big\r\n\r\n" + b"y" * (150000 - 17) + b"\r\n")
        _, resp = w.until("a")
    assert resp.startswith(b"a NO [TOOBIG]"), resp
    w.close()


def test_invalid_utf8_mailbox_name_with_utf8_accept_is_not_a_serverbug(server: ServerThread) -> None:
    # RFC 6855 section 3: after ENABLE UTF8=ACCEPT names are UTF-8; a name that is not valid
    # UTF-8 is a BAD (or NO), not an internal error.
    w = wire(server)
    ok(w.cmd("ENABLE UTF8=ACCEPT"))
    for c in (b'SELECT "\xff"', b'CREATE "a\xffb"', b'STATUS "\xff" (MESSAGES)', b'LIST "" "\xff*"'):
        _, done = w.cmd(c)
        assert b"SERVERBUG" not in done, (c, done)
    w.close()


# -- LIST --


def test_list_inbox_pattern_matches_inbox_case_insensitively(server: ServerThread) -> None:
    # RFC 9051 section 5.1 / 6.3.9: INBOX is case-insensitive, and LIST matches the pattern
    # against the name INBOX; "INBOX*" must list INBOX itself.
    w = wire(server)
    lines = ok(w.cmd('LIST "" "INBOX*"'))
    assert any(ln.endswith(b' "/" INBOX') or ln.endswith(b' "/" "INBOX"') for ln in lines), lines
    lines = ok(w.cmd('LIST "" "IN%"'))
    assert any(b"INBOX" in ln for ln in lines), lines
    w.close()


# -- SEARCH --


def test_senton_uses_the_date_in_its_own_timezone(server: ServerThread) -> None:
    # RFC 9051 6.4.4: SENTON/SENTBEFORE/SENTSINCE compare the Date: header "disregarding time
    # and timezone". A message dated 2 Nov 23:30 -0500 was sent on 2-Nov-2026.
    m = note("late evening", "x\n", "<tz@r>")
    del m["Date"]
    m["Date"] = "Mon, 02 Nov 2026 23:30:00 -0500"
    deliver(server, m)
    w = wire(server)
    ok(w.cmd("SELECT INBOX"))
    assert ok(w.cmd("SEARCH SENTON 2-Nov-2026")) == [b"* SEARCH 1"]
    assert ok(w.cmd("SEARCH SENTBEFORE 3-Nov-2026")) == [b"* SEARCH 1"]
    w.close()


def test_logout_sends_nothing_after_bye(server: ServerThread) -> None:
    # RFC 9051 6.1.3: LOGOUT answers "* BYE" then the tagged OK; pending EXPUNGEs after the
    # BYE are out of place.
    for i in range(2):
        deliver(server, note(f"l{i}", "x\n", f"<l{i}@r>"))
    a, b = wire(server), wire(server)
    ok(a.cmd("SELECT INBOX"))
    ok(b.cmd("SELECT INBOX"))
    ok(b.cmd("STORE 1 +FLAGS.SILENT (\\Deleted)"))
    ok(b.cmd("EXPUNGE"))
    lines, _ = a.cmd("LOGOUT")
    assert lines[-1].startswith(b"* BYE"), lines
    a.close()
    b.close()


def test_enable_is_not_valid_in_selected_state(server: ServerThread) -> None:
    # RFC 5161 section 3.1 / RFC 9051 6.3.1: ENABLE is only valid in the authenticated state.
    w = wire(server)
    ok(w.cmd("SELECT INBOX"))
    _, done = w.cmd("ENABLE QRESYNC")
    assert done.split()[1] == b"BAD", done
    w.close()


# -- CONDSTORE / QRESYNC --


def _qresync_session(server: ServerThread) -> Wire:
    for i in range(3):
        deliver(server, note(f"q{i}", "x\n", f"<q{i}@r>"))
    w = wire(server)
    ok(w.cmd("ENABLE QRESYNC"))
    ok(w.cmd("SELECT INBOX"))
    return w


def test_expunge_reports_highestmodseq_when_qresync_is_on(server: ServerThread) -> None:
    # RFC 7162 section 3.2.10 (EXPUNGE with QRESYNC) / 3.1.3: once CONDSTORE/QRESYNC is on,
    # the tagged OK of EXPUNGE and UID EXPUNGE carries [HIGHESTMODSEQ n], so the client can
    # store a modseq that already covers the expunge (Dovecot and mox do this).
    w = _qresync_session(server)
    ok(w.cmd("STORE 1 +FLAGS.SILENT (\\Deleted)"))
    lines, done = w.cmd("EXPUNGE")
    assert lines == [b"* VANISHED 1"], lines
    assert re.match(rb"t\d+ OK \[HIGHESTMODSEQ \d+\]", done), done
    ok(w.cmd("UID STORE 2 +FLAGS.SILENT (\\Deleted)"))
    _, done = w.cmd("UID EXPUNGE 2")
    assert re.match(rb"t\d+ OK \[HIGHESTMODSEQ \d+\]", done), done
    w.close()


def test_move_reports_highestmodseq_when_qresync_is_on(server: ServerThread) -> None:
    # RFC 6851 section 4.4 with RFC 7162 section 3.2.10: with QRESYNC enabled the tagged OK of
    # MOVE includes [HIGHESTMODSEQ n] after the VANISHED responses.
    w = _qresync_session(server)
    lines, done = w.cmd("UID MOVE 1 Archive")
    assert b"* VANISHED 1" in lines, lines
    assert re.match(rb"t\d+ OK \[HIGHESTMODSEQ \d+\]", done), done
    w.close()


def test_fetch_that_sets_seen_reports_modseq_with_qresync(server: ServerThread) -> None:
    # RFC 7162 section 3.2.4 (QRESYNC servers): a FETCH that sets \Seen as a side effect
    # changes the message's modseq, and the FETCH response with the new FLAGS must carry
    # MODSEQ, or the client's cached modseq for the message is stale.
    w = _qresync_session(server)
    (line,) = ok(w.cmd("UID FETCH 1 (BODY[TEXT])"))
    assert b"\\Seen" in line and b"MODSEQ (" in line, line
    w.close()


# -- APPEND flags --


def test_append_keywords_are_checked_like_store(server: ServerThread) -> None:
    # docs/imap.md: at most 64 keywords per message, NO [LIMIT] beyond; STORE enforces this,
    # APPEND does not (and it stores duplicates: FLAGS (a a) is not a flag list RFC 9051
    # 2.3.2 allows, a flag is set or not).
    w = wire(server)
    msg = b"Subject: k\r\n\r\nk\r\n"
    kws = " ".join(f"k{i}" for i in range(80))
    w.send(f"a1 APPEND INBOX ({kws}) {{{len(msg)}+}}\r\n".encode() + msg + b"\r\n")
    _, done = w.until("a1")
    assert done.startswith(b"a1 NO [LIMIT]"), done
    w.send(b"a2 APPEND INBOX (dup dup $X $x) {%d+}\r\n" % len(msg) + msg + b"\r\n")
    _, done = w.until("a2")
    assert done.startswith(b"a2 OK"), done
    ok(w.cmd("SELECT INBOX"))
    (f,) = ok(w.cmd("FETCH * FLAGS"))
    assert f.count(b"dup") == 1 and f.lower().count(b"$x") == 1, f
    w.close()


# -- LIST-EXTENDED --


def test_list_recursivematch_reports_childinfo(server: ServerThread) -> None:
    # RFC 5258 section 3.5 (and the example in 5): LIST (SUBSCRIBED RECURSIVEMATCH) returns a
    # parent that is not itself subscribed but has a subscribed child matching "*" below it,
    # with the CHILDINFO ("SUBSCRIBED") extended data item.
    w = wire(server)
    ok(w.cmd("CREATE Projects/2026"))
    ok(w.cmd("UNSUBSCRIBE Projects"))
    lines = ok(w.cmd('LIST (SUBSCRIBED RECURSIVEMATCH) "" %'))
    proj = [ln for ln in lines if b'"Projects"' in ln]
    assert proj and b'("CHILDINFO" ("SUBSCRIBED"))' in proj[0], lines
    w.close()


def test_lsub_percent_shows_unsubscribed_parent_as_noselect(server: ServerThread) -> None:
    # RFC 3501 section 6.3.9 (LSUB): with "%", a subscribed "Projects/2026" whose parent is
    # not subscribed makes the server return the parent with \Noselect.
    w = wire(server)
    ok(w.cmd("CREATE Projects/2026"))
    ok(w.cmd("UNSUBSCRIBE Projects"))
    lines = ok(w.cmd('LSUB "" %'))
    assert any(b'"Projects"' in ln and b"\\Noselect" in ln for ln in lines), lines
    w.close()


# -- BINARY --


def test_binary_size_does_not_set_seen(server: ServerThread) -> None:
    # RFC 3516 section 4.2 / RFC 9051 6.4.5: only BODY[...] and BINARY[...] (without .PEEK)
    # and RFC822/RFC822.TEXT set \Seen. BINARY.SIZE returns a number, not content; a client
    # asking attachment sizes must not mark the message read.
    deliver(server, note("sizes", "hello\n", "<bs@r>"))
    w = wire(server)
    ok(w.cmd("SELECT INBOX"))
    (line,) = ok(w.cmd("FETCH 1 (BINARY.SIZE[1])"))
    assert re.fullmatch(rb"\* 1 FETCH \(BINARY\.SIZE\[1\] \d+\)", line), line
    assert ok(w.cmd("FETCH 1 FLAGS")) == [b"* 1 FETCH (FLAGS ())"]
    w.close()


def test_binary_size_of_unknown_encoding_is_unknown_cte(server: ServerThread) -> None:
    # RFC 3516 section 4.3 (and 4.2): when the server cannot decode the part's
    # Content-Transfer-Encoding, BINARY and BINARY.SIZE both fail with NO [UNKNOWN-CTE];
    # BINARY.SIZE answers 0 instead, a size that is wrong.
    deliver(
        server,
        b"Subject: enc\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: x-uuencode\r\n\r\nbegin 644 a\r\n",
    )
    w = wire(server)
    ok(w.cmd("SELECT INBOX"))
    _, done = w.cmd("FETCH 1 BINARY.SIZE[1]")
    assert re.match(rb"t\d+ NO \[UNKNOWN-CTE\]", done), done
    w.close()


def test_store_keywords_differing_in_case_are_one_keyword() -> None:
    """RFC 9051 2.3.2: keywords compare without regard to case. +FLAGS and FLAGS with two
    spellings of one keyword set it once (the first spelling), as APPEND does."""
    from mta.store.mail import unique_keywords

    assert unique_keywords(["Dup", "dup", "$X", "$x", "other"]) == ["Dup", "$X", "other"]


def test_store_with_two_spellings_sets_one_keyword(server: ServerThread) -> None:
    deliver(server, note("k", "x\n", "<kc@r>"))
    w = wire(server)
    ok(w.cmd("SELECT INBOX"))
    assert ok(w.cmd("STORE 1 +FLAGS.SILENT (Dup dup)")) == [
        b"* FLAGS (\\Seen \\Answered \\Flagged \\Deleted \\Draft Dup)",
        b"* OK [PERMANENTFLAGS (\\Seen \\Answered \\Flagged \\Deleted \\Draft \\*)] flags that can be changed",
    ]
    assert ok(w.cmd("FETCH 1 FLAGS")) == [b"* 1 FETCH (FLAGS (Dup))"]
    ok(w.cmd("STORE 1 FLAGS.SILENT (Two two)"))
    assert ok(w.cmd("FETCH 1 FLAGS"))[-1] == b"* 1 FETCH (FLAGS (Two))"
    w.close()
