"""POST /v1/send and /v1/send/batch: compose, sign and queue a message in one call."""

from __future__ import annotations

import asyncio
import base64
import binascii
import hashlib
from datetime import datetime
from typing import Annotated, Any

import msgspec
from litestar import Controller, Request, Response, post
from litestar.datastructures import UploadFile
from litestar.di import NamedDependency
from litestar.params import HeaderParameter, JSONBody

from api.auth import Principal, authenticate, require_scope
from api.problems import FieldError, Problem, ProblemError, validation_failed
from api.schemas.mail import DraftRequest
from api.schemas.send import (
    AttachmentIn,
    BatchItem,
    BatchRequest,
    BatchResponse,
    EmailAddress,
    SendRequest,
    SendResponse,
    SubmissionOut,
)
from api.state import AppState
from api.validation import collect_errors
from mta.compose import Addr, Attachment, Composed, ComposeError, Draft, compose, from_draft
from mta.delivery import Trace, received_header
from mta.log import cid_var
from mta.smtp.address import Address, AddressError, parse_address
from mta.store import DeliveryMeta, Target
from mta.store.outbound import IdempotencyConflict
from mta.store.types import FLAG_SEEN, EnqueueRequest, Submission

MAX_METADATA_KEYS = 50
MAX_METADATA_KEY = 64
MAX_METADATA_VALUE = 1024
MAX_IDEMPOTENCY_KEY = 255
# Bodies and attachments above this are composed (MIME encoding, the text alternative of
# HTML) in a thread, so one large send does not hold up the event loop.
COMPOSE_ON_LOOP_MAX = 256 * 1024

_enc = msgspec.json.Encoder()


def invalid_field(field: str, message: str, more: list[tuple[str, str]] | None = None) -> ProblemError:
    errors = [FieldError(field=field, message=message), *(FieldError(field=f, message=m) for f, m in more or [])]
    more_text = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    return ProblemError(400, "invalid_message", f"{field}: {message}{more_text}", errors=errors)


def invalid_message(e: ComposeError, prefix: str = "") -> ProblemError:
    """The 400 naming every field compose found wrong."""
    (field, message), *more = [(prefix + f, m) for f, m in e.errors]
    return invalid_field(field, message, more)


def _ms(dt: datetime | None, field: str) -> int | None:
    if dt is None:
        return None
    if dt.tzinfo is None:
        raise invalid_field(field, "needs a time zone (e.g. 2026-12-01T09:00:00Z)")
    return int(dt.timestamp() * 1000)


def _attachments(items: list[AttachmentIn], field: str) -> list[Attachment]:
    out = []
    for i, a in enumerate(items):
        try:
            data = base64.b64decode(a.data, validate=True)
        except (binascii.Error, ValueError):
            raise invalid_field(f"{field}[{i}].data", "is not valid base64") from None
        out.append(Attachment(filename=a.name, content_type=a.content_type, data=data, content_id=a.content_id))
    return out


def _addrs(items: list[EmailAddress]) -> list[Addr]:
    return [Addr(address=a.address, name=a.name) for a in items]


def _check_metadata(md: dict[str, str]) -> None:
    if len(md) > MAX_METADATA_KEYS:
        raise invalid_field("metadata", f"at most {MAX_METADATA_KEYS} keys")
    for k, v in md.items():
        if not k or len(k) > MAX_METADATA_KEY or not all(c.isalnum() or c in "-_." for c in k):
            raise invalid_field(f"metadata.{k}", f"keys are 1-{MAX_METADATA_KEY} characters of letters, digits, - _ .")
        if len(v) > MAX_METADATA_VALUE:
            raise invalid_field(f"metadata.{k}", f"values are at most {MAX_METADATA_VALUE} characters")


def _response(message_id: str, subs: list[Submission]) -> SendResponse:
    return SendResponse(
        message_id=message_id,
        submissions=[
            SubmissionOut(address=s.address, outbound_id=s.outbound_id, from_id=s.from_id, state=s.state) for s in subs
        ],
    )


