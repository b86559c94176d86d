"""Connecting: an API key (Bearer) or an account's address and password (Basic)."""

from __future__ import annotations

import httpx

from mailwright_client.generated import AuthenticatedClient, Client


def connect(
    base_url: str,
    *,
    api_key: str | None = None,
    username: str | None = None,
    password: str | None = None,
    timeout: float = 30.0,
) -> Client | AuthenticatedClient:
    """A client for the generated API functions (pass it as ``client=``)."""
    if api_key is not None:
        return AuthenticatedClient(base_url=base_url, token=api_key, timeout=httpx.Timeout(timeout))
    if username is None or password is None:
        raise ValueError("give api_key, or username and password")
    return Client(base_url=base_url, timeout=httpx.Timeout(timeout), httpx_args={"auth": (username, password)})
