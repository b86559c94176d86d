"""/v1/hold-rules: pause newly queued mail by account, sender domain and recipient domain."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

import msgspec
from litestar import Controller, delete, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody, QueryParameter
from msgspec import Meta

from api.auth import Principal, authenticate, require_scope
from api.problems import ProblemError
from api.state import AppState
from mta.smtp.address import AddressError, normalize_domain
from mta.store.controls import HoldRule
from mta.store.db import now_ms


class CreateHoldRule(msgspec.Struct, forbid_unknown_fields=True):
    """Empty fields match everything; a rule with no fields holds all of the account's mail."""

    sender_domain: Annotated[str, Meta(description="Only mail from this domain.", examples=["example.com"])] = ""
    recipient_domain: Annotated[str, Meta(description="Only mail to this domain.", examples=["gmail.com"])] = ""
    all_accounts: Annotated[
        bool, Meta(description="Hold every account's mail, not only yours (needs the admin scope).")
    ] = False


class HoldRuleOut(msgspec.Struct):
    """A hold rule: newly queued mail it matches is `held` until released or canceled."""

    id: Annotated[int, Meta(description="The rule's id.", examples=[3])]
    all_accounts: Annotated[bool, Meta(description="Whether it holds every account's mail.", examples=[False])]
    sender_domain: Annotated[str, Meta(description="Empty: any sender domain.", examples=[""])]
    recipient_domain: Annotated[str, Meta(description="Empty: any recipient domain.", examples=["example.com"])]
    created: Annotated[datetime, Meta(description="When it was added.", examples=["2026-11-24T10:00:00Z"])]


class HoldRuleList(msgspec.Struct):
    items: Annotated[list[HoldRuleOut], Meta(description="The rules that apply to the account.")]


def _out(r: HoldRule) -> HoldRuleOut:
    return HoldRuleOut(
        r.id, r.account_id is None, r.sender_domain, r.recipient_domain, datetime.fromtimestamp(r.created / 1000, UTC)
    )


def _domain(value: str, field: str) -> str:
    if not value:
        return ""
    try:
        return normalize_domain(value)
    except AddressError as e:
        raise ProblemError(400, "invalid_domain", f"{field}: {e}") from None


class HoldRulesController(Controller):
    path = "/v1/hold-rules"
    tags = ["hold rules"]  # noqa: RUF012 - litestar reads it as a class attribute
    dependencies = {"principal": authenticate}  # noqa: RUF012

    @get("/", operation_id="listHoldRules", summary="List hold rules", sync_to_thread=False)
    def list_rules(
        self,
        principal: NamedDependency[Principal],
        app_state: NamedDependency[AppState],
        all: Annotated[bool, QueryParameter(description="Every account's rules (admin scope).")] = False,
    ) -> HoldRuleList:
        """The account's rules, and the rules for all accounts that apply to it (read scope, as
        every list; changing rules needs manage)."""
        require_scope(principal, "read")
        store = app_state.require_store()
        if all:
            require_scope(principal, "admin")
            rules = store.hold_rules.list(None)
        else:
            rules = [r for r in store.hold_rules.list(None) if r.account_id in (None, principal.account_id)]
        return HoldRuleList(items=[_out(r) for r in rules])

    @post("/", operation_id="addHoldRule", summary="Add a hold rule", status_code=201, sync_to_thread=False)
    def add(
        self,
        data: JSONBody[CreateHoldRule],
        principal: NamedDependency[Principal],
        app_state: NamedDependency[AppState],
    ) -> HoldRuleOut:
        """Messages queued from now on that match are held; what is queued already is not."""
        require_scope(principal, "manage")
        if data.all_accounts:
            require_scope(principal, "admin")
        rule = app_state.require_store().hold_rules.add(
            None if data.all_accounts else principal.account_id,
            _domain(data.sender_domain, "sender_domain"),
            _domain(data.recipient_domain, "recipient_domain"),
            now_ms(),
        )
        return _out(rule)

    @delete("/{rule_id:int}", operation_id="removeHoldRule", summary="Remove a hold rule", sync_to_thread=False)
    def remove(
        self, rule_id: FromPath[int], principal: NamedDependency[Principal], app_state: NamedDependency[AppState]
    ) -> None:
        """What the rule held stays held until released or canceled."""
        require_scope(principal, "manage")
        store = app_state.require_store()
        rule = store.hold_rules.get(rule_id)
        if rule is None or (rule.account_id != principal.account_id and "admin" not in principal.scopes):
            raise ProblemError(404, "not_found", f"no hold rule {rule_id}")
        store.hold_rules.remove(rule_id)
