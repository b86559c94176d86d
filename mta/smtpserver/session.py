"""One SMTP connection: the protocol on top of aiosmtpd (RFC 5321, 1870, 2920, 3207, 4954, 6152, 6531, 2034).

aiosmtpd runs the connection loop, DATA with dot-unstuffing and its size and line
limits, STARTTLS and the AUTH exchange. What it does loosely is done here:

- MAIL FROM and RCPT TO are parsed by mta.smtp.address (the null path ``<>``,
  quoted local parts, SMTPUTF8 addresses, SIZE/BODY/SMTPUTF8 parameters);
- every reply carries an enhanced status code (ENHANCEDSTATUSCODES), also aiosmtpd's;
- EHLO advertises PIPELINING and ENHANCEDSTATUSCODES, and AUTH only on submission;
- AUTH SCRAM-SHA-256 (RFC 7677), and PLAIN/LOGIN verified asynchronously (argon2
  runs in a thread); AUTH needs TLS except from a loopback address;
- implicit TLS (port 465, RFC 8314) counts as TLS;
- each connection gets a connection id that is on every log line it causes.

Not implemented here: CHUNKING/BDAT, DSN parameters (NOTIFY, ORCPT, RET, ENVID),
REQUIRETLS, SCRAM-SHA-256-PLUS (channel binding), XCLIENT, the PROXY protocol.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import ipaddress
import ssl
from typing import TYPE_CHECKING, Any, AnyStr, cast

from aiosmtpd.smtp import SMTP, AuthResult, Envelope
from aiosmtpd.smtp import Session as AioSession

from mta.authlimit import TooManyFailures
from mta.connlimit import PerAddress
from mta.log import cid_var, get_logger, new_cid
from mta.scram import ScramError, ScramServer
from mta.smtp.address import Address, AddressError, parse_params, parse_path
from mta.smtp.reply import with_enhanced
from mta.store import LoginAccount

if TYPE_CHECKING:
    from mta.smtpserver.handler import Handler

log = get_logger("smtpserver")


# Sessions from one client address at once, per listener; more get 421 4.7.0.
MAX_CONNECTIONS_PER_IP = 50
LOOPBACK_EXEMPT = True


class SMTPEnvelope(Envelope):
    """aiosmtpd's envelope with what this server tracks per transaction."""

    def __init__(self) -> None:
        super().__init__()
        self.started = False  # MAIL accepted (mail_from may be "" for <>)
        self.sender: Address | None = None
        self.smtputf8 = False
        self.local: list[tuple[Address, tuple[int, ...]]] = []  # recipient, accounts
        self.remote: list[Address] = []


