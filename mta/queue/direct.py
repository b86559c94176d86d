"""Direct delivery to the recipient domain's MX hosts (RFC 5321 sections 4 and 5, RFC 3207, RFC 7505).

MX records in preference order (equal ones shuffled); a domain without MX is its own
host; a null MX means it takes no mail (permanent failure). Each host's addresses are
tried until one answers. Connection failures and a 421/4xx greeting move on to the
next host; replies to MAIL, RCPT and DATA are the result. STARTTLS is used whenever
offered, without verifying the certificate (opportunistic; verified policies,
MTA-STS and DANE, come with their own issue). A message that needs SMTPUTF8 is not
sent to a server that lacks it (permanent failure, 5.6.7, RFC 6531 section 3.2).
"""

from __future__ import annotations

import re
import ssl
import time

import aiosmtplib

from mta.dns import DNSError, Resolver, is_null_mx, order_mx
from mta.log import get_logger
from mta.queue.transport import Delivery, DeliveryResult, RcptResult, all_same, outcome_for

log = get_logger("queue")

_ENHANCED = re.compile(r"^([245]\.\d{1,3}\.\d{1,3})\b")


def _reply(code: int, message: str) -> RcptResult:
    text = " ".join(message.split())
    m = _ENHANCED.match(text)
    return RcptResult(outcome_for(code), code, m.group(1) if m else "", f"{code} {text}".strip())


def _no_verify() -> ssl.SSLContext:
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    return ctx


class DirectTransport:
    def __init__(self, resolver: Resolver, hostname: str, port: int = 25, timeout: float = 60.0) -> None:
        self.resolver = resolver
        self.hostname = hostname
        self.port = port
        self.timeout = timeout

    async def deliver(self, d: Delivery) -> DeliveryResult:
        try:
            records = await self.resolver.mx(d.domain)
        except DNSError as e:
            enh = "4.4.3" if e.temporary else "5.1.2"
            return all_same(d, RcptResult("temporary" if e.temporary else "permanent", None, enh, str(e)))
        if is_null_mx(records):
            return all_same(d, RcptResult("permanent", None, "5.1.10", f"{d.domain} accepts no mail (null MX)"))
        hosts = [r.host for r in order_mx(records)] if records else [d.domain]
        last = RcptResult("temporary", None, "4.4.1", f"no mail server of {d.domain} could be reached")
        for host in hosts:
            try:
                ips = await self.resolver.addresses(host)
            except DNSError as e:
                last = RcptResult("temporary", None, "4.4.3", str(e))
                continue
            for ip in ips:
                result = await self._try(d, host, ip)
                if result is not None:
                    return result
                last = RcptResult("temporary", None, "4.4.1", f"connecting to {host} [{ip}] failed")
        return all_same(d, last)

    async def _try(self, d: Delivery, host: str, ip: str) -> DeliveryResult | None:
        """One host: the result, or None to go on to the next host."""
        smtp = aiosmtplib.SMTP(
            hostname=ip, port=self.port, local_hostname=self.hostname, timeout=self.timeout, start_tls=False
        )
        tls = ""
        start = time.monotonic()
        try:
            try:
                await smtp.connect()
            except aiosmtplib.SMTPConnectResponseError as e:
                log.info("greeting refused", host=host, ip=ip, code=e.code, text=e.message)
                return None
            except (aiosmtplib.SMTPException, OSError) as e:
                log.info("connect failed", host=host, ip=ip, error=str(e))
                return None
            await smtp.ehlo()
            if smtp.supports_extension("starttls"):
                await smtp.starttls(server_hostname=host, tls_context=_no_verify())
                info = smtp.get_transport_info("ssl_object")
                if info is not None:
                    cipher = info.cipher()
                    tls = f"{info.version()} {cipher[0] if cipher else ''}".strip()
                await smtp.ehlo()
            if d.smtputf8 and not smtp.supports_extension("smtputf8"):
                r = RcptResult("permanent", None, "5.6.7", f"{host} does not support SMTPUTF8, which the message needs")
                return all_same(d, r, host, ip, tls)
            options = ["SMTPUTF8"] if d.smtputf8 else []
            if smtp.supports_extension("8bitmime"):
                options.append("BODY=8BITMIME")
            if smtp.supports_extension("size"):
                options.append(f"SIZE={len(d.data)}")
            enc = "utf-8" if d.smtputf8 else "ascii"
            try:
                await smtp.mail(d.mail_from, options=options, encoding=enc)
            except aiosmtplib.SMTPResponseException as e:
                return all_same(d, _reply(e.code, e.message), host, ip, tls)
            results: list[RcptResult | None] = []
            for rcpt in d.recipients:
                try:
                    resp = await smtp.rcpt(rcpt, encoding=enc)
                    results.append(None if 200 <= resp.code < 300 else _reply(resp.code, resp.message))
                except aiosmtplib.SMTPResponseException as e:
                    results.append(_reply(e.code, e.message))
            if all(r is not None for r in results):
                return DeliveryResult([r for r in results if r is not None], host, ip, tls)
            try:
                resp = await smtp.data(d.data)
                accepted = _reply(resp.code, resp.message)
            except aiosmtplib.SMTPResponseException as e:
                accepted = _reply(e.code, e.message)
            final = [accepted if r is None else r for r in results]
            try:
                await smtp.quit()
            except (aiosmtplib.SMTPException, OSError):
                pass
            return DeliveryResult(final, host, ip, tls)
        except (aiosmtplib.SMTPException, OSError) as e:
            elapsed = round(time.monotonic() - start, 1)
            r = RcptResult("temporary", None, "4.4.2", f"connection to {host} [{ip}] lost after {elapsed}s: {e}")
            return all_same(d, r, host, ip, tls)
        finally:
            smtp.close()
