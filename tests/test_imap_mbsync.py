"""mbsync (Debian's isync, installed by `make test`), a real synchronizing client, against the IMAP server.

Mail arrives over SMTP, changes on the server through the HTTP API and in the local Maildir
the way a mail reader makes them; after every sync both sides hold the same messages in the
same mailboxes with the same flags and the same bytes.
"""

from __future__ import annotations

import email.parser
import imaplib
import os
import re
import shutil
import smtplib
import subprocess
from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path

import httpx
import pytest

from tests.conftest import PASSWORD, ServerThread

MBSYNC = shutil.which("mbsync")
pytestmark = pytest.mark.skipif(MBSYNC is None, reason="mbsync not installed (make test installs Debian's isync)")

# Maildir info letters for the IMAP system flags mbsync syncs.
LETTERS = {"\\draft": "D", "\\flagged": "F", "\\answered": "R", "\\seen": "S", "\\deleted": "T"}
PDF = b"%PDF-1.4 fake statement \x00\xff\x10 bytes"

Side = dict[str, dict[str, tuple[str, bytes]]]  # mailbox -> Message-ID -> (Maildir flag letters, bytes with LF ends)


def mbsync_version() -> tuple[int, ...]:
    out = subprocess.run([str(MBSYNC), "--version"], capture_output=True, text=True, timeout=10).stdout
    m = re.search(r"(\d+)\.(\d+)", out)
    return (int(m[1]), int(m[2])) if m else (1, 4)


def write_rc(tmp_path: Path, server: ServerThread, implicit_tls: bool = False) -> tuple[Path, Path]:
    """The configuration a user would write: all mailboxes, both directions, deletions included. Without TLS it
    logs in with LOGIN in the clear (the server allows that on loopback); with implicit TLS it trusts the server's
    self-signed certificate as its CertificateFile and authenticates with AUTHENTICATE PLAIN."""
    maildir = tmp_path / "Mail"
    maildir.mkdir()
    version = mbsync_version()
    tls_type = "TLSType" if version >= (1, 5) else "SSLType"  # 1.5 renamed it
    far, near = ("Far", "Near") if version >= (1, 4) else ("Master", "Slave")
    if implicit_tls:  # mbsync matches the host against DNS names only: the certificate's is localhost
        assert server.config.tls is not None
        cert = server.config.tls.cert_file
        conn = f"Host localhost\nPort {server.port('imaps')}\n{tls_type} IMAPS\nCertificateFile {cert}\n"
        conn += "AuthMechs PLAIN\n"
    else:
        conn = f"Host 127.0.0.1\nPort {server.port('imap')}\n{tls_type} None\nAuthMechs LOGIN\n"
    rc = tmp_path / "mbsyncrc"
    rc.write_text(
        f"IMAPAccount mailwright\n{conn}"
        f'User alice@example.com\nPass "{PASSWORD}"\nTimeout 20\n\n'
        f"IMAPStore server\nAccount mailwright\n\n"
        f"MaildirStore local\nPath {maildir}/\nInbox {maildir}/INBOX\nSubFolders Verbatim\n\n"
        f"Channel alice\n{far} :server:\n{near} :local:\n"
        f"Patterns *\nCreate Both\nExpunge Both\nSyncState *\n"
    )
    return rc, maildir


def sync(rc: Path, home: Path) -> str:
    """One `mbsync -a`; a failure shows its whole output (-V; use -D to see every IMAP command and response)."""
    env = {**os.environ, "HOME": str(home)}
    r = subprocess.run(
        [str(MBSYNC), "-V", "-c", str(rc), "-a"], capture_output=True, text=True, timeout=60, env=env, check=False
    )
    assert r.returncode == 0, f"mbsync exited {r.returncode}\n--- stdout\n{r.stdout}\n--- stderr\n{r.stderr}"
    return r.stdout + r.stderr


