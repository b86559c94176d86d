"""One IMAP connection (RFC 9051 IMAP4rev2, RFC 3501 IMAP4rev1) on the store.

Extensions: ENABLE (RFC 5161), IDLE (2177), NAMESPACE (2342), UNSELECT (3691),
UIDPLUS (4315), MOVE (6851), LITERAL+ (7888), ID (2971), SPECIAL-USE (6154),
LIST-EXTENDED (5258), LIST-STATUS (5819), CHILDREN (3348), ESEARCH (4731), SEARCHRES
(5182), CONDSTORE and QRESYNC (7162), APPENDLIMIT (7889), SASL-IR (4959), BINARY
(3516), STATUS=SIZE (8438), UTF8=ACCEPT (6855), COMPRESS=DEFLATE (4978); AUTH=PLAIN (4616) and
AUTH=SCRAM-SHA-256 (7677); STARTTLS and implicit TLS (8314).

Passwords travel only inside TLS or on loopback (LOGINDISABLED otherwise). Every
command's failure is a tagged NO or BAD with a response code where RFC 5530 has one;
an exception inside a command is logged and answered NO [SERVERBUG], and the session
goes on. An address that failed to log in too often (mta.authlimit) is answered
NO [UNAVAILABLE] until its window passes.

Not implemented: NOTIFY, MULTIAPPEND, CATENATE, SORT/THREAD,
\\Recent (always 0; IMAP4rev2 dropped it), per-flag modseqs in SEARCH MODSEQ.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import datetime
import ipaddress
import os
import re
import ssl
import time
import zlib
from collections.abc import Awaitable, Callable
from typing import Any

import msgspec

from mta.auth import Authenticator, TooManyFailures
from mta.imapserver import fetch as render
from mta.imapserver.fetch import Section, UnknownCTE, quoted_or_literal
from mta.imapserver.names import NameError_, from_wire, to_wire, utf7_decode
from mta.imapserver.parser import LITERAL_AT_END, SPILL_BYTES, Literal, ParseError, Parser, Segment, tag_of
from mta.imapserver.search import (
    SYSTEM_FLAG_BITS,
    Candidate,
    decode_addresses,
    matcher,
    needs,
    parse_program,
    sent_day_ms,
    unfold,
    uses_modseq,
)
from mta.imapserver.selected import Selected
from mta.imapserver.seqset import SeqSet, compact, ordered
from mta.log import cid_var, get_logger, new_cid
from mta.message import Envelope, Part
from mta.scram import ScramError, ScramServer
from mta.store import DeliveryMeta, LoginAccount, Store, Target
from mta.store.mail import MAX_KEYWORDS, MailError, unique_keywords
from mta.store.types import FLAG_SEEN, SYSTEM_FLAGS, Mailbox

log = get_logger("imapserver")

MAX_LINE = 64 * 1024
MAX_COMMAND_LITERALS = 1024 * 1024  # literals of one command other than APPEND's message
MAX_SEGMENTS = 1000  # lines and literals of one command
INFLATE_CHUNK = 256 * 1024  # COMPRESS: inflated at a time
INFLATE_BUFFER = 2 * 1024 * 1024  # COMPRESS: inflated but not yet read, at most
FLUSH_BYTES = 256 * 1024
IDLE_POLL_SECONDS = 20.0  # IDLE also rereads the change log this often (changes by other processes)

_part_dec = msgspec.json.Decoder(Part)
_env_dec = msgspec.json.Decoder(Envelope)
_kw_dec = msgspec.json.Decoder(list[str])
_SYSTEM_FLAGS_OUT = [(bit, name) for name, bit in SYSTEM_FLAGS.items()]
_ROLE_ATTR = {"sent": "\\Sent", "drafts": "\\Drafts", "trash": "\\Trash", "junk": "\\Junk", "archive": "\\Archive"}
_APPEND = re.compile(rb"^[^ ]+ APPEND ", re.I)
_DATE_TIME = re.compile(r"^\s?(\d{1,2})-([A-Za-z]{3})-(\d{4}) (\d\d):(\d\d):(\d\d) ([+-])(\d\d)(\d\d)$")
_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


class Refused(Exception):
    """A command answered NO, with an optional response code."""

    def __init__(self, text: str, code: str = "") -> None:
        super().__init__(text)
        self.code = code


class Bad(Exception):
    """A command answered BAD (wrong state, bad arguments)."""

    def __init__(self, text: str, code: str = "") -> None:
        super().__init__(text)
        self.code = code


class LineTooLong(Exception):
    pass


class FetchItem(msgspec.Struct):
    name: str  # ENVELOPE, FLAGS, BODY, BODY[], BINARY, BINARY.SIZE, ...
    section: Section | None = None
    partial: tuple[int, int] | None = None
    peek: bool = False
    label: str = ""  # how the response names it


class Config(msgspec.Struct, frozen=True):
    hostname: str
    max_message_size: int
    implicit_tls: bool = False
    idle_timeout: float = 1800.0  # RFC 9051: at least 30 minutes
    login_timeout: float = 60.0


class Session:
    def __init__(
        self,
        reader: asyncio.StreamReader,
        writer: asyncio.StreamWriter,
        store: Store,
        authenticator: Authenticator,
        config: Config,
        tls_context: ssl.SSLContext | None,
    ) -> None:
        self.reader = reader
        self.writer = writer
        self.store = store
        self.auth = authenticator
        self.config = config
        self.tls_context = tls_context
        self.tls = config.implicit_tls
        peer = writer.get_extra_info("peername") or ("", 0)
        self.remote_ip = str(peer[0])
        try:
            self.loopback = ipaddress.ip_address(self.remote_ip.split("%")[0]).is_loopback
        except ValueError:
            self.loopback = False
        self.cid = new_cid()
        self.account: LoginAccount | None = None
        self.inbox = "Inbox"
        self.sel: Selected | None = None
        self.enabled: set[str] = set()
        self.saved: list[int] = []  # SEARCHRES: UIDs of the last SEARCH ... SAVE
        self.out: list[bytes] = []
        self.out_size = 0
        self.closing = False
        self.busy = False
        self._deflate: Any = None  # zlib compressor once COMPRESS DEFLATE is on
        self._inflater: asyncio.Task[None] | None = None

    # -- output --

    def send(self, data: bytes) -> None:
        self.out.append(data)
        self.out_size += len(data)

    def untagged(self, text: str | bytes) -> None:
        self.send(b"* " + (text.encode() if isinstance(text, str) else text) + b"\r\n")

    def _write(self, data: bytes) -> None:
        """To the connection, compressed once COMPRESS DEFLATE is active (each write ends
        in a sync flush, so the client can decode everything it was sent)."""
        if self._deflate is not None:
            data = self._deflate.compress(data) + self._deflate.flush(zlib.Z_SYNC_FLUSH)
        self.writer.write(data)

    async def flush(self) -> None:
        if self.out:
            self._write(b"".join(self.out))
            self.out.clear()
            self.out_size = 0
        await self.writer.drain()

    async def maybe_flush(self) -> None:
        if self.out_size >= FLUSH_BYTES:
            await self.flush()

    @property
    def utf8(self) -> bool:
        return "UTF8=ACCEPT" in self.enabled or "IMAP4REV2" in self.enabled

    @property
    def rev2(self) -> bool:
        return "IMAP4REV2" in self.enabled

    @property
    def condstore(self) -> bool:
        return "CONDSTORE" in self.enabled or "QRESYNC" in self.enabled

    def capabilities(self) -> str:
        caps = ["IMAP4rev2", "IMAP4rev1"]
        if self.account is None:
            if not self.tls and self.tls_context is not None:
                caps.append("STARTTLS")
            if self.tls or self.loopback:
                caps += ["AUTH=SCRAM-SHA-256", "AUTH=PLAIN"]
            else:
                caps += ["AUTH=SCRAM-SHA-256", "LOGINDISABLED"]
            caps.append("SASL-IR")
        caps += [
            "ENABLE",
            "IDLE",
            "NAMESPACE",
            "UNSELECT",
            "UIDPLUS",
            "MOVE",
            "LITERAL+",
            "ID",
            "CHILDREN",
            "SPECIAL-USE",
            "LIST-EXTENDED",
            "LIST-STATUS",
            "ESEARCH",
            "SEARCHRES",
            "CONDSTORE",
            "QRESYNC",
            "BINARY",
            "STATUS=SIZE",
            "UTF8=ACCEPT",
            "COMPRESS=DEFLATE",
            f"APPENDLIMIT={self.config.max_message_size}",
        ]
        return " ".join(caps)

    # -- the connection --

    async def run(self) -> None:
        cid_var.set(self.cid)
        log.info("connection", remote_ip=self.remote_ip, tls=self.tls)
        self.untagged(f"OK [CAPABILITY {self.capabilities()}] Mailwright IMAP ready")
        try:
            await self.flush()
            while not self.closing:
                timeout = self.config.login_timeout if self.account is None else self.config.idle_timeout
                try:
                    async with asyncio.timeout(timeout):  # not wait_for, which can lose a cancel
                        segs = await self.read_command()
                except TimeoutError:
                    self.untagged("BYE [UNAVAILABLE] idle for too long, closing")
                    await self.flush()
                    break
                except LineTooLong:
                    self.untagged(
                        f"BYE [LIMIT] command too long (a line over {MAX_LINE} octets, or too much in one command)"
                    )
                    await self.flush()
                    break
                if segs is None:  # refused while reading (a literal over the limit)
                    self.busy = False
                    await self.flush()
                    continue
                try:
                    await self.command(segs)
                finally:
                    for s in segs:
                        if isinstance(s, Literal):
                            s.close()
                await self.flush()
        except (ConnectionError, asyncio.IncompleteReadError, ssl.SSLError, OSError):
            pass
        finally:
            self.closing = True
            if self._inflater is not None:
                self._inflater.cancel()
            try:
                self.writer.close()
            except (ConnectionError, OSError, RuntimeError, AttributeError):
                pass
            log.info("closed")

    def shutdown(self) -> None:
        """The service is stopping: say so and close, unless a command is being carried out."""
        if self.busy or self.closing:
            return
        self.closing = True
        try:
            if not self.writer.transport.is_closing():
                self._write(b"* BYE [UNAVAILABLE] server shutting down\r\n")
            self.writer.close()
        except (ConnectionError, OSError, RuntimeError, AttributeError):
            pass  # AttributeError: an SSL transport already torn down

    async def readline(self) -> bytes:
        try:
            line = await self.reader.readuntil(b"\n")
        except asyncio.LimitOverrunError:
            raise LineTooLong() from None
        except asyncio.IncompleteReadError as e:
            if e.partial:
                raise
            raise ConnectionError("closed by client") from None
        return line[:-2] if line.endswith(b"\r\n") else line[:-1]

    async def read_command(self) -> list[Segment] | None:
        """One command: its lines and literals. None when it was answered already (a
        literal over the limit). A command's lines and literals together are bounded:
        APPEND's by the message size limit, others' by MAX_COMMAND_LITERALS, and before
        login by MAX_LINE (nothing needs more there)."""
        line = await self.readline()
        self.busy = True
        segs: list[Segment] = []
        is_append = _APPEND.match(line) is not None and self.account is not None
        if self.account is None:
            limit = MAX_LINE
        elif is_append:
            limit = self.config.max_message_size
        else:
            limit = MAX_COMMAND_LITERALS
        total = 0
        while True:
            segs.append(line)
            total += len(line)
            if total > limit + MAX_LINE or len(segs) > MAX_SEGMENTS:
                raise LineTooLong()
            m = LITERAL_AT_END.search(line)
            if m is None:
                return segs
            n = int(m[2])
            sync = not m[3]
            total += n
            if n > limit or total > limit + MAX_LINE:
                first = segs[0]
                tag = tag_of(first if isinstance(first, bytes) else b"")
                if not sync:
                    await self._discard(n)
                    await self._discard_rest()
                code = "TOOBIG" if is_append else "LIMIT"
                self.send(f"{tag} NO [{code}] literal of {n} octets is over the limit of {limit}\r\n".encode())
                return None
            if sync:
                self.send(b"+ Ready for literal data\r\n")
                await self.flush()
            segs.append(await self._read_literal(n, binary=bool(m[1])))
            line = await self.readline()

    async def _read_literal(self, n: int, binary: bool) -> Literal:
        lit = Literal(n, binary)
        if n <= SPILL_BYTES:
            lit.set_data(await self.reader.readexactly(n))
            return lit
        fd = lit.open_spill(str(self.store.tmp_dir))
        try:
            left = n
            while left:
                chunk = await self.reader.readexactly(min(left, SPILL_BYTES))
                await asyncio.to_thread(_write_all, fd, chunk)
                left -= len(chunk)
        finally:
            os.close(fd)
        return lit

    async def _discard(self, n: int) -> None:
        while n:
            chunk = await self.reader.read(min(n, SPILL_BYTES))
            if not chunk:
                raise ConnectionError("closed by client")
            n -= len(chunk)

    async def _discard_rest(self) -> None:
        """The rest of a refused command: its remaining lines and non-synchronizing literals."""
        while True:
            line = await self.readline()
            m = LITERAL_AT_END.search(line)
            if m is None or not m[3]:
                return
            await self._discard(int(m[2]))

    # -- dispatch --

    async def command(self, segs: list[Segment]) -> None:
        first = segs[0]
        assert isinstance(first, bytes)
        p = Parser(segs)
        tag = "*"
        try:
            tag = p.atom(_TAG_SPECIALS)
            p.sp()
            name = p.atom().upper()
        except ParseError:
            self.send(f"{tag_of(first)} BAD expected a tag, a space and a command\r\n".encode())
            self.busy = False
            return
        uid = False
        if name == "UID":
            try:
                p.sp()
                name = p.atom().upper()
            except ParseError:
                self.send(f"{tag} BAD UID needs a command\r\n".encode())
                self.busy = False
                return
            if name not in ("FETCH", "STORE", "COPY", "MOVE", "SEARCH", "EXPUNGE"):
                self.send(f"{tag} BAD unknown command UID {name}\r\n".encode())
                self.busy = False
                return
            uid = True
        handler = _COMMANDS.get(name)
        started = time.monotonic()
        try:
            if handler is None:
                raise Bad(f"unknown command {name}")
            states, fn = handler
            state = "selected" if self.sel is not None else ("auth" if self.account is not None else "notauth")
            if state not in states and not (state == "selected" and "auth" in states):
                if state == "notauth":
                    raise Bad(f"{name} needs a logged-in session (LOGIN or AUTHENTICATE first)")
                if "selected" in states:
                    raise Bad(f"{name} needs a selected mailbox (SELECT first)")
                raise Bad(f"{name} is not allowed in this state")
            if name == "ENABLE" and state == "selected":
                raise Bad("ENABLE is for the authenticated state, before SELECT (RFC 5161)")
            text = await fn(self, tag, p, uid)
            # Nothing after BYE (RFC 9051 6.1.3); SELECT has just told everything. Expunges
            # wait during FETCH, STORE and SEARCH by sequence number (RFC 9051 7.5.1).
            if not self.closing and name not in ("SELECT", "EXAMINE"):
                self.updates(expunges=uid or name not in ("FETCH", "STORE", "SEARCH"))
            if text is not None:
                self.send(f"{tag} {text}\r\n".encode())
        except ParseError as e:
            self.send(f"{tag} BAD {e}\r\n".encode())
        except Bad as e:
            code = f"[{e.code}] " if e.code else ""
            self.send(f"{tag} BAD {code}{e}\r\n".encode())
        except Refused as e:
            code = f"[{e.code}] " if e.code else ""
            self.send(f"{tag} NO {code}{e}\r\n".encode())
        except MailError as e:
            code = {"not_found": "NONEXISTENT", "conflict": "ALREADYEXISTS", "invalid": "CANNOT"}.get(e.code, "")
            if "at most" in str(e):
                code = "LIMIT"
            self.send(f"{tag} NO [{code}] {e}\r\n".encode())
        except (ConnectionError, asyncio.IncompleteReadError, ssl.SSLError):
            raise
        except Exception:
            log.exception("command failed", command=name)
            self.send(f"{tag} NO [SERVERBUG] internal error; it was logged\r\n".encode())
        finally:
            self.busy = False
            if log.is_debug():
                log.debug("command", command=name, ms=round((time.monotonic() - started) * 1000, 1))
        if self.sel is not None and self.sel.gone:
            self.untagged("BYE [NONEXISTENT] the selected mailbox was deleted")
            self.closing = True

    def updates(self, expunges: bool) -> None:
        """Tell the client what changed in the selected mailbox."""
        sel = self.sel
        if sel is None:
            return
        before = len(sel.uids)
        if not sel.poll() and len(sel.uids) == before:
            return
        up = sel.take(expunges)
        if up.expunged:
            self.send_expunged(up.expunged)
        if up.flags:
            for st in self.store.imap.flags(sel.id, up.flags):
                seq = sel.seq_of(st.uid)
                if seq:
                    self.untagged(f"{seq} FETCH ({self.flags_items(st.flags, st.keywords, st.uid, st.modseq)})")
        if len(sel.uids) != before or up.expunged:
            self.untagged(f"{len(sel.uids)} EXISTS")

    def send_expunged(self, uids: list[int]) -> None:
        sel = self.sel
        assert sel is not None
        if "QRESYNC" in self.enabled:
            present = [u for u in uids if sel.seq_of(u)]
            sel.remove(uids)
            if present:
                self.untagged(f"VANISHED {compact(present)}")
            return
        for seq in sel.remove(uids):
            self.untagged(f"{seq} EXPUNGE")

    def flags_items(self, flags: int, keywords: list[str], uid: int, modseq: int) -> str:
        out = f"FLAGS ({flag_text(flags, keywords)}) UID {uid}"
        if self.condstore:
            out += f" MODSEQ ({modseq})"
        return out

    # -- any state --

    async def c_capability(self, tag: str, p: Parser, uid: bool) -> str:
        p.end()
        self.untagged(f"CAPABILITY {self.capabilities()}")
        return "OK CAPABILITY completed"

    async def c_noop(self, tag: str, p: Parser, uid: bool) -> str:
        p.end()
        return "OK NOOP completed"

    async def c_logout(self, tag: str, p: Parser, uid: bool) -> str:
        p.end()
        self.untagged("BYE Mailwright IMAP signing off")
        self.closing = True
        return "OK LOGOUT completed"

    async def c_id(self, tag: str, p: Parser, uid: bool) -> str:
        p.sp()
        if not p.take(b"NIL"):
            p.expect(b"(")
            fields = 0
            while not p.take(b")"):
                if fields:
                    p.sp()
                p.string()
                p.sp()
                p.nstring()
                fields += 1
                if fields > 30:
                    raise Bad("ID takes at most 30 fields")
        p.end()
        self.untagged('ID ("name" "Mailwright" "vendor" "Mailwright")')
        return "OK ID completed"

    async def c_compress(self, tag: str, p: Parser, uid: bool) -> str | None:
        """COMPRESS DEFLATE (RFC 4978): raw deflate both ways from the next octet on."""
        p.sp()
        mech = p.atom().upper()
        p.end()
        if mech != "DEFLATE":
            raise Bad(f"unknown compression {mech}; this server has DEFLATE")
        if self._deflate is not None:
            raise Refused("compression is active already", "COMPRESSIONACTIVE")
        self.send(f"{tag} OK DEFLATE active\r\n".encode())
        await self.flush()
        self._deflate = zlib.compressobj(6, zlib.DEFLATED, -15)
        raw, inflated = self.reader, asyncio.StreamReader(limit=MAX_LINE + 6 * 1024)
        inflate = zlib.decompressobj(-15)
        # Octets the client sent after COMPRESS were compressed already.
        pending = getattr(raw, "_buffer", None)
        first = b""
        if isinstance(pending, bytearray) and pending:
            first = bytes(pending)
            pending.clear()

        async def pump() -> None:
            data = first
            try:
                while True:
                    if data:
                        out = inflate.decompress(data, INFLATE_CHUNK)
                        while out:
                            inflated.feed_data(out)
                            # Backpressure: a few compressed octets can inflate to gigabytes;
                            # wait for the session to consume what is buffered.
                            while len(getattr(inflated, "_buffer", b"")) > INFLATE_BUFFER:  # noqa: ASYNC110
                                await asyncio.sleep(0.005)
                            out = inflate.decompress(inflate.unconsumed_tail, INFLATE_CHUNK)
                    data = await raw.read(65536)
                    if not data:
                        break
            except (zlib.error, ConnectionError, OSError) as e:
                log.info("compressed stream ended", error=str(e))
            inflated.feed_eof()

        self.reader = inflated
        self._inflater = asyncio.create_task(pump())
        return None

    # -- not authenticated --

    async def c_starttls(self, tag: str, p: Parser, uid: bool) -> str | None:
        p.end()
        if self.tls or self.tls_context is None:
            raise Bad("TLS is active already" if self.tls else "STARTTLS is not offered here")
        self.send(f"{tag} OK begin TLS now\r\n".encode())
        await self.flush()
        # Whatever the client sent after STARTTLS, before the handshake, came in plaintext:
        # executing it inside TLS would let a man in the middle inject commands (RFC 7817
        # section 3, the "STARTTLS command injection" attacks). It is dropped.
        pending = getattr(self.reader, "_buffer", None)
        if isinstance(pending, bytearray) and pending:
            log.warning("plaintext after STARTTLS dropped", octets=len(pending))
            pending.clear()
        await self.writer.start_tls(self.tls_context)
        self.tls = True
        return None

    def _plain_allowed(self) -> None:
        if not (self.tls or self.loopback):
            raise Refused("passwords only over TLS: use STARTTLS or port 993 first", "PRIVACYREQUIRED")

    async def c_login(self, tag: str, p: Parser, uid: bool) -> str:
        p.sp()
        user = p.astring()
        p.sp()
        password = p.astring()
        p.end()
        self._plain_allowed()
        return await self._verified(await self._password(user, password), user)

    async def _password(self, login: str, password: str) -> LoginAccount | None:
        try:
            return await self.auth.verify(login, password, self.remote_ip)
        except TooManyFailures as e:
            raise _throttled(e) from None

    async def _verified(self, account: LoginAccount | None, login: str) -> str:
        if account is None:
            raise Refused("wrong login or password", "AUTHENTICATIONFAILED")
        self.account = account
        inbox = self.store.mailbox_by_role(account.account_id, "inbox")
        self.inbox = inbox.name if inbox is not None else "Inbox"
        log.info("logged in", login=login, account=account.name)
        return f"OK [CAPABILITY {self.capabilities()}] logged in"

    async def c_authenticate(self, tag: str, p: Parser, uid: bool) -> str:
        p.sp()
        mech = p.atom().upper()
        initial: bytes | None = None
        if p.peek() == 32:
            p.sp()
            initial = b"" if p.take(b"=") else p.atom().encode()
        p.end()
        if mech == "PLAIN":
            self._plain_allowed()
            data = initial if initial is not None else await self._challenge(b"")
            raw = _b64(data)
            try:
                authz, user, password = raw.decode("utf-8").split("\0")
            except (UnicodeDecodeError, ValueError):
                raise Bad("malformed PLAIN response") from None
            if authz and authz.lower() != user.lower():
                raise Refused("authorization identity must be empty or the login", "AUTHORIZATIONFAILED")
            return await self._verified(await self._password(user, password), user)
        if mech == "SCRAM-SHA-256":
            scram = ScramServer()
            first = _b64(initial if initial is not None else await self._challenge(b""))
            try:
                login = scram.start(first)
            except ScramError as e:
                raise Bad(str(e)) from None
            try:
                account, stored, attempt = self.auth.scram_lookup(login, self.remote_ip)
            except TooManyFailures as e:
                raise _throttled(e) from None
            # Counted as a failure until the proof is checked, whatever happens on the way.
            final = _b64(await self._challenge(scram.challenge(stored)))
            try:
                server_final = scram.finish(final)
            except ScramError:
                self.auth.end(attempt, False)
                raise Refused("wrong login or password", "AUTHENTICATIONFAILED") from None
            self.auth.end(attempt, True)
            await self._challenge(server_final)
            return await self._verified(account, login)
        raise Refused(f"unknown mechanism {mech}; this server has PLAIN and SCRAM-SHA-256", "CANNOT")

    async def _challenge(self, data: bytes) -> bytes:
        self.send(b"+ " + base64.b64encode(data) + b"\r\n")
        await self.flush()
        async with asyncio.timeout(self.config.login_timeout):
            line = await self.readline()
        if line.strip() == b"*":
            raise Bad("authentication canceled")
        return line.strip()

    # -- authenticated --

    async def c_enable(self, tag: str, p: Parser, uid: bool) -> str:
        done = []
        while p.peek() == 32:
            p.sp()
            cap = p.atom().upper()
            if cap in ("CONDSTORE", "QRESYNC", "UTF8=ACCEPT", "IMAP4REV2") and cap not in self.enabled:
                self.enabled.add(cap)
                done.append({"IMAP4REV2": "IMAP4rev2"}.get(cap, cap))
                if cap == "QRESYNC" and "CONDSTORE" not in self.enabled:
                    self.enabled.add("CONDSTORE")
        p.end()
        self.untagged("ENABLED" + "".join(" " + d for d in done))
        return "OK ENABLE completed"

    def mailbox_name(self, p: Parser) -> str:
        raw = p.astring()
        if not _valid_utf8(raw):
            raise Bad("mailbox name is not valid UTF-8")
        try:
            name = from_wire(raw, self.utf8, self.inbox)
        except NameError_ as e:
            raise Bad(str(e)) from None
        return name.rstrip("/") if name.endswith("/") and len(name) > 1 else name

    def find(self, name: str) -> Mailbox:
        assert self.account is not None
        mb = self.store.imap.find(self.account.account_id, name)
        if mb is None:
            raise Refused(f"no mailbox {name!r}", "NONEXISTENT")
        return mb

    def wire_name(self, name: str) -> bytes:
        return quoted_or_literal(to_wire(name, self.utf8, self.inbox))

    async def c_select(self, tag: str, p: Parser, uid: bool, readonly: bool = False) -> str:
        assert self.account is not None
        p.sp()
        name = self.mailbox_name(p)
        qresync: tuple[int, int, SeqSet | None] | None = None
        if p.peek() == 32:
            p.sp()
            p.expect(b"(")
            while not p.take(b")"):
                opt = p.atom().upper()
                if opt == "CONDSTORE":
                    self.enabled.add("CONDSTORE")
                elif opt == "QRESYNC":
                    if "QRESYNC" not in self.enabled:
                        raise Bad("QRESYNC must be enabled first (ENABLE QRESYNC)")
                    p.sp()
                    p.expect(b"(")
                    validity = p.nz_number()
                    p.sp()
                    modseq = p.number64()
                    known = None
                    if p.peek() == 32:
                        p.sp()
                        if p.peek() != 40:
                            known = p.seqset()
                            if p.peek() == 32:
                                p.sp()
                        if p.take(b"("):  # seq-match-data: accepted, not needed (VANISHED is exact here)
                            p.seqset()
                            p.sp()
                            p.seqset()
                            p.expect(b")")
                    p.expect(b")")
                    qresync = (validity, modseq, known)
                else:
                    raise Bad(f"unknown SELECT option {opt}")
                if p.peek() == 32:
                    p.sp()
        p.end()
        if self.sel is not None:
            self.sel = None
            if self.condstore or self.rev2:
                self.untagged("OK [CLOSED] previous mailbox closed")
        mb = self.find(name)
        snap = self.store.imap.snapshot(self.account.account_id, mb.id)
        if snap is None:
            raise Refused(f"no mailbox {name!r}", "NONEXISTENT")
        sel = Selected(self.store, self.account.account_id, snap.mailbox, snap.uids, snap.account_modseq, readonly)
        self.saved = []
        sel.keywords = list(snap.keywords)
        flags = " ".join([*SYSTEM_FLAGS, *snap.keywords])
        self.untagged(f"{len(snap.uids)} EXISTS")
        if not self.rev2:
            self.untagged("0 RECENT")
        self.untagged(f"FLAGS ({flags})")
        perm = "" if readonly else f"{' '.join(SYSTEM_FLAGS)} \\*"
        self.untagged(f"OK [PERMANENTFLAGS ({perm})] flags that can be changed")
        self.untagged(f"OK [UIDVALIDITY {snap.mailbox.uidvalidity}] UIDs valid")
        self.untagged(f"OK [UIDNEXT {snap.mailbox.uidnext}] predicted next UID")
        status = self.store.imap.statuses(self.account.account_id, mb.id).get(mb.id)
        highest = status.highestmodseq if status is not None else 1
        self.untagged(f"OK [HIGHESTMODSEQ {highest}] highest modseq")
        if not self.rev2 and status is not None and status.unseen:
            rows = self.store.imap.rows(mb.id, snap.uids, "flags")
            first = next((i for i, r in enumerate(rows, 1) if not r["flags"] & FLAG_SEEN), 0)
            if first:
                self.untagged(f"OK [UNSEEN {first}] first unseen message")
        if self.rev2:
            self.send(b'* LIST () "/" ' + self.wire_name(mb.name) + b"\r\n")
        self.sel = sel
        if qresync is not None and qresync[0] == snap.mailbox.uidvalidity:
            self._qresync(qresync[1], qresync[2])
        return f"OK [{'READ-ONLY' if readonly else 'READ-WRITE'}] {'EXAMINE' if readonly else 'SELECT'} completed"

    def _qresync(self, since: int, known: SeqSet | None) -> None:
        """After SELECT (QRESYNC ...): what was expunged and what changed since modseq."""
        sel = self.sel
        assert sel is not None and self.account is not None
        vanished = self._vanished(since, sel.uids[-1] if sel.uids else 0)
        if known is not None and vanished:
            vanished = set(known.select_sorted(sorted(vanished)))
        if vanished:
            self.untagged(f"VANISHED (EARLIER) {compact(vanished)}")
        for st in self.store.imap.flags(sel.id, sel.uids):
            if st.modseq > since:
                seq = sel.seq_of(st.uid)
                self.untagged(f"{seq} FETCH ({self.flags_items(st.flags, st.keywords, st.uid, st.modseq)})")

    async def c_examine(self, tag: str, p: Parser, uid: bool) -> str:
        return await self.c_select(tag, p, uid, readonly=True)

    async def c_create(self, tag: str, p: Parser, uid: bool) -> str:
        assert self.account is not None
        p.sp()
        name = self.mailbox_name(p)
        if p.peek() == 32:  # RFC 6154 CREATE-SPECIAL-USE: (USE (\Sent)) accepted only without effect
            p.sp()
            p.expect(b"(")
            p.atom()
            p.sp()
            p.flag_list()
            p.expect(b")")
        p.end()
        if name.upper() == "INBOX" or name == self.inbox:
            raise Refused("INBOX exists already", "ALREADYEXISTS")
        await self.store.mail.create_mailbox(self.account.account_id, name)
        return "OK CREATE completed"

    async def c_delete(self, tag: str, p: Parser, uid: bool) -> str:
        assert self.account is not None
        p.sp()
        name = self.mailbox_name(p)
        p.end()
        mb = self.find(name)
        if mb.special_use == "inbox":
            raise Refused("INBOX cannot be deleted", "CANNOT")
        try:
            await self.store.mail.delete_mailbox(self.account.account_id, mb.id)
        except MailError as e:
            raise Refused(str(e), "HASCHILDREN" if "under it" in str(e) else "CANNOT") from None
        if self.sel is not None and self.sel.id == mb.id:
            self.sel = None
        return "OK DELETE completed"

    async def c_rename(self, tag: str, p: Parser, uid: bool) -> str:
        assert self.account is not None
        p.sp()
        old = self.mailbox_name(p)
        p.sp()
        new = self.mailbox_name(p)
        p.end()
        mb = self.find(old)
        if new.upper() == "INBOX" or new == self.inbox:
            raise Refused("INBOX exists already", "ALREADYEXISTS")
        if mb.special_use == "inbox":
            await self.store.imap.rename_inbox(self.account.account_id, new)
        else:
            await self.store.mail.update_mailbox(self.account.account_id, mb.id, name=new)
        return "OK RENAME completed"

    async def c_subscribe(self, tag: str, p: Parser, uid: bool, on: bool = True) -> str:
        assert self.account is not None
        p.sp()
        name = self.mailbox_name(p)
        p.end()
        mb = self.find(name)
        await self.store.mail.update_mailbox(self.account.account_id, mb.id, subscribed=on)
        return f"OK {'SUBSCRIBE' if on else 'UNSUBSCRIBE'} completed"

    async def c_unsubscribe(self, tag: str, p: Parser, uid: bool) -> str:
        return await self.c_subscribe(tag, p, uid, on=False)

    async def c_namespace(self, tag: str, p: Parser, uid: bool) -> str:
        p.end()
        self.untagged('NAMESPACE (("" "/")) NIL NIL')
        return "OK NAMESPACE completed"

    async def c_list(self, tag: str, p: Parser, uid: bool, lsub: bool = False) -> str:
        assert self.account is not None
        p.sp()
        select: set[str] = set()
        if not lsub and p.peek() == 40:
            select = {s.upper() for s in p.paren_list()}
            p.sp()
            unknown = select - {"SUBSCRIBED", "REMOTE", "RECURSIVEMATCH", "SPECIAL-USE"}
            if unknown:
                raise Bad(f"unknown LIST selection option {sorted(unknown)[0]}")
            if select == {"RECURSIVEMATCH"}:
                raise Bad("RECURSIVEMATCH needs another selection option")
        ref = p.list_mailbox()
        p.sp()
        patterns: list[str] = []
        if not lsub and p.peek() == 40:
            p.pos += 1
            while not p.take(b")"):
                if patterns:
                    p.sp()
                patterns.append(p.list_mailbox())
        else:
            patterns.append(p.list_mailbox())
        returns: set[str] = set()
        status_items: list[str] = []
        if not lsub and p.peek() == 32:
            p.sp()
            p.expect(b"RETURN")
            p.sp()
            p.expect(b"(")
            while not p.take(b")"):
                opt = p.atom().upper()
                if opt == "STATUS":
                    p.sp()
                    status_items = [s.upper() for s in p.paren_list()]
                    _check_status_items(status_items)
                elif opt in ("SUBSCRIBED", "CHILDREN", "SPECIAL-USE"):
                    pass
                else:
                    raise Bad(f"unknown LIST return option {opt}")
                returns.add(opt)
                if p.peek() == 32:
                    p.sp()
        p.end()
        if lsub:
            select = {"SUBSCRIBED"}
        if patterns == [""]:
            self.untagged(f'{"LSUB" if lsub else "LIST"} (\\Noselect) "/" ""')
            return f"OK {'LSUB' if lsub else 'LIST'} completed"
        try:
            regexes = [_pattern(_list_pattern(ref + pat, self.utf8)) for pat in patterns]
        except NameError_ as e:
            raise Bad(str(e)) from None
        mailboxes = self.store.mailboxes(self.account.account_id)
        subscribed = {m.name for m in mailboxes if m.subscribed}
        names = {m.name for m in mailboxes}
        statuses = self.store.imap.statuses(self.account.account_id) if status_items else {}
        word = "LSUB" if lsub else "LIST"
        for mb in sorted(mailboxes, key=lambda m: (m.special_use != "inbox", m.name)):
            wire = to_wire(mb.name, True, self.inbox)  # patterns match what the client sees
            if not any(r.match(wire) for r in regexes):
                continue
            childinfo = False
            if "SUBSCRIBED" in select and not mb.subscribed:
                below = [n for n in subscribed if n.startswith(mb.name + "/")]
                if lsub and below and not any(r.match(to_wire(n, True, self.inbox)) for n in below for r in regexes):
                    # RFC 3501 6.3.9: "%" hides a subscribed child; its parent is listed as \Noselect.
                    self.send(b'* LSUB (\\Noselect) "/" ' + self.wire_name(mb.name) + b"\r\n")
                    continue
                if not (below and "RECURSIVEMATCH" in select):
                    continue
                childinfo = True  # RFC 5258 3.5: listed for its subscribed children
            if "SPECIAL-USE" in select and (mb.special_use in (None, "inbox")):
                continue
            attrs = []
            if not lsub:
                children = any(n.startswith(mb.name + "/") for n in names)
                attrs.append("\\HasChildren" if children else "\\HasNoChildren")
                if mb.special_use in _ROLE_ATTR:
                    attrs.append(_ROLE_ATTR[mb.special_use])
                if mb.subscribed and ("SUBSCRIBED" in select or "SUBSCRIBED" in returns):
                    attrs.append("\\Subscribed")
            line = f'* {word} ({" ".join(attrs)}) "/" '.encode() + self.wire_name(mb.name)
            if childinfo:
                line += b' ("CHILDINFO" ("SUBSCRIBED"))'
            self.send(line + b"\r\n")
            if status_items and mb.id in statuses:
                self.send(self._status_line(mb, statuses[mb.id], status_items))
        return f"OK {'LSUB' if lsub else 'LIST'} completed"

    async def c_lsub(self, tag: str, p: Parser, uid: bool) -> str:
        return await self.c_list(tag, p, uid, lsub=True)

    def _status_line(self, mb: Mailbox, st: Any, items: list[str]) -> bytes:
        values = {
            "MESSAGES": st.messages,
            "UIDNEXT": st.uidnext,
            "UIDVALIDITY": st.uidvalidity,
            "UNSEEN": st.unseen,
            "DELETED": st.deleted,
            "SIZE": st.size,
            "HIGHESTMODSEQ": st.highestmodseq,
            "RECENT": 0,
            "APPENDLIMIT": self.config.max_message_size,
        }
        body = " ".join(f"{i} {values[i]}" for i in items)
        return b"* STATUS " + self.wire_name(mb.name) + f" ({body})\r\n".encode()

    async def c_status(self, tag: str, p: Parser, uid: bool) -> str:
        assert self.account is not None
        p.sp()
        name = self.mailbox_name(p)
        p.sp()
        items = [s.upper() for s in p.paren_list()]
        p.end()
        _check_status_items(items)
        mb = self.find(name)
        st = self.store.imap.statuses(self.account.account_id, mb.id)[mb.id]
        self.send(self._status_line(mb, st, items))
        return "OK STATUS completed"

    async def c_append(self, tag: str, p: Parser, uid: bool) -> str:
        assert self.account is not None
        p.sp()
        name = self.mailbox_name(p)
        p.sp()
        bits, keywords = 0, list[str]()
        if p.peek() == 40:
            bits, keywords = _flags(p.flag_list())
            p.sp()
        received: int | None = None
        if p.peek() == 34:
            received = _parse_date_time(p.quoted_bytes().decode("ascii", "replace"))
            p.sp()
        utf8 = False
        if p.take(b"UTF8 ("):
            utf8 = True
        lit = p.literal_or_none()
        if lit is None:
            raise Bad("APPEND needs the message as a literal")
        if utf8:
            p.expect(b")")
        p.end()
        try:
            mb = self.find(name)
        except Refused:
            raise Refused(f"no mailbox {name!r}", "TRYCREATE") from None
        data = await asyncio.to_thread(lit.read) if lit.size > SPILL_BYTES else lit.read()
        if not data:
            raise Refused("an empty message cannot be appended", "CANNOT")
        if b"\0" in data and not lit.binary:
            raise Bad("a message with NUL octets must be sent as a literal8 (~{n})")
        (d,) = await self.store.deliver(
            data,
            [Target(self.account.account_id, "", mailbox_id=mb.id, flags=bits, keywords=_checked_keywords(keywords))],
            DeliveryMeta(),
            received=received,
        )
        return f"OK [APPENDUID {mb.uidvalidity} {d.uid}] APPEND completed"

    async def c_idle(self, tag: str, p: Parser, uid: bool) -> str:
        assert self.account is not None
        p.end()
        self.send(b"+ idling\r\n")
        self.updates(expunges=True)
        await self.flush()
        self.busy = False
        deadline = time.monotonic() + self.config.idle_timeout
        with self.store.changes.subscribe(self.account.account_id) as sub:
            read = asyncio.ensure_future(self.readline())
            try:
                while not read.done():
                    wait = asyncio.ensure_future(sub.wait(IDLE_POLL_SECONDS))
                    await asyncio.wait({read, wait}, return_when=asyncio.FIRST_COMPLETED)
                    if not wait.done():
                        wait.cancel()
                    if self.store.changes.closed:
                        self.untagged("BYE [UNAVAILABLE] server shutting down")
                        self.closing = True
                        await self.flush()
                        return "OK IDLE ended"
                    if time.monotonic() > deadline:
                        self.untagged("BYE [UNAVAILABLE] idle for too long, closing")
                        self.closing = True
                        await self.flush()
                        return "OK IDLE ended"
                    self.updates(expunges=True)
                    await self.flush()
            finally:
                if not read.done():
                    read.cancel()
            self.busy = True
            line = read.result()
        if line.strip().upper() != b"DONE":
            raise Bad("expected DONE to end IDLE")
        return "OK IDLE terminated"

    # -- selected --

    async def c_check(self, tag: str, p: Parser, uid: bool) -> str:
        p.end()
        return "OK CHECK completed"

    async def c_close(self, tag: str, p: Parser, uid: bool, expunge: bool = True) -> str:
        p.end()
        sel = self.sel
        assert sel is not None and self.account is not None
        if expunge and not sel.readonly:
            await self.store.imap.expunge(self.account.account_id, sel.id)
        self.sel = None
        return "OK CLOSE completed" if expunge else "OK UNSELECT completed"

    async def c_unselect(self, tag: str, p: Parser, uid: bool) -> str:
        return await self.c_close(tag, p, uid, expunge=False)

    def _writable(self) -> Selected:
        sel = self.sel
        assert sel is not None
        if sel.readonly:
            raise Refused("the mailbox is selected read-only (EXAMINE)", "READ-ONLY")
        return sel

    async def c_expunge(self, tag: str, p: Parser, uid: bool) -> str:
        assert self.account is not None
        only: list[int] | None = None
        if uid:
            p.sp()
            only = self._uids(p.seqset(), True)
        p.end()
        sel = self._writable()
        self.updates(expunges=True)
        gone = await self.store.imap.expunge(self.account.account_id, sel.id, only)
        if gone:
            self.send_expunged(gone)
        return f"OK {self._highest_code()}EXPUNGE completed"

    def _highest_code(self) -> str:
        """[HIGHESTMODSEQ n] for the tagged OK of a command that expunged, with QRESYNC
        (RFC 7162 3.2.10), so the client's stored modseq covers what it was just told."""
        sel = self.sel
        if "QRESYNC" not in self.enabled or sel is None or self.account is None:
            return ""
        st = self.store.imap.statuses(self.account.account_id, sel.id).get(sel.id)
        return f"[HIGHESTMODSEQ {st.highestmodseq}] " if st is not None else ""

    def _uids(self, s: SeqSet, uid: bool) -> list[int]:
        """The UIDs a sequence set names in the selected mailbox."""
        sel = self.sel
        assert sel is not None
        if s.is_saved:
            present = set(sel.uids)
            return [u for u in self.saved if u in present]
        if uid:
            return s.select_sorted(sel.uids)
        count = len(sel.uids)
        # "*" in an empty mailbox names nothing; a number past the last message is an error.
        if any(n > count for n in (x for r in s.ranges for x in r)):
            raise Bad(f"sequence number out of range (the mailbox has {count} messages)")
        return [sel.uids[i - 1] for i in s.indexes(count)]

    async def c_copy(self, tag: str, p: Parser, uid: bool, move: bool = False) -> str:
        assert self.account is not None
        p.sp()
        s = p.seqset()
        p.sp()
        name = self.mailbox_name(p)
        p.end()
        sel = self._writable() if move else self.sel
        assert sel is not None
        uids = self._uids(s, uid)
        try:
            target = self.find(name)
        except Refused:
            raise Refused(f"no mailbox {name!r}", "TRYCREATE") from None
        word = "MOVE" if move else "COPY"
        if not uids:
            return f"OK {word} completed (nothing to {word.lower()})"
        if move and target.id == sel.id:
            raise Refused("cannot move messages into the mailbox they are in", "CANNOT")
        validity, pairs, _ = await self.store.imap.copy(self.account.account_id, sel.id, uids, target.id, move=move)
        code = ""
        if pairs:
            code = f"[COPYUID {validity} {ordered([a for a, _ in pairs])} {ordered([b for _, b in pairs])}] "
        if move:
            if code:
                self.untagged(f"OK {code}moved")
            self.send_expunged([a for a, _ in pairs])
            return f"OK {self._highest_code()}MOVE completed"
        return f"OK {code}COPY completed"

    async def c_move(self, tag: str, p: Parser, uid: bool) -> str:
        return await self.c_copy(tag, p, uid, move=True)

    async def c_store(self, tag: str, p: Parser, uid: bool) -> str:
        assert self.account is not None
        p.sp()
        s = p.seqset()
        p.sp()
        unchanged: int | None = None
        if p.take(b"("):
            p.expect(b"UNCHANGEDSINCE")
            p.sp()
            unchanged = p.number64()
            p.expect(b")")
            p.sp()
            self.enabled.add("CONDSTORE")
        what = p.atom().upper()
        m = re.fullmatch(r"([+-]?)FLAGS(\.SILENT)?", what)
        if m is None:
            raise Bad(f"expected FLAGS, +FLAGS or -FLAGS, got {what}")
        p.sp()
        bits, keywords = _flags(p.flag_list())
        p.end()
        sel = self._writable()
        uids = self._uids(s, uid)
        op = m[1] or "="
        result = await self.store.imap.store_flags(self.account.account_id, sel.id, uids, op, bits, keywords, unchanged)
        if result.modseq:
            sel.own.add(result.modseq)
        known = {k.lower() for k in sel.keywords}
        new = [k for k in unique_keywords(keywords) if k.lower() not in known]
        if new and op != "-":
            # RFC 9051 7.3.5: the mailbox's set of flags grew; tell the client.
            sel.keywords += new
            self.untagged(f"FLAGS ({' '.join([*SYSTEM_FLAGS, *sel.keywords])})")
            self.untagged(f"OK [PERMANENTFLAGS ({' '.join(SYSTEM_FLAGS)} \\*)] flags that can be changed")
        silent = bool(m[2])
        if not silent or unchanged is not None:
            reported = {f.uid for f in result.changed}
            states = list(result.changed)
            if not silent:
                rest = [u for u in uids if u not in reported and u not in set(result.failed)]
                states += self.store.imap.flags(sel.id, rest)
            for st in sorted(states, key=lambda f: f.uid):
                seq = sel.seq_of(st.uid)
                if not seq:
                    continue
                if silent:
                    self.untagged(f"{seq} FETCH (UID {st.uid} MODSEQ ({st.modseq}))")
                else:
                    self.untagged(f"{seq} FETCH ({self.flags_items(st.flags, st.keywords, st.uid, st.modseq)})")
        if result.failed:
            failed = compact(result.failed) if uid else compact(sel.seq_of(u) for u in result.failed)
            return f"OK [MODIFIED {failed}] conditional STORE failed for some messages"
        return "OK STORE completed"

    async def c_search(self, tag: str, p: Parser, uid: bool) -> str:
        assert self.account is not None
        sel = self.sel
        assert sel is not None
        p.sp()
        returns: list[str] | None = None
        if p.take(b"RETURN"):
            p.sp()
            returns = [r.upper() for r in p.paren_list()] or ["ALL"]
            bad = set(returns) - {"MIN", "MAX", "COUNT", "ALL", "SAVE"}
            if bad:
                raise Bad(f"unknown SEARCH return option {sorted(bad)[0]}")
            p.sp()
        if p.take(b"CHARSET"):
            p.sp()
            charset = p.astring().upper()
            if charset not in ("UTF-8", "US-ASCII", "UTF8"):
                raise Refused(f"charset {charset} is not supported", "BADCHARSET (UTF-8 US-ASCII)")
            p.sp()
        program = parse_program(p)
        p.end()
        matched = await asyncio.to_thread(self._evaluate, program)
        modseq_used = uses_modseq(program)
        if modseq_used:
            self.enabled.add("CONDSTORE")
        highest = 0
        if modseq_used and matched:
            highest = max(r["modseq"] for r in self.store.imap.rows(sel.id, matched, "modseq"))
        numbers = matched if uid else [sel.seq_of(u) for u in matched]
        if returns is None and not self.rev2:
            tail = f" (MODSEQ {highest})" if modseq_used and matched else ""
            self.untagged("SEARCH" + "".join(f" {n}" for n in numbers) + tail)
            return f"OK {'UID ' if uid else ''}SEARCH completed"
        opts = returns or ["ALL"]
        if "SAVE" in opts:
            if "MIN" in opts or "MAX" in opts:
                keep = set()
                if matched and "MIN" in opts:
                    keep.add(matched[0])
                if matched and "MAX" in opts:
                    keep.add(matched[-1])
                self.saved = sorted(keep)
            else:
                self.saved = list(matched)
            if opts == ["SAVE"]:
                return f"OK {'UID ' if uid else ''}SEARCH completed, result saved"
        out = f'ESEARCH (TAG "{tag}")' + (" UID" if uid else "")
        if numbers:
            if "MIN" in opts:
                out += f" MIN {min(numbers)}"
            if "MAX" in opts:
                out += f" MAX {max(numbers)}"
        if "COUNT" in opts:
            out += f" COUNT {len(numbers)}"
        if "ALL" in opts and numbers:
            out += f" ALL {compact(numbers)}"
        if modseq_used and matched:
            out += f" MODSEQ {highest}"
        self.untagged(out)
        return f"OK {'UID ' if uid else ''}SEARCH completed"

    def _evaluate(self, program: tuple[Any, ...]) -> list[int]:
        """The UIDs of the selected mailbox's messages that match, in order."""
        sel = self.sel
        assert sel is not None
        if not sel.uids:
            return []
        want = needs(program, set())
        needles = {w.removeprefix("body:") for w in want if w.startswith("body:")}
        hits = self.store.imap.body_matches(sel.id, sel.uids, needles)
        cols = "flags, keywords, size, received, date, modseq" if "rows" in want else ""
        if "subject" in want:
            cols += ", subject"
        if "envelope" in want or "sentdate" in want:
            cols += ", envelope"
        if "headers" in want:
            cols += ", structure, id"
        cands = []
        for r in self.store.imap.rows(sel.id, sel.uids, cols):
            c = Candidate(r["uid"], sel.seq_of(r["uid"]))
            if cols:
                c.load(r)
            if "subject" in want:
                c.subject = r["subject"].casefold()  # decoded at delivery
            if "envelope" in want:
                c.envelope = decode_addresses(r["envelope"])
            if "sentdate" in want:
                c.date = sent_day_ms(r["envelope"], c.date)
            if "headers" in want:
                c.headers = unfold(_read_header(self.store, r["id"], _part_dec.decode(r["structure"])))
            cands.append(c)
        f = matcher(program, sel.uids[-1], len(sel.uids), self.saved, hits)
        return [c.uid for c in cands if f(c)]

    async def c_fetch(self, tag: str, p: Parser, uid: bool) -> str:
        assert self.account is not None
        sel = self.sel
        assert sel is not None
        p.sp()
        s = p.seqset()
        p.sp()
        items = _fetch_items(p)
        changed_since: int | None = None
        vanished = False
        if p.peek() == 32:
            p.sp()
            p.expect(b"(")
            while not p.take(b")"):
                mod = p.atom().upper()
                if mod == "CHANGEDSINCE":
                    p.sp()
                    changed_since = p.number64()
                elif mod == "VANISHED" and uid:
                    if "QRESYNC" not in self.enabled:
                        raise Bad("VANISHED needs ENABLE QRESYNC")
                    vanished = True
                else:
                    raise Bad(f"unknown FETCH modifier {mod}")
                if p.peek() == 32:
                    p.sp()
            if vanished and changed_since is None:
                raise Bad("VANISHED goes with CHANGEDSINCE")
        p.end()
        if changed_since is not None:
            self.enabled.add("CONDSTORE")
        if uid and not any(i.name == "UID" for i in items):
            items.insert(0, FetchItem("UID"))
        if self.condstore and changed_since is not None and not any(i.name == "MODSEQ" for i in items):
            items.append(FetchItem("MODSEQ"))
        uids = self._uids(s, uid)
        if vanished and changed_since is not None:
            self._vanished_since(s, changed_since)
        if not uids:
            return f"OK {'UID ' if uid else ''}FETCH completed"
        names = {i.name for i in items}
        body_items = [i for i in items if i.section is not None or i.name in ("RFC822", "RFC822.HEADER", "RFC822.TEXT")]
        need_structure = bool(body_items) or bool(names & {"BODY", "BODYSTRUCTURE", "BINARY.SIZE"})
        cols = "id, flags, keywords, modseq, size, received"
        if "ENVELOPE" in names:
            cols += ", envelope"
        if need_structure:
            cols += ", structure"
        sets_seen = not sel.readonly and any(
            (i.section is not None and not i.peek and i.name != "BINARY.SIZE") or i.name in ("RFC822", "RFC822.TEXT")
            for i in items
        )
        if sets_seen:
            unseen = [r["uid"] for r in self.store.imap.rows(sel.id, uids, "flags") if not r["flags"] & FLAG_SEEN]
            if unseen:
                res = await self.store.imap.store_flags(self.account.account_id, sel.id, unseen, "+", FLAG_SEEN, [])
                if res.modseq:
                    sel.own.add(res.modseq)
                if not any(i.name == "FLAGS" for i in items):
                    items.append(FetchItem("FLAGS", label="seen-only"))
                if self.condstore and not any(i.name == "MODSEQ" for i in items):
                    items.append(FetchItem("MODSEQ"))  # RFC 7162 3.2.4: a flag change reports its modseq
        rows = await asyncio.to_thread(self.store.imap.rows, sel.id, uids, cols)
        need_data = any(
            i.section is not None or (i.name.startswith("RFC822") and i.name != "RFC822.SIZE") for i in items
        )
        utf8 = self.utf8
        if changed_since is not None:
            rows = [r for r in rows if r["modseq"] > changed_since]
        for batch in _batches(rows, need_data):
            # Message files are read a batch at a time in a worker thread: one hand-off per
            # message would cost more than the reads themselves.
            files = await asyncio.to_thread(_read_messages, self.store, [r["id"] for r in batch]) if need_data else {}
            for r in batch:
                seq = sel.seq_of(r["uid"])
                if not seq:
                    continue
                data = files.get(r["id"], b"")
                structure = _part_dec.decode(r["structure"]) if need_structure else None
                parts = [_fetch_one(it, r, data, structure, utf8) for it in items]
                self.send(b"* %d FETCH (" % seq + b" ".join(parts) + b")\r\n")
            await self.maybe_flush()
        return f"OK {'UID ' if uid else ''}FETCH completed"

    def _vanished(self, since: int, top: int) -> set[int]:
        """UIDs expunged from the selected mailbox, or moved out of it, after modseq since
        (RFC 7162 VANISHED (EARLIER)). When the change log no longer reaches back that far,
        every UID up to top that is not here (the RFC allows naming UIDs never seen)."""
        sel = self.sel
        assert sel is not None and self.account is not None
        present = set(sel.uids)
        _, floor = self.store.mail.modseqs(self.account.account_id)
        if since < floor:
            return {u for u in range(1, min(top, 1_000_000) + 1) if u not in present}
        gone: set[int] = set()
        after = since
        while changes := self.store.mail.changes(self.account.account_id, after):
            for ch in changes:
                if ch.kind == "expunged" and ch.mailbox_id == sel.id:
                    gone.add(ch.uid)
                elif ch.kind == "moved" and ch.prev_mailbox_id == sel.id:
                    gone.add(ch.prev_uid)
            after = changes[-1].modseq
        return gone - present

    def _vanished_since(self, s: SeqSet, since: int) -> None:
        sel = self.sel
        assert sel is not None
        gone = self._vanished(since, max(s.max_number(), sel.uids[-1] if sel.uids else 0))
        top = sel.uids[-1] if sel.uids else max(gone, default=0)
        gone = {u for u in gone if s.contains(u, top)}
        if gone:
            self.untagged(f"VANISHED (EARLIER) {compact(gone)}")


