"""Errors that say what is wrong, over real loopback HTTP: every invalid field at once,
public parameter names, the body limit, requests HTTP cannot parse, and the examples
the OpenAPI document gives for each error."""

from __future__ import annotations

import base64
import json
import logging
import socket
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import httpx
import pytest

from tests.conftest import PASSWORD, ServerThread
from tests.helpers import wait_for

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def alice(server: ServerThread) -> Iterator[httpx.Client]:
    with httpx.Client(
        base_url=f"http://127.0.0.1:{server.port('http')}", auth=("alice@example.com", PASSWORD), timeout=10
    ) as c:
        yield c


def _fields(r: httpx.Response) -> list[str]:
    assert r.status_code == 400, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    return [e["field"] for e in r.json()["errors"]]


def test_one_400_names_every_invalid_field(alice: httpx.Client) -> None:
    body = {
        "to": [{"address": "a@example.org", "nme": "typo"}, {"name": "no address"}],
        "subject": 5,
        "text": "x",
        "bogus": 1,
        "send_at": "tomorrow",
    }
    fast = alice.post("/v1/send", json=body)
    chunked = alice.post(
        "/v1/send", content=iter([json.dumps(body).encode()]), headers={"Content-Type": "application/json"}
    )
    assert fast.json() == chunked.json()  # the fast path and litestar agree
    assert _fields(fast) == ["bogus", "to[0].nme", "to[1].address", "subject", "send_at"]
    assert {e["field"]: e["message"] for e in fast.json()["errors"]}["bogus"] == "unknown field"
    # A body litestar decodes: all of them too, the unknown field named.
    r = alice.post("/v1/mailboxes", json={"name": "", "colour": "red"})
    assert _fields(r) == ["colour", "name"]
    r = alice.post("/v1/api-keys", json={"name": "k", "scopes": ["send", "everything"], "x": 1})
    assert _fields(r) == ["x", "scopes[1]"]


def test_one_400_names_every_field_the_message_cannot_have(alice: httpx.Client) -> None:
    """Past the types, what the message itself cannot carry (address syntax, header
    names, message ids, part types) is named for every field at once too, for a send
    and for a draft."""
    body = {
        "to": [{"address": "bad"}, {"address": "ok@example.org"}],
        "cc": [{"address": "worse@"}],
        "subject": "x",
        "text": "y",
        "headers": {"From": "x@y", "X-Ok": "1"},
        "references": ["<a@b>", "not-an-id"],
        "attachments": [{"name": "a.bin", "data": "AAAA", "content_type": "nonsense"}],
    }
    want = ["to[0].address", "cc[0].address", "headers.From", "references[1]", "attachments[0].content_type"]
    r = alice.post("/v1/send", json=body)
    assert _fields(r) == want and r.json()["code"] == "invalid_message"
    assert r.json()["detail"].endswith("(and 4 more)"), r.json()["detail"]
    del body["headers"]  # drafts take no extra header fields
    assert _fields(alice.post("/v1/drafts", json=body)) == [f for f in want if f != "headers.From"]
    assert alice.get("/v1/outbound").json()["items"] == []  # nothing was queued


def test_refused_headers_are_named_by_their_name(alice: httpx.Client) -> None:
    r = alice.post(
        "/v1/send", json={"to": [{"address": "a@example.org"}], "text": "x", "headers": {"X-A": "1", "From": "x@y"}}
    )
    assert _fields(r) == ["headers.From"]


def test_query_errors_name_the_public_parameter(alice: httpx.Client) -> None:
    assert _fields(alice.get("/v1/outbound", params={"state": "bogus", "limit": 0})) == ["state", "limit"]
    assert _fields(alice.get("/v1/webhook-deliveries", params={"state": "bogus"})) == ["state"]
    assert _fields(alice.get("/v1/messages", params={"body": ""} | {"mailbox_id": "x"})) == ["mailbox_id"]


def _raw(server: ServerThread, request: bytes) -> tuple[int, dict[str, str], bytes]:
    """Send request bytes as they are; the status, headers and body of the answer."""
    with socket.create_connection(("127.0.0.1", server.port("http")), timeout=10) as sock:
        sock.sendall(request)
        data = b""
        while b"\r\n\r\n" not in data:
            data += sock.recv(65536)
        head, _, body = data.partition(b"\r\n\r\n")
        lines = head.decode().split("\r\n")
        headers = {k.lower(): v for k, v in (line.split(": ", 1) for line in lines[1:])}
        while len(body) < int(headers.get("content-length", "0")):
            body += sock.recv(65536)
    return int(lines[0].split()[1]), headers, body


AUTH = b"Authorization: Basic " + base64.b64encode(f"alice@example.com:{PASSWORD}".encode()) + b"\r\n"


def test_body_over_the_limit_says_the_limit(server: ServerThread) -> None:
    limit = 100_000 * 4 // 3 + 1024 * 1024  # the server fixture's max_message_size, in base64, and room
    for path in (b"/v1/send", b"/v1/mailboxes"):
        for size in (limit + 1, 200 * 1024 * 1024):  # just over, and far over
            status, headers, body = _raw(
                server,
                b"POST " + path + b" HTTP/1.1\r\nHost: x\r\n" + AUTH + b"Content-Type: application/json\r\n"
                b"Content-Length: " + str(size).encode() + b"\r\n\r\n{",
            )
            assert status == 413, (path, size, body)
            assert headers["content-type"].startswith("application/problem+json")
            problem = json.loads(body)
            assert problem["code"] == "payload_too_large" and str(limit) in problem["detail"], problem


