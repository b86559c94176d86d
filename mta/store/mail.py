"""Reading and organizing stored mail: mailboxes, message lists, search, flags, moves,
deletion, threads and the change log.

Every change takes a new modification sequence (modseq) of the account, one per
call however many messages it touches, and is written to mail_changes in the same
transaction, so the API's event stream and IMAP sessions see the same changes in
the same order. A message keeps its id when it moves (it gets a new UID in the
mailbox it moves to, as IMAP MOVE does, RFC 6851). Message files are removed after
the transaction that expunged them commits; a crash between the two leaves a file
no row names, never a row without its file.

Full-text search is SQLite FTS5 over subject, sender, recipients and the decoded
text bodies (mta.message.index), kept in the transaction that stores or removes a
message. Searches take words; each must occur (a word ending in * matches as a
prefix).
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Callable, Iterable
from pathlib import Path

import msgspec

from mta.message import Envelope, Part
from mta.message.index import Indexed, index
from mta.store.changes import ChangeHub
from mta.store.db import Database, Tx, now_ms
from mta.store.types import (
    FLAG_NAMES,
    AuthResults,
    Mailbox,
    MailboxInfo,
    MailChange,
    MessageSummary,
    SearchQuery,
)

# How long the change log is kept; an event stream resuming from before that starts over.
CHANGES_RETENTION_MS = 30 * 24 * 3600 * 1000
# A reply whose references the account does not have joins a thread by subject only
# when that thread had a message this recently.
SUBJECT_THREAD_WINDOW_MS = 30 * 24 * 3600 * 1000
MAX_MAILBOX_NAME = 255
MAX_KEYWORDS = 64
MAX_KEYWORD = 100
_KEYWORD_FORBIDDEN = frozenset('(){%*"\\] ')

SORTS: dict[str, str] = {
    "received": "received",
    "date": "date",
    "size": "size",
    "subject": "base_subject",
    "from": "sort_from",
}

_SUMMARY_COLUMNS = (
    "id, account_id, mailbox_id, uid, modseq, thread_id, flags, keywords, size, received, date, mail_from,"
    " rcpt_to, remote_ip, message_id, subject, snippet, has_attachment, envelope, auth"
)
_envelope_dec = msgspec.json.Decoder(Envelope)
_part_dec = msgspec.json.Decoder(Part)
_auth_dec = msgspec.json.Decoder(AuthResults)
_kw_dec = msgspec.json.Decoder(list[str])
_enc = msgspec.json.Encoder()


class MailError(Exception):
    """A refused request; code is not_found, conflict or invalid."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def summary(r: sqlite3.Row) -> MessageSummary:
    return MessageSummary(
        id=r["id"],
        account_id=r["account_id"],
        mailbox_id=r["mailbox_id"],
        uid=r["uid"],
        modseq=r["modseq"],
        thread_id=r["thread_id"] or r["id"],
        flags=r["flags"],
        keywords=_kw_dec.decode(r["keywords"]),
        size=r["size"],
        received=r["received"],
        date=r["date"] or r["received"],
        mail_from=r["mail_from"],
        rcpt_to=r["rcpt_to"],
        remote_ip=r["remote_ip"],
        message_id=r["message_id"],
        subject=r["subject"],
        snippet=r["snippet"],
        has_attachment=bool(r["has_attachment"]),
        envelope=_envelope_dec.decode(r["envelope"]),
        auth=_auth_dec.decode(r["auth"]),
    )


def mailbox_of(r: sqlite3.Row) -> Mailbox:
    return Mailbox(
        id=r["id"],
        account_id=r["account_id"],
        name=r["name"],
        special_use=r["special_use"],
        uidvalidity=r["uidvalidity"],
        uidnext=r["uidnext"],
        subscribed=bool(r["subscribed"]),
        modseq=r["modseq"],
    )


# -- helpers for write transactions (also used by Store.deliver) --


def next_modseq(c: sqlite3.Connection, account_id: int) -> int:
    (modseq,) = c.execute(
        "UPDATE accounts SET highest_modseq = highest_modseq + 1 WHERE id = ? RETURNING highest_modseq", (account_id,)
    ).fetchone()
    return int(modseq)


