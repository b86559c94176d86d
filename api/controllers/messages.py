"""/v1/messages and /v1/threads: read, search, flag, move and delete stored messages."""

from __future__ import annotations

import asyncio
import functools
import urllib.parse
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Literal

from litestar import Controller, Response, delete, get, patch, post
from litestar.di import NamedDependency
from litestar.openapi.spec import (
    OpenAPI,
    OpenAPIFormat,
    OpenAPIMediaType,
    OpenAPIResponse,
    OpenAPIType,
    Parameter,
    Reference,
    Schema,
)
from litestar.params import FromPath, JSONBody, QueryParameter
from litestar.response import File

from api.auth import Principal, authenticate, require_scope
from api.cursor import decode_key, encode_key
from api.problems import PROBLEM_JSON, ProblemError, add_struct_schemas, problem_example
from api.schemas.mail import (
    AttachmentOut,
    BulkDelete,
    BulkUpdate,
    ChangeOut,
    DeleteResult,
    Flag,
    MessageDetail,
    MessageItem,
    MessageMeta,
    MessagePage,
    MessageUpdate,
    PartOut,
    ThreadOut,
    UpdateResult,
)
from api.schemas.send import EmailAddress
from api.state import AppState
from mta.message import Address, Part
from mta.message.body import Layout, children, decoded, find, root_path, text_of
from mta.message.html import sanitize
from mta.message.index import references
from mta.store.mail import MailError, flag_bits
from mta.store.types import MessageSummary, SearchQuery

MAX_BODY = 2 * 1024 * 1024
# Downloads of mail content must never run as a page of this origin.
CONTENT_HEADERS = {"Content-Security-Policy": "sandbox; default-src 'none'", "X-Content-Type-Options": "nosniff"}
_STATUS = {"not_found": 404, "conflict": 409, "invalid": 400}


def mail_problem(e: MailError) -> ProblemError:
    return ProblemError(_STATUS.get(e.code, 400), "invalid_request" if e.code == "invalid" else e.code, str(e))


def dt(ms: int) -> datetime:
    return datetime.fromtimestamp(ms / 1000, UTC)


def _addrs(xs: list[Address]) -> list[EmailAddress]:
    return [EmailAddress(address=a.addr, name=a.name) for a in xs]


def item(m: MessageSummary) -> MessageItem:
    env = m.envelope
    return MessageItem(
        id=m.id,
        mailbox_id=m.mailbox_id,
        thread_id=m.thread_id,
        from_=_addrs(env.from_) if env else [],
        to=_addrs(env.to) if env else [],
        cc=_addrs(env.cc) if env else [],
        subject=m.subject,
        snippet=m.snippet,
        date=dt(m.date),
        received=dt(m.received),
        flags=m.flag_names,  # type: ignore[arg-type]
        keywords=m.keywords,
        size=m.size,
        has_attachment=m.has_attachment,
    )


def _structure(p: Part, path: str) -> PartOut:
    out = PartOut(
        path=path,
        content_type=p.content_type,
        size=p.body_size,
        charset=p.param("charset") if p.media_type == "text" else "",
        filename=p.filename,
        disposition=p.disposition,
        content_id=p.content_id,
    )
    out.parts = [_structure(c, cpath) for cpath, c in children(p, path)]
    return out


def _cut(s: str) -> tuple[str, bool]:
    if len(s) <= MAX_BODY:
        return s, False
    return s[:MAX_BODY], True


def detail(data: bytes, m: MessageSummary, part: Part, *, block_remote: bool = False) -> MessageDetail:
    """A message read in full (blocking: parses and sanitizes; run in a thread). With
    block_remote the HTML loads nothing by itself; remote_resources lists what it would."""
    base = item(m)
    env = m.envelope
    layout = Layout(part)
    text, cut_text = _cut(layout.plain(data))
    html: str | None = None
    remote: list[str] = []
    cut_html = False
    if layout.html:
        raw_html, cut_html = _cut("\n".join(text_of(data, p) for p in layout.html))
        html, remote = sanitize(raw_html, block_remote=block_remote)
    refs = references(data, env.in_reply_to) if env else []
    return MessageDetail(
        **{f: getattr(base, f) for f in base.__struct_fields__},
        reply_to=_addrs(env.reply_to) if env else [],
        bcc=_addrs(env.bcc) if env else [],
        message_id=m.message_id,
        in_reply_to=env.in_reply_to if env else "",
        references=refs,
        text=text,
        html=html,
        remote_resources=remote,
        truncated=cut_text or cut_html,
        attachments=[
            AttachmentOut(
                path=path,
                content_type=p.content_type,
                filename=p.filename,
                size=p.body_size,
                inline=bool(p.content_id) and p.disposition != "attachment",
                content_id=p.content_id.strip("<> "),
            )
            for path, p in layout.attachments
        ],
        structure=_structure(part, root_path(part)),
        meta=MessageMeta(
            mail_from=m.mail_from,
            rcpt_to=m.rcpt_to,
            remote_ip=m.remote_ip,
            spf=m.auth.spf,
            dkim=m.auth.dkim,
            dmarc=m.auth.dmarc,
            uid=m.uid,
            modseq=m.modseq,
        ),
    )


