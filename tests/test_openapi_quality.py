"""The contract is good enough to generate good SDKs from (the SDK issue's rules)."""

from __future__ import annotations

import json
from pathlib import Path

DOC = json.loads((Path(__file__).parent.parent / "openapi" / "openapi.json").read_text())


def test_every_field_is_described() -> None:
    bare = [
        f"{name}.{prop}"
        for name, schema in DOC["components"]["schemas"].items()
        for prop, v in (schema.get("properties") or {}).items()
        if not ({"description", "examples", "$ref"} & set(v))
    ]
    assert bare == []


def test_operations_are_named_tagged_and_errors_are_problems() -> None:
    for path, item in DOC["paths"].items():
        for method, op in item.items():
            assert op.get("operationId") and op.get("tags"), (method, path)
            if path.startswith("/v1/"):
                errors = {code: r for code, r in op["responses"].items() if code[0] in "45"}
                assert "401" in errors, (method, path)
                for r in errors.values():
                    assert r["content"]["application/problem+json"]["schema"] == {
                        "$ref": "#/components/schemas/Problem"
                    }
    assert {"outgoing", "incoming"} <= set(DOC["webhooks"])
