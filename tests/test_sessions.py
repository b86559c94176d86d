"""Browser sessions over real HTTP: the cookie, its CSRF token, expiry, logout, throttling."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from http.cookiejar import CookieJar, DefaultCookiePolicy
from pathlib import Path

import httpx
import msgspec
import pytest

from api.controllers.sessions import cookie_secure, is_loopback
from mailwright.config import Listener
from mta.authlimit import PER_LOGIN_LIMIT
from tests.conftest import PASSWORD, FakeClock, ServerThread, make_config

ALICE = "alice@example.com"


def base(s: ServerThread) -> str:
    return f"http://127.0.0.1:{s.port('http')}"


def client(s: ServerThread, source: str = "127.0.0.1") -> httpx.Client:
    """A client that keeps no cookies: each test says which cookie it sends."""
    jar = CookieJar(DefaultCookiePolicy(allowed_domains=[]))  # allows no domain: keeps nothing
    return httpx.Client(base_url=base(s), transport=httpx.HTTPTransport(local_address=source), timeout=30, cookies=jar)


def set_cookie(r: httpx.Response) -> dict[str, str]:
    """The Set-Cookie of a response: name=value first, then attributes (lowercased)."""
    (header,) = r.headers.get_list("set-cookie")
    first, *attrs = [p.strip() for p in header.split(";")]
    name, _, value = first.partition("=")
    out = {"name": name, "value": value}
    for a in attrs:
        k, _, v = a.partition("=")
        out[k.lower()] = v
    return out


class Login:
    def __init__(self, r: httpx.Response) -> None:
        assert r.status_code == 201, r.text
        self.body = r.json()
        self.cookie = set_cookie(r)
        self.token = self.cookie["value"]
        self.csrf = self.body["csrf_token"]

    def headers(self, *, csrf: bool = True) -> dict[str, str]:
        h = {"Cookie": f"mw_session={self.token}"}
        if csrf:
            h["X-CSRF-Token"] = self.csrf
        return h


def login(c: httpx.Client, address: str = ALICE, password: str = PASSWORD) -> Login:
    return Login(c.post("/v1/sessions", json={"address": address, "password": password}))


def test_login_sets_an_httponly_strict_cookie_and_answers_the_session(server: ServerThread) -> None:
    with client(server) as c:
        r = c.post("/v1/sessions", json={"address": ALICE, "password": PASSWORD})
        s = Login(r)
    assert s.cookie["name"] == "mw_session" and len(s.token) >= 40
    assert r.headers["set-cookie"] == f"mw_session={s.token}; HttpOnly; SameSite=Strict; Path=/"
    assert r.headers["cache-control"] == "no-store"
    assert "httponly" in s.cookie and s.cookie["samesite"].lower() == "strict" and s.cookie["path"] == "/"
    assert "secure" not in s.cookie  # plain HTTP
    assert "max-age" not in s.cookie  # a browser session; the server ends it
    assert s.body["account"] == "alice" and s.body["address"] == ALICE
    assert s.body["idle_timeout_seconds"] == 1800 and len(s.csrf) >= 20 and s.csrf != s.token
    expires = datetime.fromisoformat(s.body["expires"])
    assert timedelta(hours=11) < expires - datetime.now(UTC) <= timedelta(hours=12)
    # Only a hash of the token is kept.
    rows = server.store.db.read_sync(lambda c: c.execute("SELECT * FROM sessions").fetchall())
    assert len(rows) == 1 and s.token.encode() not in bytes(rows[0]["token_hash"])
    assert all(s.token not in str(v) for v in tuple(rows[0]))


def test_wrong_credentials_answer_401_without_a_basic_challenge(server: ServerThread) -> None:
    with client(server) as c:
        for body in ({"address": ALICE, "password": "wrong"}, {"address": "nobody@example.com", "password": "x"}):
            r = c.post("/v1/sessions", json=body)
            assert r.status_code == 401 and r.json()["code"] == "unauthorized"
            assert "basic" not in r.headers.get("www-authenticate", "").lower()
            assert "set-cookie" not in r.headers
        r = c.post("/v1/sessions", json={"address": ALICE})
        assert r.status_code == 400 and r.json()["errors"][0]["field"] == "password"


def test_the_cookie_reads_without_and_changes_only_with_the_csrf_token(server: ServerThread) -> None:
    with client(server) as c:
        s = login(c)
        r = c.get("/v1/mailboxes", headers=s.headers(csrf=False))
        assert r.status_code == 200 and "Inbox" in [m["name"] for m in r.json()["items"]]
        for headers in (s.headers(csrf=False), {**s.headers(), "X-CSRF-Token": "wrong"}):
            r = c.post("/v1/mailboxes", json={"name": "Receipts"}, headers=headers)
            assert r.status_code == 403 and r.json()["code"] == "csrf_failed"
        assert "Receipts" not in [m["name"] for m in c.get("/v1/mailboxes", headers=s.headers()).json()["items"]]
        r = c.post("/v1/mailboxes", json={"name": "Receipts"}, headers=s.headers())
        assert r.status_code == 201
        mid = r.json()["id"]
        assert c.patch(f"/v1/mailboxes/{mid}", json={"name": "R"}, headers=s.headers(csrf=False)).status_code == 403
        assert c.delete(f"/v1/mailboxes/{mid}", headers=s.headers(csrf=False)).status_code == 403
        assert c.delete(f"/v1/mailboxes/{mid}", headers=s.headers()).status_code == 204
        # The send call answered in front of litestar (api.fastsend) keeps the same rule.
        msg = {"to": [{"address": "bob@example.com"}], "subject": "hi", "text": "hello"}
        r = c.post("/v1/send", json=msg, headers=s.headers(csrf=False))
        assert r.status_code == 403 and r.json()["code"] == "csrf_failed"
        r = c.post("/v1/send", json=msg, headers=s.headers())
        assert r.status_code in (200, 201, 202), r.text
        # The page reloaded: GET /v1/sessions/current gives the CSRF token back.
        r = c.get("/v1/sessions/current", headers=s.headers(csrf=False))
        assert r.status_code == 200 and r.json()["csrf_token"] == s.csrf and r.json()["account"] == "alice"
        assert r.headers["cache-control"] == "no-store"


def test_an_authorization_header_decides_over_the_cookie(server: ServerThread) -> None:
    with client(server) as c:
        s = login(c)
        r = c.get("/v1/mailboxes", headers=s.headers(), auth=("bob@example.com", PASSWORD))
        assert r.status_code == 200
        # bob's Basic credentials, not alice's cookie: a POST needs no CSRF token then.
        r = c.post(
            "/v1/mailboxes", json={"name": "Bob's"}, headers=s.headers(csrf=False), auth=("bob@example.com", PASSWORD)
        )
        assert r.status_code == 201
        names = [m["name"] for m in c.get("/v1/mailboxes", headers=s.headers()).json()["items"]]
        assert "Bob's" not in names


def test_logout_ends_the_session_on_the_server(server: ServerThread) -> None:
    with client(server) as c:
        s = login(c)
        other = login(c)
        assert c.delete("/v1/sessions/current", headers=s.headers(csrf=False)).status_code == 403
        r = c.delete("/v1/sessions/current", headers=s.headers())
        assert r.status_code == 204
        cleared = set_cookie(r)
        assert cleared["name"] == "mw_session" and cleared["value"] in ("", '""') and cleared["max-age"] == "0"
        # The old cookie, sent again, no longer works anywhere.
        for path in ("/v1/mailboxes", "/v1/sessions/current"):
            r = c.get(path, headers=s.headers())
            assert r.status_code == 401 and r.json()["code"] == "unauthorized"
            assert "basic" not in r.headers["www-authenticate"].lower()
        assert c.delete("/v1/sessions/current", headers=s.headers()).status_code == 401
        # The account's other session is another login: it stays.
        assert c.get("/v1/mailboxes", headers=other.headers()).status_code == 200
        assert c.get("/v1/sessions/current").status_code == 401


def test_a_password_change_ends_the_accounts_sessions(server: ServerThread) -> None:
    with client(server) as c:
        s = login(c)
        bob = login(c, "bob@example.com")
        server.store.set_password("alice", "a new password")
        assert c.get("/v1/mailboxes", headers=s.headers()).status_code == 401
        assert c.get("/v1/mailboxes", headers=bob.headers()).status_code == 200


def test_another_accounts_ids_answer_404_with_a_session(server: ServerThread) -> None:
    with client(server) as c:
        bob = login(c, "bob@example.com")
        bobs_inbox = c.get("/v1/mailboxes", headers=bob.headers()).json()["items"][0]["id"]
        r = c.post("/v1/mailboxes", json={"name": "Private"}, headers=bob.headers())
        private = r.json()["id"]
        alice = login(c)
        for mid in (bobs_inbox, private):
            assert c.get(f"/v1/mailboxes/{mid}", headers=alice.headers()).status_code == 404
            assert c.delete(f"/v1/mailboxes/{mid}", headers=alice.headers()).status_code == 404
        assert c.get(f"/v1/mailboxes/{private}", headers=bob.headers()).status_code == 200


def test_wrong_passwords_are_throttled_per_address(server: ServerThread) -> None:
    with client(server, "127.0.0.6") as attacker:
        codes = [
            attacker.post("/v1/sessions", json={"address": ALICE, "password": f"guess{i}"}).status_code
            for i in range(PER_LOGIN_LIMIT + 3)
        ]
        assert codes[:PER_LOGIN_LIMIT] == [401] * PER_LOGIN_LIMIT and set(codes[PER_LOGIN_LIMIT:]) == {429}
        r = attacker.post("/v1/sessions", json={"address": ALICE, "password": PASSWORD})
        assert r.status_code == 429 and r.json()["code"] == "rate_limited" and int(r.headers["Retry-After"]) > 0
        # Basic from the same address counts the same failures.
        assert attacker.get("/v1/mailboxes", auth=(ALICE, "guess")).status_code == 429
    with client(server, "127.0.0.7") as alice:
        login(alice)


@pytest.fixture
def clocked(data_dir: Path) -> Iterator[tuple[ServerThread, FakeClock]]:
    clock = FakeClock()
    s = ServerThread(make_config(data_dir), clock=clock).start()
    yield s, clock
    s.stop()


def test_a_session_ends_after_its_idle_time_and_at_its_absolute_end(
    clocked: tuple[ServerThread, FakeClock],
) -> None:
    server, clock = clocked
    with client(server) as c:
        idle = login(c)
        clock.advance(29 * 60)
        assert c.get("/v1/mailboxes", headers=idle.headers()).status_code == 200
        clock.advance(29 * 60)  # 58 minutes after the login, 29 after its last use
        assert c.get("/v1/mailboxes", headers=idle.headers()).status_code == 200
        clock.advance(31 * 60)
        assert c.get("/v1/mailboxes", headers=idle.headers()).status_code == 401

        busy = login(c)
        expires = datetime.fromisoformat(busy.body["expires"])
        for _ in range(12 * 3 - 1):  # used every 20 minutes for 11 h 40 min
            clock.advance(20 * 60)
            assert c.get("/v1/sessions/current", headers=busy.headers()).status_code == 200
        clock.advance(20 * 60)
        assert datetime.fromtimestamp(clock(), UTC) >= expires
        r = c.get("/v1/mailboxes", headers=busy.headers())
        assert r.status_code == 401 and r.json()["code"] == "unauthorized"
    # Both are gone from the database, not only refused.
    assert server.store.db.read_sync(lambda c: c.execute("SELECT count(*) FROM sessions").fetchone()[0]) == 0


def test_the_secure_flag_follows_tls(server: ServerThread) -> None:
    """There is no HTTPS listener: TLS ends in a proxy in front, which says so with
    X-Forwarded-Proto (trusted from loopback only, as uvicorn does)."""
    assert cookie_secure("https") and not cookie_secure("http")
    with client(server) as c:
        r = c.post(
            "/v1/sessions", json={"address": ALICE, "password": PASSWORD}, headers={"X-Forwarded-Proto": "https"}
        )
        assert "secure" in set_cookie(r)
        assert "secure" not in set_cookie(c.post("/v1/sessions", json={"address": ALICE, "password": PASSWORD}))


def test_a_login_link_works_once(clocked: tuple[ServerThread, FakeClock]) -> None:
    server, clock = clocked
    assert server.rt is not None
    links = server.rt.app_state.login_links
    bob = server.store.account("bob")
    assert bob is not None
    token = links.mint(bob.id, "bob@example.com", clock() + 600)
    with client(server) as c:
        r = c.get("/webmail/login", params={"token": token})
        assert r.status_code == 303 and r.headers["location"] == "/webmail/"
        s = set_cookie(r)
        assert "httponly" in s and s["samesite"].lower() == "strict"
        me = c.get("/v1/sessions/current", headers={"Cookie": f"mw_session={s['value']}"})
        assert me.status_code == 200 and me.json()["account"] == "bob"
        r = c.get("/webmail/login", params={"token": token})
        assert r.status_code == 403 and r.json()["code"] == "login_link_invalid" and "set-cookie" not in r.headers
        late = links.mint(bob.id, "bob@example.com", clock() + 600)
        clock.advance(601)
        assert c.get("/webmail/login", params={"token": late}).status_code == 403
        assert c.get("/webmail/login", params={"token": "x" * 43}).status_code == 403


def _outside_address() -> str | None:
    """An address of this machine that is not loopback, if it has one."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        try:
            s.connect(("192.0.2.1", 9))  # no packet is sent: this only picks the route's source
            addr: str = s.getsockname()[0]
        except OSError:
            return None
    return None if is_loopback(addr) else addr


