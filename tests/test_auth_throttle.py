"""Failed authentications slow down only the address they come from (HTTP, SMTP, IMAP).

Clients bind to other loopback addresses (127.0.0.2, ...) to be another source address.
"""

from __future__ import annotations

import base64
import socket
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from mta.authlimit import PER_ADDRESS_LIMIT, PER_LOGIN_LIMIT, AuthThrottle, TooManyFailures, source_key
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


def test_a_password_remembered_elsewhere_is_no_oracle_past_the_limit(server: ServerThread) -> None:
    """Alice's password, verified from her address, is checked like any guess from another."""
    with client(server, "127.0.0.1", auth=(ALICE, PASSWORD)) as alice:
        assert alice.get("/v1/mailboxes").status_code == 200
    with client(server, "127.0.0.9") as attacker:
        codes = [attacker.get("/v1/mailboxes", auth=(ALICE, f"guess{i}")).status_code for i in range(15)]
        assert codes[-1] == 429
        assert attacker.get("/v1/mailboxes", auth=(ALICE, PASSWORD)).status_code == 429
    assert _smtp_auth(server.port("submission"), "127.0.0.9", ALICE, PASSWORD).startswith("454 ")
    assert _imap_login(server.port("imap"), "127.0.0.9", ALICE, PASSWORD).startswith("a NO [UNAVAILABLE]")
    # Alice herself is still let in, from her address.
    with client(server, "127.0.0.1", auth=(ALICE, PASSWORD)) as alice:
        assert alice.get("/v1/mailboxes").status_code == 200


def _parallel(n: int, attempt: object) -> list[object]:
    with ThreadPoolExecutor(n) as pool:
        return list(pool.map(attempt, range(n)))  # type: ignore[arg-type]


def test_parallel_wrong_passwords_are_checked_at_most_up_to_the_limit(server: ServerThread) -> None:
    """Each attempt is counted as it starts, so parallel ones cannot all pass the check."""
    n = 3 * PER_LOGIN_LIMIT

    def basic(i: int) -> int:
        with client(server, "127.0.0.10") as c:
            return c.get("/v1/mailboxes", auth=(ALICE, f"guess{i}")).status_code

    codes = _parallel(n, basic)
    assert codes.count(401) == PER_LOGIN_LIMIT and codes.count(429) == n - PER_LOGIN_LIMIT, codes

    smtp = _parallel(n, lambda i: _smtp_auth(server.port("submission"), "127.0.0.11", ALICE, f"guess{i}"))
    assert sorted(str(r)[:3] for r in smtp) == ["454"] * (n - PER_LOGIN_LIMIT) + ["535"] * PER_LOGIN_LIMIT, smtp

    imap = _parallel(n, lambda i: _imap_login(server.port("imap"), "127.0.0.12", ALICE, f"guess{i}"))
    failed = [r for r in imap if str(r).startswith("a NO [AUTHENTICATIONFAILED]")]
    throttled = [r for r in imap if str(r).startswith("a NO [UNAVAILABLE]")]
    assert len(failed) == PER_LOGIN_LIMIT and len(throttled) == n - PER_LOGIN_LIMIT, imap


def test_parallel_logins_with_the_right_password_are_not_refused(server: ServerThread) -> None:
    """An attempt counted while it is checked is taken back when it succeeds."""
    n = 3 * PER_LOGIN_LIMIT

    def basic(i: int) -> int:
        with client(server, "127.0.0.13") as c:
            return c.get("/v1/mailboxes", auth=(ALICE, PASSWORD)).status_code

    assert _parallel(n, basic) == [200] * n
    with client(server, "127.0.0.13") as c:
        codes = [c.get("/v1/mailboxes", auth=(f"u{i}@example.com", "x")).status_code for i in range(PER_ADDRESS_LIMIT)]
    assert codes == [401] * PER_ADDRESS_LIMIT


def test_ipv6_sources_count_per_64_and_mapped_ipv4_as_ipv4() -> None:
    assert source_key("2001:db8:1:2::1") == source_key("2001:db8:1:2:ffff:ffff:ffff:ffff") == "2001:db8:1:2::/64"
    assert source_key("2001:db8:1:3::1") != source_key("2001:db8:1:2::1")
    assert source_key("::ffff:192.0.2.7") == source_key("192.0.2.7") == "192.0.2.7"
    assert source_key("fe80::1%eth0") == "fe80::/64"
    assert source_key("192.0.2.7") != source_key("192.0.2.8")
    assert source_key("") == ""
    throttle = AuthThrottle()
    for i in range(PER_ADDRESS_LIMIT):
        throttle.end(throttle.begin(f"2001:db8:1:2::{i:x}", f"u{i}@example.com"), False)
    with pytest.raises(TooManyFailures):
        throttle.begin("2001:db8:1:2::ffff", "bob@example.com")
    throttle.begin("2001:db8:1:3::1", "bob@example.com")
