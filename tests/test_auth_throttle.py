"""Failed authentications slow down only the address they come from (HTTP, SMTP, IMAP).

Clients bind to other loopback addresses (127.0.0.2, ...) to be another source address.
"""

from __future__ import annotations

import base64
import socket
from concurrent.futures import ThreadPoolExecutor

import httpx

from mta.authlimit import PER_ADDRESS_LIMIT, PER_LOGIN_LIMIT
from tests.conftest import PASSWORD, ServerThread

ALICE = "alice@example.com"


def client(s: ServerThread, source: str, **kw: object) -> httpx.Client:
    return httpx.Client(
        base_url=f"http://127.0.0.1:{s.port('http')}",
        transport=httpx.HTTPTransport(local_address=source),
        timeout=30,
        **kw,  # type: ignore[arg-type]
    )


def test_wrong_passwords_from_elsewhere_do_not_lock_the_user_out(server: ServerThread) -> None:
    with client(server, "127.0.0.2") as attacker:
        codes = [attacker.get("/v1/mailboxes", auth=(ALICE, f"guess{i}")).status_code for i in range(15)]
        assert codes[:PER_LOGIN_LIMIT] == [401] * PER_LOGIN_LIMIT and set(codes[PER_LOGIN_LIMIT:]) == {429}
        # Past the limit the attacker's guesses are not even checked: the right password too gets 429.
        r = attacker.get("/v1/mailboxes", auth=(ALICE, PASSWORD))
        assert r.status_code == 429 and int(r.headers["Retry-After"]) > 0
    with client(server, "127.0.0.1", auth=(ALICE, PASSWORD)) as alice:
        assert alice.get("/v1/mailboxes").status_code == 200


def test_a_known_password_passes_its_own_address_throttle(server: ServerThread) -> None:
    with client(server, "127.0.0.3", auth=(ALICE, PASSWORD)) as alice:
        assert alice.get("/v1/mailboxes").status_code == 200  # verified once, remembered
        codes = [alice.get("/v1/mailboxes", auth=(ALICE, f"guess{i}")).status_code for i in range(15)]
        assert codes[-1] == 429
        # Someone guessing from alice's (shared) address does not refuse her.
        assert alice.get("/v1/mailboxes").status_code == 200


def test_api_key_guesses_by_prefix_do_not_refuse_the_key(server: ServerThread) -> None:
    with client(server, "127.0.0.1", auth=(ALICE, PASSWORD)) as alice:
        token = alice.post("/v1/api-keys", json={"name": "shop", "scopes": ["read"]}).json()["token"]
    _, prefix, _ = token.split("_")
    with client(server, "127.0.0.4") as attacker:
        codes = [
            attacker.get("/v1/mailboxes", headers={"Authorization": f"Bearer mw_{prefix}_guess{i}"}).status_code
            for i in range(15)
        ]
        assert codes[-1] == 429
        # The key itself works from anywhere, the attacker's address included.
        assert attacker.get("/v1/mailboxes", headers={"Authorization": f"Bearer {token}"}).status_code == 200
    with client(server, "127.0.0.1") as shop:
        assert shop.get("/v1/mailboxes", headers={"Authorization": f"Bearer {token}"}).status_code == 200


def test_one_address_is_capped_across_logins(server: ServerThread) -> None:
    with client(server, "127.0.0.5") as sprayer:
        codes = [sprayer.get("/v1/mailboxes", auth=(f"user{i}@example.com", "x")).status_code for i in range(25)]
    assert codes[:PER_ADDRESS_LIMIT] == [401] * PER_ADDRESS_LIMIT and set(codes[PER_ADDRESS_LIMIT:]) == {429}


def _smtp_auth(port: int, source: str, login: str, password: str) -> str:
    with socket.create_connection(("127.0.0.1", port), timeout=30, source_address=(source, 0)) as sock:
        f = sock.makefile("rb")
        f.readline()
        sock.sendall(b"EHLO client.example\r\n")
        while f.readline()[3:4] == b"-":
            pass
        token = base64.b64encode(f"\0{login}\0{password}".encode()).decode()
        sock.sendall(f"AUTH PLAIN {token}\r\n".encode())
        return f.readline().decode()


def _imap_login(port: int, source: str, login: str, password: str) -> str:
    with socket.create_connection(("127.0.0.1", port), timeout=30, source_address=(source, 0)) as sock:
        f = sock.makefile("rb")
        f.readline()
        sock.sendall(f'a LOGIN "{login}" "{password}"\r\n'.encode())
        return f.readline().decode()


def test_smtp_and_imap_cap_failures_per_address_across_connections(server: ServerThread) -> None:
    """Parallel connections from one address share one count of failures, also between
    SMTP and IMAP; another address and a known password are not affected."""
    smtp, imap = server.port("submission"), server.port("imap")
    assert _smtp_auth(smtp, "127.0.0.7", ALICE, PASSWORD).startswith("235 ")
    n = PER_ADDRESS_LIMIT + 5
    with ThreadPoolExecutor(n) as pool:
        replies = list(pool.map(lambda i: _smtp_auth(smtp, "127.0.0.6", f"u{i}@example.com", "x"), range(n)))
    assert sorted(r[:3] for r in replies) == ["454"] * 5 + ["535"] * PER_ADDRESS_LIMIT, replies
    assert "try again in" in next(r for r in replies if r.startswith("454"))
    assert _smtp_auth(smtp, "127.0.0.6", ALICE, "guess").startswith("454 4.7.0")
    assert _imap_login(imap, "127.0.0.6", ALICE, "guess").startswith("a NO [UNAVAILABLE]")
    # Another address: alice logs in and fails as usual.
    assert _imap_login(imap, "127.0.0.7", ALICE, PASSWORD).startswith("a OK")
    assert _imap_login(imap, "127.0.0.7", ALICE, "guess").startswith("a NO [AUTHENTICATIONFAILED]")
    assert _smtp_auth(smtp, "127.0.0.7", ALICE, "guess").startswith("535 ")
