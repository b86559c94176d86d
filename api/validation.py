"""Every invalid field of a request body, not only the first.

msgspec stops at the first error it meets, which makes a user fix a request one field
per round trip. When decoding fails, the body (already parsed as plain JSON) is walked
again against the type's fields: each field is converted on its own, structs and lists
of them are entered, unknown and missing fields are named. The walk only runs for a
request that failed, touches each value a bounded number of times, and stops after
MAX_ERRORS.
"""

from __future__ import annotations

import re
import types
from typing import Annotated, Any, Union, get_args, get_origin

import msgspec

MAX_ERRORS = 50
_AT = re.compile(r" - at `\$(.*)`$")


def split_error(e: msgspec.ValidationError) -> tuple[str, str]:
    """msgspec's message without its location, and the location (`.to[0].address`, or '')."""
    text = str(e)
    m = _AT.search(text)
    return (text[: m.start()], m.group(1)) if m else (text, "")


def _join(path: str, rest: str) -> str:
    return (path + rest).lstrip(".")


def _strip(tp: Any) -> Any:
    while get_origin(tp) is Annotated:
        tp = get_args(tp)[0]
    return tp


def _non_null(tp: Any) -> Any:
    """The one non-null member of an optional type (or the type itself)."""
    if get_origin(tp) in (Union, types.UnionType):
        members = [m for m in get_args(tp) if m is not type(None)]
        if len(members) == 1:
            return _strip(members[0])
    return tp


def collect_errors(value: Any, tp: Any, path: str = "") -> list[tuple[str, str]]:
    """The invalid fields of value (plain JSON) as type tp, as (field path, message), at
    most MAX_ERRORS of them."""
    out: list[tuple[str, str]] = []
    _collect(value, tp, path, out)
    return out


def _collect(value: Any, tp: Any, path: str, out: list[tuple[str, str]]) -> None:
    if len(out) >= MAX_ERRORS:
        return
    try:
        msgspec.convert(value, tp)
        return
    except msgspec.ValidationError as e:
        message, at = split_error(e)
    base = _non_null(_strip(tp))
    before = len(out)
    if isinstance(base, type) and issubclass(base, msgspec.Struct) and isinstance(value, dict):
        _struct(value, base, path, out)
    elif get_origin(base) is list and isinstance(value, list) and at.startswith("["):
        (item,) = get_args(base)
        for i, v in enumerate(value):
            _collect(v, item, f"{path}[{i}]", out)
    elif get_origin(base) is dict and isinstance(value, dict) and at.startswith("[...]"):
        _, item = get_args(base)
        for k, v in value.items():
            _collect(v, item, f"{path}.{k}", out)
    if len(out) == before and len(out) < MAX_ERRORS:
        out.append((_join(path, at), message))


def _struct(value: dict[str, Any], cls: type[msgspec.Struct], path: str, out: list[tuple[str, str]]) -> None:
    fields = {f.encode_name: f for f in msgspec.structs.fields(cls)}
    if cls.__struct_config__.forbid_unknown_fields:
        for key in value:
            if key not in fields and len(out) < MAX_ERRORS:
                out.append((_join(path, f".{key}"), "unknown field"))
    for name, f in fields.items():
        if name in value:
            _collect(value[name], f.type, f"{path}.{name}", out)
        elif f.required and len(out) < MAX_ERRORS:
            out.append((_join(path, f".{name}"), "is required"))
