"""Errors as RFC 9457 problem details (``application/problem+json``).

Every error the API returns has ``type``, ``title``, ``status``, ``detail`` and a
stable machine-readable ``code``; validation errors add ``errors`` naming the
fields. Unexpected exceptions are logged with their traceback and answered with a
generic 500 that reveals nothing of the server.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated, Any

import msgspec
from litestar import MediaType, Request, Response
from litestar.exceptions import HTTPException, ValidationException
from litestar.openapi.spec import OpenAPI, OpenAPIMediaType, OpenAPIResponse, OpenAPIType, Reference, Schema
from litestar.status_codes import HTTP_500_INTERNAL_SERVER_ERROR
from litestar.types import Empty
from msgspec import Meta

from api.validation import collect_errors
from mta.log import get_logger

log = get_logger("api")

PROBLEM_JSON = "application/problem+json"

# Stable codes for the HTTP errors litestar raises itself.
_CODES: dict[int, str] = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "payload_too_large",
    415: "unsupported_media_type",
    429: "rate_limited",
    500: "internal_error",
    503: "unavailable",
}


class FieldError(msgspec.Struct):
    field: Annotated[str, Meta(description="The field, as a path into the request.", examples=["to[0].address"])]
    message: Annotated[str, Meta(description="What is wrong with it.")]


class Problem(msgspec.Struct, omit_defaults=True):
    """An error response (RFC 9457)."""

    type: Annotated[
        str,
        Meta(description="A URI naming the kind of problem.", examples=["https://mailwright.dev/problems/not_found"]),
    ]
    title: Annotated[str, Meta(description="The HTTP status phrase.", examples=["Not Found"])]
    status: Annotated[int, Meta(description="The HTTP status.", examples=[404])]
    code: Annotated[str, Meta(description="A stable machine-readable code.", examples=["not_found"])]
    detail: Annotated[str, Meta(description="What went wrong, for people.")] = ""
    instance: Annotated[str, Meta(description="The request path.")] = ""
    errors: Annotated[list[FieldError], Meta(description="Invalid fields.")] = msgspec.field(default_factory=list)


class ProblemError(Exception):
    """Raise from a handler to answer with a problem detail."""

    def __init__(
        self,
        status: int,
        code: str,
        detail: str,
        title: str = "",
        *,
        errors: list[FieldError] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.code = code
        self.detail = detail
        self.title = title
        self.errors = errors or []
        self.headers = headers or {}

    def problem(self, instance: str = "") -> Problem:
        return Problem(
            type=f"https://mailwright.dev/problems/{self.code}",
            title=self.title or _title(self.status),
            status=self.status,
            code=self.code,
            detail=self.detail,
            instance=instance,
            errors=self.errors,
        )


def _response(problem: Problem, headers: dict[str, str] | None = None) -> Response[bytes]:
    return Response(
        content=msgspec.json.encode(problem),
        status_code=problem.status,
        media_type=PROBLEM_JSON,
        headers=headers,
    )


def _title(status: int) -> str:
    from http import HTTPStatus

    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"


def problem_handler(request: Request[Any, Any, Any], exc: Exception) -> Response[bytes]:
    problem, headers = problem_of(exc, request.url.path, request)
    return _response(problem, headers)


def validation_failed(errors: list[FieldError], path: str, where: str = "") -> Problem:
    """The 400 that names every invalid field; detail lists the first few."""
    shown = "; ".join(f"{e.field or 'body'}: {e.message}" for e in errors[:3])
    more = f" (and {len(errors) - 3} more)" if len(errors) > 3 else ""
    return Problem(
        type="https://mailwright.dev/problems/validation_failed",
        title="Bad Request",
        status=400,
        code="validation_failed",
        detail=f"{where}{shown}{more}" if errors else f"{where}invalid request",
        instance=path,
        errors=errors,
    )


def too_large(limit: int | None, path: str) -> Problem:
    """The 413 for a body over the limit, saying the limit."""
    size = f"{limit} bytes ({limit / 2**20:.1f} MiB)" if limit else "the server's limit"
    return Problem(
        type="https://mailwright.dev/problems/payload_too_large",
        title=_title(413),
        status=413,
        code="payload_too_large",
        detail=f"the request body is larger than the limit of {size}",
        instance=path,
    )


def _parameter_errors(exc: ValidationException, request: Request[Any, Any, Any] | None) -> list[FieldError]:
    """litestar's errors, a body's all of them (it stops at the first), parameters by
    their public names (`state`, not the handler's `state_filter`)."""
    extra = [e for e in (exc.extra if isinstance(exc.extra, list) else []) if isinstance(e, dict)]
    params = request.route_handler.parsed_fn_signature.parameters if request is not None else {}
    errors: list[FieldError] = []
    for e in extra:
        key, message = str(e.get("key", "")), str(e.get("message", ""))
        if e.get("source") == "body" and request is not None and "data" in params:
            body = request._connection_state.json  # the JSON litestar parsed before converting
            if body is not Empty:
                errors += [FieldError(field=f, message=m) for f, m in collect_errors(body, params["data"].annotation)]
                continue
        definition = params[key].kwarg_definition if key in params else None
        name = getattr(definition, "name", None) or getattr(definition, "query", None) or key
        errors.append(FieldError(field=str(name), message=message))
    return errors


def problem_of(
    exc: Exception, path: str, request: Request[Any, Any, Any] | None = None
) -> tuple[Problem, dict[str, str]]:
    """The problem detail (and extra headers) that answers exc, raised serving path;
    an exception nobody expected is logged and answered as a 500."""
    if isinstance(exc, ProblemError):
        return exc.problem(path), exc.headers
    if isinstance(exc, ValidationException):
        return validation_failed(_parameter_errors(exc, request), path), {}
    if isinstance(exc, HTTPException) and exc.status_code == 413 and request is not None:
        return too_large(request.route_handler.resolve_request_max_body_size(), path), {}
    if isinstance(exc, HTTPException):
        code = _CODES.get(exc.status_code, "error")
        return (
            Problem(
                type=f"https://mailwright.dev/problems/{code}",
                title=_title(exc.status_code),
                status=exc.status_code,
                code=code,
                detail=str(exc.detail),
                instance=path,
            ),
            {},
        )
    if isinstance(exc, OverflowError):  # an id beyond SQLite's 64-bit integers
        return (
            Problem(
                type="https://mailwright.dev/problems/invalid_request",
                title="Bad Request",
                status=400,
                code="invalid_request",
                detail="a number in the request is out of range (ids are below 2^63)",
                instance=path,
            ),
            {},
        )
    log.exception("unhandled error in request", path=path)
    return (
        Problem(
            type="https://mailwright.dev/problems/internal_error",
            title="Internal Server Error",
            status=HTTP_500_INTERNAL_SERVER_ERROR,
            code="internal_error",
            detail="The server failed to handle this request; it has been logged.",
            instance=path,
        ),
        {},
    )


__all__ = [
    "PROBLEM_JSON",
    "MediaType",
    "Problem",
    "ProblemError",
    "problem_example",
    "problem_handler",
    "problem_of",
    "validation_failed",
]


_ERRORS = {
    "400": "The request is malformed or a field is invalid (`errors` names the fields).",
    "401": "No or wrong credentials.",
    "403": "The credentials lack the scope this needs, a browser sent Basic credentials from another site, or a"
    " request with a session cookie that changes something lacks its X-CSRF-Token (`csrf_failed`).",
    "404": "No such resource in this account.",
    "409": "The resource is not in a state that allows this.",
    "415": "The body is not application/json (nor multipart/form-data where the operation takes it).",
    "422": "Well-formed, but refused (for example a webhook URL that is not public).",
    "429": "Too many failed authentications; see Retry-After.",
}


_EXAMPLES: dict[str, tuple[str, str, list[dict[str, str]]]] = {
    "400": ("validation_failed", "to[0].address: is required", [{"field": "to[0].address", "message": "is required"}]),
    "401": ("unauthorized", "give an account's address and password (Basic) or an API key (Bearer)", []),
    "403": ("forbidden", "this needs the manage scope", []),
    "404": ("not_found", "no message 42", []),
    "409": ("conflict", "the recipient is not in a state that allows this", []),
    "415": ("unsupported_media_type", "the body must be application/json", []),
    "422": ("url_refused", "outgoing_url: the host resolves to a private address", []),
    "429": ("rate_limited", "too many failed logins; try again in 30 seconds", []),
}


def problem_example(code: str, path: str) -> dict[str, object]:
    """A problem detail as this status answers it, for the docs' examples."""
    name, detail, errors = _EXAMPLES[code]
    out: dict[str, object] = {
        "type": f"https://mailwright.dev/problems/{name}",
        "title": _title(int(code)),
        "status": int(code),
        "code": name,
        "detail": detail,
        "instance": path,
    }
    if errors:
        out["errors"] = errors
    return out


def add_struct_schemas(schema: OpenAPI, types: Iterable[type[msgspec.Struct]]) -> None:
    """Add msgspec's JSON schemas of these types (and what they refer to) to the
    document's components, for types no route returns directly."""
    _, components = msgspec.json.schema_components(types, ref_template="#/components/schemas/{name}")
    assert schema.components is not None
    for name, body in components.items():
        assert name not in schema.components.schemas, f"{name} collides with an API schema"
        schema.components.schemas[name] = body  # litestar serializes plain dicts as they are


def document_problems(schema: OpenAPI) -> None:
    """Describe every error response as a problem detail (application/problem+json),
    replacing the validation-error shape litestar documents by default."""
    add_struct_schemas(schema, [Problem])
    problem = OpenAPIMediaType(schema=Reference(ref="#/components/schemas/Problem"))
    for path, item in (schema.paths or {}).items():
        for op in (item.get, item.put, item.post, item.delete, item.patch):
            if op is None or op.responses is None:
                continue
            op.responses.pop("400", None)
            if not path.startswith("/v1/"):
                continue
            codes = ["400", "401", "403", "429"]
            if "{" in path:
                codes.append("404")
            if op.request_body is not None:
                codes += ["415", "422"]
            if op.operation_id and op.operation_id.startswith(
                (
                    "retry",
                    "cancel",
                    "release",
                    "test",
                    "createMailbox",
                    "updateMailbox",
                    "deleteMailbox",
                    "createDraft",
                    "updateDraft",
                )
            ):
                codes.append("409")
            for code in sorted(codes):
                media = OpenAPIMediaType(schema=problem.schema, example=problem_example(code, path))
                op.responses[code] = OpenAPIResponse(description=_ERRORS[code], content={PROBLEM_JSON: media})
            _tidy_query(op.parameters or [])
    for component in (schema.components.schemas if schema.components else {}).values():
        for prop in (component.properties or {}).values() if isinstance(component, Schema) else ():
            _tidy_nullable_enum(prop)


def _tidy_nullable_enum(sch: Any) -> None:
    """A nullable enum (type [null, string] with null among the values) as oneOf an enum
    and null, which generators turn into one enum type and None."""
    if not isinstance(sch, Schema) or not isinstance(sch.type, list) or not sch.enum:
        return
    types = [t for t in sch.type if t != OpenAPIType.NULL]
    if len(types) != 1 or len(types) == len(sch.type):
        return
    values = [v for v in sch.enum if v is not None]
    sch.one_of = [Schema(type=types[0], enum=values), Schema(type=OpenAPIType.NULL)]
    sch.type = None
    sch.enum = None


def _tidy_query(parameters: list[Any]) -> None:
    """An optional query parameter is absent, never null: drop "null" from its type and
    enum, so generators make one plain type of it (not a union of fragments)."""
    for p in parameters:
        sch = getattr(p, "schema", None)
        if p.param_in != "query" or not isinstance(sch, Schema):
            continue
        if sch.one_of:
            real = [x for x in sch.one_of if not (isinstance(x, Schema) and x.type == OpenAPIType.NULL)]
            if len(real) == 1 and len(real) < len(sch.one_of) and isinstance(real[0], Schema):
                real[0].description = real[0].description or sch.description
                # litestar puts an optional parameter's bounds on the union: keep them.
                for bound in ("minimum", "maximum", "min_length", "max_length", "pattern"):
                    if getattr(real[0], bound) is None and getattr(sch, bound) is not None:
                        setattr(real[0], bound, getattr(sch, bound))
                p.schema = real[0]
            continue
        if not isinstance(sch.type, list):
            continue
        types = [t for t in sch.type if t != OpenAPIType.NULL]
        if len(types) == 1 and len(types) < len(sch.type):
            sch.type = types[0]
            if sch.enum:
                sch.enum = [v for v in sch.enum if v is not None]