def log_change(
    c: sqlite3.Connection,
    account_id: int,
    modseq: int,
    kind: str,
    mailbox_id: int,
    message_id: int = 0,
    uid: int = 0,
    prev_mailbox_id: int = 0,
    prev_uid: int = 0,
) -> None:
    c.execute(
        "INSERT INTO mail_changes (account_id, modseq, kind, mailbox_id, message_id, uid, prev_mailbox_id, prev_uid,"
        " time) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (account_id, modseq, kind, mailbox_id, message_id, uid, prev_mailbox_id, prev_uid, now_ms()),
    )


def thread_for(c: sqlite3.Connection, account_id: int, idx: Indexed, received: int) -> int:
    """The thread a new message joins, 0 for a new thread."""
    if idx.references:
        marks = ",".join("?" * len(idx.references))
        row = c.execute(
            f"SELECT thread_id FROM messages WHERE account_id = ? AND message_id IN ({marks})"  # noqa: S608
            " ORDER BY id LIMIT 1",
            (account_id, *idx.references),
        ).fetchone()
        if row is not None:
            return int(row[0])
    if idx.is_reply and idx.base_subject:
        row = c.execute(
            "SELECT thread_id FROM messages WHERE account_id = ? AND base_subject = ? AND received > ?"
            " ORDER BY id DESC LIMIT 1",
            (account_id, idx.base_subject, received - SUBJECT_THREAD_WINDOW_MS),
        ).fetchone()
        if row is not None:
            return int(row[0])
    return 0


def write_index(c: sqlite3.Connection, msg_id: int, account_id: int, idx: Indexed, subject: str, received: int) -> None:
    """Fill a stored message's list-view fields, thread and search entry."""
    thread = thread_for(c, account_id, idx, received) or msg_id
    c.execute(
        "UPDATE messages SET thread_id = ?, date = ?, sort_from = ?, base_subject = ?, snippet = ?,"
        " has_attachment = ?, indexed = 1 WHERE id = ?",
        (
            thread,
            idx.date or received,
            idx.sort_from,
            idx.base_subject,
            idx.snippet,
            int(idx.has_attachment),
            msg_id,
        ),
    )
    c.execute("DELETE FROM messages_fts WHERE rowid = ?", (msg_id,))
    c.execute(
        "INSERT INTO messages_fts (rowid, subject, sender, recipients, body) VALUES (?, ?, ?, ?, ?)",
        (msg_id, subject, idx.sender_text, idx.recipients_text, idx.text),
    )


def expunge(c: sqlite3.Connection, account_id: int, ids: list[int], modseq: int) -> list[int]:
    """Delete messages of the account (their search rows go by trigger); returns the
    ids removed, whose files the caller removes after the commit."""
    out = []
    for chunk in _chunks(ids, 500):
        marks = ",".join("?" * len(chunk))
        rows = c.execute(
            f"DELETE FROM messages WHERE account_id = ? AND id IN ({marks}) RETURNING id, mailbox_id, uid",  # noqa: S608
            (account_id, *chunk),
        ).fetchall()
        for r in rows:
            log_change(c, account_id, modseq, "expunged", r["mailbox_id"], r["id"], r["uid"])
            c.execute("UPDATE mailboxes SET modseq = ? WHERE id = ?", (modseq, r["mailbox_id"]))
            out.append(int(r["id"]))
    return out


def _chunks(xs: list[int], n: int) -> Iterable[list[int]]:
    for i in range(0, len(xs), n):
        yield xs[i : i + n]


def check_mailbox_name(name: str) -> str:
    if not name or len(name) > MAX_MAILBOX_NAME:
        raise MailError("invalid", f"a mailbox name is 1 to {MAX_MAILBOX_NAME} characters")
    if name != name.strip() or any(s != s.strip() for s in name.split("/")):
        raise MailError("invalid", "a mailbox name does not start or end with spaces, nor do its levels")
    if any(not s for s in name.split("/")):
        raise MailError("invalid", "a mailbox name has no empty levels: no leading, trailing or double '/'")
    if any(ch in "*%" or ord(ch) < 32 or ord(ch) == 127 for ch in name):
        raise MailError("invalid", "a mailbox name has no control characters, '*' or '%'")
    return name


