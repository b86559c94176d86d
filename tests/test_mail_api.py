"""The mail access API over HTTP against a running server: mail arrives over real SMTP,
then is listed, read, downloaded, flagged, moved, searched, deleted and followed as
Server-Sent Events; drafts are saved and sent; accounts stay apart."""

from __future__ import annotations

import base64
import queue
import smtplib
import threading
import time
from collections.abc import Iterator
from email.message import EmailMessage

import httpx
import pytest

from tests.conftest import PASSWORD, ServerThread
from tests.helpers import inbox, wait_for

PDF = b"%PDF-1.4 fake invoice \x00\xff\x10 bytes"


def client(s: ServerThread, login: str = "alice@example.com") -> httpx.Client:
    return httpx.Client(base_url=f"http://127.0.0.1:{s.port('http')}", auth=(login, PASSWORD), timeout=10)


def deliver(s: ServerThread, msg: EmailMessage | bytes, to: str = "alice@example.com") -> None:
    data = msg if isinstance(msg, bytes) else msg.as_bytes()
    with smtplib.SMTP("127.0.0.1", s.port("smtp")) as smtp:
        smtp.sendmail("sender@remote.test", [to], data)


def invoice() -> EmailMessage:
    m = EmailMessage()
    m["From"] = "Billing <billing@remote.test>"
    m["To"] = "alice@example.com"
    m["Subject"] = "Invoice November"
    m["Message-ID"] = "<inv-1@remote.test>"
    m.set_content("Dear Alice,\nthe quarterly statement is attached.\nGrüße aus Köln\n", cte="quoted-printable")
    m.add_attachment(PDF, maintype="application", subtype="pdf", filename="Rechnung März.pdf")
    return m


def mailbox_ids(c: httpx.Client) -> dict[str, int]:
    return {m["name"]: m["id"] for m in c.get("/v1/mailboxes").json()["items"]}


def test_acceptance_list_read_download_flag_move_search(server: ServerThread) -> None:
    deliver(server, invoice())
    with client(server) as c:
        boxes = c.get("/v1/mailboxes").json()["items"]
        assert boxes[0]["name"] == "Inbox" and boxes[0]["role"] == "inbox"
        assert (boxes[0]["total"], boxes[0]["unread"]) == (1, 1)
        ids = mailbox_ids(c)
        page = c.get(f"/v1/mailboxes/{ids['Inbox']}/messages").json()
        (summary,) = page["items"]
        assert page["next_cursor"] is None
        assert summary["subject"] == "Invoice November" and summary["has_attachment"] is True
        assert summary["from"] == [{"address": "billing@remote.test", "name": "Billing"}]
        assert summary["snippet"].startswith("Dear Alice, the quarterly statement")

        msg = c.get(f"/v1/messages/{summary['id']}").json()
        assert "Grüße aus Köln" in msg["text"] and msg["html"] is None
        assert msg["message_id"] == "<inv-1@remote.test>"
        assert msg["meta"]["mail_from"] == "sender@remote.test" and msg["meta"]["remote_ip"] == "127.0.0.1"
        (att,) = msg["attachments"]
        assert (att["filename"], att["content_type"], att["inline"]) == ("Rechnung März.pdf", "application/pdf", False)
        assert [p["path"] for p in msg["structure"]["parts"]] == ["1", "2"]

        part = c.get(f"/v1/messages/{summary['id']}/parts/{att['path']}")
        assert part.status_code == 200 and part.content == PDF
        assert part.headers["content-type"] == "application/pdf"
        assert "filename*=UTF-8''Rechnung%20M%C3%A4rz.pdf" in part.headers["content-disposition"]
        assert part.headers["content-security-policy"].startswith("sandbox")
        raw = c.get(f"/v1/messages/{summary['id']}/raw")
        assert raw.headers["content-type"].startswith("message/rfc822")
        assert raw.content == inbox(server.store, "alice")[0][1]

        r = c.patch(f"/v1/messages/{summary['id']}", json={"add_flags": ["seen"], "mailbox_id": ids["Archive"]})
        assert r.status_code == 200, r.text
        assert r.json()["flags"] == ["seen"] and r.json()["mailbox_id"] == ids["Archive"]
        counts = {m["name"]: (m["total"], m["unread"]) for m in c.get("/v1/mailboxes").json()["items"]}
        assert counts["Inbox"] == (0, 0) and counts["Archive"] == (1, 0)

        found = c.get("/v1/messages", params={"q": "quarterly"}).json()["items"]
        assert [(m["id"], m["mailbox_id"]) for m in found] == [(summary["id"], ids["Archive"])]
        assert c.get("/v1/messages", params={"q": "Köln", "mailbox_id": ids["Inbox"]}).json()["items"] == []


