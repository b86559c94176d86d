"""/v1/suppressions: addresses the account will not send to, added by hand or by hard bounces."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

import msgspec
from litestar import Controller, delete, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody, QueryParameter
from msgspec import Meta

from api.auth import Principal, authenticate, require_scope
from api.cursor import decode_cursor, encode_cursor
from api.problems import FieldError, ProblemError
from api.state import AppState
from mta.smtp.address import AddressError
from mta.store.controls import Suppression
from mta.store.db import now_ms
from mta.suppress import base_address


class AddSuppression(msgspec.Struct, forbid_unknown_fields=True):
    """An address to stop sending to."""

    address: Annotated[str, Meta(max_length=320, examples=["john.doe+news@gmail.com"])]
    reason: Annotated[str, Meta(max_length=1000, description="Why; kept for you.", examples=["unsubscribed"])] = ""


class SuppressionOut(msgspec.Struct):
    """A suppressed address. Matching uses `base_address`, so variants of it are caught too."""

    address: Annotated[str, Meta(description="The address as added.", examples=["John.Doe+news@gmail.com"])]
    base_address: Annotated[
        str, Meta(description="Lower-cased, +tag/-tag removed, dots removed for Gmail.", examples=["johndoe@gmail.com"])
    ]
    reason: Annotated[str, Meta(description="Why it is suppressed.", examples=["550 5.1.1 No such user"])]
    manual: Annotated[bool, Meta(description="false when a permanent delivery failure added it.", examples=[False])]
    created: Annotated[datetime, Meta(description="When it was added.", examples=["2026-11-24T10:00:00Z"])]


class SuppressionPage(msgspec.Struct):
    items: Annotated[list[SuppressionOut], Meta(description="Ordered by base address.")]
    next_cursor: Annotated[str | None, Meta(description="Pass as `cursor` for the next page; null at the end.")]


def _out(s: Suppression) -> SuppressionOut:
    return SuppressionOut(s.address, s.base_address, s.reason, s.manual, datetime.fromtimestamp(s.created / 1000, UTC))


def _base(address: str, field: str = "address") -> str:
    try:
        return base_address(address)
    except AddressError as e:
        raise ProblemError(
            400, "invalid_address", f"{address!r}: {e}", errors=[FieldError(field=field, message=str(e))]
        ) from None


class SuppressionsController(Controller):
    path = "/v1/suppressions"
    tags = ["suppressions"]  # noqa: RUF012 - litestar reads it as a class attribute
    dependencies = {"principal": authenticate}  # noqa: RUF012

    @get("/", operation_id="listSuppressions", summary="List suppressed addresses", sync_to_thread=False)
    def list_suppressions(
        self,
        principal: NamedDependency[Principal],
        app_state: NamedDependency[AppState],
        prefix: Annotated[str, QueryParameter(description="Only base addresses starting with this.")] = "",
        cursor: Annotated[str | None, QueryParameter(description="From `next_cursor` of the previous page.")] = None,
        limit: Annotated[int, QueryParameter(ge=1, le=500)] = 100,
    ) -> SuppressionPage:
        """Ordered by base address."""
        require_scope(principal, "read")
        after = decode_cursor(cursor) if cursor else ""
        items = app_state.require_store().suppressions.list(principal.account_id, prefix.lower(), after, limit + 1)
        more = len(items) > limit
        items = items[:limit]
        return SuppressionPage(
            items=[_out(s) for s in items],
            next_cursor=encode_cursor(items[-1].base_address) if more and items else None,
        )

    @post("/", operation_id="addSuppression", summary="Suppress an address", status_code=201, sync_to_thread=False)
    def add(
        self,
        data: JSONBody[AddSuppression],
        principal: NamedDependency[Principal],
        app_state: NamedDependency[AppState],
    ) -> SuppressionOut:
        """Sending to it (or a variant with the same base address) ends `suppressed` at once."""
        require_scope(principal, "manage")
        base = _base(data.address)
        s = app_state.require_store().suppressions.add(
            principal.account_id, data.address, base, data.reason or "added through the API", True, now_ms()
        )
        return _out(s)

    @get("/{address:str}", operation_id="getSuppression", summary="Is this address suppressed?", sync_to_thread=False)
    def get_one(
        self, address: FromPath[str], principal: NamedDependency[Principal], app_state: NamedDependency[AppState]
    ) -> SuppressionOut:
        """Looks the address up by its base form; 404 when it is not suppressed."""
        require_scope(principal, "read")
        s = app_state.require_store().suppressions.get(principal.account_id, _base(address))
        if s is None:
            raise ProblemError(404, "not_found", f"{address} is not suppressed")
        return _out(s)

    @delete("/{address:str}", operation_id="removeSuppression", summary="Stop suppressing", sync_to_thread=False)
    def remove(
        self, address: FromPath[str], principal: NamedDependency[Principal], app_state: NamedDependency[AppState]
    ) -> None:
        require_scope(principal, "manage")
        if not app_state.require_store().suppressions.remove(principal.account_id, _base(address)):
            raise ProblemError(404, "not_found", f"{address} is not suppressed")
