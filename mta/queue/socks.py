"""A SOCKS5 client for outgoing SMTP connections (RFC 1928, RFC 1929 username/password).

Opens a TCP connection through the proxy and hands back the connected socket, which
the SMTP client then uses as if it had connected itself.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
import struct

import msgspec


class SocksError(Exception):
    pass


_REPLIES = {
    1: "general failure",
    2: "connection not allowed by ruleset",
    3: "network unreachable",
    4: "host unreachable",
    5: "connection refused",
    6: "TTL expired",
    7: "command not supported",
    8: "address type not supported",
}


class SocksProxy(msgspec.Struct, frozen=True):
    host: str
    port: int
    username: str = ""
    password: str = ""

    async def connect(self, dest: str, port: int, timeout: float = 30.0) -> socket.socket:
        async with asyncio.timeout(timeout):
            return await self._connect(dest, port)

    async def _connect(self, dest: str, port: int) -> socket.socket:
        loop = asyncio.get_running_loop()
        infos = await loop.getaddrinfo(self.host, self.port, type=socket.SOCK_STREAM)
        family, _, _, _, addr = infos[0]
        sock = socket.socket(family, socket.SOCK_STREAM)
        sock.setblocking(False)
        try:
            await loop.sock_connect(sock, addr)
            methods = b"\x00\x02" if self.username else b"\x00"
            await loop.sock_sendall(sock, b"\x05" + bytes([len(methods)]) + methods)
            ver, method = await _recv(loop, sock, 2)
            if ver != 5 or method == 0xFF:
                raise SocksError("the proxy accepts none of our authentication methods")
            if method == 2:
                u, p = self.username.encode(), self.password.encode()
                await loop.sock_sendall(sock, b"\x01" + bytes([len(u)]) + u + bytes([len(p)]) + p)
                _, status = await _recv(loop, sock, 2)
                if status != 0:
                    raise SocksError("the proxy refused our username and password")
            try:
                ip = ipaddress.ip_address(dest)
                atyp = b"\x01" if ip.version == 4 else b"\x04"
                target = atyp + ip.packed
            except ValueError:
                name = dest.encode("idna")
                target = b"\x03" + bytes([len(name)]) + name
            await loop.sock_sendall(sock, b"\x05\x01\x00" + target + struct.pack("!H", port))
            ver, rep, _, atyp_r = await _recv(loop, sock, 4)
            if rep != 0:
                raise SocksError(f"the proxy could not connect: {_REPLIES.get(rep, rep)}")
            skip = {1: 4, 4: 16}.get(atyp_r)
            if skip is None:
                (n,) = await _recv(loop, sock, 1)
                skip = n
            await _recv(loop, sock, skip + 2)
        except BaseException:
            sock.close()
            raise
        sock.setblocking(True)
        return sock


async def _recv(loop: asyncio.AbstractEventLoop, sock: socket.socket, n: int) -> bytes:
    buf = b""
    while len(buf) < n:
        chunk = await loop.sock_recv(sock, n - len(buf))
        if not chunk:
            raise SocksError("the proxy closed the connection")
        buf += chunk
    return buf