def _multipart_encodings() -> bytes:
    return (
        b"From: a@remote.test\r\nTo: alice@example.com\r\nSubject: encodings\r\nMIME-Version: 1.0\r\n"
        b'Content-Type: multipart/mixed; boundary="b"\r\n\r\n'
        b"--b\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
        b"A soft line br=\r\neak splits hippopota=\r\nmus, and caf=C3=A9 cr=C3=A8me.\r\n"
        b"--b\r\nContent-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: base64\r\n"
        b"Content-Disposition: inline\r\n\r\n"
        + base64.encodebytes("Zebrafinken singen laut. Übung\n".encode("latin-1"))
        + b"--b\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
        b"<p onclick='x()'>Hello <b>narwhal</b><script>alert(1)</script></p>\r\n--b--\r\n"
    )


def test_search_reads_encoded_and_non_ascii_text(server: ServerThread) -> None:
    deliver(server, _multipart_encodings())
    with client(server) as c:
        for words in ("hippopotamus", "zebrafinken", "übung", "ubung", "café crème", "cafe", "narwhal", "hippo*"):
            items = c.get("/v1/messages", params={"q": words}).json()["items"]
            assert [m["subject"] for m in items] == ["encodings"], words
        assert c.get("/v1/messages", params={"q": "soft breaks"}).json()["items"] == []
        for hostile in ('"', "AND OR NOT", "NEAR(a b", "subject:x", "*", "a' OR 1=1 --", "(()"):
            r = c.get("/v1/messages", params={"q": hostile})
            assert r.status_code == 200, (hostile, r.text)
        assert len(c.get("/v1/messages", params={"body": "laut", "from": "a@remote.test"}).json()["items"]) == 1
        assert c.get("/v1/messages", params={"subject": "laut"}).json()["items"] == []
        assert len(c.get("/v1/messages", params={"not_flag": "seen", "has_attachment": "false"}).json()["items"]) == 1
        (m,) = c.get("/v1/messages", params={"q": "narwhal"}).json()["items"]
        html = c.get(f"/v1/messages/{m['id']}").json()["html"]
        assert "narwhal" in html and "script" not in html and "onclick" not in html


class EventReader:
    """An open /v1/events stream read in a thread; parsed events go to a queue."""

    def __init__(self, s: ServerThread, headers: dict[str, str] | None = None, login: str = "alice@example.com"):
        self.events: queue.Queue[tuple[str, str, dict[str, object]]] = queue.Queue()
        self._client = client(s, login)
        self._headers = headers or {}
        self._stop = False
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            self._read()
        except (httpx.HTTPError, httpx.StreamError, RuntimeError):
            if not self._stop:
                raise

    def _read(self) -> None:
        import json

        with self._client.stream("GET", "/v1/events", headers=self._headers, timeout=None) as r:
            assert r.headers["content-type"].startswith("text/event-stream")
            name, ident, data = "", "", ""
            for line in r.iter_lines():
                if self._stop:
                    return
                if line.startswith("event: "):
                    name = line[7:]
                elif line.startswith("id: "):
                    ident = line[4:]
                elif line.startswith("data: "):
                    data = line[6:]
                elif line == "" and data:
                    self.events.put((name, ident, json.loads(data)))
                    name, ident, data = "", "", ""

    def next(self, timeout: float = 5.0) -> tuple[str, str, dict[str, object]]:
        return self.events.get(timeout=timeout)

    def close(self) -> None:
        self._stop = True
        self._client.close()


@pytest.fixture
def events(server: ServerThread) -> Iterator[EventReader]:
    r = EventReader(server)
    yield r
    r.close()