_TAG_SPECIALS = frozenset(b'(){ %*"\\+') | frozenset(range(0, 32)) | {127}


def _throttled(e: TooManyFailures) -> Refused:
    return Refused(f"too many failed logins from your address; try again in {int(e.retry_after) + 1} s", "UNAVAILABLE")


def _valid_utf8(text: str) -> bool:
    """False for text decoded with surrogateescape from bytes that were not UTF-8."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        n = os.write(fd, view)
        view = view[n:]


def _b64(data: bytes) -> bytes:
    try:
        return base64.b64decode(data, validate=True)
    except (binascii.Error, ValueError):
        raise Bad("expected base64") from None


def flag_text(flags: int, keywords: list[str]) -> str:
    names = [name for bit, name in _SYSTEM_FLAGS_OUT if flags & bit]
    return " ".join(names + keywords)


def _flags(names: list[str]) -> tuple[int, list[str]]:
    bits = 0
    keywords = []
    for n in names:
        if n.startswith("\\"):
            bit = SYSTEM_FLAG_BITS.get(n.lower())
            if bit is None:
                if n.lower() == "\\recent":
                    continue
                raise Bad(f"unknown system flag {n}")
            bits |= bit
        else:
            keywords.append(n)
    return bits, keywords


_STATUS_ITEMS = (
    "MESSAGES",
    "UIDNEXT",
    "UIDVALIDITY",
    "UNSEEN",
    "DELETED",
    "SIZE",
    "HIGHESTMODSEQ",
    "RECENT",
    "APPENDLIMIT",
)


def _checked_keywords(keywords: list[str]) -> tuple[str, ...]:
    """Keywords as STORE takes them (mta.store.mail.unique_keywords), at most MAX_KEYWORDS."""
    out = unique_keywords(keywords)
    if len(out) > MAX_KEYWORDS:
        raise Refused(f"a message has at most {MAX_KEYWORDS} keywords", "LIMIT")
    return tuple(out)


def _check_status_items(items: list[str]) -> None:
    for i in items:
        if i not in _STATUS_ITEMS:
            raise Bad(f"unknown STATUS item {i}")
    if not items:
        raise Bad("STATUS needs at least one item")


def _list_pattern(pattern: str, utf8: bool) -> str:
    """A LIST pattern as it matches names on the wire: decoded from modified UTF-7, and
    INBOX (the first level, in any case) spelled as the server lists it."""
    if not utf8:
        pattern = utf7_decode(pattern)
    head = pattern[:5]
    if head.upper() == "INBOX" and (len(pattern) == 5 or pattern[5] in "/*%"):
        pattern = "INBOX" + pattern[5:]
    return pattern


def _pattern(pat: str) -> re.Pattern[str]:
    out = []
    for ch in pat:
        if ch == "*":
            out.append(".*")
        elif ch == "%":
            out.append("[^/]*")
        else:
            out.append(re.escape(ch))
    return re.compile("".join(out) + r"\Z", re.S)


def _parse_date_time(text: str) -> int:
    m = _DATE_TIME.match(text)
    if m is None:
        raise Bad(f'bad date-time {text!r}; expected like "01-Feb-2026 10:00:00 +0000"')
    day, mon, year, hh, mm, ss, sign, zh, zm = m.groups()
    try:
        month = [x.lower() for x in _MONTHS].index(mon.lower()) + 1
        offset = datetime.timedelta(hours=int(zh), minutes=int(zm)) * (1 if sign == "+" else -1)
        dt = datetime.datetime(int(year), month, int(day), int(hh), int(mm), int(ss), tzinfo=datetime.timezone(offset))
    except ValueError:
        raise Bad(f"bad date-time {text!r}") from None
    return int(dt.timestamp() * 1000)


def internal_date(ms: int) -> str:
    dt = datetime.datetime.fromtimestamp(ms / 1000, datetime.UTC)
    return f"{dt.day:02d}-{_MONTHS[dt.month - 1]}-{dt.year} {dt:%H:%M:%S} +0000"


def _read_messages(store: Store, ids: list[int]) -> dict[int, bytes]:
    out = {}
    for msg_id in ids:
        try:
            with open(store.message_path(msg_id), "rb") as f:
                out[msg_id] = f.read()
        except FileNotFoundError:
            out[msg_id] = b""  # expunged since the rows were read
    return out


FETCH_BATCH = 500
FETCH_BATCH_BYTES = 8 * 1024 * 1024


def _batches(rows: list[Any], by_size: bool) -> list[list[Any]]:
    """Rows in groups of at most FETCH_BATCH, and (when message files are read) about
    FETCH_BATCH_BYTES of them."""
    out: list[list[Any]] = []
    cur: list[Any] = []
    size = 0
    for r in rows:
        cur.append(r)
        size += r["size"]
        if len(cur) >= FETCH_BATCH or (by_size and size >= FETCH_BATCH_BYTES):
            out.append(cur)
            cur, size = [], 0
    if cur:
        out.append(cur)
    return out


def _read_header(store: Store, msg_id: int, part: Part) -> bytes:
    try:
        with open(store.message_path(msg_id), "rb") as f:
            return f.read(part.body_offset or 65536)
    except FileNotFoundError:
        return b""


# -- FETCH items --

_MACROS = {
    "ALL": ["FLAGS", "INTERNALDATE", "RFC822.SIZE", "ENVELOPE"],
    "FAST": ["FLAGS", "INTERNALDATE", "RFC822.SIZE"],
    "FULL": ["FLAGS", "INTERNALDATE", "RFC822.SIZE", "ENVELOPE", "BODY"],
}
_SIMPLE = {
    "ENVELOPE",
    "FLAGS",
    "INTERNALDATE",
    "RFC822.SIZE",
    "RFC822",
    "RFC822.HEADER",
    "RFC822.TEXT",
    "BODY",
    "BODYSTRUCTURE",
    "UID",
    "MODSEQ",
}


def _fetch_items(p: Parser) -> list[FetchItem]:
    if p.peek() == 40:
        p.pos += 1
        out = [_fetch_item(p)]
        while not p.take(b")"):
            p.sp()
            out.append(_fetch_item(p))
        return out
    start = p.pos
    word = p.atom().upper()
    if word in _MACROS:
        return [FetchItem(n) for n in _MACROS[word]]
    p.pos = start
    return [_fetch_item(p)]


def _fetch_item(p: Parser) -> FetchItem:
    word = p.atom(_FETCH_ATT_SPECIALS).upper()
    if word in ("BODY", "BODY.PEEK", "BINARY", "BINARY.PEEK", "BINARY.SIZE") and p.peek() == 91:  # [
        p.pos += 1
        section = _section(p, binary=word.startswith("BINARY"))
        p.expect(b"]")
        partial = None
        if p.peek() == 60 and word != "BINARY.SIZE":  # <
            p.pos += 1
            start = p.number64()
            p.expect(b".")
            length = p.nz_number()
            p.expect(b">")
            partial = (start, length)
        name = word.removesuffix(".PEEK")
        label = _section_label(section, binary=name != "BODY")
        return FetchItem(
            name + "[]" if name == "BODY" else name,
            section=section,
            partial=partial,
            peek=word.endswith(".PEEK"),
            label=label,
        )
    if word == "BODY.PEEK" or word.startswith("BINARY"):
        raise ParseError(f"{word} needs a [section]")
    if word not in _SIMPLE:
        raise ParseError(f"unknown FETCH item {word}")
    if word == "RFC822":
        return FetchItem("RFC822", section=Section(), label="")
    if word == "RFC822.HEADER":
        return FetchItem("RFC822.HEADER", section=Section(text="HEADER"), peek=True)
    if word == "RFC822.TEXT":
        return FetchItem("RFC822.TEXT", section=Section(text="TEXT"))
    return FetchItem(word)


_FETCH_ATT_SPECIALS = frozenset(b'(){ %*"\\][<') | frozenset(range(0, 32)) | {127}


def _section(p: Parser, binary: bool) -> Section:
    path: list[int] = []
    while 48 <= p.peek() <= 57:
        path.append(p.nz_number())
        if not p.take(b"."):
            break
    if binary:
        return Section(path=tuple(path))
    if p.peek() == 93:  # ]
        return Section(path=tuple(path))
    word = p.atom(_FETCH_ATT_SPECIALS).upper()
    if word in ("HEADER.FIELDS", "HEADER.FIELDS.NOT"):
        p.sp()
        fields = p.paren_list("astring")
        if not fields:
            raise ParseError("HEADER.FIELDS needs at least one field name")
        return Section(path=tuple(path), text=word, fields=tuple(fields))
    if word in ("HEADER", "TEXT") or (word == "MIME" and path):
        return Section(path=tuple(path), text=word)
    raise ParseError(f"unknown section {word}")


def _section_label(s: Section, binary: bool) -> str:
    out = ".".join(str(n) for n in s.path)
    if s.text:
        out += ("." if out else "") + s.text
    if s.fields:
        out += " (" + " ".join(f.upper() for f in s.fields) + ")"
    return out


def _fetch_one(it: FetchItem, r: Any, data: bytes, structure: Part | None, utf8: bool) -> bytes:
    name = it.name
    if name == "UID":
        return b"UID %d" % r["uid"]
    if name == "FLAGS":
        return f"FLAGS ({flag_text(r['flags'], _kw_dec.decode(r['keywords']))})".encode()
    if name == "MODSEQ":
        return b"MODSEQ (%d)" % r["modseq"]
    if name == "RFC822.SIZE":
        return b"RFC822.SIZE %d" % r["size"]
    if name == "INTERNALDATE":
        return f'INTERNALDATE "{internal_date(r["received"])}"'.encode()
    if name == "ENVELOPE":
        return b"ENVELOPE " + render.envelope(_env_dec.decode(r["envelope"]), utf8)
    assert structure is not None or it.section is None
    if name == "BODYSTRUCTURE":
        assert structure is not None
        return b"BODYSTRUCTURE " + render.body_structure(structure, True, utf8=utf8)
    if name == "BODY":
        assert structure is not None
        return b"BODY " + render.body_structure(structure, False, utf8=utf8)
    assert it.section is not None and structure is not None
    if name == "BINARY.SIZE":
        try:
            content = render.binary_bytes(data, structure, it.section.path)
        except UnknownCTE:
            raise Refused("the part has a content-transfer-encoding this server cannot decode", "UNKNOWN-CTE") from None
        return f"BINARY.SIZE[{it.label}] {len(content) if content is not None else 0}".encode()
    if name == "BINARY":
        try:
            content = render.binary_bytes(data, structure, it.section.path)
        except UnknownCTE:
            raise Refused("the part has a content-transfer-encoding this server cannot decode", "UNKNOWN-CTE") from None
    else:
        content = render.section_bytes(data, structure, it.section)
    if it.partial is not None and content is not None:
        start, length = it.partial
        content = content[start : start + length]
    head = name if name.startswith("RFC822") else f"{name.removesuffix('[]')}[{it.label}]"
    if it.partial is not None:
        head += f"<{it.partial[0]}>"
    if content is None:
        return head.encode() + b" NIL"
    if name == "BINARY" and b"\0" in content:
        return head.encode() + b" ~{%d}\r\n" % len(content) + content
    return head.encode() + b" {%d}\r\n" % len(content) + content


Handler = Callable[[Session, str, Parser, bool], Awaitable[str | None]]

_COMMANDS: dict[str, tuple[frozenset[str], Handler]] = {}


def _register() -> None:
    anystate = frozenset({"notauth", "auth", "selected"})
    notauth = frozenset({"notauth"})
    auth = frozenset({"auth"})
    selected = frozenset({"selected"})
    table: list[tuple[str, frozenset[str], Handler]] = [
        ("CAPABILITY", anystate, Session.c_capability),
        ("NOOP", anystate, Session.c_noop),
        ("LOGOUT", anystate, Session.c_logout),
        ("ID", anystate, Session.c_id),
        ("COMPRESS", frozenset({"auth", "selected"}), Session.c_compress),
        ("STARTTLS", notauth, Session.c_starttls),
        ("LOGIN", notauth, Session.c_login),
        ("AUTHENTICATE", notauth, Session.c_authenticate),
        ("ENABLE", auth, Session.c_enable),
        ("SELECT", auth, Session.c_select),
        ("EXAMINE", auth, Session.c_examine),
        ("CREATE", auth, Session.c_create),
        ("DELETE", auth, Session.c_delete),
        ("RENAME", auth, Session.c_rename),
        ("SUBSCRIBE", auth, Session.c_subscribe),
        ("UNSUBSCRIBE", auth, Session.c_unsubscribe),
        ("LIST", auth, Session.c_list),
        ("LSUB", auth, Session.c_lsub),
        ("NAMESPACE", auth, Session.c_namespace),
        ("STATUS", auth, Session.c_status),
        ("APPEND", auth, Session.c_append),
        ("IDLE", auth, Session.c_idle),
        ("CHECK", selected, Session.c_check),
        ("CLOSE", selected, Session.c_close),
        ("UNSELECT", selected, Session.c_unselect),
        ("EXPUNGE", selected, Session.c_expunge),
        ("SEARCH", selected, Session.c_search),
        ("FETCH", selected, Session.c_fetch),
        ("STORE", selected, Session.c_store),
        ("COPY", selected, Session.c_copy),
        ("MOVE", selected, Session.c_move),
    ]
    for name, states, fn in table:
        _COMMANDS[name] = (states, fn)


_register()

__all__ = ["Config", "Session"]