def resolve_sender(given: EmailAddress | None, principal: Principal, state: AppState) -> tuple[EmailAddress, Address]:
    """The From of a message the account writes: the given address, which must be the
    account's, or else the account's first address."""
    store = state.require_store()
    if given is None:
        own = [a for a in store.addresses(principal.account_name) if not a.startswith("@")]
        if not own:
            raise invalid_field("from", "the account has no address of its own; give one")
        given = EmailAddress(address=own[0])
    try:
        addr = parse_address(given.address)
    except AddressError as e:
        raise invalid_field("from.address", str(e)) from None
    res = store.resolve(addr, state.catchall_account)
    if res.kind != "local" or principal.account_id not in res.account_ids:
        raise ProblemError(
            403, "sender_not_allowed", f"from: {given.address} is not an address of account {principal.account_name}"
        )
    return given, addr


_CONTENT_FIELDS = (
    "from_",
    "to",
    "cc",
    "bcc",
    "reply_to",
    "subject",
    "text",
    "html",
    "text_from_html",
    "headers",
    "attachments",
    "inline",
    "alternatives",
    "references",
    "in_reply_to",
    "message_id",
    "date",
)


async def _saved_draft(req: SendRequest, principal: Principal, state: AppState) -> tuple[Composed, Address, str]:
    """The account's draft req.draft_id, made ready to send."""
    assert req.draft_id is not None
    given = [f for f in _CONTENT_FIELDS if getattr(req, f) != getattr(_EMPTY, f)]
    if given:
        names = ", ".join("from" if f == "from_" else f for f in given)
        raise invalid_field(
            "draft_id", f"a draft is sent as saved; change it with PUT /v1/drafts/{{id}}, not here ({names})"
        )
    store = state.require_store()
    m = store.mail.get(principal.account_id, req.draft_id)
    drafts = store.mailbox_by_role(principal.account_id, "drafts")
    if m is None:
        raise ProblemError(404, "not_found", f"no message {req.draft_id}")
    if drafts is None or m.mailbox_id != drafts.id:
        raise invalid_field("draft_id", f"message {req.draft_id} is not in the Drafts mailbox")
    data = await asyncio.to_thread(store.message_path(m.id).read_bytes)
    try:
        composed, sender = from_draft(data, state.hostname, state.max_message_size)
    except ComposeError as e:
        raise invalid_message(e, "draft.") from None
    _, from_addr = resolve_sender(EmailAddress(address=sender), principal, state)
    return composed, from_addr, m.subject


async def send_one(
    req: SendRequest,
    principal: Principal,
    state: AppState,
    idempotency: tuple[str, bytes] | None = None,
    remote_ip: str = "",
) -> tuple[int, bytes]:
    """Compose (or take the saved draft), sign and queue one message; returns (status, JSON body).
    remote_ip: the HTTP client's, for the Received: line of this hop."""
    store = state.require_store()
    submitter = state.require_submitter()
    _check_metadata(req.metadata)
    if req.draft_id is not None:
        composed, from_addr, subject = await _saved_draft(req, principal, state)
    else:
        sender, from_addr = resolve_sender(req.from_, principal, state)
        subject = req.subject
        try:
            draft = draft_of(req, sender)
            if _content_size(req) > COMPOSE_ON_LOOP_MAX:
                composed = await asyncio.to_thread(compose, draft, state.hostname, state.max_message_size)
            else:
                composed = compose(draft, state.hostname, state.max_message_size)
        except ComposeError as e:
            raise invalid_message(e) from None
    send_at, deliver_by = _ms(req.send_at, "send_at"), _ms(req.deliver_by, "deliver_by")
    # This hop's trace line, as SMTP submission writes one (RFC 5321 section 4.4); no
    # "for" clause, which would name a Bcc recipient.
    trace = Trace(helo=remote_ip, remote_ip=remote_ip, protocol="HTTP", id=cid_var.get())
    enqueue = EnqueueRequest(
        account_id=principal.account_id,
        mail_from=from_addr.ascii if composed.smtputf8 is False else str(from_addr),
        recipients=composed.recipients,
        data=received_header(state.hostname, trace, None) + composed.data,
        message_id=composed.message_id,
        subject=subject,
        sender=str(from_addr),
        smtputf8=composed.smtputf8,
        require_tls=req.require_tls,
        metadata=req.metadata,
        send_at=send_at,
        deliver_by=deliver_by,
    )

    def respond(subs: list[Submission]) -> tuple[int, bytes]:
        return 202, _enc.encode(_response(composed.message_id, subs))

    try:
        subs, replay = await submitter.submit(enqueue, idempotency, respond)
    except IdempotencyConflict:
        raise ProblemError(
            422, "idempotency_key_reused", "this Idempotency-Key was used with a different request"
        ) from None
    if replay is not None:
        return replay
    if req.save_sent:
        sent = Target(account_id=principal.account_id, rcpt_to=str(from_addr), mailbox_role="sent", flags=FLAG_SEEN)
        await store.deliver(
            composed.sent_copy(), [sent], DeliveryMeta(mail_from=from_addr.ascii), replacing=req.draft_id
        )
    elif req.draft_id is not None:
        await store.mail.delete(principal.account_id, [req.draft_id], permanent=True)
    return respond(subs)