def test_event_stream_follows_delivery_flags_moves_and_resumes(server: ServerThread, events: EventReader) -> None:
    name, ready_id, _ = events.next()
    assert name == "ready"
    deliver(server, invoice())
    name, new_id, data = events.next()
    assert name == "message.new" and data["uid"] == 1
    message_id = data["message_id"]
    with client(server) as c:
        ids = mailbox_ids(c)
        c.patch(f"/v1/messages/{message_id}", json={"add_flags": ["flagged"]}).raise_for_status()
        name, flags_id, data = events.next()
        assert (name, data["message_id"], data["mailbox_id"]) == ("message.flags", message_id, ids["Inbox"])
        c.post("/v1/messages/delete", json={"ids": [message_id]}).raise_for_status()
        name, _, data = events.next()
        assert name == "message.moved"
        assert (data["prev_mailbox_id"], data["mailbox_id"]) == (ids["Inbox"], ids["Trash"])
        c.delete(f"/v1/messages/{message_id}").raise_for_status()
        name, _, data = events.next()
        assert (name, data["mailbox_id"]) == ("message.expunged", ids["Trash"])
    assert int(ready_id) < int(new_id) < int(flags_id)

    # Resuming after the delivery replays exactly what came after it.
    again = EventReader(server, {"Last-Event-ID": new_id})
    try:
        assert [again.next()[0] for _ in range(3)] == ["message.flags", "message.moved", "message.expunged"]
    finally:
        again.close()
    # Another account's stream sees none of it.
    bob = EventReader(server, login="bob@example.com")
    try:
        assert bob.next()[0] == "ready"
        deliver(server, invoice())
        assert events.next()[0] == "message.new"
        with pytest.raises(queue.Empty):
            bob.next(timeout=0.5)
    finally:
        bob.close()


def test_resume_from_a_purged_change_log_resets(server: ServerThread) -> None:
    deliver(server, invoice())
    acc = server.store.account("alice")
    assert acc is not None
    fut = __import__("asyncio").run_coroutine_threadsafe(
        server.store.mail.purge_changes(int(time.time() * 1000) + 1000), server.loop
    )
    assert fut.result(10) >= 1
    r = EventReader(server, {"Last-Event-ID": "1"})
    try:
        name, ident, data = r.next()
        assert name == "reset" and int(ident) == data["modseq"] == server.store.mail.modseqs(acc.id)[0]
    finally:
        r.close()


def test_accounts_are_isolated(server: ServerThread) -> None:
    deliver(server, invoice())
    with client(server) as alice, client(server, "bob@example.com") as bob:
        (m,) = alice.get("/v1/messages").json()["items"]
        mid, inbox_id, thread = m["id"], m["mailbox_id"], m["thread_id"]
        for method, path, body in [
            ("GET", f"/v1/messages/{mid}", None),
            ("GET", f"/v1/messages/{mid}/raw", None),
            ("GET", f"/v1/messages/{mid}/parts/1", None),
            ("PATCH", f"/v1/messages/{mid}", {"add_flags": ["seen"]}),
            ("DELETE", f"/v1/messages/{mid}", None),
            ("POST", "/v1/messages/update", {"ids": [mid], "add_flags": ["seen"]}),
            ("POST", "/v1/messages/delete", {"ids": [mid], "permanent": True}),
            ("GET", f"/v1/mailboxes/{inbox_id}", None),
            ("GET", f"/v1/mailboxes/{inbox_id}/messages", None),
            ("PATCH", f"/v1/mailboxes/{inbox_id}", {"subscribed": False}),
            ("DELETE", f"/v1/mailboxes/{inbox_id}", None),
            ("GET", f"/v1/threads/{thread}", None),
            ("PUT", f"/v1/drafts/{mid}", {"subject": "x"}),
        ]:
            r = bob.request(method, path, json=body)
            assert r.status_code == 404, (method, path, r.status_code, r.text)
            assert r.headers["content-type"] == "application/problem+json"
        assert bob.get("/v1/messages", params={"q": "quarterly"}).json()["items"] == []
        # Moving alice's message into bob's mailbox is refused too.
        bob_inbox = mailbox_ids(bob)["Inbox"]
        assert alice.patch(f"/v1/messages/{mid}", json={"mailbox_id": bob_inbox}).status_code == 404
        assert alice.get(f"/v1/messages/{mid}").json()["flags"] == []