class SMTPSession(SMTP):
    def __init__(
        self,
        handler: Handler,
        *,
        submission: bool,
        implicit_tls: bool,
        tls_context: ssl.SSLContext | None,
        hostname: str,
        max_message_size: int,
        timeout: float,
        connections: PerAddress | None = None,
    ) -> None:
        super().__init__(
            handler,
            data_size_limit=max_message_size,
            enable_SMTPUTF8=True,
            decode_data=False,
            hostname=hostname,
            ident="ESMTP Mailwright",
            tls_context=None if implicit_tls else tls_context,
            timeout=timeout,
            auth_required=submission,
            auth_require_tls=True,
        )
        self.handler = handler
        self.submission = submission
        self.implicit_tls = implicit_tls
        self.cid = new_cid()
        self.remote_ip = ""
        self.loopback = False
        self._raw = False  # EHLO keyword lines and the greeting carry no enhanced code
        self.busy = False  # storing a message; shutdown waits for it
        self._bogus = 0
        self._connections = connections  # open sessions per client address, shared by a listener

    # -- connection --

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        first = self._original_transport is None and self.transport is None
        if first:
            peer = transport.get_extra_info("peername") or ("", 0)
            self.remote_ip = str(peer[0])
            try:
                self.loopback = ipaddress.ip_address(self.remote_ip.split("%")[0]).is_loopback
            except ValueError:
                self.loopback = False
        super().connection_made(transport)
        # Plaintext passwords only inside TLS, or on loopback where nothing is on the wire.
        self._auth_require_tls = not (self.loopback or self.implicit_tls)
        if first and self.implicit_tls and self.session is not None:
            self.session.ssl = transport.get_extra_info("ssl_object")

    def writer(self) -> asyncio.WriteTransport | None:
        """The connection's transport, to write to. Checked by what it can do, not by
        class: uvloop's transports do not derive from asyncio's."""
        t = self.transport
        if t is None or not hasattr(t, "write") or not hasattr(t, "abort"):
            return None
        return cast(asyncio.WriteTransport, t)

    def shutdown(self) -> None:
        """Say goodbye (RFC 5321 421) and close, unless a message is being stored."""
        t = self.writer()
        if t is None or self.busy:
            return
        if not t.is_closing():
            try:
                t.write(b"421 4.3.2 Service shutting down, try again later\r\n")
            except (AttributeError, RuntimeError, OSError):
                pass  # an SSL transport already being torn down
        t.close()

    def _create_envelope(self) -> SMTPEnvelope:
        return SMTPEnvelope()

    # Plain casts: aiosmtpd's constructor evaluates every attribute (inspect.getmembers)
    # before a session or envelope exists.
    @property
    def env(self) -> SMTPEnvelope:
        return cast(SMTPEnvelope, self.envelope)

    @property
    def sess(self) -> AioSession:
        return cast(AioSession, self.session)

    @property
    def account(self) -> LoginAccount | None:
        """The authenticated account (submission), if any."""
        a: object = self.sess.auth_data
        return a if isinstance(a, LoginAccount) else None

    @property
    def tls_active(self) -> bool:
        return self.implicit_tls or self._tls_protocol is not None

    def tls_description(self) -> str:
        obj: Any = None
        if self.tls_active and self.transport is not None:
            obj = self.transport.get_extra_info("ssl_object")
        if obj is None:
            return ""
        cipher = obj.cipher()
        return f"{obj.version()} {cipher[0] if cipher else ''}".strip()

    async def _handle_client(self) -> None:
        cid_var.set(self.cid)
        port = ""
        if self.transport is not None:
            sock = self.transport.get_extra_info("sockname")
            port = str(sock[1]) if sock else ""
        log.info("connection", remote_ip=self.remote_ip, port=port, submission=self.submission, tls=self.implicit_tls)
        # Local applications may submit over many connections at once, as Postfix lets
        # $mynetworks do: loopback clients are not counted.
        counts = None if self.loopback and LOOPBACK_EXEMPT else self._connections
        if counts is not None and not counts.acquire(self.remote_ip, MAX_CONNECTIONS_PER_IP):
            # Postfix's anvil limits the same way.
            log.info("refused: too many connections", remote_ip=self.remote_ip)
            t = self.writer()
            if t is not None:
                t.write(b"421 4.7.0 Too many connections from your address, try again later\r\n")
                t.close()
            return
        self._raw = True  # the 220 greeting
        try:
            await super()._handle_client()
        finally:
            if counts is not None:
                counts.release(self.remote_ip)
            log.info("disconnect", remote_ip=self.remote_ip)

    async def push(self, status: AnyStr) -> None:
        if isinstance(status, str):
            if self._raw:
                self._raw = False
            else:
                status = with_enhanced(status)
            if log.is_debug():
                log.debug("reply", line=status)
        await super().push(status)

    def eof_received(self) -> bool | None:
        """The client shut down its side of the connection. Exim sends the end of the
        data and QUIT together (RFC 2920 lets QUIT close a group) and then does so:
        what arrived before the end of the stream is still carried out and answered,
        where aiosmtpd would cancel it and the message's reply with it; the
        connection closes when no command is left. Inside TLS, which has no
        half-closed connections, aiosmtpd's way."""
        if self.session is None or self.session.ssl is not None or self.transport is None:
            return super().eof_received()
        asyncio.StreamReaderProtocol.eof_received(self)  # the reader ends after what it holds
        return True

    async def handle_exception(self, error: Exception) -> str:
        if isinstance(error, asyncio.IncompleteReadError):  # the stream ended (eof_received)
            log.debug("end of the client's stream", pending=len(error.partial))
            if self.transport is not None:
                self.transport.close()
            return "421 4.4.2 Connection closed by the client"
        log.exception("internal error in session", error_type=type(error).__name__)
        return "451 4.3.0 Internal server error, try again later"

    # -- commands --

    async def smtp_EHLO(self, hostname: str) -> None:
        if not hostname:
            await self.push("501 5.5.4 Syntax: EHLO hostname")
            return
        self.envelope = self._create_envelope()
        self.sess.extended_smtp = True
        self.sess.host_name = hostname
        lines = [self.hostname, "PIPELINING", f"SIZE {self.data_size_limit}", "8BITMIME", "SMTPUTF8"]
        lines.append("ENHANCEDSTATUSCODES")
        if self.tls_context and not self.tls_active:
            lines.append("STARTTLS")
        if self.submission and (self.tls_active or not self._auth_require_tls):
            lines.append("AUTH SCRAM-SHA-256 PLAIN LOGIN")
        for i, line in enumerate(lines):
            self._raw = True
            await self.push(("250 " if i == len(lines) - 1 else "250-") + line)

    async def smtp_HELO(self, hostname: str) -> None:
        if not hostname:
            await self.push("501 5.5.4 Syntax: HELO hostname")
            return
        self.envelope = self._create_envelope()
        self.sess.extended_smtp = False
        self.sess.host_name = hostname
        self._raw = True
        await self.push(f"250 {self.hostname}")

    async def smtp_AUTH(self, arg: str) -> None:
        if not self.submission:
            await self.push("503 5.5.1 Authentication is not available on this port; use submission")
            return
        if self.sess.authenticated:
            await self.push("503 5.5.1 Already authenticated")
            return
        if self.env.started:
            await self.push("503 5.5.1 AUTH not allowed during a mail transaction")
            return
        await super().smtp_AUTH(arg)

    async def smtp_MAIL(self, arg: str | None) -> None:
        if await self.check_helo_needed():
            return
        if await self.check_auth_needed("MAIL"):
            return
        env = self.env
        if env.started:
            await self.push("503 5.5.1 Nested MAIL command")
            return
        if not arg or arg[:5].upper() != "FROM:":
            await self.push("501 5.5.4 Syntax: MAIL FROM:<address> [parameters]")
            return
        try:
            sender, rest = parse_path(arg[5:])
            params = parse_params(rest)
        except AddressError as e:
            await self.push(f"501 5.1.7 Bad sender address: {e}")
            return
        if params and not self.sess.extended_smtp:
            await self.push("501 5.5.4 Parameters need EHLO")
            return
        size = params.pop("SIZE", None)
        if size is not None:
            if not size.isdigit():
                await self.push("501 5.5.4 SIZE needs a number")
                return
            if self.data_size_limit and int(size) > self.data_size_limit:
                await self.push(f"552 5.3.4 Message size exceeds the limit of {self.data_size_limit} bytes")
                return
        body = params.pop("BODY", "7BIT").upper()
        if body not in ("7BIT", "8BITMIME"):
            await self.push(f"501 5.5.4 BODY={body} is not supported; use 7BIT or 8BITMIME")
            return
        smtputf8 = "SMTPUTF8" in params
        if params.pop("SMTPUTF8", "") != "":
            await self.push("501 5.5.4 SMTPUTF8 takes no value")
            return
        if params:
            await self.push(f"555 5.5.4 Unsupported MAIL parameter {next(iter(params))}")
            return
        if sender is not None and not sender.is_ascii and not smtputf8:
            await self.push("553 5.6.7 Non-ASCII sender address needs the SMTPUTF8 parameter")
            return
        reply = await self.handler.check_mail(self, sender)
        if reply:
            await self.push(reply)
            return
        env.started = True
        env.sender = sender
        env.smtputf8 = smtputf8
        env.mail_from = str(sender) if sender else ""
        # Accepted envelopes are logged once, with the outcome (handler: delivered/queued).
        log.debug("mail from", address=env.mail_from or "<>", size=size or "")
        await self.push("250 2.1.0 Sender OK")

    async def smtp_RCPT(self, arg: str | None) -> None:
        if await self.check_helo_needed():
            return
        if await self.check_auth_needed("RCPT"):
            return
        env = self.env
        if not env.started:
            await self.push("503 5.5.1 Need MAIL command first")
            return
        if not arg or arg[:3].upper() != "TO:":
            await self.push("501 5.5.4 Syntax: RCPT TO:<address> [parameters]")
            return
        try:
            rcpt, rest = parse_path(arg[3:])
            params = parse_params(rest)
        except AddressError as e:
            await self.push(f"501 5.1.3 Bad recipient address: {e}")
            return
        if rcpt is None:
            await self.push("501 5.1.3 The null address is not a valid recipient")
            return
        if params:
            await self.push(f"555 5.5.4 Unsupported RCPT parameter {next(iter(params))}")
            return
        if not rcpt.is_ascii and not env.smtputf8:
            await self.push("553 5.6.7 Non-ASCII recipient address needs SMTPUTF8 on MAIL FROM")
            return
        if len(env.rcpt_tos) >= self.handler.max_recipients:
            await self.push(f"452 4.5.3 Too many recipients (at most {self.handler.max_recipients})")
            return
        reply = await self.handler.check_rcpt(self, rcpt)
        if reply.startswith("250"):
            log.debug("rcpt to", address=str(rcpt), reply=reply[:3])
        else:
            log.info("rcpt refused", address=str(rcpt), reply=reply[:3], mail_from=env.mail_from or "<>")
        if reply.startswith("250"):
            env.rcpt_tos.append(str(rcpt))
        await self.push(reply)

    async def smtp_DATA(self, arg: str) -> None:
        if self.env.started and not self.env.rcpt_tos:
            # MAIL was accepted but every RCPT refused (RFC 5321 section 3.3).
            await self.push("554 5.5.1 No valid recipients")
            return
        await super().smtp_DATA(arg)

    async def smtp_RSET(self, arg: str) -> None:
        if arg:
            await self.push("501 5.5.4 Syntax: RSET")
            return
        self.envelope = self._create_envelope()
        await self.push("250 2.0.0 OK")

    async def smtp_NOOP(self, arg: str) -> None:
        await self.push("250 2.0.0 OK")

    async def smtp_VRFY(self, arg: str) -> None:
        await self.push("252 2.1.5 Cannot verify the address, but will accept mail for it")

    async def smtp_EXPN(self, arg: str) -> None:
        await self.push("502 5.5.1 EXPN is not supported")

    async def smtp_HELP(self, arg: str) -> None:
        await self.push("214 2.0.0 See RFC 5321; commands: EHLO HELO MAIL RCPT DATA RSET NOOP QUIT STARTTLS AUTH")

    # -- AUTH mechanisms (verified asynchronously) --

    async def auth_PLAIN(self, _: Any, args: list[str]) -> AuthResult:
        if len(args) == 1:
            blob = await self.challenge_auth("")
            if not isinstance(blob, bytes):
                return AuthResult(success=False, handled=True)
        else:
            try:
                blob = base64.b64decode(args[1], validate=True)
            except (binascii.Error, ValueError):
                await self.push("501 5.5.2 Cannot decode base64")
                return AuthResult(success=False, handled=True)
        fields = blob.split(b"\0")
        if len(fields) != 3:
            await self.push("501 5.5.2 PLAIN needs authzid NUL authcid NUL password")
            return AuthResult(success=False, handled=True)
        authz, login, password = (f.decode("utf-8", "replace") for f in fields)
        if authz and authz.lower() != login.lower():
            await self.push("535 5.7.8 Authorization identity must be empty or the login")
            return AuthResult(success=False, handled=True)
        return await self._verify(login, password)

    async def auth_LOGIN(self, _: Any, args: list[str]) -> AuthResult:
        if len(args) == 1:
            user = await self.challenge_auth("Username:")
            if not isinstance(user, bytes):
                return AuthResult(success=False, handled=True)
        else:
            try:
                user = base64.b64decode(args[1], validate=True)
            except (binascii.Error, ValueError):
                await self.push("501 5.5.2 Cannot decode base64")
                return AuthResult(success=False, handled=True)
        password = await self.challenge_auth("Password:")
        if not isinstance(password, bytes):
            return AuthResult(success=False, handled=True)
        return await self._verify(user.decode("utf-8", "replace"), password.decode("utf-8", "replace"))

    async def auth_SCRAM__SHA__256(self, _: Any, args: list[str]) -> AuthResult:
        scram = ScramServer()
        auth = self.handler.authenticator
        if len(args) == 1:
            first = await self.challenge_auth("")
            if not isinstance(first, bytes):
                return AuthResult(success=False, handled=True)
        else:
            try:
                first = base64.b64decode(args[1], validate=True)
            except (binascii.Error, ValueError):
                await self.push("501 5.5.2 Cannot decode base64")
                return AuthResult(success=False, handled=True)
        try:
            login = scram.start(first)
        except ScramError as e:
            await self.push(f"501 5.5.2 {e}")
            return AuthResult(success=False, handled=True)
        try:
            account, stored, attempt = auth.scram_lookup(login, self.remote_ip)
        except TooManyFailures as e:
            await self.push(_throttled(e))
            return AuthResult(success=False, handled=True)
        # Counted as a failure until the proof is checked, whatever happens on the way.
        final = await self.challenge_auth(scram.challenge(stored))
        if not isinstance(final, bytes):
            return AuthResult(success=False, handled=True)
        try:
            server_final = scram.finish(final)
        except ScramError:
            auth.end(attempt, False)
            return AuthResult(success=False, handled=False)
        assert account is not None
        auth.end(attempt, True)
        # RFC 4954: the server's proof goes in a last challenge; the client answers empty.
        if not isinstance(await self.challenge_auth(server_final), bytes):
            return AuthResult(success=False, handled=True)
        log.info("authenticated", login=login, account=account.name, mechanism="SCRAM-SHA-256")
        return AuthResult(success=True, auth_data=account)

    async def _verify(self, login: str, password: str) -> AuthResult:
        try:
            account = await self.handler.authenticator.verify(login, password, self.remote_ip)
        except TooManyFailures as e:
            await self.push(_throttled(e))
            return AuthResult(success=False, handled=True)
        if account is None:
            return AuthResult(success=False, handled=False)
        log.info("authenticated", login=login, account=account.name)
        return AuthResult(success=True, auth_data=account)


def _throttled(e: TooManyFailures) -> str:
    # RFC 4954 section 6: 454 is a temporary authentication failure.
    return f"454 4.7.0 Too many failed authentications from your address; try again in {int(e.retry_after) + 1} s"
