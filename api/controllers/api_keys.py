"""/v1/api-keys: an account's API keys, created (shown once), listed and revoked."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Literal

import msgspec
from litestar import Controller, delete, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody
from msgspec import Meta

from api.auth import Principal, authenticate, require_scope
from api.problems import ProblemError
from api.state import AppState
from mta.store.apikeys import APIKey
from mta.store.db import now_ms

Scope = Literal["send", "read", "manage", "admin"]


class CreateAPIKey(msgspec.Struct, forbid_unknown_fields=True):
    """A new key's name and what it may do."""

    name: Annotated[str, Meta(min_length=1, max_length=100, description="What the key is for.", examples=["shop"])]
    scopes: Annotated[
        list[Scope],
        Meta(
            min_length=1,
            description="send: the send calls; read: mail and history; manage: settings, keys, suppressions, hold"
            " rules; admin: hold rules across accounts (only an admin key can give it).",
        ),
    ] = msgspec.field(default_factory=lambda: ["send"])


class APIKeyOut(msgspec.Struct):
    """An API key, without its secret."""

    id: Annotated[int, Meta(description="The key id, for revoking it.", examples=[3])]
    name: Annotated[str, Meta(description="Your name for the key.", examples=["billing service"])]
    prefix: Annotated[str, Meta(description="The public part of the key, `mw_<prefix>_...`.")]
    scopes: Annotated[
        list[str],
        Meta(
            description="send, read, manage (admin: given by an operator).",
            examples=[["send", "read"]],
        ),
    ]
    created: Annotated[datetime, Meta(description="When it was created (RFC 3339).")]
    revoked: Annotated[datetime | None, Meta(description="When it was revoked (RFC 3339), or null.")] = None


class CreatedAPIKey(msgspec.Struct):
    """The new key. `token` is shown this once; only a hash of it is kept."""

    key: APIKeyOut
    token: Annotated[str, Meta(description="Use as `Authorization: Bearer <token>`.")]


class APIKeyList(msgspec.Struct):
    items: Annotated[list[APIKeyOut], Meta(description="The account's keys, revoked ones included.")]


def _time(ms: int) -> datetime:
    return datetime.fromtimestamp(ms / 1000, UTC)


def _out(k: APIKey) -> APIKeyOut:
    revoked = _time(k.revoked) if k.revoked is not None else None
    return APIKeyOut(id=k.id, name=k.name, prefix=k.prefix, scopes=k.scopes, created=_time(k.created), revoked=revoked)


class APIKeysController(Controller):
    path = "/v1/api-keys"
    tags = ["api keys"]  # noqa: RUF012 - litestar reads it as a class attribute
    dependencies = {"principal": authenticate}  # noqa: RUF012

    @post("/", operation_id="createApiKey", summary="Create an API key", status_code=201, sync_to_thread=False)
    def create(
        self, data: JSONBody[CreateAPIKey], principal: NamedDependency[Principal], app_state: NamedDependency[AppState]
    ) -> CreatedAPIKey:
        """A key can have at most the scopes of the credential that creates it."""
        require_scope(principal, "manage")
        wanted = list(dict.fromkeys(data.scopes))
        if not set(wanted) <= principal.scopes:
            raise ProblemError(403, "forbidden", "a key cannot have scopes its creator lacks")
        key, token = app_state.require_store().api_keys.create(principal.account_id, data.name, wanted, now_ms())
        return CreatedAPIKey(key=_out(key), token=token)

    @get("/", operation_id="listApiKeys", summary="List API keys", sync_to_thread=False)
    def list_keys(self, principal: NamedDependency[Principal], app_state: NamedDependency[AppState]) -> APIKeyList:
        require_scope(principal, "manage")
        return APIKeyList(items=[_out(k) for k in app_state.require_store().api_keys.list(principal.account_id)])

    @delete("/{key_id:int}", operation_id="revokeApiKey", summary="Revoke an API key", sync_to_thread=False)
    def revoke(
        self, key_id: FromPath[int], principal: NamedDependency[Principal], app_state: NamedDependency[AppState]
    ) -> None:
        """Requests with the key fail from now on. Another account's key id answers 404."""
        require_scope(principal, "manage")
        if not app_state.require_store().api_keys.revoke(principal.account_id, key_id, now_ms()):
            raise ProblemError(404, "not_found", f"no active API key {key_id}")