def test_mailboxes_create_rename_delete(server: ServerThread) -> None:
    with client(server) as c:
        r = c.post("/v1/mailboxes", json={"name": "Projects/2026"})
        assert r.status_code == 201 and r.json()["name"] == "Projects/2026"
        assert c.post("/v1/mailboxes", json={"name": "Projects"}).status_code == 409
        assert c.post("/v1/mailboxes", json={"name": "inbox"}).status_code == 409
        bad = c.post("/v1/mailboxes", json={"name": "a//b"})
        assert bad.status_code == 400 and bad.json()["code"] == "invalid_request"
        ids = mailbox_ids(c)
        r = c.patch(f"/v1/mailboxes/{ids['Projects']}", json={"name": "Work/Projects"})
        assert r.status_code == 200, r.text
        assert {"Work", "Work/Projects", "Work/Projects/2026"} <= set(mailbox_ids(c))
        assert c.patch(f"/v1/mailboxes/{ids['Inbox']}", json={"name": "Old"}).status_code == 409
        assert c.delete(f"/v1/mailboxes/{ids['Inbox']}").status_code == 409
        assert c.delete(f"/v1/mailboxes/{ids['Projects']}").status_code == 409  # has a child
        deliver(server, invoice())
        (m,) = c.get("/v1/messages").json()["items"]
        c.patch(f"/v1/messages/{m['id']}", json={"mailbox_id": ids["Projects/2026"]}).raise_for_status()
        path = server.store.message_path(m["id"])
        assert path.exists()
        assert c.delete(f"/v1/mailboxes/{ids['Projects/2026']}").status_code == 204
        assert not path.exists()
        assert c.get(f"/v1/messages/{m['id']}").status_code == 404
        assert c.get("/v1/messages", params={"q": "quarterly"}).json()["items"] == []


def test_pages_sorts_and_cursors(server: ServerThread) -> None:
    for i, subject in enumerate(["Re: banana", "apple", "Cherry", "date", "Fwd: elder"]):
        m = EmailMessage()
        m["From"], m["To"], m["Subject"] = "x@remote.test", "alice@example.com", subject
        m.set_content("x" * (10 * (i + 1)))
        deliver(server, m)
    with client(server) as c:
        inbox_id = mailbox_ids(c)["Inbox"]
        seen: list[str] = []
        cursor = None
        while True:
            params: dict[str, str | int] = {"limit": 2, "sort": "subject", "order": "asc"}
            if cursor:
                params["cursor"] = cursor
            page = c.get(f"/v1/mailboxes/{inbox_id}/messages", params=params).json()
            seen += [m["subject"] for m in page["items"]]
            cursor = page["next_cursor"]
            if not cursor:
                break
        assert seen == ["apple", "Re: banana", "Cherry", "date", "Fwd: elder"]
        sizes = [
            m["size"] for m in c.get(f"/v1/mailboxes/{inbox_id}/messages", params={"sort": "size"}).json()["items"]
        ]
        assert sizes == sorted(sizes, reverse=True)
        newest = c.get(f"/v1/mailboxes/{inbox_id}/messages", params={"limit": 2}).json()
        assert [m["subject"] for m in newest["items"]] == ["Fwd: elder", "date"]
        wrong = c.get(f"/v1/mailboxes/{inbox_id}/messages", params={"cursor": newest["next_cursor"], "sort": "size"})
        assert wrong.status_code == 400 and wrong.json()["code"] == "invalid_cursor"
        assert c.get(f"/v1/mailboxes/{inbox_id}/messages", params={"cursor": "!!"}).status_code == 400
        assert c.get(f"/v1/mailboxes/{inbox_id}/messages", params={"limit": 501}).status_code == 400


def test_threads_group_replies(server: ServerThread) -> None:
    first = invoice()
    deliver(server, first)
    reply = EmailMessage()
    reply["From"], reply["To"], reply["Subject"] = "billing@remote.test", "alice@example.com", "Re: Invoice November"
    reply["In-Reply-To"] = "<inv-1@remote.test>"
    reply.set_content("a reply")
    deliver(server, reply)
    by_subject = EmailMessage()
    by_subject["From"], by_subject["To"] = "other@remote.test", "alice@example.com"
    by_subject["Subject"] = "AW: Invoice November"
    by_subject.set_content("a reply without references")
    deliver(server, by_subject)
    unrelated = EmailMessage()
    unrelated["From"], unrelated["To"], unrelated["Subject"] = "x@remote.test", "alice@example.com", "Invoice November"
    unrelated.set_content("same subject but not a reply")
    deliver(server, unrelated)
    with client(server) as c:
        items = c.get("/v1/messages").json()["items"]
        threads = {m["snippet"]: m["thread_id"] for m in items}
        assert threads["a reply"] == threads["a reply without references"] != threads["same subject but not a reply"]
        t = c.get(f"/v1/threads/{threads['a reply']}").json()
        assert [m["snippet"][:7] for m in t["messages"]] == ["Dear Al", "a reply", "a reply"]
        assert len(c.get("/v1/messages", params={"thread_id": t["id"]}).json()["items"]) == 3


