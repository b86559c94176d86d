"""Query parameters that would be misread rather than refused.

litestar converts query values leniently: `since=null` becomes "no since" (the whole
history), `state=null` no filter at all, and a time without a zone is read in the
server's local zone. Each is a request that means something else than it says, so it
is refused with a 400 naming the parameter, before the handler runs.
"""

from __future__ import annotations

import types
from datetime import datetime
from functools import cache
from typing import Any, Union, get_args, get_origin

from litestar import Request
from litestar.handlers import HTTPRouteHandler
from litestar.params import ParameterKwarg

from api.problems import FieldError, ProblemError, validation_failed


def _base(tp: Any) -> Any:
    if get_origin(tp) in (Union, types.UnionType):
        members = [m for m in get_args(tp) if m is not type(None)]
        if len(members) == 1:
            return _base(members[0])
    if get_origin(tp) is list:
        return _base(get_args(tp)[0])
    return tp


@cache
def _query_types(handler: HTTPRouteHandler) -> dict[str, Any]:
    """The handler's query parameters by their name in the URL, with their value type."""
    out: dict[str, Any] = {}
    for name, field in handler.parsed_fn_signature.parameters.items():
        definition = field.kwarg_definition
        if isinstance(definition, ParameterKwarg):
            if definition.header or definition.cookie:
                continue
            name = definition.query or definition.name or name
        elif definition is not None:
            continue  # a body, a dependency
        out[name] = _base(field.annotation)
    return out


async def check_query(request: Request[Any, Any, Any]) -> None:
    """litestar's before_request hook: refuse `null` for a parameter that is not a
    string, and a time without a time zone."""
    handler = request.route_handler
    if not request.query_params or not isinstance(handler, HTTPRouteHandler):
        return
    types_ = _query_types(handler)
    errors: list[FieldError] = []
    for name, value in request.query_params.multi_items():
        tp = types_.get(name)
        if tp is None or tp is str:
            continue
        if value == "null":
            errors.append(FieldError(field=name, message="null is not a value here; leave the parameter out"))
        elif tp is datetime:
            try:
                parsed = datetime.fromisoformat(value)
            except ValueError:
                continue  # litestar's validation names it
            if parsed.tzinfo is None:
                errors.append(FieldError(field=name, message="needs a time zone (e.g. 2026-12-01T09:00:00Z)"))
    if errors:
        p = validation_failed(errors, request.url.path)
        raise ProblemError(400, p.code, p.detail, p.title, errors=errors)
