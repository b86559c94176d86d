"""The webmail is served from its committed build: the page, its hashed files, their
headers (a strict Content-Security-Policy, no framing, long caching of hashed names),
and `/` sends a browser to it."""

from __future__ import annotations

import json
import re

import httpx

from api.webmail import DIST
from tests.conftest import ServerThread


def _client(server: ServerThread) -> httpx.Client:
    return httpx.Client(base_url=f"http://127.0.0.1:{server.port('http')}", follow_redirects=False)


def test_root_redirects_to_the_webmail(server: ServerThread) -> None:
    with _client(server) as c:
        r = c.get("/")
        assert r.status_code in (302, 307)
        assert r.headers["location"] == "/webmail/"
        # Without the slash it is the same page (its links are absolute).
        assert c.get("/webmail").status_code == 200


def test_page_has_a_strict_policy_and_is_not_cached(server: ServerThread) -> None:
    with _client(server) as c:
        r = c.get("/webmail/")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    csp = {d.split()[0]: d.split()[1:] for d in (x.strip() for x in r.headers["content-security-policy"].split(";"))}
    assert csp["default-src"] == ["'none'"]
    assert csp["script-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["referrer-policy"] == "no-referrer"
    assert r.headers["x-frame-options"] == "DENY"
    assert r.headers["cache-control"] == "no-cache"
    # No inline script: every <script> loads a file.
    scripts = re.findall(r"<script\b[^>]*>(.*?)</script>", r.text, re.S)
    assert scripts and all(not s.strip() for s in scripts)


def test_hashed_assets_are_immutable(server: ServerThread) -> None:
    manifest = json.loads((DIST / "manifest.json").read_text())
    with _client(server) as c:
        page = c.get("/webmail/").text
        for key, media in (("app.js", "text/javascript"), ("app.css", "text/css")):
            path = manifest[key]
            assert re.fullmatch(r"assets/app-[A-Z0-9]{8}\.(js|css)", path), path
            assert f'"/webmail/{path}"' in page
            r = c.get(f"/webmail/{path}")
            assert r.status_code == 200
            assert r.headers["content-type"].startswith(media)
            assert r.headers["cache-control"] == "public, max-age=31536000, immutable"
            assert r.headers["x-content-type-options"] == "nosniff"
            assert r.content == (DIST / path).read_bytes()


def test_unknown_asset_is_a_problem_not_a_file(server: ServerThread) -> None:
    with _client(server) as c:
        for name in ("nope.js", "..%2F..%2Fpyproject.toml", "..%2Findex.html"):
            path = f"/webmail/assets/{name}"
            r = c.get(path)
            assert r.status_code == 404, path
            assert r.headers["content-type"].startswith("application/problem+json")