def content_disposition(kind: str, filename: str) -> str:
    """RFC 6266: an ASCII fallback and the UTF-8 name."""
    fallback = "".join(ch if 32 <= ord(ch) < 127 and ch not in '"\\;' else "_" for ch in filename) or "part"
    out = f'{kind}; filename="{fallback}"'
    if fallback != filename:
        out += f"; filename*=UTF-8''{urllib.parse.quote(filename, safe='')}"
    return out


def _message(app_state: AppState, principal: Principal, message_id: int) -> MessageSummary:
    m = app_state.require_store().mail.get(principal.account_id, message_id)
    if m is None:
        raise ProblemError(404, "not_found", f"no message {message_id}")
    return m


def _search_query(
    q: str | None,
    from_: str | None,
    to: str | None,
    subject: str | None,
    body: str | None,
    mailbox_id: int | None,
    thread_id: int | None,
    since: datetime | None,
    before: datetime | None,
    flag: list[Flag] | None,
    not_flag: list[Flag] | None,
    keyword: str | None,
    has_attachment: bool | None,
) -> SearchQuery:
    for name, value in (("q", q), ("from", from_), ("to", to), ("subject", subject), ("body", body)):
        if value is not None and len(value) > 1000:
            raise ProblemError(400, "invalid_request", f"{name}: at most 1000 characters")
    return SearchQuery(
        text=q or "",
        from_=from_ or "",
        to=to or "",
        subject=subject or "",
        body=body or "",
        mailbox_id=mailbox_id,
        thread_id=thread_id,
        since=int(since.timestamp() * 1000) if since else None,
        before=int(before.timestamp() * 1000) if before else None,
        flags=tuple(flag or ()),
        not_flags=tuple(not_flag or ()),
        keyword=keyword or "",
        has_attachment=has_attachment,
    )


async def apply_update(app_state: AppState, principal: Principal, ids: list[int], u: MessageUpdate) -> list[int]:
    require_scope(principal, "manage")
    try:
        await app_state.require_store().mail.update(
            principal.account_id,
            ids,
            add_flags=flag_bits(u.add_flags),
            remove_flags=flag_bits(u.remove_flags),
            add_keywords=u.add_keywords,
            remove_keywords=u.remove_keywords,
            mailbox_id=u.mailbox_id,
        )
    except MailError as e:
        raise mail_problem(e) from None
    return list(dict.fromkeys(ids))


async def apply_delete(app_state: AppState, principal: Principal, ids: list[int], permanent: bool) -> DeleteResult:
    require_scope(principal, "manage")
    try:
        moved, removed = await app_state.require_store().mail.delete(principal.account_id, ids, permanent)
    except MailError as e:
        raise mail_problem(e) from None
    return DeleteResult(moved_to_trash=moved, deleted=removed)


