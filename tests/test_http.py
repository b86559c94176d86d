"""The HTTP API over real loopback HTTP: health, service info, docs, problem details, OpenAPI drift."""

from __future__ import annotations

from pathlib import Path

import httpx

from api.openapi import document
from tests.conftest import ServerThread

ROOT = Path(__file__).resolve().parent.parent


def base(server: ServerThread) -> str:
    return f"http://127.0.0.1:{server.port('http')}"


def test_health_and_service(server: ServerThread) -> None:
    r = httpx.get(base(server) + "/health")
    assert r.status_code == 200
    h = r.json()
    assert (h["status"], h["database"], h["recovery"]) == ("ok", "ok", "done")
    assert server.rt is not None
    assert {x["kind"]: x["port"] for x in h["listeners"]} == server.rt.ports
    for path in ("/v1/", "/v1"):
        r = httpx.get(base(server) + path)
        assert r.status_code == 200
        body = r.json()
        assert body["service"] == "mailwright"
        assert body["api_version"] == "v1"
        assert body["hostname"] == "mail.example.com"


def test_errors_are_problem_details(server: ServerThread) -> None:
    r = httpx.get(base(server) + "/v1/no-such-thing")
    assert r.status_code == 404
    assert r.headers["content-type"].startswith("application/problem+json")
    p = r.json()
    assert p["status"] == 404 and p["code"] == "not_found" and p["instance"] == "/v1/no-such-thing"
    r = httpx.delete(base(server) + "/health")
    assert r.status_code == 405 and r.json()["code"] == "method_not_allowed"


def test_openapi_and_docs_served(server: ServerThread) -> None:
    r = httpx.get(base(server) + "/openapi.json")
    assert r.status_code == 200
    doc = r.json()
    assert doc["info"]["title"] == "Mailwright API"
    assert doc["paths"]["/health"]["get"]["operationId"] == "getHealth"
    r = httpx.get(base(server) + "/docs")
    assert r.status_code == 200 and "swagger-ui" in r.text
    # The UI's assets are served locally, so /docs works without internet access.
    r = httpx.get(base(server) + "/docs/assets/swagger-ui-bundle.js")
    assert r.status_code == 200 and len(r.content) > 100_000


def test_committed_openapi_matches_the_code() -> None:
    committed = (ROOT / "openapi" / "openapi.json").read_text()
    assert committed == document(), "openapi/openapi.json is stale: run 'make openapi' and commit it"
