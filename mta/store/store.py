"""The store: accounts, addresses, mailboxes and messages on SQLite and files.

Layout of a data directory::

    mailwright.db          SQLite (WAL), all records
    msg/<id // 1000>/<id>  message bodies, named by message id, never rewritten
    tmp/                   IMAP literals spilled to disk while they arrive; emptied at every start

Accepting a message: one write job inserts the rows and names the body's file under
msg/ (a second recipient's copy is a hard link to it); the batch's commit writes
and fsyncs the files, fsyncs their directories, then commits once for every job in
the batch (db.py). A crash before the commit leaves at most a file under msg/ with
an id the database will hand out again (the new file replaces it).

This module, with db.py and schema.py, is the only place in Mailwright with SQL.
"""

from __future__ import annotations

import asyncio
import fcntl
import os
import re
import shutil
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import msgspec

from mta import credentials, dkim
from mta.dkim import DKIMKey
from mta.log import get_logger
from mta.message import Envelope, Part, parse
from mta.message.index import Indexed, index
from mta.smtp.address import Address, AddressError, normalize_domain, normalize_localpart, parse_address
from mta.store.apikeys import APIKeyStore
from mta.store.changes import ChangeHub
from mta.store.controls import HoldRuleStore
from mta.store.db import Database, Tx, connect, fsync_dir, make_parent, now_ms
from mta.store.imap import IMAPStore
from mta.store.localparts import untagged
from mta.store.mail import (
    MailStore,
    create_mailbox_row,
    expunge,
    log_change,
    mailbox_of,
    next_modseq,
    summary,
    write_index,
)
from mta.store.outbound import OutboundStore
from mta.store.schema import migrate
from mta.store.sessions import SessionStore, end_all
from mta.store.suppressions import SuppressionStore
from mta.store.suppressions import rekey as rekey_suppressions
from mta.store.types import (
    DEFAULT_MAILBOXES,
    Account,
    Delivered,
    DeliveryMeta,
    Domain,
    LoginAccount,
    Mailbox,
    MessageSummary,
    Resolution,
    Target,
)
from mta.store.webhooks import WebhookStore, add_incoming_event

log = get_logger("store")

T = TypeVar("T")

# Account and address lookups (login, resolve, an account's addresses) are made
# several times for every message, and are remembered this long. A change made
# through this Store forgets them at once; one made by another process (the command
# line beside a running service) is seen within this time.
LOOKUP_TTL_S = 2.0
LOOKUP_MAX = 10_000


class _Lookups:
    """Results of account and address lookups for LOOKUP_TTL_S (values are immutable)."""

    def __init__(self) -> None:
        self._hits: dict[tuple[object, ...], tuple[float, Any]] = {}

    def get(self, key: tuple[object, ...], fn: Callable[[], T]) -> T:
        now = time.monotonic()
        hit = self._hits.get(key)
        if hit is not None and hit[0] > now:
            return hit[1]  # type: ignore[no-any-return]
        value = fn()
        if len(self._hits) >= LOOKUP_MAX:
            self._hits.clear()
        self._hits[key] = (now + LOOKUP_TTL_S, value)
        return value

    def clear(self) -> None:
        self._hits.clear()


# A message up to this size is parsed and stored by SQL run on the event loop.
ON_LOOP_SIZE = 256 * 1024

_enc = msgspec.json.Encoder()
_envelope_dec = msgspec.json.Decoder(Envelope)
_part_dec = msgspec.json.Decoder(Part)


class Prepared(msgspec.Struct, frozen=True):
    """A message parsed for storing (``Store.prepare``)."""

    data: bytes
    structure: bytes
    envelope: bytes
    idx: Indexed
    targets: list[Target]
    meta: DeliveryMeta
    events: bool


class StoreError(Exception):
    """A request the store refuses: duplicate name, unknown account, ..."""


