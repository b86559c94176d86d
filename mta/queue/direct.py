"""Direct delivery to the recipient domain's MX hosts (RFC 5321 sections 4 and 5, RFC 3207, RFC 7505).

MX records in preference order (equal ones shuffled); a domain without MX is its own
host; a null MX means it takes no mail (permanent failure). Each host's addresses are
tried until one answers; connection failures and a refused greeting move on to the
next host, and replies to MAIL, RCPT and DATA are the result. STARTTLS is used
whenever offered, without verifying the certificate (opportunistic; verified
policies, MTA-STS and DANE, come with their own issue). Through a SOCKS5 proxy
(``socks``), connections go via the proxy, which also resolves nothing: we still
look up MX and addresses ourselves.
"""

from __future__ import annotations

from mta.dns import DNSError, Resolver, is_null_mx, order_mx
from mta.queue.smtpclient import attempt
from mta.queue.socks import SocksError, SocksProxy
from mta.queue.transport import Delivery, DeliveryResult, RcptResult, all_same


class DirectTransport:
    def __init__(
        self,
        resolver: Resolver,
        hostname: str,
        port: int = 25,
        timeout: float = 60.0,
        socks: SocksProxy | None = None,
    ) -> None:
        self.resolver = resolver
        self.hostname = hostname
        self.port = port
        self.timeout = timeout
        self.socks = socks

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
                sock = None
                if self.socks is not None:
                    try:
                        sock = await self.socks.connect(ip, self.port, self.timeout)
                    except (SocksError, OSError) as e:
                        last = RcptResult("temporary", None, "4.4.1", f"via SOCKS proxy to {host} [{ip}]: {e}")
                        continue
                result = await attempt(
                    d,
                    host=host,
                    connect_to=ip,
                    port=self.port,
                    local_hostname=self.hostname,
                    sock=sock,
                    timeout=self.timeout,
                )
                if result is not None:
                    return result
                last = RcptResult("temporary", None, "4.4.1", f"connecting to {host} [{ip}] failed")
        return all_same(d, last)