class MessagesController(Controller):
    path = "/v1/messages"
    tags = ["messages"]  # noqa: RUF012 - litestar reads it as a class attribute
    dependencies = {"principal": authenticate}  # noqa: RUF012

    @get("/", operation_id="searchMessages", summary="Search messages", sync_to_thread=False)
    def search(
        self,
        principal: NamedDependency[Principal],
        app_state: NamedDependency[AppState],
        q: Annotated[
            str | None, QueryParameter(description="Words anywhere (subject, addresses, text); `invo*` for a prefix.")
        ] = None,
        from_: Annotated[str | None, QueryParameter(name="from", description="Words in From/Sender.")] = None,
        to: Annotated[str | None, QueryParameter(description="Words in To/Cc/Bcc.")] = None,
        subject: Annotated[str | None, QueryParameter(description="Words in the subject.")] = None,
        body_words: Annotated[str | None, QueryParameter(name="body", description="Words in the text.")] = None,
        mailbox_id: Annotated[int | None, QueryParameter(description="Only in this mailbox.")] = None,
        thread_id: Annotated[int | None, QueryParameter(description="Only in this thread.")] = None,
        since: Annotated[datetime | None, QueryParameter(description="Received at or after.")] = None,
        before: Annotated[datetime | None, QueryParameter(description="Received before.")] = None,
        flag: Annotated[list[Flag] | None, QueryParameter(description="Has this flag; repeat for several.")] = None,
        not_flag: Annotated[
            list[Flag] | None, QueryParameter(description="Lacks this flag (`not_flag=seen`: unread).")
        ] = None,
        keyword: Annotated[str | None, QueryParameter(description="Has this keyword.")] = None,
        has_attachment: Annotated[bool | None, QueryParameter(description="With (or without) attachments.")] = None,
        cursor: Annotated[str | None, QueryParameter(description="From `next_cursor` of the previous page.")] = None,
        limit: Annotated[int, QueryParameter(ge=1, le=500, description="Page size.")] = 50,
    ) -> MessagePage:
        """Messages of the whole account matching every filter given, newest first. Words
        match whole words (any case, accents ignored); all must occur."""
        require_scope(principal, "read")
        query = _search_query(
            q,
            from_,
            to,
            subject,
            body_words,
            mailbox_id,
            thread_id,
            since,
            before,
            flag,
            not_flag,
            keyword,
            has_attachment,
        )
        after = decode_key(cursor, "search")
        if after is not None and not isinstance(after[0], int):
            raise ProblemError(400, "invalid_cursor", "the cursor is not one this API gave out for this list and order")
        items, nxt = app_state.require_store().mail.search(principal.account_id, query, after, limit)
        return MessagePage(
            items=[item(m) for m in items], next_cursor=encode_key("search", nxt[0], nxt[1]) if nxt else None
        )

    @get("/{message_id:int}", operation_id="getMessage", summary="Read a message")
    async def get_message(
        self,
        message_id: FromPath[int],
        principal: NamedDependency[Principal],
        app_state: NamedDependency[AppState],
        remote: Annotated[
            Literal["allowed", "blocked"],
            QueryParameter(
                description="`blocked`: the HTML loads nothing by itself (remote images lose their `src`); "
                "`remote_resources` lists what it would load either way."
            ),
        ] = "allowed",
    ) -> MessageDetail:
        """The message parsed: addresses, text, sanitized HTML, attachments, MIME structure and
        how it arrived. Reading does not mark it seen."""
        require_scope(principal, "read")
        store = app_state.require_store()
        m = _message(app_state, principal, message_id)
        part, _ = store.message_structure(m.id)
        data = await asyncio.to_thread(store.message_path(m.id).read_bytes)
        return await asyncio.to_thread(functools.partial(detail, block_remote=remote == "blocked"), data, m, part)

    @get(
        "/{message_id:int}/raw",
        operation_id="getMessageRaw",
        summary="Download the message",
        media_type="message/rfc822",
        sync_to_thread=False,
    )
    def raw(
        self, message_id: FromPath[int], principal: NamedDependency[Principal], app_state: NamedDependency[AppState]
    ) -> File:
        """The message exactly as stored (message/rfc822), streamed."""
        require_scope(principal, "read")
        m = _message(app_state, principal, message_id)
        path: Path = app_state.require_store().message_path(m.id)
        return File(
            path=path,
            media_type="message/rfc822",
            filename=f"message-{m.id}.eml",
            content_disposition_type="attachment",
            headers=CONTENT_HEADERS,
        )

    @get(
        "/{message_id:int}/parts/{part_path:str}",
        operation_id="getMessagePart",
        summary="Download a part",
        media_type="application/octet-stream",
    )
    async def part(
        self,
        message_id: FromPath[int],
        part_path: FromPath[str],
        principal: NamedDependency[Principal],
        app_state: NamedDependency[AppState],
    ) -> Response[bytes]:
        """One part (an attachment, or a body) decoded from its transfer encoding, with its
        content type and a Content-Disposition naming its file. Paths are IMAP section
        numbers, as `attachments[].path` and `structure` give them."""
        require_scope(principal, "read")
        store = app_state.require_store()
        m = _message(app_state, principal, message_id)
        root, _ = store.message_structure(m.id)
        p = find(root, part_path)
        if p is None or p.media_type == "multipart":
            raise ProblemError(404, "not_found", f"message {message_id} has no part {part_path!r}")
        data = await asyncio.to_thread(store.message_path(m.id).read_bytes)
        body = decoded(data, p)
        ctype = p.content_type
        if p.media_type == "text" and p.param("charset"):
            ctype += f"; charset={p.param('charset')}"
        ext = {"text/plain": ".txt", "text/html": ".html", "message/rfc822": ".eml"}.get(p.content_type, "")
        name = p.filename or f"part-{part_path}{ext}"
        return Response(
            content=body,
            media_type=ctype,
            headers={**CONTENT_HEADERS, "Content-Disposition": content_disposition("attachment", name)},
        )

    @patch("/{message_id:int}", operation_id="updateMessage", summary="Flag, tag or move a message")
    async def update_message(
        self,
        message_id: FromPath[int],
        data: JSONBody[MessageUpdate],
        principal: NamedDependency[Principal],
        app_state: NamedDependency[AppState],
    ) -> MessageItem:
        """Set and clear flags and keywords, and/or move to another mailbox. Returns the message as it is now."""
        await apply_update(app_state, principal, [message_id], data)
        return item(_message(app_state, principal, message_id))

    @delete("/{message_id:int}", operation_id="deleteMessage", summary="Delete a message", status_code=200)
    async def delete_message(
        self,
        message_id: FromPath[int],
        principal: NamedDependency[Principal],
        app_state: NamedDependency[AppState],
        permanent: Annotated[bool, QueryParameter(description="Remove for good instead of moving to Trash.")] = False,
    ) -> DeleteResult:
        """Moves the message to Trash; a message already in Trash, or with `permanent=true`, is removed for good."""
        return await apply_delete(app_state, principal, [message_id], permanent)

    @post("/update", operation_id="updateMessages", summary="Flag, tag or move many messages", status_code=200)
    async def update_messages(
        self, data: JSONBody[BulkUpdate], principal: NamedDependency[Principal], app_state: NamedDependency[AppState]
    ) -> UpdateResult:
        """The same change to up to 1000 messages in one transaction; an unknown id fails all (404)."""
        return UpdateResult(updated=await apply_update(app_state, principal, data.ids, data))

    @post("/delete", operation_id="deleteMessages", summary="Delete many messages", status_code=200)
    async def delete_messages(
        self, data: JSONBody[BulkDelete], principal: NamedDependency[Principal], app_state: NamedDependency[AppState]
    ) -> DeleteResult:
        """Delete up to 1000 messages in one transaction, as DELETE /v1/messages/{id} does."""
        return await apply_delete(app_state, principal, data.ids, data.permanent)