def deliver(server: ServerThread, msg: EmailMessage) -> None:
    with smtplib.SMTP("127.0.0.1", server.port("smtp")) as smtp:
        smtp.sendmail("sender@remote.test", ["alice@example.com"], msg.as_bytes(policy=SMTP))


def message(n: int, attachment: bool = False) -> EmailMessage:
    m = EmailMessage()
    m["From"] = "Sender <sender@remote.test>"
    m["To"] = "alice@example.com"
    m["Subject"] = f"Message {n}"
    m["Message-ID"] = f"<m{n}@remote.test>"
    m["Date"] = "Mon, 02 Feb 2026 10:00:00 +0000"
    m.set_content(f"Hello Alice,\nthis is message number {n}.\nGrüße\n", cte="quoted-printable")
    if attachment:
        m.add_attachment(PDF, maintype="application", subtype="pdf", filename="statement.pdf")
    return m


def lf(raw: bytes) -> bytes:
    """The message with LF line ends (a Maildir's) and without the X-TUID header mbsync may add on upload."""
    raw = raw.replace(b"\r\n", b"\n")
    head, sep, body = raw.partition(b"\n\n")
    lines = re.split(rb"\n(?![ \t])", head)
    return b"\n".join(x for x in lines if not x.lower().startswith(b"x-tuid:")) + sep + body


def message_id(raw: bytes) -> str:
    mid = email.parser.BytesHeaderParser().parsebytes(raw)["Message-ID"]
    assert mid, raw[:500]
    return str(mid).strip()


# --- the server side, read over IMAP (the protocol mbsync used, but with Python's own client) ---


def server_side(server: ServerThread) -> Side:
    out: Side = {}
    with imaplib.IMAP4("127.0.0.1", server.port("imap")) as imap:
        imap.login("alice@example.com", PASSWORD)
        typ, listing = imap.list()
        assert typ == "OK", listing
        for line in listing:
            assert isinstance(line, bytes), listing
            m = re.match(rb'\((?P<attrs>[^)]*)\) (?:"[^"]*"|NIL) (?P<name>.+)$', line)
            assert m, line
            if b"\\noselect" in m["attrs"].lower() or b"\\nonexistent" in m["attrs"].lower():
                continue
            name = m["name"].decode()
            name = name[1:-1].replace('\\"', '"').replace("\\\\", "\\") if name.startswith('"') else name
            typ, data = imap.select(f'"{name}"', readonly=True)
            assert typ == "OK", (name, data)
            box: dict[str, tuple[str, bytes]] = {}
            if int(data[0] or 0):
                typ, fetched = imap.uid("FETCH", "1:*", "(FLAGS BODY.PEEK[])")
                assert typ == "OK", (name, fetched)
                for i, item in enumerate(fetched):
                    if not isinstance(item, tuple):
                        continue
                    # FLAGS may come before or after the literal: look in both the prefix and the next piece.
                    after = fetched[i + 1] if i + 1 < len(fetched) and isinstance(fetched[i + 1], bytes) else b""
                    assert isinstance(after, bytes)
                    fm = re.search(rb"FLAGS \(([^)]*)\)", item[0] + b" " + after)
                    assert fm, item[0]
                    flags = "".join(sorted(LETTERS.get(f.lower(), "") for f in fm[1].decode().split()))
                    raw = lf(item[1])
                    box[message_id(raw)] = (flags, raw)
            out[name] = box
        imap.logout()
    return out


# --- the local side: a Maildir, read and changed as a mail reader would ---


def maildir_folders(maildir: Path) -> list[Path]:
    return sorted(p.parent for p in maildir.rglob("cur") if (p.parent / "new").is_dir())


def maildir_flags(path: Path) -> str:
    _, sep, info = path.name.partition(":2,")
    return "".join(sorted(info)) if sep else ""


def local_side(maildir: Path) -> Side:
    out: Side = {}
    for folder in maildir_folders(maildir):
        box: dict[str, tuple[str, bytes]] = {}
        for f in sorted([*(folder / "cur").iterdir(), *(folder / "new").iterdir()]):
            raw = lf(f.read_bytes())
            mid = message_id(raw)
            assert mid not in box, f"{mid} twice in {folder}"
            box[mid] = (maildir_flags(f), raw)
        out[folder.relative_to(maildir).as_posix()] = box
    return out