def _content_size(req: SendRequest) -> int:
    return len(req.text or "") + len(req.html or "") + sum(len(a.data) for a in req.attachments)


def draft_of(req: SendRequest | DraftRequest, sender: EmailAddress) -> Draft:
    """The composer's input from a send or draft request."""
    send = req if isinstance(req, SendRequest) else None
    return Draft(
        from_=Addr(address=sender.address, name=sender.name),
        to=_addrs(req.to),
        cc=_addrs(req.cc),
        bcc=_addrs(req.bcc),
        reply_to=_addrs(req.reply_to),
        subject=req.subject,
        text=req.text,
        html=req.html,
        headers=list(send.headers.items()) if send else [],
        attachments=_attachments(req.attachments, "attachments"),
        inline=_attachments(req.inline, "inline"),
        alternatives=_attachments(send.alternatives, "alternatives") if send else [],
        references=req.references,
        in_reply_to=req.in_reply_to,
        message_id=send.message_id if send else "",
        date=send.date if send else None,
        text_from_html=send.text_from_html if send else True,
    )


_send_dec = msgspec.json.Decoder(SendRequest)
_EMPTY = SendRequest()


def decode_request(raw: bytes | str, where: str) -> SendRequest:
    try:
        return _send_dec.decode(raw)
    except msgspec.ValidationError:
        # msgspec stops at the first error; name them all (the JSON itself is valid).
        found = collect_errors(msgspec.json.decode(raw), SendRequest)
        p = validation_failed([FieldError(field=f, message=m) for f, m in found], "", f"{where}: ")
        raise ProblemError(400, p.code, p.detail, p.title, errors=p.errors) from None
    except msgspec.DecodeError as e:
        raise ProblemError(400, "validation_failed", f"{where} is not valid JSON: {e}") from None
    except UnicodeDecodeError:
        raise ProblemError(400, "validation_failed", f"{where} is not valid JSON: it is not UTF-8") from None


