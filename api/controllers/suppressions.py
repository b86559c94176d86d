"""/v1/suppressions: addresses the account will not send to, added by hand or by hard bounces;
/v1/suppression-settings: how widely the account's entries match."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

import msgspec
from litestar import Controller, delete, get, post, put
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody, QueryParameter
from msgspec import Meta

from api.auth import Principal, authenticate, require_scope
from api.cursor import decode_cursor, encode_cursor
from api.problems import FieldError, ProblemError
from api.state import AppState
from mta.smtp.address import AddressError
from mta.store.db import now_ms
from mta.store.suppressions import Suppression
from mta.suppress import FOLD_CHARS, parse


class AddSuppression(msgspec.Struct, forbid_unknown_fields=True):
    """An address to stop sending to."""

    address: Annotated[str, Meta(max_length=320, examples=["john.doe+news@gmail.com"])]
    reason: Annotated[str, Meta(max_length=1000, description="Why; kept for you.", examples=["unsubscribed"])] = ""


class SuppressionOut(msgspec.Struct):
    """A suppressed address. Recipients whose matching form equals `base_address` are suppressed."""

    address: Annotated[str, Meta(description="The address as added.", examples=["John.Doe+news@gmail.com"])]
    base_address: Annotated[
        str,
        Meta(
            description="The matching form: lower-cased, the domain as A-labels; a +tag dropped (and dots at Gmail)"
            " only at domains that deliver those to the same mailbox, or with the account's `fold_separators`.",
            examples=["johndoe@gmail.com"],
        ),
    ]
    reason: Annotated[str, Meta(description="Why it is suppressed.", examples=["550 5.1.1 No such user"])]
    manual: Annotated[bool, Meta(description="false when a permanent delivery failure added it.", examples=[False])]
    created: Annotated[datetime, Meta(description="When it was added.", examples=["2026-11-24T10:00:00Z"])]


class SuppressionPage(msgspec.Struct):
    items: Annotated[
        list[SuppressionOut], Meta(description="One per address added, ordered by base address, then address.")
    ]
    next_cursor: Annotated[str | None, Meta(description="Pass as `cursor` for the next page; null at the end.")]


def _out(s: Suppression) -> SuppressionOut:
    return SuppressionOut(s.address, s.base_address, s.reason, s.manual, datetime.fromtimestamp(s.created / 1000, UTC))


class SuppressionSettings(msgspec.Struct, forbid_unknown_fields=True):
    """How widely the account's suppression entries match."""

    fold_separators: Annotated[
        str,
        Meta(
            max_length=len(FOLD_CHARS),
            pattern="^[-+_=]*$",
            description="At every domain, a tag after any of these characters is dropped before matching, besides"
            " what known providers do (`+` at Gmail, Outlook, Fastmail, iCloud; `-` at Yahoo). Empty (the default):"
            " other domains match exactly. `+-` makes `mary-jane@corp.example` catch `mary@corp.example`.",
            examples=["+"],
        ),
    ] = ""


def _checked(address: str, field: str = "address") -> str:
    try:
        parse(address)
    except AddressError as e:
        raise ProblemError(
            400, "invalid_address", f"{address!r}: {e}", errors=[FieldError(field=field, message=str(e))]
        ) from None
    return address.strip()


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
        """Ordered by base address, then address: one entry per address added, even when
        several match the same recipients."""
        require_scope(principal, "read")
        # The cursor is the last entry's base address and address; several entries may
        # share a base address. One without the address (as given out before) means
        # "after every entry with that base address".
        after, _, after_address = (decode_cursor(cursor) if cursor else "").partition("\n")
        items = app_state.require_store().suppressions.list(
            principal.account_id, prefix.lower(), after, limit + 1, after_address or chr(0x10FFFF)
        )
        more = len(items) > limit
        items = items[:limit]
        return SuppressionPage(
            items=[_out(s) for s in items],
            next_cursor=encode_cursor(f"{items[-1].base_address}\n{items[-1].address}") if more and items else None,
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
        s = app_state.require_store().suppressions.add(
            principal.account_id, _checked(data.address), data.reason or "added through the API", True, now_ms()
        )
        return _out(s)

    @get("/{address:str}", operation_id="getSuppression", summary="Is this address suppressed?", sync_to_thread=False)
    def get_one(
        self, address: FromPath[str], principal: NamedDependency[Principal], app_state: NamedDependency[AppState]
    ) -> SuppressionOut:
        """The entry that suppresses this address (matched by its base form; when several do, a manual one,
        then the oldest); 404 when none does."""
        require_scope(principal, "read")
        s = app_state.require_store().suppressions.get(principal.account_id, _checked(address))
        if s is None:
            raise ProblemError(404, "not_found", f"{address} is not suppressed")
        return _out(s)

    @delete("/{address:str}", operation_id="removeSuppression", summary="Stop suppressing", sync_to_thread=False)
    def remove(
        self, address: FromPath[str], principal: NamedDependency[Principal], app_state: NamedDependency[AppState]
    ) -> None:
        """Removes every entry that suppresses this address (matched by its base form), so that it is no
        longer suppressed."""
        require_scope(principal, "manage")
        if not app_state.require_store().suppressions.remove(principal.account_id, _checked(address)):
            raise ProblemError(404, "not_found", f"{address} is not suppressed")


class SuppressionSettingsController(Controller):
    path = "/v1/suppression-settings"
    tags = ["suppressions"]  # noqa: RUF012 - litestar reads it as a class attribute
    dependencies = {"principal": authenticate}  # noqa: RUF012

    @get("/", operation_id="getSuppressionSettings", summary="How suppressions match", sync_to_thread=False)
    def get_settings(
        self, principal: NamedDependency[Principal], app_state: NamedDependency[AppState]
    ) -> SuppressionSettings:
        """`fold_separators`: which sub-address separators are folded at every domain."""
        require_scope(principal, "read")
        return SuppressionSettings(app_state.require_store().suppressions.fold_separators(principal.account_id))

    @put("/", operation_id="setSuppressionSettings", summary="Change how suppressions match", sync_to_thread=False)
    def set_settings(
        self,
        data: JSONBody[SuppressionSettings],
        principal: NamedDependency[Principal],
        app_state: NamedDependency[AppState],
    ) -> SuppressionSettings:
        """Takes effect at once, for the entries already on the list too."""
        require_scope(principal, "manage")
        seps = app_state.require_store().suppressions.set_fold_separators(principal.account_id, data.fold_separators)
        return SuppressionSettings(seps)