def test_requests_http_cannot_parse_get_a_problem(server: ServerThread, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    # Raw UTF-8 in the query (a URL must be percent-encoded).
    status, headers, body = _raw(
        server, "GET /v1/outbound?recipient=jöe@example.org HTTP/1.1\r\nHost: x\r\n\r\n".encode()
    )
    assert status == 400 and headers["content-type"] == "application/problem+json"
    assert json.loads(body)["code"] == "bad_request"
    # A chunked body with a malformed chunk size: the client gets 400, and so does the log.
    status, headers, body = _raw(
        server,
        b"POST /v1/mailboxes HTTP/1.1\r\nHost: x\r\n" + AUTH + b"Content-Type: application/json\r\n"
        b'Transfer-Encoding: chunked\r\n\r\n5\r\n{"nam\r\nZZ\r\nxx\r\n',
    )
    assert status == 400 and headers["content-type"] == "application/problem+json"

    def statuses() -> list[object]:
        return [
            r.fields["status"]  # type: ignore[attr-defined]
            for r in caplog.records
            if r.getMessage() == "request" and getattr(r, "fields", {}).get("path") == "/v1/mailboxes"
        ]

    wait_for(lambda: statuses() != [])  # the application logs once it has given up on the body
    assert statuses() == [400]


def test_api_key_times_are_rfc3339(alice: httpx.Client) -> None:
    r = alice.post("/v1/api-keys", json={"name": "k", "scopes": ["send"]})
    created = r.json()["key"]["created"]
    assert isinstance(created, str) and datetime.fromisoformat(created).tzinfo is not None
    key_id = r.json()["key"]["id"]
    assert alice.delete(f"/v1/api-keys/{key_id}").status_code == 204
    [key] = alice.get("/v1/api-keys").json()["items"]
    assert datetime.fromisoformat(key["revoked"]) >= datetime.fromisoformat(key["created"])


def test_openapi_examples_work_and_fit_their_status(alice: httpx.Client) -> None:
    doc = json.loads((ROOT / "openapi" / "openapi.json").read_text())
    # What Swagger's "Try it out" sends by default is accepted.
    for path, wrap in (("/v1/send", "202"), ("/v1/send/batch", "200")):
        example = doc["paths"][path]["post"]["requestBody"]["content"]["application/json"]["example"]
        r = alice.post(path, json=example)
        assert str(r.status_code) == wrap, r.text
    assert [x["status"] for x in r.json()["results"]] == [202]
    for path, item in doc["paths"].items():
        for method, op in item.items():
            for code, response in op["responses"].items():
                if path == "/health" and code == "503":  # not ready: the Health body says what is not
                    assert "Health" in response["content"]["application/json"]["schema"]["$ref"]
                elif code[0] in "45":
                    shown = response["content"]["application/problem+json"]["example"]
                    assert shown["status"] == int(code), (method, path, code)


def test_null_and_zoneless_query_values_are_refused(alice: httpx.Client) -> None:
    # litestar read `null` as "not given" (the whole history, any state) and a time
    # without a zone in the server's zone: both are refused now, naming the parameter.
    assert _fields(alice.get("/v1/outbound", params={"since": "null"})) == ["since"]
    assert _fields(alice.get("/v1/outbound", params={"state": "null"})) == ["state"]
    assert _fields(alice.get("/v1/webhook-deliveries", params={"outbound_id": "null"})) == ["outbound_id"]
    assert _fields(alice.get("/v1/outbound", params={"until": "2026-01-01T00:00:00"})) == ["until"]
    assert alice.get("/v1/outbound", params={"since": "2026-01-01T00:00:00Z"}).status_code == 200
    assert alice.get("/v1/outbound", params={"recipient": "null"}).status_code == 200  # a string may be "null"


def test_event_stream_refuses_positions_it_never_sent(alice: httpx.Client) -> None:
    assert _fields(alice.get("/v1/events", params={"since": "null"})) == ["since"]
    assert _fields(alice.get("/v1/events", params={"since": -1})) == ["since"]
    beyond = alice.get("/v1/events", params={"since": 10**6})
    assert _fields(beyond) == ["since"] and beyond.json()["code"] == "invalid_cursor"
    huge = alice.get("/v1/events", headers={"Last-Event-ID": str(2**64)})
    assert _fields(huge) == ["Last-Event-ID"]
    with alice.stream("GET", "/v1/events", params={"since": 0}) as r:
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/event-stream")


def test_event_stream_is_documented_as_it_answers() -> None:
    doc = json.loads((ROOT / "openapi" / "openapi.json").read_text())
    op = doc["paths"]["/v1/events"]["get"]
    params = {p["name"]: p["schema"] for p in op["parameters"]}
    assert params["since"]["minimum"] == 0 and params["since"]["maximum"] == 2**63 - 1
    assert params["Last-Event-ID"] == {
        "type": "string",
        "pattern": "^[0-9]{1,19}$",
        "description": "Resume after this event id (a modseq).",
    }
    assert set(op["responses"]) >= {"200", "400", "401"}
    assert list(op["responses"]["200"]["content"]) == ["text/event-stream"]