def test_a_login_link_works_only_from_loopback(data_dir: Path) -> None:
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("::ffff:127.0.0.2")
    assert not is_loopback("192.0.2.2") and not is_loopback("::ffff:192.0.2.2") and not is_loopback("")
    cfg = msgspec.structs.replace(make_config(data_dir), listeners=[Listener("http", 0, "0.0.0.0")])
    server = ServerThread(cfg).start()
    try:
        assert server.rt is not None
        links = server.rt.app_state.login_links
        alice = server.store.account("alice")
        assert alice is not None
        token = links.mint(alice.id, ALICE, server.rt.app_state.clock() + 600)
        port = server.port("http")
        # A local proxy forwarding a remote browser says so; the link is refused, and stays unused.
        r = httpx.get(
            f"http://127.0.0.1:{port}/webmail/login", params={"token": token}, headers={"X-Forwarded-For": "192.0.2.9"}
        )
        assert r.status_code == 403 and r.json()["code"] == "forbidden"
        outside = _outside_address()
        if outside is not None:
            r = httpx.get(f"http://{outside}:{port}/webmail/login", params={"token": token})
            assert r.status_code == 403 and r.json()["code"] == "forbidden" and "set-cookie" not in r.headers
        r = httpx.get(f"http://127.0.0.1:{port}/webmail/login", params={"token": token})
        assert r.status_code == 303
    finally:
        server.stop()