class ThreadsController(Controller):
    path = "/v1/threads"
    tags = ["messages"]  # noqa: RUF012
    dependencies = {"principal": authenticate}  # noqa: RUF012

    @get("/{thread_id:int}", operation_id="getThread", summary="A conversation", sync_to_thread=False)
    def get_thread(
        self, thread_id: FromPath[int], principal: NamedDependency[Principal], app_state: NamedDependency[AppState]
    ) -> ThreadOut:
        """The messages of a thread in every mailbox (received and sent), oldest first. Messages
        join a thread by References/In-Reply-To, or a reply's subject."""
        require_scope(principal, "read")
        msgs = app_state.require_store().mail.thread(principal.account_id, thread_id)
        if not msgs:
            raise ProblemError(404, "not_found", f"no thread {thread_id}")
        return ThreadOut(id=thread_id, messages=[item(m) for m in msgs])


def document_downloads(schema: OpenAPI) -> None:
    """Describe the binary and streaming answers precisely (litestar documents File and
    Stream generically), and the 404 of the bulk calls."""
    paths = schema.paths or {}
    binary = Schema(type=OpenAPIType.STRING, format=OpenAPIFormat.BINARY)
    for path, ctype, text in (
        ("/v1/messages/{message_id}/raw", "message/rfc822", "The message as stored."),
        (
            "/v1/messages/{message_id}/parts/{part_path}",
            "application/octet-stream",
            "The decoded part; Content-Type is the part's own, Content-Disposition names its file.",
        ),
    ):
        op = paths[path].get
        assert op is not None and op.responses is not None
        op.responses["200"] = OpenAPIResponse(description=text, content={ctype: OpenAPIMediaType(schema=binary)})
    op = paths["/v1/events"].get
    assert op is not None and op.responses is not None
    op.responses["200"] = OpenAPIResponse(
        description="An endless text/event-stream; each event's data is a ChangeOut.",
        content={"text/event-stream": OpenAPIMediaType(schema=Schema(type=OpenAPIType.STRING))},
    )
    add_struct_schemas(schema, [ChangeOut])
    # What the stream accepts, exactly: litestar leaves out a bound of 0 (it is falsy) and
    # knows nothing of the header's digits.
    for param in op.parameters or []:
        if isinstance(param, Parameter) and isinstance(param.schema, Schema):
            if param.name == "since":
                param.schema.minimum = 0
            elif param.name == "Last-Event-ID":
                param.schema = Schema(
                    type=OpenAPIType.STRING, pattern="^[0-9]{1,19}$", description=param.schema.description
                )
    for path in ("/v1/messages/update", "/v1/messages/delete"):
        op = paths[path].post
        assert op is not None and op.responses is not None
        op.responses["404"] = OpenAPIResponse(
            description="An id is not a message of this account; nothing was changed.",
            content={
                PROBLEM_JSON: OpenAPIMediaType(
                    schema=Reference(ref="#/components/schemas/Problem"), example=problem_example("404", path)
                )
            },
        )