def test_drafts_save_update_and_send(server: ServerThread) -> None:
    with client(server) as c:
        r = c.post("/v1/drafts", json={"subject": "plan"})
        assert r.status_code == 201, r.text
        first = r.json()
        r = c.put(
            f"/v1/drafts/{first['id']}",
            json={
                "to": [{"address": "bob@example.com"}],
                "bcc": [{"address": "carol@example.net"}],
                "subject": "plan v2",
                "text": "see you at nine",
            },
        )
        assert r.status_code == 200, r.text
        second = r.json()
        assert second["id"] != first["id"]
        assert c.get(f"/v1/messages/{first['id']}").status_code == 404
        d = c.get(f"/v1/messages/{second['id']}").json()
        assert d["flags"] == ["seen", "draft"] and d["bcc"] == [{"address": "carol@example.net", "name": ""}]
        bad = c.post("/v1/send", json={"draft_id": second["id"], "subject": "other"})
        assert bad.status_code == 400 and bad.json()["errors"][0]["field"] == "draft_id"
        r = c.post("/v1/send", json={"draft_id": second["id"], "save_sent": True})
        assert r.status_code == 202, r.text
        assert sorted(s["address"] for s in r.json()["submissions"]) == ["bob@example.com", "carol@example.net"]
        boxes = {m["name"]: m["total"] for m in c.get("/v1/mailboxes").json()["items"]}
        assert boxes["Drafts"] == 0 and boxes["Sent"] == 1
        assert c.post("/v1/send", json={"draft_id": second["id"]}).status_code == 404
        (inv,) = c.get("/v1/messages", params={"q": "nine"}).json()["items"]
        assert c.post("/v1/send", json={"draft_id": inv["id"]}).status_code == 400  # in Sent, not Drafts
    wait_for(lambda: len(inbox(server.store, "bob")) == 1 and len(inbox(server.store, "carol")) == 1)
    for account in ("bob", "carol"):
        data = inbox(server.store, account)[0][1]
        assert (
            b"see you at nine" in data
            and b"\nBcc:" not in data
            and b"carol@example.net" not in data.split(b"\r\n\r\n")[0].split(b"Received:")[0]
        )


def test_scopes_and_limits(server: ServerThread) -> None:
    acc = server.store.account("alice")
    assert acc is not None
    _, secret = server.store.api_keys.create(acc.id, "reader", ["read"], int(time.time() * 1000))
    deliver(server, invoice())
    with httpx.Client(
        base_url=f"http://127.0.0.1:{server.port('http')}", headers={"Authorization": f"Bearer {secret}"}
    ) as c:
        (m,) = c.get("/v1/messages").json()["items"]
        assert c.get(f"/v1/messages/{m['id']}").status_code == 200
        r = c.patch(f"/v1/messages/{m['id']}", json={"add_flags": ["seen"]})
        assert r.status_code == 403 and r.json()["code"] == "forbidden"
        assert c.post("/v1/mailboxes", json={"name": "x"}).status_code == 403
    with client(server) as c:
        assert c.post("/v1/messages/update", json={"ids": list(range(1001)), "add_flags": ["seen"]}).status_code == 400
        assert c.patch(f"/v1/messages/{m['id']}", json={"add_flags": ["bogus"]}).status_code == 400
        r = c.patch(f"/v1/messages/{m['id']}", json={"add_keywords": ["has space"]})
        assert r.status_code == 400 and "keyword" in r.json()["detail"]
        assert c.get("/v1/messages", params={"q": "x" * 1001}).status_code == 400
        assert c.get(f"/v1/messages/{m['id']}/parts/9").status_code == 404
        assert c.get(f"/v1/messages/{m['id']}/parts/1.a").status_code == 404
        huge = 2**64
        for path in (f"/v1/messages/{huge}", f"/v1/mailboxes/{huge}/messages", f"/v1/threads/{huge}"):
            r = c.get(path)
            assert r.status_code == 400 and r.json()["code"] == "invalid_request", path
        assert c.post("/v1/messages/update", json={"ids": [huge], "add_flags": ["seen"]}).status_code == 400
        assert c.patch(f"/v1/messages/{m['id']}", json={"mailbox_id": huge}).status_code == 400