def check_keyword(kw: str) -> str:
    if not kw or len(kw) > MAX_KEYWORD or kw.startswith("\\"):
        raise MailError("invalid", f"keyword {kw!r}: 1 to {MAX_KEYWORD} characters, not starting with '\\'")
    if any(ch in _KEYWORD_FORBIDDEN or ord(ch) < 33 or ord(ch) > 126 for ch in kw):
        raise MailError("invalid", f'keyword {kw!r}: printable ASCII without spaces or ( ) {{ % * " \\ ]')
    return kw


def unique_keywords(keywords: Iterable[str]) -> list[str]:
    """Valid keywords, each once: keywords compare without regard to case (RFC 9051
    2.3.2), and the first spelling given is kept."""
    out: dict[str, str] = {}
    for k in keywords:
        out.setdefault(check_keyword(k).lower(), k)
    return list(out.values())


def flag_bits(names: Iterable[str]) -> int:
    bits = 0
    for n in names:
        bit = FLAG_NAMES.get(n.lower())
        if bit is None:
            raise MailError("invalid", f"unknown flag {n!r}; flags are {', '.join(FLAG_NAMES)}")
        bits |= bit
    return bits


def fts_query(q: SearchQuery) -> str:
    """An FTS5 MATCH expression from the query's words: each word quoted (so nothing a
    user types is FTS syntax), a trailing * kept as a prefix search."""
    terms: list[str] = []
    for column, text in (
        ("", q.text),
        ("sender", q.from_),
        ("recipients", q.to),
        ("subject", q.subject),
        ("body", q.body),
    ):
        for word in text.split()[:32]:
            prefix = word.endswith("*")
            word = word.rstrip("*")
            if not any(ch.isalnum() for ch in word):
                continue
            term = '"' + word.replace('"', '""') + '"' + (" *" if prefix else "")
            terms.append(f"{column} : {term}" if column else term)
    return " AND ".join(terms)