def local_file(maildir: Path, folder: str, mid: str) -> Path:
    for sub in ("cur", "new"):
        for f in (maildir / folder / sub).iterdir():
            if message_id(f.read_bytes()) == mid:
                return f
    raise AssertionError(f"{mid} not in {folder}")


def set_flags(path: Path, letters: str, folder: Path | None = None) -> Path:
    """Rename a message to carry these flags in cur/; with `folder`, move it there under a new name (without mbsync's
    ,U= uid, as mutt does) so it is a new message in that folder."""
    base = path.name.partition(":2,")[0]
    if folder is not None:
        base = re.sub(r",U=\d+", "", base) + ".moved"
    target = (folder or path.parent.parent) / "cur" / f"{base}:2,{''.join(sorted(letters))}"
    path.rename(target)
    return target


def summary(side: Side) -> dict[str, dict[str, str]]:
    return {box: {mid: flags for mid, (flags, _) in msgs.items()} for box, msgs in side.items()}


def assert_same(server: ServerThread, maildir: Path) -> dict[str, dict[str, str]]:
    """Every mailbox on the server is a Maildir folder and the other way round, with the same messages (by
    Message-ID), flags and bytes. Returns the mailboxes' Message-IDs and flags."""
    far, near = server_side(server), local_side(maildir)
    assert summary(far) == summary(near)
    for box, msgs in far.items():
        for mid, (_, raw) in msgs.items():
            assert near[box][mid][1] == raw, f"{mid} in {box} differs"
    return summary(far)


# --- the server side changed through the HTTP API ---


def api(server: ServerThread) -> httpx.Client:
    return httpx.Client(base_url=f"http://127.0.0.1:{server.port('http')}", auth=("alice@example.com", PASSWORD))


def api_messages(c: httpx.Client) -> dict[str, tuple[str, int, list[str]]]:
    """Message-ID -> (mailbox name, message id, flags), over the whole account."""
    out: dict[str, tuple[str, int, list[str]]] = {}
    for mb in c.get("/v1/mailboxes").json()["items"]:
        page = c.get(f"/v1/mailboxes/{mb['id']}/messages", params={"limit": 500}).json()
        assert page["next_cursor"] is None
        for m in page["items"]:
            mid = c.get(f"/v1/messages/{m['id']}").json()["message_id"]
            out[mid] = (mb["name"], m["id"], sorted(m["flags"]))
    return out