class Store:
    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.msg_dir = data_dir / "msg"
        self.tmp_dir = data_dir / "tmp"
        self.db: Database
        self.queue: OutboundStore
        self.api_keys: APIKeyStore
        self.sessions: SessionStore
        self.suppressions: SuppressionStore
        self.hold_rules: HoldRuleStore
        self.webhooks: WebhookStore
        self.mail: MailStore
        self.imap: IMAPStore
        self.changes = ChangeHub()
        self._lookups = _Lookups()

    @classmethod
    def open(cls, data_dir: Path, *, service: bool = False) -> Store:
        """Create or open a data directory, migrating the schema as needed.

        service: this process is the mail service, so what is left in tmp/ is from a
        previous run and is removed. Tools opening the store beside a running service
        leave tmp/ alone.
        """
        self = cls(data_dir)
        data_dir.mkdir(parents=True, exist_ok=True)
        if service:
            self._lock_service()
        self.msg_dir.mkdir(exist_ok=True)
        if service and self.tmp_dir.exists():
            shutil.rmtree(self.tmp_dir)
        self.tmp_dir.mkdir(exist_ok=True)
        path = data_dir / "mailwright.db"
        conn = connect(path)
        try:
            before = migrate(conn)
        finally:
            conn.close()
        if before == 0:
            log.info("database created", path=str(path))
        self.db = Database(path)
        self.queue = OutboundStore(self)
        self.api_keys = APIKeyStore(self.db)
        self.sessions = SessionStore(self.db)
        self.suppressions = SuppressionStore(self.db)
        self.hold_rules = HoldRuleStore(self.db)
        self.webhooks = WebhookStore(self.db)
        self.mail = MailStore(self.db, self.message_path, self.changes)
        self.imap = IMAPStore(self.db, self.message_path, self.changes, self._link)
        return self

    def _lock_service(self) -> None:
        """One service per data directory: a second one would clean the first's tmp/."""
        fd = os.open(self.data_dir / "service.lock", os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            other = os.read(fd, 32).decode(errors="replace").strip()
            os.close(fd)
            raise StoreError(
                f"data directory {self.data_dir} is in use by another running mailwright (pid {other or '?'})"
            ) from None
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        self._lock_fd: int | None = fd

    def _write(self, fn: Callable[[Tx], T]) -> T:
        """A change to domains, accounts or addresses; lookups remembered are forgotten."""
        try:
            return self.db.write_sync(fn)
        finally:
            self._lookups.clear()

    def close(self) -> None:
        self.db.close()
        fd = getattr(self, "_lock_fd", None)
        if fd is not None:
            os.close(fd)
            self._lock_fd = None

    # -- domains, accounts, addresses --

    def add_domain(self, name: str) -> Domain:
        """Add a local domain, with its DKIM keys (one Ed25519, one RSA-2048)."""
        try:
            dom = normalize_domain(name)
        except AddressError as e:
            raise StoreError(str(e)) from e
        keys = dkim.generate_keys()

        def fn(tx: Tx) -> Domain:
            try:
                cur = tx.conn.execute("INSERT INTO domains (name, created) VALUES (?, ?)", (dom, now_ms()))
            except sqlite3.IntegrityError:
                raise StoreError(f"domain {dom} exists already") from None
            domain_id = int(cur.lastrowid or 0)
            _insert_dkim_keys(tx.conn, domain_id, keys)
            return Domain(id=domain_id, name=dom)

        return self._write(fn)

    def dkim_keys(self, domain: str) -> list[DKIMKey]:
        """The signing keys of a local domain, created on first use (generating an RSA
        key takes a while); [] for other domains."""
        found = self.known_dkim_keys(domain)
        if found is not None:
            return found
        keys = dkim.generate_keys()

        def fn(tx: Tx) -> None:
            (domain_id,) = tx.conn.execute("SELECT id FROM domains WHERE name = ?", (domain,)).fetchone()
            if tx.conn.execute("SELECT 1 FROM dkim_keys WHERE domain_id = ?", (domain_id,)).fetchone():
                return  # created concurrently
            _insert_dkim_keys(tx.conn, domain_id, keys)

        self._write(fn)
        return self.dkim_keys(domain)

    def known_dkim_keys(self, domain: str) -> list[DKIMKey] | None:
        """The signing keys of a local domain, [] for other domains, None for a local
        domain that has none yet. Remembered as the lookups are (LOOKUP_TTL_S): every
        message sent reads them."""
        found = self._lookups.get(("dkim_keys", domain), lambda: self._dkim_keys(domain))
        if found:
            return list(found)
        local = self._lookups.get(("domains",), lambda: tuple(d.name for d in self.domains()))
        return None if domain in local else []

    def _dkim_keys(self, domain: str) -> tuple[DKIMKey, ...]:
        rows = self.db.read_sync(
            lambda c: c.execute(
                "SELECT k.selector, k.algorithm, k.private_pem FROM dkim_keys k JOIN domains d ON d.id = k.domain_id"
                " WHERE d.name = ? ORDER BY k.algorithm",
                (domain,),
            ).fetchall()
        )
        return tuple(DKIMKey(selector=r[0], algorithm=r[1], private_pem=r[2]) for r in rows)

    def domains(self) -> list[Domain]:
        rows = self.db.read_sync(lambda c: c.execute("SELECT id, name FROM domains ORDER BY name").fetchall())
        return [Domain(id=r["id"], name=r["name"]) for r in rows]

    def add_account(self, name: str, password: str | None = None, address: str | None = None) -> Account:
        """A new account with the default mailboxes and, given address, that address: all
        of it in one transaction, so a refused address leaves no account behind."""
        if not name or any(c.isspace() or c in "/@" for c in name):
            raise StoreError(f"invalid account name {name!r}: no spaces, '/' or '@'")
        addr = _parsed_address(address) if address is not None else None
        pw_hash = credentials.hash_password(password) if password is not None else None
        scram = credentials.scram_credentials(password) if password is not None else None

        def fn(tx: Tx) -> Account:
            now = now_ms()
            try:
                cur = tx.conn.execute(
                    "INSERT INTO accounts (name, password_hash, scram_sha256, created) VALUES (?, ?, ?, ?)",
                    (name, pw_hash, scram, now),
                )
            except sqlite3.IntegrityError:
                raise StoreError(f"account {name} exists already") from None
            account_id = int(cur.lastrowid or 0)
            modseq = next_modseq(tx.conn, account_id)
            for mbname, role in DEFAULT_MAILBOXES:
                create_mailbox_row(tx.conn, account_id, mbname, role, modseq)
            if addr is not None and address is not None:
                _insert_address(tx.conn, addr, address, account_id)
            return Account(id=account_id, name=name, catchall_separator="+")

        return self._write(fn)

    def account(self, name: str) -> Account | None:
        row = self.db.read_sync(
            lambda c: c.execute("SELECT id, name, catchall_separator FROM accounts WHERE name = ?", (name,)).fetchone()
        )
        return None if row is None else Account(row["id"], row["name"], row["catchall_separator"])

    def set_password(self, account_name: str, password: str) -> None:
        """A new password; the account's browser sessions end with the old one."""
        pw_hash = credentials.hash_password(password)
        scram = credentials.scram_credentials(password)

        def fn(tx: Tx) -> None:
            row = tx.conn.execute(
                "UPDATE accounts SET password_hash = ?, scram_sha256 = ? WHERE name = ? RETURNING id",
                (pw_hash, scram, account_name),
            ).fetchone()
            if row is None:
                raise StoreError(f"no account {account_name}")
            end_all(tx.conn, row[0])

        self._write(fn)

    def add_address(self, address: str, account_name: str) -> Address:
        """Give an account an address; ``@domain`` makes it the domain's catch-all."""
        addr = _parsed_address(address)

        def fn(tx: Tx) -> Address:
            if tx.conn.execute("SELECT 1 FROM domains WHERE name = ?", (addr.domain,)).fetchone() is None:
                raise StoreError(f"domain {addr.domain} is not configured; add it first")
            acc = tx.conn.execute("SELECT id FROM accounts WHERE name = ?", (account_name,)).fetchone()
            if acc is None:
                raise StoreError(f"no account {account_name}")
            _insert_address(tx.conn, addr, address, acc["id"])
            return addr

        return self._write(fn)

    def add_alias(self, address: str, member_accounts: list[str]) -> Address:
        """An address delivering to several accounts."""
        try:
            addr = parse_address(address)
        except AddressError as e:
            raise StoreError(f"invalid address {address!r}: {e}") from e
        if not member_accounts:
            raise StoreError("an alias needs at least one member account")

        def fn(tx: Tx) -> Address:
            c = tx.conn
            dom = c.execute("SELECT id FROM domains WHERE name = ?", (addr.domain,)).fetchone()
            if dom is None:
                raise StoreError(f"domain {addr.domain} is not configured; add it first")
            lp = normalize_localpart(addr.localpart)
            if c.execute("SELECT 1 FROM addresses WHERE domain_id = ? AND localpart = ?", (dom["id"], lp)).fetchone():
                raise StoreError(f"{address} is an account's address already")
            try:
                cur = c.execute(
                    "INSERT INTO aliases (localpart, domain_id, created) VALUES (?, ?, ?)", (lp, dom["id"], now_ms())
                )
            except sqlite3.IntegrityError:
                raise StoreError(f"alias {address} exists already") from None
            for name in member_accounts:
                acc = c.execute("SELECT id FROM accounts WHERE name = ?", (name,)).fetchone()
                if acc is None:
                    raise StoreError(f"no account {name}")
                c.execute("INSERT OR IGNORE INTO alias_members VALUES (?, ?)", (cur.lastrowid, acc["id"]))
            return addr

        return self._write(fn)

    def addresses(self, account_name: str) -> list[str]:
        return list(self._lookups.get(("addresses", account_name), lambda: tuple(self._addresses(account_name))))

    def _addresses(self, account_name: str) -> list[str]:
        rows = self.db.read_sync(
            lambda c: c.execute(
                "SELECT a.localpart, d.name FROM addresses a JOIN domains d ON d.id = a.domain_id "
                "JOIN accounts acc ON acc.id = a.account_id WHERE acc.name = ? ORDER BY d.name, a.localpart",
                (account_name,),
            ).fetchall()
        )
        return [f"{r[0]}@{r[1]}" if r[0] else f"@{r[1]}" for r in rows]

    # -- resolution and login --

    def resolve(self, addr: Address, catchall_account: int | None = None) -> Resolution:
        """Find the accounts mail for addr goes to.

        Order: exact address, address without its "+tag" (per the owning account's
        separator), alias, the domain's catch-all. catchall_account receives mail for
        domains that are not configured at all (localserve's "accept everything").
        """
        return self._lookups.get(
            ("resolve", addr.localpart, addr.domain, catchall_account),
            lambda: self.db.read_sync(lambda c: _resolve(c, addr, catchall_account)),
        )

    def login(self, login: str) -> LoginAccount | None:
        """The account a login address (an exact address, no tag) belongs to."""
        try:
            addr = parse_address(login)
        except AddressError:
            return None
        return self._lookups.get(("login", addr.localpart, addr.domain), lambda: self._login(addr))

    def _login(self, addr: Address) -> LoginAccount | None:
        row = self.db.read_sync(
            lambda c: c.execute(
                "SELECT acc.id, acc.name, acc.password_hash, acc.scram_sha256 FROM addresses a "
                "JOIN domains d ON d.id = a.domain_id JOIN accounts acc ON acc.id = a.account_id "
                "WHERE d.name = ? AND a.localpart = ?",
                (addr.domain, normalize_localpart(addr.localpart)),
            ).fetchone()
        )
        if row is None:
            return None
        return LoginAccount(row[0], row[1], row[2], row[3])

    # -- mailboxes and messages --

    def mailboxes(self, account_id: int) -> list[Mailbox]:
        rows = self.db.read_sync(
            lambda c: c.execute("SELECT * FROM mailboxes WHERE account_id = ? ORDER BY name", (account_id,)).fetchall()
        )
        return [mailbox_of(r) for r in rows]

    def mailbox_name(self, mailbox_id: int) -> str:
        row = self.db.read_sync(
            lambda c: c.execute("SELECT name FROM mailboxes WHERE id = ?", (mailbox_id,)).fetchone()
        )
        return "" if row is None else str(row[0])

    def mailbox_by_role(self, account_id: int, role: str) -> Mailbox | None:
        row = self.db.read_sync(
            lambda c: c.execute(
                "SELECT * FROM mailboxes WHERE account_id = ? AND special_use = ?", (account_id, role)
            ).fetchone()
        )
        return None if row is None else mailbox_of(row)

    def messages(self, mailbox_id: int) -> list[MessageSummary]:
        rows = self.db.read_sync(
            lambda c: c.execute("SELECT * FROM messages WHERE mailbox_id = ? ORDER BY uid", (mailbox_id,)).fetchall()
        )
        return [summary(r) for r in rows]

    def message_structure(self, message_id: int) -> tuple[Part, Envelope]:
        row = self.db.read_sync(
            lambda c: c.execute("SELECT structure, envelope FROM messages WHERE id = ?", (message_id,)).fetchone()
        )
        if row is None:
            raise StoreError(f"no message {message_id}")
        return _part_dec.decode(row[0]), _envelope_dec.decode(row[1])

    def message_path(self, message_id: int) -> Path:
        return self.msg_dir / str(message_id // 1000) / str(message_id)

    # -- delivery --

    async def deliver(
        self,
        data: bytes,
        targets: list[Target],
        meta: DeliveryMeta,
        *,
        events: bool = False,
        replacing: int | None = None,
        received: int | None = None,
    ) -> list[Delivered]:
        """Store one message for each target; returns once it is durable. events: also
        record an `incoming` event for each (for the accounts' webhooks). replacing: a
        message of the (single) target's account removed in the same transaction (a
        draft saved again). received: the internal date to record (unix ms; IMAP APPEND
        may give one), now when None."""
        if not targets:
            return []
        p = await self.prepare(data, targets, meta, events=events)
        delivered = await self.db.write(
            lambda tx: self._insert(
                tx, p.data, p.structure, p.envelope, p.idx, targets, meta, events, replacing, received
            ),
            on_loop=len(p.data) <= ON_LOOP_SIZE,
            size=len(p.data),
        )
        self.changes.notify(*(t.account_id for t in targets))
        return delivered

    async def prepare(self, data: bytes, targets: list[Target], meta: DeliveryMeta, *, events: bool) -> Prepared:
        """A message parsed for storing, to be stored by ``store_prepared`` inside another
        write (the outbound queue's record of the delivery), so both commit together."""
        data = crlf(data)
        # A small message is parsed on the loop: a hand-off to a thread and back costs more.
        small = len(data) <= ON_LOOP_SIZE
        structure, envelope, idx = self._parse(data) if small else await asyncio.to_thread(self._parse, data)
        return Prepared(data, structure, envelope, idx, targets, meta, events)

    def store_prepared(self, tx: Tx, p: Prepared) -> list[Delivered]:
        """Within a write transaction: store a prepared message for each of its targets.
        The caller calls ``changes.notify`` for the targets' accounts after the commit."""
        return self._insert(tx, p.data, p.structure, p.envelope, p.idx, p.targets, p.meta, p.events, None)

    def _parse(self, data: bytes) -> tuple[bytes, bytes, Indexed]:
        part, env = parse(data)
        return _enc.encode(part), _enc.encode(env), index(data, part, env)

    def _insert(
        self,
        tx: Tx,
        data: bytes,
        structure: bytes,
        envelope_json: bytes,
        idx: Indexed,
        targets: list[Target],
        meta: DeliveryMeta,
        events: bool,
        replacing: int | None,
        received: int | None = None,
    ) -> list[Delivered]:
        c = tx.conn
        env = _envelope_dec.decode(envelope_json)
        received = received or now_ms()
        out = []
        first: Path | None = None  # the file written; further recipients' copies are links to it
        auth = _enc.encode(meta.auth).decode()
        for t in targets:
            if t.mailbox_id:
                mb = c.execute(
                    "SELECT id, uidnext FROM mailboxes WHERE account_id = ? AND id = ?", (t.account_id, t.mailbox_id)
                ).fetchone()
            else:
                mb = c.execute(
                    "SELECT id, uidnext FROM mailboxes WHERE account_id = ? AND special_use = ?",
                    (t.account_id, t.mailbox_role),
                ).fetchone()
            if mb is None:
                raise StoreError(f"account {t.account_id} has no {t.mailbox_id or t.mailbox_role} mailbox")
            modseq = next_modseq(c, t.account_id)
            uid = mb["uidnext"]
            c.execute("UPDATE mailboxes SET uidnext = ?, modseq = ? WHERE id = ?", (uid + 1, modseq, mb["id"]))
            cur = c.execute(
                "INSERT INTO messages (account_id, mailbox_id, uid, modseq, created_modseq, flags, keywords, size,"
                " received, mail_from, rcpt_to, remote_ip, message_id, subject, envelope, structure, auth)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    t.account_id,
                    mb["id"],
                    uid,
                    modseq,
                    modseq,
                    t.flags,
                    _enc.encode(list(t.keywords)).decode(),
                    len(data),
                    received,
                    meta.mail_from,
                    t.rcpt_to,
                    meta.remote_ip,
                    env.message_id,
                    env.subject,
                    envelope_json,
                    structure,
                    auth,
                ),
            )
            msg_id = int(cur.lastrowid or 0)
            write_index(c, msg_id, t.account_id, idx, env.subject, received)
            log_change(c, t.account_id, modseq, "new", mb["id"], msg_id, uid)
            path = self.message_path(msg_id)
            make_parent(path)
            if first is None:
                tx.write_file(path, data)
                first = path
            else:
                tx.link_file(first, path)
            if events:
                add_incoming_event(c, t.account_id, msg_id, received)
            if replacing is not None:
                for i in expunge(c, t.account_id, [replacing], modseq):
                    tx.remove_file(self.message_path(i))
            out.append(Delivered(t.account_id, mb["id"], msg_id, uid, modseq))
        return out

    def _link(self, tx: Tx, src: Path, msg_id: int) -> None:
        """A message stored again under another id (IMAP COPY) shares src's file."""
        final = self.message_path(msg_id)
        make_parent(final)
        tx.link_file(src, final)


_BARE_LF = re.compile(rb"(?<!\r)\n")


def crlf(data: bytes) -> bytes:
    """Line ends as CRLF. Mail with bare LF line ends (not allowed by RFC 5322, but sent
    by careless software) is stored with CRLF, so that IMAP, which speaks CRLF, and sizes
    computed from the stored bytes agree."""
    if data.count(b"\n") == data.count(b"\r\n"):
        return data
    return _BARE_LF.sub(b"\r\n", data)


def _insert_dkim_keys(c: sqlite3.Connection, domain_id: int, keys: list[DKIMKey]) -> None:
    for k in keys:
        c.execute(
            "INSERT INTO dkim_keys (domain_id, selector, algorithm, private_pem, created) VALUES (?, ?, ?, ?, ?)",
            (domain_id, k.selector, k.algorithm, k.private_pem, now_ms()),
        )


def _checked_domain(name: str) -> str:
    try:
        return normalize_domain(name)
    except AddressError as e:
        raise StoreError(str(e)) from e


def _parsed_address(address: str) -> Address:
    """An account's address as given; ``@domain`` stands for the domain's catch-all."""
    if address.startswith("@"):
        return Address("", _checked_domain(address[1:]))
    try:
        return parse_address(address)
    except AddressError as e:
        raise StoreError(f"invalid address {address!r}: {e}") from e


def _insert_address(c: sqlite3.Connection, addr: Address, address: str, account_id: int) -> None:
    dom = c.execute("SELECT id FROM domains WHERE name = ?", (addr.domain,)).fetchone()
    if dom is None:
        raise StoreError(f"domain {addr.domain} is not configured; add it first")
    lp = normalize_localpart(addr.localpart)
    if c.execute("SELECT 1 FROM aliases WHERE domain_id = ? AND localpart = ?", (dom["id"], lp)).fetchone():
        raise StoreError(f"{address} is an alias already")
    try:
        c.execute(
            "INSERT INTO addresses (localpart, domain_id, account_id, created) VALUES (?, ?, ?, ?)",
            (lp, dom["id"], account_id, now_ms()),
        )
    except sqlite3.IntegrityError:
        raise StoreError(f"address {address} exists already") from None
    # Own-domain matching reads the domain's addresses: entries there may match differently now.
    rekey_suppressions(c, domain=addr.domain)


def _resolve(c: sqlite3.Connection, addr: Address, catchall_account: int | None) -> Resolution:
    dom = c.execute("SELECT id FROM domains WHERE name = ?", (addr.domain,)).fetchone()
    if dom is None:
        if catchall_account is not None:
            return Resolution("local", (catchall_account,))
        return Resolution("remote")
    domain_id = dom[0]
    lp = normalize_localpart(addr.localpart)
    if lp:
        row = c.execute(
            "SELECT account_id FROM addresses WHERE domain_id = ? AND localpart = ?", (domain_id, lp)
        ).fetchone()
        if row is not None:
            return Resolution("local", (row[0],))
        tagged = untagged(c, domain_id, lp)
        if tagged is not None:
            return Resolution("local", (tagged[1],))
        members = c.execute(
            "SELECT m.account_id FROM aliases al JOIN alias_members m ON m.alias_id = al.id"
            " WHERE al.domain_id = ? AND al.localpart = ? ORDER BY m.account_id",
            (domain_id, lp),
        ).fetchall()
        if members:
            return Resolution("local", tuple(r[0] for r in members))
    row = c.execute("SELECT account_id FROM addresses WHERE domain_id = ? AND localpart = ''", (domain_id,)).fetchone()
    if row is not None:
        return Resolution("local", (row[0],))
    return Resolution("unknown")


__all__ = ["Store", "StoreError", "fsync_dir"]
