"""What the IMAP server needs of the store beyond the mail API: UID-addressed reads,
STORE with UNCHANGEDSINCE (RFC 7162), COPY and MOVE with the UIDs they assign (RFC 4315,
RFC 6851), EXPUNGE of \\Deleted messages, and RENAME of the Inbox.

Every change takes one new modseq of the account and is written to mail_changes in
the same transaction, as the mail API's changes are (mta/store/mail.py), so every IMAP
session and the API's event stream see it. A copy is a new message row with its own
id whose file is a hard link to the original's (message files are never rewritten).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import msgspec

from mta.store.changes import ChangeHub
from mta.store.db import Database, Tx
from mta.store.mail import (
    MAX_KEYWORDS,
    MailError,
    _chunks,
    _create_with_parents,
    _find_mailbox,
    log_change,
    mailbox_of,
    next_modseq,
    unique_keywords,
)
from mta.store.types import FLAG_DELETED, FLAG_SEEN, Mailbox

_kw_dec = msgspec.json.Decoder(list[str])
LIKE_MAX = 10_000  # SQLite refuses LIKE patterns over 50,000 bytes
_enc = msgspec.json.Encoder()

# Columns copied from a message to its copy (besides id, mailbox_id, uid, modseq, created_modseq).
_COPY_COLUMNS = (
    "account_id, flags, keywords, size, received, mail_from, rcpt_to, remote_ip, message_id, subject, envelope,"
    " structure, auth, thread_id, date, sort_from, base_subject, snippet, has_attachment, indexed"
)

Linker = Callable[[Tx, Path, int], None]


class Status(msgspec.Struct, frozen=True):
    """STATUS items of a mailbox (RFC 9051 section 6.3.11, RFC 7162 HIGHESTMODSEQ)."""

    messages: int
    unseen: int
    deleted: int
    size: int
    uidnext: int
    uidvalidity: int
    highestmodseq: int


class Snapshot(msgspec.Struct, frozen=True):
    """A mailbox as SELECT sees it: the UIDs in it and the account's modseq at that moment."""

    mailbox: Mailbox
    uids: list[int]
    account_modseq: int
    changes_floor: int
    keywords: list[str]


class FlagState(msgspec.Struct, frozen=True):
    uid: int
    flags: int
    keywords: list[str]
    modseq: int


class StoreResult(msgspec.Struct, frozen=True):
    modseq: int  # 0 when nothing changed
    changed: list[FlagState]  # messages whose flags changed, with their new state
    failed: list[int]  # UIDs not changed because of UNCHANGEDSINCE (RFC 7162 MODIFIED)


def _in_uids(uids: list[int]) -> tuple[str, list[int]]:
    """A WHERE clause for a UID list: BETWEEN for a contiguous run, IN otherwise."""
    if uids and uids[-1] - uids[0] + 1 == len(uids):
        return "uid BETWEEN ? AND ?", [uids[0], uids[-1]]
    return f"uid IN ({','.join('?' * len(uids))})", list(uids)