def test_mbsync_two_way_sync(server: ServerThread, tmp_path: Path) -> None:
    rc, maildir = write_rc(tmp_path, server)
    originals = {f"<m{n}@remote.test>": message(n, attachment=n == 2) for n in range(1, 6)}
    for m in originals.values():
        deliver(server, m)

    # 1. New mail on the server reaches the Maildir, every byte of it.
    sync(rc, tmp_path)
    state = assert_same(server, maildir)
    assert state["INBOX"] == dict.fromkeys(originals, "")
    assert {"Archive", "Sent", "Drafts", "Trash"} <= set(state)
    near = local_side(maildir)
    for mid, m in originals.items():
        sent = m.as_bytes().replace(b"\r\n", b"\n")
        assert near["INBOX"][mid][1].endswith(sent.partition(b"\n\n")[2])  # the server only prepends trace headers
        assert message_id(sent) == mid
    assert PDF not in near["INBOX"]["<m2@remote.test>"][1]  # base64, and whole: the MIME survives intact
    assert b'filename="statement.pdf"' in near["INBOX"]["<m2@remote.test>"][1]

    # 2. Changes on the server (through the API): flags, a move, a permanent delete.
    with api(server) as c:
        ids = {mb["name"]: mb["id"] for mb in c.get("/v1/mailboxes").json()["items"]}
        msgs = api_messages(c)
        r = c.patch(f"/v1/messages/{msgs['<m1@remote.test>'][1]}", json={"add_flags": ["seen", "flagged"]})
        assert r.status_code == 200, r.text
        r = c.patch(f"/v1/messages/{msgs['<m2@remote.test>'][1]}", json={"mailbox_id": ids["Archive"]})
        assert r.status_code == 200, r.text
        r = c.delete(f"/v1/messages/{msgs['<m3@remote.test>'][1]}", params={"permanent": "true"})
        assert r.status_code == 200 and r.json()["deleted"], r.text
    sync(rc, tmp_path)
    state = assert_same(server, maildir)
    assert state["INBOX"] == {"<m1@remote.test>": "FS", "<m4@remote.test>": "", "<m5@remote.test>": ""}
    assert state["Archive"] == {"<m2@remote.test>": ""}

    # 3. Changes in the Maildir: a new message, a reply mark, a trashed message, a move to another folder.
    new = (
        b"From: Alice <alice@example.com>\nTo: bob@example.com\nSubject: written offline\n"
        b"Message-ID: <local-1@example.com>\nDate: Mon, 02 Feb 2026 11:00:00 +0000\n\nDrafted on a train.\n"
    )
    (maildir / "INBOX" / "new" / "1770030000.P1Q1.laptop").write_bytes(new)
    set_flags(local_file(maildir, "INBOX", "<m4@remote.test>"), "RS")
    set_flags(local_file(maildir, "INBOX", "<m5@remote.test>"), "T")
    m1 = local_file(maildir, "INBOX", "<m1@remote.test>")
    set_flags(m1, maildir_flags(m1), folder=maildir / "Archive")
    sync(rc, tmp_path)
    state = assert_same(server, maildir)
    assert state["INBOX"] == {"<m4@remote.test>": "RS", "<local-1@example.com>": ""}
    assert state["Archive"] == {"<m1@remote.test>": "FS", "<m2@remote.test>": ""}
    assert all(not msgs for box, msgs in state.items() if box not in ("INBOX", "Archive"))
    assert server_side(server)["INBOX"]["<local-1@example.com>"][1] == new

    # The API sees the same account (the trashed message expunged for good, not kept in Trash).
    with api(server) as c:
        assert {mid: (box, flags) for mid, (box, _, flags) in api_messages(c).items()} == {
            "<m1@remote.test>": ("Archive", ["flagged", "seen"]),
            "<m2@remote.test>": ("Archive", []),
            "<m4@remote.test>": ("Inbox", ["answered", "seen"]),
            "<local-1@example.com>": ("Inbox", []),
        }

    # 4. Flags cleared, one on each side.
    with api(server) as c:
        r = c.patch(f"/v1/messages/{api_messages(c)['<m1@remote.test>'][1]}", json={"remove_flags": ["flagged"]})
        assert r.status_code == 200, r.text
    set_flags(local_file(maildir, "INBOX", "<m4@remote.test>"), "R")
    sync(rc, tmp_path)
    state = assert_same(server, maildir)
    assert state["INBOX"] == {"<m4@remote.test>": "R", "<local-1@example.com>": ""}
    assert state["Archive"] == {"<m1@remote.test>": "S", "<m2@remote.test>": ""}

    # 5. A sync with nothing changed changes nothing.
    sync(rc, tmp_path)
    assert assert_same(server, maildir) == state


def test_mbsync_over_implicit_tls(server: ServerThread, tmp_path: Path) -> None:
    rc, maildir = write_rc(tmp_path, server, implicit_tls=True)
    deliver(server, message(1, attachment=True))
    out = sync(rc, tmp_path)
    assert "in the clear" not in out
    assert assert_same(server, maildir)["INBOX"] == {"<m1@remote.test>": ""}
    set_flags(local_file(maildir, "INBOX", "<m1@remote.test>"), "S")
    sync(rc, tmp_path)
    assert assert_same(server, maildir)["INBOX"] == {"<m1@remote.test>": "S"}