def test_an_event_stream_ends_with_its_session(server: ServerThread, monkeypatch: pytest.MonkeyPatch) -> None:
    """A stream is one long request: it asks whether its session lives at each heartbeat."""
    import api.controllers.events as events

    monkeypatch.setattr(events, "HEARTBEAT_S", 0.1)
    with client(server) as c:
        s = login(c)
        with c.stream("GET", "/v1/events", headers=s.headers(csrf=False), timeout=10) as r:
            assert r.status_code == 200
            lines = r.iter_lines()
            while not next(lines).startswith("event: ready"):
                pass
            assert c.delete("/v1/sessions/current", headers=s.headers()).status_code == 204
            for n, _ in enumerate(lines):  # the stream ends; one that outlived its session keeps beating
                assert n < 100, "the event stream outlived its session"
        assert c.get("/v1/events", headers=s.headers(csrf=False)).status_code == 401


def test_the_store_keeps_a_bounded_number_of_live_sessions(tmp_path: Path) -> None:
    import asyncio

    from mta.store import Store
    from mta.store.sessions import MAX_PER_ACCOUNT

    store = Store.open(tmp_path / "d")
    try:
        acc = store.add_account("a")
        other = store.add_account("b")

        async def fill() -> list[str]:
            old, _ = await store.sessions.create(other.id, "b@x", 0, lifetime_ms=1000, idle_ms=1000)
            assert old.account_id == other.id
            tokens = []
            for i in range(MAX_PER_ACCOUNT + 5):
                _, token = await store.sessions.create(acc.id, "a@x", 5000 + i, lifetime_ms=10**9, idle_ms=10**9)
                tokens.append(token)
            return tokens

        tokens = asyncio.run(fill())
        count = store.db.read_sync(
            lambda c: c.execute("SELECT account_id, count(*) FROM sessions GROUP BY 1").fetchall()
        )
        # The other account's ended session was removed on the way; the oldest five of a's are gone.
        assert [tuple(r) for r in count] == [(acc.id, MAX_PER_ACCOUNT)]
        assert all(store.sessions.find(t) is None for t in tokens[:5])
        assert all(store.sessions.find(t) is not None for t in tokens[5:])
        assert store.sessions.find("") is None and store.sessions.find("x" * 1000) is None
    finally:
        store.close()