async def read_send_request(request: Request[Any, Any, Any], max_size: int) -> tuple[SendRequest, bytes]:
    """The SendRequest of a JSON or multipart body, and a digest of the body for idempotency."""
    ctype = request.headers.get("content-type", "").lower()
    if ctype.startswith("multipart/form-data"):
        form = await request.form()
        raw = form.get("request")
        if raw is None:
            raise ProblemError(400, "validation_failed", "multipart body needs a 'request' part with the JSON fields")
        if isinstance(raw, UploadFile):
            raw = await raw.read()
        req = decode_request(raw, "request part")
        digest = hashlib.sha256(raw if isinstance(raw, bytes) else raw.encode())
        extra: dict[str, list[AttachmentIn]] = {"attachments": [], "inline": []}
        total = 0
        for name, value in form.multi_items():
            if name == "request":
                continue
            if name not in extra or not isinstance(value, UploadFile):
                raise ProblemError(
                    400, "validation_failed", f"unexpected form part {name!r}; use attachments or inline"
                )
            content = await value.read()
            total += len(content)
            if total > max_size:
                raise ProblemError(413, "payload_too_large", f"attachments exceed {max_size} bytes")
            digest.update(name.encode() + (value.filename or "").encode() + hashlib.sha256(content).digest())
            cid = (value.headers.get("content-id") or "").strip("<> ")
            extra[name].append(
                AttachmentIn(
                    name=value.filename or name,
                    data=base64.b64encode(content).decode(),
                    content_type=value.content_type or "application/octet-stream",
                    content_id=cid,
                )
            )
        req = msgspec.structs.replace(
            req, attachments=req.attachments + extra["attachments"], inline=req.inline + extra["inline"]
        )
        return req, digest.digest()
    if ctype and not ctype.startswith("application/json"):
        raise ProblemError(415, "unsupported_media_type", "send application/json or multipart/form-data")
    body = await request.body()
    return decode_request(body, "body"), hashlib.sha256(body).digest()


class SendController(Controller):
    path = "/v1/send"
    tags = ["sending"]  # noqa: RUF012 - litestar reads it as a class attribute
    dependencies = {"principal": authenticate}  # noqa: RUF012

    @post(
        "/",
        operation_id="send",
        summary="Send a message",
        status_code=202,
        responses={},
        opt={"skip_compression": True},  # a few hundred bytes: gzip would cost more than it saves
    )
    async def send(
        self,
        request: Request[Any, Any, Any],
        principal: NamedDependency[Principal],
        app_state: NamedDependency[AppState],
        idempotency_key: Annotated[
            str | None,
            HeaderParameter(
                name="Idempotency-Key",
                description="Makes a retried call return the first call's result instead of sending twice (24 h).",
                max_length=MAX_IDEMPOTENCY_KEY,
                required=False,
            ),
        ] = None,
    ) -> Response[SendResponse]:
        """Compose a message from the fields, DKIM-sign it and queue it for each recipient.

        The body is JSON (a SendRequest), or multipart/form-data for large attachments: a
        `request` part holding the JSON, and file parts named `attachments` or `inline`
        (the part's filename, content type and Content-ID are used).
        The answer comes once the message is on disk: its Message-ID and, per recipient, the
        outbound id that events and the history use.
        """
        require_scope(principal, "send")
        data, digest = await read_send_request(request, app_state.max_message_size)
        idem = (idempotency_key, digest) if idempotency_key else None
        status, body = await send_one(data, principal, app_state, idem, request.client.host if request.client else "")
        return Response(content=msgspec.json.decode(body, type=SendResponse), status_code=status)

    @post("/batch", operation_id="sendBatch", summary="Send up to 500 messages", status_code=200)
    async def batch(
        self,
        request: Request[Any, Any, Any],
        data: JSONBody[BatchRequest],
        principal: NamedDependency[Principal],
        app_state: NamedDependency[AppState],
    ) -> BatchResponse:
        """Each message is accepted (status 202 with its ids) or refused with a problem detail on its own."""
        require_scope(principal, "send")
        results: list[BatchItem] = []
        for i, req in enumerate(data.messages):
            try:
                status, body = await send_one(
                    req, principal, app_state, remote_ip=request.client.host if request.client else ""
                )
                r = msgspec.json.decode(body, type=SendResponse)
                results.append(BatchItem(status=status, message_id=r.message_id, submissions=r.submissions))
            except ProblemError as e:
                p: Problem = e.problem(f"/v1/send/batch#/messages/{i}")
                results.append(BatchItem(status=e.status, error=msgspec.to_builtins(p)))
        return BatchResponse(results=results)
