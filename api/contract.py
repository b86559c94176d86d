"""What the OpenAPI document promises about answers, made as exact as the answers are.

msgspec writes a field with a default as optional, which is right for a request (leave
it out and the default applies) but not for an answer: a Struct encoded without
``omit_defaults`` always carries every field. Generated SDKs read "optional" as "may be
undefined", so users of a strict type checker would have to test for fields that are
always there. A schema that only answers use (never part of a request body) gets every
field required; a field with exactly one allowed value (the ``event`` of a webhook
payload) becomes a ``const``, so it discriminates a union of payloads.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import msgspec
from litestar.openapi.spec import OpenAPI, Reference, Schema

_PREFIX = "#/components/schemas/"


def _structs() -> dict[str, type[msgspec.Struct]]:
    """Every Struct class by name; a name used by two classes maps to neither."""
    found: dict[str, type[msgspec.Struct]] = {}
    clash: set[str] = set()
    todo: list[type[msgspec.Struct]] = [msgspec.Struct]
    while todo:
        cls = todo.pop()
        for sub in cls.__subclasses__():
            todo.append(sub)
            if sub.__name__ in found and found[sub.__name__] is not sub:
                clash.add(sub.__name__)
            found[sub.__name__] = sub
    return {k: v for k, v in found.items() if k not in clash}


def _refs(node: Any) -> Iterator[str]:
    """The component names node refers to, directly."""
    if isinstance(node, Reference):
        if node.ref.startswith(_PREFIX):
            yield node.ref[len(_PREFIX) :]
    elif isinstance(node, Schema):
        for value in vars(node).values():
            yield from _refs(value)
    elif isinstance(node, dict):
        if isinstance(node.get("$ref"), str) and node["$ref"].startswith(_PREFIX):
            yield node["$ref"][len(_PREFIX) :]
        for value in node.values():
            yield from _refs(value)
    elif isinstance(node, list | tuple):
        for value in node:
            yield from _refs(value)


def _reachable(roots: list[str], components: dict[str, Any]) -> set[str]:
    seen: set[str] = set()
    todo = list(roots)
    while todo:
        name = todo.pop()
        if name in seen or name not in components:
            continue
        seen.add(name)
        todo.extend(_refs(components[name]))
    return seen


def require_present_fields(schema: OpenAPI) -> None:
    """Mark every field of an answer-only schema required, and one-value enums const."""
    components: dict[str, Any] = dict(schema.components.schemas) if schema.components else {}
    request_roots: list[str] = []
    for item in (schema.paths or {}).values():
        for op in (item.get, item.put, item.post, item.delete, item.patch):
            if op is not None and op.request_body is not None and not isinstance(op.request_body, Reference):
                for media in (op.request_body.content or {}).values():
                    request_roots.extend(_refs(media.schema))
    in_requests = _reachable(request_roots, components)
    structs = _structs()
    for name, body in components.items():
        cls = structs.get(name)
        if name in in_requests or cls is None or cls.__struct_config__.omit_defaults:
            continue
        if isinstance(body, Schema) and body.properties:
            body.required = sorted(body.properties)
            for prop in body.properties.values():
                _const(prop)
        elif isinstance(body, dict) and body.get("properties"):
            body["required"] = list(body["properties"])
            for prop in body["properties"].values():
                _const(prop)


def _const(prop: Any) -> None:
    if isinstance(prop, Schema) and prop.enum and len(prop.enum) == 1:
        prop.const = prop.enum[0]
        prop.enum = None
        prop.default = None
    elif isinstance(prop, dict) and isinstance(prop.get("enum"), list) and len(prop["enum"]) == 1:
        prop["const"] = prop.pop("enum")[0]
        prop.pop("default", None)