class IMAPStore:
    def __init__(self, db: Database, message_path: Callable[[int], Path], hub: ChangeHub, link: Linker) -> None:
        self.db = db
        self.message_path = message_path
        self.hub = hub
        self._link = link

    # -- mailboxes --

    def find(self, account_id: int, name: str) -> Mailbox | None:
        def fn(c: sqlite3.Connection) -> Mailbox | None:
            mailbox_id = _find_mailbox(c, account_id, name)
            if mailbox_id is None:
                return None
            return mailbox_of(c.execute("SELECT * FROM mailboxes WHERE id = ?", (mailbox_id,)).fetchone())

        return self.db.read_sync(fn)

    def statuses(self, account_id: int, mailbox_id: int | None = None) -> dict[int, Status]:
        sql = (
            "SELECT mb.id, mb.uidnext, mb.uidvalidity, mb.modseq, count(m.id), coalesce(sum((m.flags & ?) = 0), 0),"
            " coalesce(sum((m.flags & ?) != 0), 0), coalesce(sum(m.size), 0), coalesce(max(m.modseq), 0)"
            " FROM mailboxes mb LEFT JOIN messages m ON m.mailbox_id = mb.id"
            " WHERE mb.account_id = ? AND (? IS NULL OR mb.id = ?) GROUP BY mb.id"
        )
        args = (account_id, mailbox_id, mailbox_id)
        rows = self.db.read_sync(lambda c: c.execute(sql, (FLAG_SEEN, FLAG_DELETED, *args)).fetchall())
        return {
            r[0]: Status(
                messages=r[4],
                unseen=r[5],
                deleted=r[6],
                size=r[7],
                uidnext=r[1],
                uidvalidity=r[2],
                highestmodseq=max(r[3], r[8], 1),
            )
            for r in rows
        }

    def snapshot(self, account_id: int, mailbox_id: int) -> Snapshot | None:
        def fn(c: sqlite3.Connection) -> Snapshot | None:
            row = c.execute(
                "SELECT * FROM mailboxes WHERE id = ? AND account_id = ?", (mailbox_id, account_id)
            ).fetchone()
            if row is None:
                return None
            uids = [
                r[0] for r in c.execute("SELECT uid FROM messages WHERE mailbox_id = ? ORDER BY uid", (mailbox_id,))
            ]
            acc = c.execute("SELECT highest_modseq, changes_floor FROM accounts WHERE id = ?", (account_id,)).fetchone()
            kws = c.execute(
                "SELECT DISTINCT j.value FROM messages m, json_each(m.keywords) j"
                " WHERE m.mailbox_id = ? AND m.keywords != '[]' LIMIT 200",
                (mailbox_id,),
            ).fetchall()
            return Snapshot(mailbox_of(row), uids, int(acc[0]), int(acc[1]), sorted({k[0] for k in kws}))

        return self.db.read_sync(fn)

    # -- reading messages by UID --

    def rows(self, mailbox_id: int, uids: list[int], columns: str) -> list[sqlite3.Row]:
        """Rows of the messages with these UIDs (sorted), in UID order; gone ones are
        missing. The uid column always, then columns (none if empty)."""
        if not uids:
            return []

        def fn(c: sqlite3.Connection) -> list[sqlite3.Row]:
            return _by_uids(c, mailbox_id, uids, "uid, " + columns if columns else "uid")

        return self.db.read_sync(fn)

    def flags(self, mailbox_id: int, uids: list[int]) -> list[FlagState]:
        return [
            FlagState(r["uid"], r["flags"], _kw_dec.decode(r["keywords"]), r["modseq"])
            for r in self.rows(mailbox_id, uids, "flags, keywords, modseq")
        ]

    def body_matches(self, mailbox_id: int, uids: list[int], needles: set[str]) -> dict[str, set[int]]:
        """For each (casefolded) needle, the UIDs among uids whose decoded text, as the
        search index keeps it, contains it after casefolding (SEARCH BODY).

        An ASCII needle is matched by SQLite's LIKE, which folds ASCII case only: exact
        for ASCII text, so only the rows it rejects that are not all ASCII (a ligature
        or a Kelvin sign can fold to ASCII), or that hold a NUL (where LIKE stops),
        come back to be casefolded here. Other needles are matched here against every
        text."""
        hits: dict[str, set[int]] = {n: set() for n in needles}
        if not uids or not needles:
            return hits
        for n in needles:
            if not n:
                hits[n] = set(uids)  # the empty string is in every text, even a missing one

        def fn(c: sqlite3.Connection) -> None:
            wide = [n for n in needles if n and not _likeable(n)]
            for chunk in _runs(uids):
                where, args = _in_uids(chunk)
                base = (
                    "SELECT m.uid, f.body FROM messages m JOIN messages_fts f ON f.rowid = m.id"  # noqa: S608
                    f" WHERE m.mailbox_id = ? AND m.{where}"
                )
                for n in needles:
                    if not n or not _likeable(n):
                        continue
                    pattern = "%" + n.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
                    sql = base + " AND (f.body LIKE ? ESCAPE '\\' OR length(f.body) != length(CAST(f.body AS BLOB)))"
                    for uid, body in c.execute(sql, (mailbox_id, *args, pattern)):
                        # SQLite's LIKE and length() stop at a NUL: such a text comes
                        # back by the length test, and is matched here.
                        if (body.isascii() and "\0" not in body) or n in body.casefold():
                            hits[n].add(uid)
                if wide:
                    for uid, body in c.execute(base, (mailbox_id, *args)):
                        text = (body or "").casefold()
                        for n in wide:
                            if n in text:
                                hits[n].add(uid)

        self.db.read_sync(fn)
        return hits

    # -- changes --

    async def store_flags(
        self,
        account_id: int,
        mailbox_id: int,
        uids: list[int],
        op: str,
        bits: int,
        keywords: list[str],
        unchanged_since: int | None = None,
    ) -> StoreResult:
        """Set (op "="), add ("+") or remove ("-") flags and keywords on messages."""
        keywords = unique_keywords(keywords)
        kw_lower = {k.lower() for k in keywords}

        def fn(tx: Tx) -> StoreResult:
            c = tx.conn
            rows = _by_uids(c, mailbox_id, uids, "id, uid, flags, keywords, modseq")
            modseq = 0
            changed: list[FlagState] = []
            failed: list[int] = []
            for r in rows:
                if unchanged_since is not None and r["modseq"] > unchanged_since:
                    failed.append(r["uid"])
                    continue
                old_kws: list[str] = _kw_dec.decode(r["keywords"])
                if op == "=":
                    flags = bits
                    new_kws = list(keywords)
                elif op == "+":
                    flags = r["flags"] | bits
                    have = {k.lower() for k in old_kws}
                    new_kws = old_kws + [k for k in keywords if k.lower() not in have]
                else:
                    flags = r["flags"] & ~bits
                    new_kws = [k for k in old_kws if k.lower() not in kw_lower]
                if len(new_kws) > MAX_KEYWORDS:
                    raise MailError("invalid", f"a message has at most {MAX_KEYWORDS} keywords")
                if flags == r["flags"] and [k.lower() for k in new_kws] == [k.lower() for k in old_kws]:
                    if unchanged_since is not None:
                        # RFC 7162 3.1.3: a message whose flags would not change still gets its
                        # current state reported when UNCHANGEDSINCE was given.
                        changed.append(FlagState(r["uid"], flags, old_kws, r["modseq"]))
                    continue
                if not modseq:
                    modseq = next_modseq(c, account_id)
                c.execute(
                    "UPDATE messages SET flags = ?, keywords = ?, modseq = ? WHERE id = ?",
                    (flags, _enc.encode(new_kws).decode(), modseq, r["id"]),
                )
                log_change(c, account_id, modseq, "flags", mailbox_id, r["id"], r["uid"])
                changed.append(FlagState(r["uid"], flags, new_kws, modseq))
            if modseq:
                c.execute("UPDATE mailboxes SET modseq = ? WHERE id = ?", (modseq, mailbox_id))
            return StoreResult(modseq, sorted(changed, key=lambda f: f.uid), sorted(failed))

        result = await self.db.write(fn)
        if result.modseq:
            self.hub.notify(account_id)
        return result

    async def copy(
        self, account_id: int, src: int, uids: list[int], dst: int, *, move: bool = False
    ) -> tuple[int, list[tuple[int, int]], int]:
        """Copy (or move) messages by UID into another mailbox of the account.
        Returns the destination's UIDVALIDITY, (source UID, new UID) pairs, and the modseq."""

        def fn(tx: Tx) -> tuple[int, list[tuple[int, int]], int]:
            c = tx.conn
            target = c.execute(
                "SELECT id, uidnext, uidvalidity FROM mailboxes WHERE id = ? AND account_id = ?", (dst, account_id)
            ).fetchone()
            if target is None:
                raise MailError("not_found", "no such mailbox")
            rows = _by_uids(c, src, uids, "id, uid", account_id)
            if not rows:
                return target["uidvalidity"], [], 0
            modseq = next_modseq(c, account_id)
            uid = target["uidnext"]
            pairs: list[tuple[int, int]] = []
            for r in rows:
                if move:
                    c.execute(
                        "UPDATE messages SET mailbox_id = ?, uid = ?, modseq = ? WHERE id = ?",
                        (dst, uid, modseq, r["id"]),
                    )
                    log_change(c, account_id, modseq, "moved", dst, r["id"], uid, src, r["uid"])
                else:
                    cur = c.execute(
                        f"INSERT INTO messages (mailbox_id, uid, modseq, created_modseq, {_COPY_COLUMNS})"  # noqa: S608
                        f" SELECT ?, ?, ?, ?, {_COPY_COLUMNS} FROM messages WHERE id = ?",
                        (dst, uid, modseq, modseq, r["id"]),
                    )
                    new_id = int(cur.lastrowid or 0)
                    c.execute(
                        "INSERT INTO messages_fts (rowid, subject, sender, recipients, body)"
                        " SELECT ?, subject, sender, recipients, body FROM messages_fts WHERE rowid = ?",
                        (new_id, r["id"]),
                    )
                    self._link(tx, self.message_path(r["id"]), new_id)
                    log_change(c, account_id, modseq, "new", dst, new_id, uid)
                pairs.append((r["uid"], uid))
                uid += 1
            c.execute("UPDATE mailboxes SET uidnext = ?, modseq = ? WHERE id = ?", (uid, modseq, dst))
            if move:
                c.execute("UPDATE mailboxes SET modseq = ? WHERE id = ?", (modseq, src))
            return target["uidvalidity"], pairs, modseq

        uidvalidity, pairs, modseq = await self.db.write(fn)
        if pairs:
            self.hub.notify(account_id)
        return uidvalidity, pairs, modseq

    async def expunge(self, account_id: int, mailbox_id: int, uids: list[int] | None = None) -> list[int]:
        """Remove the \\Deleted messages of a mailbox (only those among uids, when given);
        returns their UIDs."""

        def fn(tx: Tx) -> list[tuple[int, int]]:
            c = tx.conn
            sql = "SELECT id, uid FROM messages WHERE mailbox_id = ? AND account_id = ? AND (flags & ?) != 0"
            rows = c.execute(sql + " ORDER BY uid", (mailbox_id, account_id, FLAG_DELETED)).fetchall()
            if uids is not None:
                wanted = set(uids)
                rows = [r for r in rows if r["uid"] in wanted]
            if not rows:
                return []
            modseq = next_modseq(c, account_id)
            for chunk in _chunks([r["id"] for r in rows], 500):
                c.execute(f"DELETE FROM messages WHERE id IN ({','.join('?' * len(chunk))})", chunk)  # noqa: S608
            for r in rows:
                log_change(c, account_id, modseq, "expunged", mailbox_id, r["id"], r["uid"])
            c.execute("UPDATE mailboxes SET modseq = ? WHERE id = ?", (modseq, mailbox_id))
            for r in rows:
                tx.remove_file(self.message_path(r["id"]))
            return [(r["id"], r["uid"]) for r in rows]

        gone = await self.db.write(fn)
        if gone:
            self.hub.notify(account_id)
        return [uid for _, uid in gone]

    async def rename_inbox(self, account_id: int, name: str) -> None:
        """RENAME INBOX (RFC 9051 section 6.3.6): its messages move to a new mailbox of
        that name; the Inbox stays, empty, and its children stay where they are."""

        def fn(tx: Tx) -> None:
            c = tx.conn
            if _find_mailbox(c, account_id, name) is not None:
                raise MailError("conflict", f"mailbox {name!r} exists already")
            inbox = c.execute(
                "SELECT id FROM mailboxes WHERE account_id = ? AND special_use = 'inbox'", (account_id,)
            ).fetchone()
            modseq = next_modseq(c, account_id)
            new = _create_with_parents(c, account_id, name, modseq, True)
            rows = c.execute(
                "SELECT id, uid FROM messages WHERE mailbox_id = ? ORDER BY uid", (inbox["id"],)
            ).fetchall()
            uid = 1
            for r in rows:
                c.execute(
                    "UPDATE messages SET mailbox_id = ?, uid = ?, modseq = ? WHERE id = ?", (new, uid, modseq, r["id"])
                )
                log_change(c, account_id, modseq, "moved", new, r["id"], uid, inbox["id"], r["uid"])
                uid += 1
            c.execute("UPDATE mailboxes SET uidnext = ?, modseq = ? WHERE id = ?", (uid, modseq, new))
            c.execute("UPDATE mailboxes SET modseq = ? WHERE id = ?", (modseq, inbox["id"]))

        await self.db.write(fn)
        self.hub.notify(account_id)