class MailStore:
    def __init__(self, db: Database, message_path: Callable[[int], Path], hub: ChangeHub) -> None:
        self.db = db
        self.message_path = message_path
        self.hub = hub

    # -- mailboxes --

    def mailboxes(self, account_id: int, mailbox_id: int | None = None) -> list[MailboxInfo]:
        """The account's mailboxes with their counts (only mailbox_id's, when given)."""
        which = "account_id = ?" if mailbox_id is None else "account_id = ? AND id = ?"
        args = (account_id,) if mailbox_id is None else (account_id, mailbox_id)
        sql = (
            "SELECT mb.*, coalesce(n.total, 0) AS total, coalesce(n.unread, 0) AS unread,"  # noqa: S608 - constants
            " coalesce(n.size, 0) AS bytes FROM mailboxes mb LEFT JOIN ("
            "  SELECT mailbox_id, count(*) AS total, sum((flags & 1) = 0) AS unread, sum(size) AS size"
            f"  FROM messages WHERE mailbox_id IN (SELECT id FROM mailboxes WHERE {which})"
            "  GROUP BY mailbox_id) n ON n.mailbox_id = mb.id"
            f" WHERE mb.{which} ORDER BY mb.special_use IS NOT 'inbox', mb.name"
        )
        rows = self.db.read_sync(lambda c: c.execute(sql, args + args).fetchall())
        return [MailboxInfo(mailbox_of(r), r["total"], r["unread"], r["bytes"]) for r in rows]

    def mailbox(self, account_id: int, mailbox_id: int) -> MailboxInfo | None:
        found = self.mailboxes(account_id, mailbox_id)
        return found[0] if found else None

    def has_mailbox(self, account_id: int, mailbox_id: int) -> bool:
        return bool(
            self.db.read_sync(
                lambda c: c.execute(
                    "SELECT 1 FROM mailboxes WHERE id = ? AND account_id = ?", (mailbox_id, account_id)
                ).fetchone()
            )
        )

    async def create_mailbox(self, account_id: int, name: str, subscribed: bool = True) -> int:
        """Create a mailbox and any missing parents; returns its id."""
        check_mailbox_name(name)

        def fn(tx: Tx) -> int:
            c = tx.conn
            nonlocal name
            name = _inbox_case(c, account_id, name)
            if _find_mailbox(c, account_id, name) is not None:
                raise MailError("conflict", f"mailbox {name!r} exists already")
            modseq = next_modseq(c, account_id)
            return _create_with_parents(c, account_id, name, modseq, subscribed)

        mailbox_id = await self.db.write(fn)
        self.hub.notify(account_id)
        return mailbox_id

    async def update_mailbox(
        self, account_id: int, mailbox_id: int, *, name: str | None = None, subscribed: bool | None = None
    ) -> None:
        """Rename (children follow, missing parents are created) or (un)subscribe."""
        if name is not None:
            check_mailbox_name(name)

        def fn(tx: Tx) -> None:
            c = tx.conn
            nonlocal name
            row = c.execute(
                "SELECT * FROM mailboxes WHERE id = ? AND account_id = ?", (mailbox_id, account_id)
            ).fetchone()
            if row is None:
                raise MailError("not_found", f"no mailbox {mailbox_id}")
            if name is not None:
                name = _inbox_case(c, account_id, name)
            modseq = next_modseq(c, account_id)
            if subscribed is not None and bool(row["subscribed"]) != subscribed:
                c.execute(
                    "UPDATE mailboxes SET subscribed = ?, modseq = ? WHERE id = ?",
                    (int(subscribed), modseq, mailbox_id),
                )
                log_change(c, account_id, modseq, "mailbox_updated", mailbox_id)
            old = row["name"]
            if name is None or name == old:
                return
            if row["special_use"] == "inbox":
                raise MailError("conflict", "the Inbox cannot be renamed")
            if name.startswith(old + "/"):
                raise MailError("invalid", "a mailbox cannot be moved under itself")
            other = _find_mailbox(c, account_id, name)
            if other is not None:
                raise MailError("conflict", f"mailbox {name!r} exists already")
            parent = name.rpartition("/")[0]
            if parent and _find_mailbox(c, account_id, parent) is None:
                _create_with_parents(c, account_id, parent, modseq, True)
            children = c.execute(
                "SELECT id, name FROM mailboxes WHERE account_id = ? AND substr(name, 1, ?) = ?",
                (account_id, len(old) + 1, old + "/"),
            ).fetchall()
            c.execute("UPDATE mailboxes SET name = ?, modseq = ? WHERE id = ?", (name, modseq, mailbox_id))
            log_change(c, account_id, modseq, "mailbox_renamed", mailbox_id)
            for ch in children:
                new = name + ch["name"][len(old) :]
                if len(new) > MAX_MAILBOX_NAME:
                    raise MailError("invalid", f"renaming would make {new!r} longer than {MAX_MAILBOX_NAME}")
                c.execute("UPDATE mailboxes SET name = ?, modseq = ? WHERE id = ?", (new, modseq, ch["id"]))
                log_change(c, account_id, modseq, "mailbox_renamed", ch["id"])

        await self.db.write(fn)
        self.hub.notify(account_id)

    async def delete_mailbox(self, account_id: int, mailbox_id: int) -> int:
        """Delete a mailbox with its messages; returns how many messages went."""

        def fn(tx: Tx) -> list[int]:
            c = tx.conn
            row = c.execute(
                "SELECT * FROM mailboxes WHERE id = ? AND account_id = ?", (mailbox_id, account_id)
            ).fetchone()
            if row is None:
                raise MailError("not_found", f"no mailbox {mailbox_id}")
            if row["special_use"]:
                raise MailError(
                    "conflict", f"{row['name']} is the account's {row['special_use']} mailbox and cannot be deleted"
                )
            if c.execute(
                "SELECT 1 FROM mailboxes WHERE account_id = ? AND substr(name, 1, ?) = ?",
                (account_id, len(row["name"]) + 1, row["name"] + "/"),
            ).fetchone():
                raise MailError("conflict", f"{row['name']} has mailboxes under it; delete or move them first")
            modseq = next_modseq(c, account_id)
            ids = [r[0] for r in c.execute("SELECT id FROM messages WHERE mailbox_id = ?", (mailbox_id,))]
            c.execute("DELETE FROM messages WHERE mailbox_id = ?", (mailbox_id,))
            c.execute("DELETE FROM mailboxes WHERE id = ?", (mailbox_id,))
            log_change(c, account_id, modseq, "mailbox_deleted", mailbox_id)
            for i in ids:
                tx.remove_file(self.message_path(i))
            return ids

        ids = await self.db.write(fn)
        self.hub.notify(account_id)
        return len(ids)

    # -- reading messages --

    def page(
        self,
        account_id: int,
        mailbox_id: int,
        sort: str = "received",
        descending: bool = True,
        after: tuple[int | str, int] | None = None,
        limit: int = 50,
    ) -> tuple[list[MessageSummary], tuple[int | str, int] | None]:
        """A page of a mailbox's messages, and where the next page starts (None at the end).
        after: what the previous call returned as the next page's start."""
        col = SORTS[sort]
        op, order = ("<", "DESC") if descending else (">", "ASC")
        sql = f"SELECT {_SUMMARY_COLUMNS}, {col} AS sort_key FROM messages WHERE mailbox_id = ? AND account_id = ?"  # noqa: S608
        args: list[object] = [mailbox_id, account_id]
        if after is not None:
            sql += f" AND ({col} {op} ? OR ({col} = ? AND id {op} ?))"
            args += [after[0], after[0], after[1]]
        sql += f" ORDER BY {col} {order}, id {order} LIMIT ?"
        args.append(limit + 1)
        return self._page(sql, args, limit)

    def _page(
        self, sql: str, args: list[object], limit: int
    ) -> tuple[list[MessageSummary], tuple[int | str, int] | None]:
        rows = self.db.read_sync(lambda c: c.execute(sql, args).fetchall())
        more = len(rows) > limit
        rows = rows[:limit]
        nxt = (rows[-1]["sort_key"], int(rows[-1]["id"])) if more and rows else None
        return [summary(r) for r in rows], nxt

    def search(
        self, account_id: int, q: SearchQuery, after: tuple[int | str, int] | None = None, limit: int = 50
    ) -> tuple[list[MessageSummary], tuple[int | str, int] | None]:
        """Messages of the account matching q, newest received first; paged as list."""
        sql = f"SELECT {_SUMMARY_COLUMNS}, received AS sort_key FROM messages m WHERE account_id = ?"  # noqa: S608
        args: list[object] = [account_id]
        if q.mailbox_id is not None:
            sql += " AND mailbox_id = ?"
            args.append(q.mailbox_id)
        if q.thread_id is not None:
            sql += " AND thread_id = ?"
            args.append(q.thread_id)
        if q.since is not None:
            sql += " AND received >= ?"
            args.append(q.since)
        if q.before is not None:
            sql += " AND received < ?"
            args.append(q.before)
        must, must_not = flag_bits(q.flags), flag_bits(q.not_flags)
        if must:
            sql += " AND (flags & ?) = ?"
            args += [must, must]
        if must_not:
            sql += " AND (flags & ?) = 0"
            args.append(must_not)
        if q.keyword:
            sql += " AND EXISTS (SELECT 1 FROM json_each(m.keywords) WHERE lower(value) = lower(?))"
            args.append(q.keyword)
        if q.has_attachment is not None:
            sql += " AND has_attachment = ?"
            args.append(int(q.has_attachment))
        match = fts_query(q)
        if match:
            sql += " AND id IN (SELECT rowid FROM messages_fts WHERE messages_fts MATCH ?)"
            args.append(match)
        elif any((q.text, q.from_, q.to, q.subject, q.body)):
            return [], None  # only punctuation was given: nothing can match
        if after is not None:
            sql += " AND (received < ? OR (received = ? AND id < ?))"
            args += [after[0], after[0], after[1]]
        sql += " ORDER BY received DESC, id DESC LIMIT ?"
        args.append(limit + 1)
        return self._page(sql, args, limit)

    def get(self, account_id: int, message_id: int) -> MessageSummary | None:
        row = self.db.read_sync(
            lambda c: c.execute(
                f"SELECT {_SUMMARY_COLUMNS} FROM messages WHERE id = ? AND account_id = ?",  # noqa: S608
                (message_id, account_id),
            ).fetchone()
        )
        return None if row is None else summary(row)

    def thread(self, account_id: int, thread_id: int, limit: int = 500) -> list[MessageSummary]:
        rows = self.db.read_sync(
            lambda c: c.execute(
                f"SELECT {_SUMMARY_COLUMNS} FROM messages WHERE account_id = ? AND thread_id = ?"  # noqa: S608
                " ORDER BY date, id LIMIT ?",
                (account_id, thread_id, limit),
            ).fetchall()
        )
        return [summary(r) for r in rows]

    # -- changing messages --

    async def update(
        self,
        account_id: int,
        ids: list[int],
        *,
        add_flags: int = 0,
        remove_flags: int = 0,
        add_keywords: list[str] | None = None,
        remove_keywords: list[str] | None = None,
        mailbox_id: int | None = None,
    ) -> None:
        """Change flags and keywords and/or move messages, all or none: an id the account
        does not have fails the whole call with not_found."""
        add_kw = [check_keyword(k) for k in add_keywords or []]
        remove_kw = {check_keyword(k).lower() for k in remove_keywords or []}
        ids = list(dict.fromkeys(ids))

        def fn(tx: Tx) -> None:
            c = tx.conn
            rows = _rows(c, account_id, ids)
            target = None
            if mailbox_id is not None:
                target = c.execute(
                    "SELECT id, uidnext FROM mailboxes WHERE id = ? AND account_id = ?", (mailbox_id, account_id)
                ).fetchone()
                if target is None:
                    raise MailError("not_found", f"no mailbox {mailbox_id}")
            modseq = next_modseq(c, account_id)
            uidnext = target["uidnext"] if target is not None else 0
            touched: set[int] = set()
            for r in rows:
                flags = (r["flags"] | add_flags) & ~remove_flags
                kws: list[str] = _kw_dec.decode(r["keywords"])
                lowered = {k.lower() for k in kws}
                new_kws = [k for k in kws if k.lower() not in remove_kw]
                for k in add_kw:
                    if k.lower() not in lowered and k.lower() not in remove_kw:
                        new_kws.append(k)
                        lowered.add(k.lower())
                if len(new_kws) > MAX_KEYWORDS:
                    raise MailError("invalid", f"a message has at most {MAX_KEYWORDS} keywords")
                if flags != r["flags"] or new_kws != kws:
                    c.execute(
                        "UPDATE messages SET flags = ?, keywords = ?, modseq = ? WHERE id = ?",
                        (flags, _enc.encode(new_kws).decode(), modseq, r["id"]),
                    )
                    log_change(c, account_id, modseq, "flags", r["mailbox_id"], r["id"], r["uid"])
                    touched.add(r["mailbox_id"])
                if target is not None and target["id"] != r["mailbox_id"]:
                    c.execute(
                        "UPDATE messages SET mailbox_id = ?, uid = ?, modseq = ? WHERE id = ?",
                        (target["id"], uidnext, modseq, r["id"]),
                    )
                    log_change(
                        c, account_id, modseq, "moved", target["id"], r["id"], uidnext, r["mailbox_id"], r["uid"]
                    )
                    touched |= {r["mailbox_id"], target["id"]}
                    uidnext += 1
            if target is not None:
                c.execute("UPDATE mailboxes SET uidnext = ? WHERE id = ?", (uidnext, target["id"]))
            for mb in touched:
                c.execute("UPDATE mailboxes SET modseq = ? WHERE id = ?", (modseq, mb))

        await self.db.write(fn)
        self.hub.notify(account_id)

    async def delete(self, account_id: int, ids: list[int], permanent: bool = False) -> tuple[list[int], list[int]]:
        """Move messages to Trash, or remove them for good when permanent or already in
        Trash (or the account has none). All or none, as update. Returns (moved, removed)."""
        ids = list(dict.fromkeys(ids))

        def fn(tx: Tx) -> tuple[list[int], list[int]]:
            c = tx.conn
            rows = _rows(c, account_id, ids)
            trash = c.execute(
                "SELECT id, uidnext FROM mailboxes WHERE account_id = ? AND special_use = 'trash'", (account_id,)
            ).fetchone()
            modseq = next_modseq(c, account_id)
            to_trash = [r for r in rows if not permanent and trash is not None and r["mailbox_id"] != trash["id"]]
            trashed = {r["id"] for r in to_trash}
            gone = [int(r["id"]) for r in rows if r["id"] not in trashed]
            if to_trash:
                assert trash is not None
                uid = trash["uidnext"]
                for r in to_trash:
                    c.execute(
                        "UPDATE messages SET mailbox_id = ?, uid = ?, modseq = ? WHERE id = ?",
                        (trash["id"], uid, modseq, r["id"]),
                    )
                    log_change(c, account_id, modseq, "moved", trash["id"], r["id"], uid, r["mailbox_id"], r["uid"])
                    c.execute("UPDATE mailboxes SET modseq = ? WHERE id = ?", (modseq, r["mailbox_id"]))
                    uid += 1
                c.execute("UPDATE mailboxes SET uidnext = ?, modseq = ? WHERE id = ?", (uid, modseq, trash["id"]))
            removed = expunge(c, account_id, gone, modseq)
            for i in removed:
                tx.remove_file(self.message_path(i))
            return [int(r["id"]) for r in to_trash], removed

        moved, removed = await self.db.write(fn)
        self.hub.notify(account_id)
        return moved, removed

    # -- the change log --

    def changes(self, account_id: int, after: int, limit: int = 1000) -> list[MailChange]:
        """Change-log entries after a modseq, oldest first: about limit of them, always
        whole modseq groups (one call's changes), so a reader can resume at the last modseq."""

        def fn(c: sqlite3.Connection) -> list[sqlite3.Row]:
            cols = "id, modseq, kind, mailbox_id, message_id, uid, prev_mailbox_id, prev_uid, time"
            rows = c.execute(
                f"SELECT {cols} FROM mail_changes WHERE account_id = ? AND modseq > ? ORDER BY modseq, id LIMIT ?",  # noqa: S608
                (account_id, after, limit),
            ).fetchall()
            if len(rows) == limit:
                rows += c.execute(
                    f"SELECT {cols} FROM mail_changes WHERE account_id = ? AND modseq = ? AND id > ? ORDER BY id",  # noqa: S608
                    (account_id, rows[-1]["modseq"], rows[-1]["id"]),
                ).fetchall()
            return rows

        return [MailChange(*tuple(r)[1:]) for r in self.db.read_sync(fn)]

    def modseqs(self, account_id: int) -> tuple[int, int]:
        """(highest modseq, modseq up to which the change log was purged)."""
        row = self.db.read_sync(
            lambda c: c.execute(
                "SELECT highest_modseq, changes_floor FROM accounts WHERE id = ?", (account_id,)
            ).fetchone()
        )
        return (0, 0) if row is None else (int(row[0]), int(row[1]))

    async def purge_changes(self, before: int) -> int:
        """Forget change-log entries older than before (unix ms)."""

        def fn(tx: Tx) -> int:
            c = tx.conn
            c.execute(
                "UPDATE accounts SET changes_floor = max(changes_floor, ("
                " SELECT max(modseq) FROM mail_changes WHERE account_id = accounts.id AND time < ?))"
                " WHERE id IN (SELECT DISTINCT account_id FROM mail_changes WHERE time < ?)",
                (before, before),
            )
            return c.execute("DELETE FROM mail_changes WHERE time < ?", (before,)).rowcount

        return await self.db.write(fn)

    # -- indexing messages stored before the index existed --

    async def reindex(self, batch: int = 200) -> int:
        """Index messages stored before the index existed (schema version 7), in
        batches, beside normal work; returns how many were indexed."""
        done = 0
        while True:
            rows = await self.db.read(
                lambda c: c.execute(
                    "SELECT id, account_id, subject, received, structure, envelope FROM messages"
                    " WHERE indexed = 0 ORDER BY id LIMIT ?",
                    (batch,),
                ).fetchall()
            )
            if not rows:
                return done

            def prepare(rows: list[sqlite3.Row] = rows) -> list[tuple[int, int, Indexed, str, int]]:
                out = []
                for r in rows:
                    try:
                        data = self.message_path(r["id"]).read_bytes()
                    except FileNotFoundError:
                        data = b""
                    idx = index(data, _part_dec.decode(r["structure"]), _envelope_dec.decode(r["envelope"]))
                    out.append((r["id"], r["account_id"], idx, r["subject"], r["received"]))
                return out

            items = await asyncio.to_thread(prepare)

            def fn(tx: Tx, items: list[tuple[int, int, Indexed, str, int]] = items) -> None:
                for msg_id, account_id, idx, subject, received in items:
                    write_index(tx.conn, msg_id, account_id, idx, subject, received)

            await self.db.write(fn)
            done += len(items)


