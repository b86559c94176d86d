"""Requests a browser could be made to send from another site are refused (api.csrf)."""

from __future__ import annotations

import json

import httpx

from tests.conftest import PASSWORD, ServerThread

ALICE = ("alice@example.com", PASSWORD)
SEND = {"to": [{"address": "a@remote.test"}], "subject": "s", "text": "x"}


def client(s: ServerThread, **kw: object) -> httpx.Client:
    return httpx.Client(base_url=f"http://127.0.0.1:{s.port('http')}", timeout=10, **kw)  # type: ignore[arg-type]


def test_bodies_must_be_json(server: ServerThread) -> None:
    body = json.dumps(SEND).encode()
    with client(server, auth=ALICE) as c:
        for path, payload in (
            ("/v1/send", body),
            ("/v1/messages/delete", b'{"ids": [1]}'),
            ("/v1/api-keys", b'{"name": "k", "scopes": ["read"]}'),
        ):
            for ctype in (None, "text/plain", "application/x-www-form-urlencoded"):
                headers = {"Content-Type": ctype} if ctype else {}
                r = c.post(path, content=payload, headers=headers)
                assert r.status_code == 415, (path, ctype, r.status_code)
                p = r.json()
                assert p["code"] == "unsupported_media_type" and "application/json" in p["detail"], p
                assert r.headers["content-type"] == "application/problem+json"
        # Chunked, without a Content-Length: still a body.
        assert c.post("/v1/api-keys", content=iter([b'{"name": "k", "scopes": ["read"]}'])).status_code == 415
        # multipart where documented (send), not elsewhere.
        form = {"request": (None, body, "application/json")}
        assert c.post("/v1/send", files=form).status_code == 202
        r = c.post("/v1/api-keys", files={"request": (None, b"{}", "application/json")})
        assert r.status_code == 415 and r.json()["detail"].endswith("send application/json")
        assert c.post("/v1/send", content=body, headers={"Content-Type": "application/json; charset=utf-8"}).is_success
        assert c.post("/v1/api-keys", json={"name": "k", "scopes": ["read"]}).status_code == 201
        # No body, no Content-Type: nothing to check.
        assert c.post("/v1/outbound/999999/retry").status_code == 404


def test_basic_credentials_from_another_site_are_refused(server: ServerThread) -> None:
    port = server.port("http")
    with client(server, auth=ALICE) as c:
        elsewhere = (
            {"Origin": "https://evil.example"},
            {"Origin": f"http://127.0.0.1:{port + 1}"},
            {"Origin": "null"},
            {"Sec-Fetch-Site": "cross-site"},
            {"Sec-Fetch-Site": "same-site", "Origin": f"http://sub.127.0.0.1:{port}"},
        )
        for headers in elsewhere:
            for r in (
                c.get("/v1/mailboxes", headers=headers),
                c.post("/v1/send", json=SEND, headers=headers),  # answered by api.fastsend
                c.post("/v1/send", content=iter([json.dumps(SEND).encode()]), headers=headers),  # by litestar
                c.post("/v1/send", json=SEND, headers={**headers, "Content-Type": "text/plain"}),
            ):
                assert r.status_code == 403, (headers, r.request.url)
                assert r.json()["code"] == "cross_site_credentials"
        # Wrong credentials from another site: 403 as well, never counted as a guess.
        r = c.get("/v1/mailboxes", auth=("alice@example.com", "guess"), headers={"Origin": "https://evil.example"})
        assert r.status_code == 403
        # The same browser on this server's own origin, and programs, go on.
        same = {"Origin": f"http://127.0.0.1:{port}", "Sec-Fetch-Site": "same-origin"}
        assert c.get("/v1/mailboxes", headers=same).status_code == 200
        assert c.post("/v1/send", json=SEND, headers=same).status_code == 202
        assert c.get("/v1/mailboxes").status_code == 200
        token = c.post("/v1/api-keys", json={"name": "browser app", "scopes": ["send"]}).json()["token"]
    # An API key is not something a browser sends by itself: allowed from anywhere.
    with client(server, headers={"Authorization": f"Bearer {token}", "Origin": "https://app.example"}) as app:
        assert app.post("/v1/send", json=SEND).status_code == 202
