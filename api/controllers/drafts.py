"""/v1/drafts: save a message being written in Drafts; send it with POST /v1/send {"draft_id": ...}."""

from __future__ import annotations

from litestar import Controller, post, put
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody

from api.auth import Principal, authenticate, require_scope
from api.controllers.send import draft_of, invalid_message, resolve_sender
from api.problems import ProblemError
from api.schemas.mail import DraftOut, DraftRequest
from api.state import AppState
from mta.compose import ComposeError, compose
from mta.store import DeliveryMeta, Target
from mta.store.types import FLAG_DRAFT, FLAG_SEEN


async def _save(data: DraftRequest, principal: Principal, app_state: AppState, replacing: int | None) -> DraftOut:
    require_scope(principal, "manage")
    store = app_state.require_store()
    drafts = store.mailbox_by_role(principal.account_id, "drafts")
    if drafts is None:
        raise ProblemError(409, "conflict", "the account has no Drafts mailbox")
    if replacing is not None:
        old = store.mail.get(principal.account_id, replacing)
        if old is None:
            raise ProblemError(404, "not_found", f"no draft {replacing}")
        if old.mailbox_id != drafts.id:
            raise ProblemError(409, "conflict", f"message {replacing} is not in the Drafts mailbox")
    sender, from_addr = resolve_sender(data.from_, principal, app_state)
    try:
        composed = compose(draft_of(data, sender), app_state.hostname, app_state.max_message_size, draft=True)
    except ComposeError as e:
        raise invalid_message(e) from None
    target = Target(
        account_id=principal.account_id, rcpt_to=str(from_addr), mailbox_id=drafts.id, flags=FLAG_DRAFT | FLAG_SEEN
    )
    (d,) = await store.deliver(composed.data, [target], DeliveryMeta(mail_from=from_addr.ascii), replacing=replacing)
    return DraftOut(id=d.message_id, mailbox_id=d.mailbox_id, message_id=composed.message_id)


class DraftsController(Controller):
    path = "/v1/drafts"
    tags = ["drafts"]  # noqa: RUF012 - litestar reads it as a class attribute
    dependencies = {"principal": authenticate}  # noqa: RUF012

    @post("/", operation_id="createDraft", summary="Save a draft", status_code=201)
    async def create_draft(
        self, data: JSONBody[DraftRequest], principal: NamedDependency[Principal], app_state: NamedDependency[AppState]
    ) -> DraftOut:
        """Compose the fields (all optional) into a message in Drafts, flagged draft and seen.
        Read it back with GET /v1/messages/{id}; send it with POST /v1/send and `draft_id`."""
        return await _save(data, principal, app_state, None)

    @put("/{draft_id:int}", operation_id="updateDraft", summary="Save a draft again")
    async def update_draft(
        self,
        draft_id: FromPath[int],
        data: JSONBody[DraftRequest],
        principal: NamedDependency[Principal],
        app_state: NamedDependency[AppState],
    ) -> DraftOut:
        """Replace a draft with these fields. Stored messages never change, so the new version
        gets a new id (returned) and the old one is removed in the same transaction."""
        return await _save(data, principal, app_state, draft_id)