def _rows(c: sqlite3.Connection, account_id: int, ids: list[int]) -> list[sqlite3.Row]:
    rows: list[sqlite3.Row] = []
    for chunk in _chunks(ids, 500):
        marks = ",".join("?" * len(chunk))
        rows += c.execute(
            f"SELECT id, mailbox_id, uid, flags, keywords FROM messages WHERE account_id = ? AND id IN ({marks})",  # noqa: S608
            (account_id, *chunk),
        ).fetchall()
    if len(rows) != len(ids):
        missing = sorted(set(ids) - {r["id"] for r in rows})
        raise MailError("not_found", f"no message {', '.join(map(str, missing[:20]))}")
    return rows


def _find_mailbox(c: sqlite3.Connection, account_id: int, name: str) -> int | None:
    """A mailbox by name; "INBOX" in any case names the Inbox."""
    if name.lower() == "inbox":
        row = c.execute(
            "SELECT id FROM mailboxes WHERE account_id = ? AND special_use = 'inbox'", (account_id,)
        ).fetchone()
        if row is not None:
            return int(row[0])
    row = c.execute("SELECT id FROM mailboxes WHERE account_id = ? AND name = ?", (account_id, name)).fetchone()
    return None if row is None else int(row[0])


def _inbox_case(c: sqlite3.Connection, account_id: int, name: str) -> str:
    """ "INBOX/x" in any case names a child of the Inbox: spell its first level as the Inbox is."""
    first, sep, rest = name.partition("/")
    if sep and first.lower() == "inbox":
        row = c.execute(
            "SELECT name FROM mailboxes WHERE account_id = ? AND special_use = 'inbox'", (account_id,)
        ).fetchone()
        if row is not None:
            return f"{row[0]}/{rest}"
    return name


