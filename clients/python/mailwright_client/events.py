"""Following an account's mail changes: GET /v1/events (Server-Sent Events) as typed events.

The generated ``stream_events`` function would wait for the end of a stream that never
ends; these read it as it comes. Each yielded ChangeOut has a ``modseq``; pass the last
one back as ``since`` to resume after a disconnect (a ``reset`` event means the server
no longer has the changes since then: reload, then keep following).
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterable, Iterator

from mailwright_client.errors import MailwrightError
from mailwright_client.generated import AuthenticatedClient, Client
from mailwright_client.generated.models import ChangeOut, Problem


def _params(since: int | None) -> dict[str, int]:
    return {} if since is None else {"since": since}


def _raise_for(status: int, body: bytes) -> None:
    try:
        raise MailwrightError(Problem.from_dict(json.loads(body)))
    except (ValueError, KeyError, TypeError):
        raise MailwrightError(
            Problem(type_="about:blank", title="Unexpected response", status=status, code="unexpected")
        ) from None


class _Parser:
    """SSE lines to events (WHATWG HTML 9.2.6): data lines joined, comments skipped."""

    def __init__(self) -> None:
        self.data: list[str] = []

    def feed(self, line: str) -> ChangeOut | None:
        if line == "":
            if not self.data:
                return None
            payload, self.data = "\n".join(self.data), []
            return ChangeOut.from_dict(json.loads(payload))
        if line.startswith("data:"):
            self.data.append(line[5:].removeprefix(" "))
        return None


def _events(lines: Iterable[str]) -> Iterator[ChangeOut]:
    parser = _Parser()
    for line in lines:
        event = parser.feed(line)
        if event is not None:
            yield event


def follow(client: Client | AuthenticatedClient, since: int | None = None) -> Iterator[ChangeOut]:
    """Mail changes as they happen, starting with a ``ready`` (or ``reset``) event. Blocks;
    runs until the connection closes (``httpx`` raises on network errors)."""
    http = client.get_httpx_client()
    with http.stream("GET", "/v1/events", params=_params(since), timeout=None) as r:
        if r.status_code != 200:
            _raise_for(r.status_code, r.read())
        yield from _events(r.iter_lines())


async def follow_async(client: Client | AuthenticatedClient, since: int | None = None) -> AsyncIterator[ChangeOut]:
    """follow() for asyncio."""
    http = client.get_async_httpx_client()
    async with http.stream("GET", "/v1/events", params=_params(since), timeout=None) as r:
        if r.status_code != 200:
            _raise_for(r.status_code, await r.aread())
        parser = _Parser()
        async for line in r.aiter_lines():
            event = parser.feed(line)
            if event is not None:
                yield event
