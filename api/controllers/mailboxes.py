"""/v1/mailboxes: the account's mailboxes, and the messages in each."""

from __future__ import annotations

from typing import Annotated, Literal

from litestar import Controller, delete, get, patch, post
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody, QueryParameter

from api.auth import Principal, authenticate, require_scope
from api.controllers.messages import item, mail_problem
from api.cursor import decode_key, encode_key
from api.problems import ProblemError
from api.schemas.mail import MailboxCreate, MailboxList, MailboxOut, MailboxUpdate, MessagePage
from api.state import AppState
from mta.store.mail import MailError
from mta.store.types import MailboxInfo

Sort = Literal["received", "date", "size", "subject", "from"]


def _out(m: MailboxInfo) -> MailboxOut:
    mb = m.mailbox
    return MailboxOut(
        id=mb.id,
        name=mb.name,
        role=mb.special_use,  # type: ignore[arg-type]
        total=m.total,
        unread=m.unread,
        size=m.size,
        subscribed=mb.subscribed,
        uidvalidity=mb.uidvalidity,
        uidnext=mb.uidnext,
    )


def _one(app_state: AppState, principal: Principal, mailbox_id: int) -> MailboxOut:
    m = app_state.require_store().mail.mailbox(principal.account_id, mailbox_id)
    if m is None:
        raise ProblemError(404, "not_found", f"no mailbox {mailbox_id}")
    return _out(m)


class MailboxesController(Controller):
    path = "/v1/mailboxes"
    tags = ["mailboxes"]  # noqa: RUF012 - litestar reads it as a class attribute
    dependencies = {"principal": authenticate}  # noqa: RUF012

    @get("/", operation_id="listMailboxes", summary="List mailboxes", sync_to_thread=False)
    def list_mailboxes(
        self, principal: NamedDependency[Principal], app_state: NamedDependency[AppState]
    ) -> MailboxList:
        """Every mailbox of the account with its message, unread and byte counts."""
        require_scope(principal, "read")
        return MailboxList(items=[_out(m) for m in app_state.require_store().mail.mailboxes(principal.account_id)])

    @get("/{mailbox_id:int}", operation_id="getMailbox", summary="Get a mailbox", sync_to_thread=False)
    def get_mailbox(
        self, mailbox_id: FromPath[int], principal: NamedDependency[Principal], app_state: NamedDependency[AppState]
    ) -> MailboxOut:
        """One mailbox with its counts."""
        require_scope(principal, "read")
        return _one(app_state, principal, mailbox_id)

    @post("/", operation_id="createMailbox", summary="Create a mailbox", status_code=201)
    async def create_mailbox(
        self,
        data: JSONBody[MailboxCreate],
        principal: NamedDependency[Principal],
        app_state: NamedDependency[AppState],
    ) -> MailboxOut:
        """A new mailbox; `Projects/2026` creates `Projects` too when it is missing. 409 when it exists."""
        require_scope(principal, "manage")
        try:
            mailbox_id = await app_state.require_store().mail.create_mailbox(
                principal.account_id, data.name, data.subscribed
            )
        except MailError as e:
            raise mail_problem(e) from None
        return _one(app_state, principal, mailbox_id)

    @patch("/{mailbox_id:int}", operation_id="updateMailbox", summary="Rename or (un)subscribe")
    async def update_mailbox(
        self,
        mailbox_id: FromPath[int],
        data: JSONBody[MailboxUpdate],
        principal: NamedDependency[Principal],
        app_state: NamedDependency[AppState],
    ) -> MailboxOut:
        """Renaming moves the mailboxes under it along. The Inbox cannot be renamed."""
        require_scope(principal, "manage")
        try:
            await app_state.require_store().mail.update_mailbox(
                principal.account_id, mailbox_id, name=data.name, subscribed=data.subscribed
            )
        except MailError as e:
            raise mail_problem(e) from None
        return _one(app_state, principal, mailbox_id)

    @delete("/{mailbox_id:int}", operation_id="deleteMailbox", summary="Delete a mailbox", status_code=204)
    async def delete_mailbox(
        self, mailbox_id: FromPath[int], principal: NamedDependency[Principal], app_state: NamedDependency[AppState]
    ) -> None:
        """Deletes the mailbox and every message in it. Refused (409) for the Inbox and the other
        special-use mailboxes, and for a mailbox with mailboxes under it."""
        require_scope(principal, "manage")
        try:
            await app_state.require_store().mail.delete_mailbox(principal.account_id, mailbox_id)
        except MailError as e:
            raise mail_problem(e) from None

    @get(
        "/{mailbox_id:int}/messages",
        operation_id="listMessages",
        summary="List a mailbox's messages",
        sync_to_thread=False,
    )
    def list_messages(
        self,
        mailbox_id: FromPath[int],
        principal: NamedDependency[Principal],
        app_state: NamedDependency[AppState],
        sort: Annotated[Sort, QueryParameter(description="Order by this; subject ignores Re:/Fwd:.")] = "received",
        order: Annotated[Literal["desc", "asc"], QueryParameter(description="Newest (largest) first, or last.")] = (
            "desc"
        ),
        cursor: Annotated[str | None, QueryParameter(description="From `next_cursor` of the previous page.")] = None,
        limit: Annotated[int, QueryParameter(ge=1, le=500, description="Page size.")] = 50,
    ) -> MessagePage:
        """A page of the mailbox's messages as summaries."""
        require_scope(principal, "read")
        store = app_state.require_store()
        if not store.mail.has_mailbox(principal.account_id, mailbox_id):
            raise ProblemError(404, "not_found", f"no mailbox {mailbox_id}")
        kind = f"mailbox:{sort}:{order}"
        after = decode_key(cursor, kind)
        if after is not None and isinstance(after[0], str) != (sort in ("subject", "from")):
            raise ProblemError(400, "invalid_cursor", "the cursor is not one this API gave out for this list and order")
        items, nxt = store.mail.page(principal.account_id, mailbox_id, sort, order == "desc", after, limit)
        return MessagePage(
            items=[item(m) for m in items],
            next_cursor=encode_key(kind, nxt[0], nxt[1]) if nxt else None,
        )
