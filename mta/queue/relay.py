"""Relaying through another server: a smarthost (``smtp``) or a submission service with AUTH.

Every message goes to one configured host:port instead of the recipient's MX. The
``submission`` kind authenticates with the strongest mechanism the service offers
(SCRAM-SHA-256, CRAM-MD5, PLAIN, LOGIN) and requires TLS (STARTTLS or implicit) so
credentials never travel in clear.
"""

from __future__ import annotations

from mta.queue.smtpclient import TLSMode, attempt
from mta.queue.transport import Delivery, DeliveryResult, RcptResult, all_same


class RelayTransport:
    def __init__(
        self,
        host: str,
        port: int,
        local_hostname: str,
        *,
        tls: TLSMode = "opportunistic",
        verify_tls: bool = True,
        username: str = "",
        password: str = "",
        timeout: float = 60.0,
    ) -> None:
        self.host = host
        self.port = port
        self.local_hostname = local_hostname
        self.tls: TLSMode = tls
        self.verify_tls = verify_tls
        self.username = username
        self.password = password
        self.timeout = timeout

    async def deliver(self, d: Delivery) -> DeliveryResult:
        result = await attempt(
            d,
            host=self.host,
            connect_to=self.host,
            port=self.port,
            local_hostname=self.local_hostname,
            tls=self.tls,
            verify_tls=self.verify_tls,
            username=self.username,
            password=self.password,
            timeout=self.timeout,
        )
        if result is None:
            r = RcptResult("temporary", None, "4.4.1", f"relay {self.host}:{self.port} could not be reached")
            return all_same(d, r, self.host)
        return result