def _create_with_parents(c: sqlite3.Connection, account_id: int, name: str, modseq: int, subscribed: bool) -> int:
    levels = name.split("/")
    mailbox_id = 0
    for i in range(1, len(levels) + 1):
        path = "/".join(levels[:i])
        found = _find_mailbox(c, account_id, path)
        if found is not None:
            mailbox_id = found
            continue
        mailbox_id = create_mailbox_row(c, account_id, path, None, modseq, subscribed)
    return mailbox_id


def create_mailbox_row(
    c: sqlite3.Connection, account_id: int, name: str, role: str | None, modseq: int, subscribed: bool = True
) -> int:
    """One new mailbox with a fresh UIDVALIDITY; the caller checked the name."""
    (uidvalidity,) = c.execute(
        "UPDATE accounts SET uidvalidity_next = uidvalidity_next + 1 WHERE id = ? RETURNING uidvalidity_next - 1",
        (account_id,),
    ).fetchone()
    cur = c.execute(
        "INSERT INTO mailboxes (account_id, name, special_use, uidvalidity, subscribed, modseq, created)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        (account_id, name, role, uidvalidity, int(subscribed), modseq, now_ms()),
    )
    mailbox_id = int(cur.lastrowid or 0)
    log_change(c, account_id, modseq, "mailbox_created", mailbox_id)
    return mailbox_id