def _likeable(needle: str) -> bool:
    """Whether SEARCH BODY can match needle with LIKE: ASCII, and well inside SQLite's
    limit on the length of a LIKE pattern."""
    return needle.isascii() and len(needle) <= LIKE_MAX


def _by_uids(
    c: sqlite3.Connection, mailbox_id: int, uids: list[int], columns: str, account_id: int | None = None
) -> list[sqlite3.Row]:
    """Rows of a mailbox's messages with these (sorted) UIDs, in UID order; columns is a
    constant of the caller. account_id: only messages of that account (for writes)."""
    out: list[sqlite3.Row] = []
    for chunk in _runs(uids):
        where, args = _in_uids(chunk)
        sql = f"SELECT {columns} FROM messages WHERE mailbox_id = ? AND {where}"  # noqa: S608
        params: list[object] = [mailbox_id, *args]
        if account_id is not None:
            sql += " AND account_id = ?"
            params.append(account_id)
        out += c.execute(sql + " ORDER BY uid", params).fetchall()
    return out


def _runs(uids: list[int], size: int = 500) -> list[list[int]]:
    """Sorted UIDs cut into contiguous runs (one BETWEEN each), long gaps into chunks of size."""
    out: list[list[int]] = []
    cur: list[int] = []
    for u in uids:
        # A long contiguous run ends at a gap (one BETWEEN); other UIDs gather into IN lists.
        contiguous = bool(cur) and cur[-1] - cur[0] + 1 == len(cur)
        if cur and u != cur[-1] + 1 and ((contiguous and len(cur) > 8) or len(cur) >= size):
            out.append(cur)
            cur = []
        cur.append(u)
    if cur:
        out.append(cur)
    return out
