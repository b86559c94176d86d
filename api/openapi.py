"""The OpenAPI document of the app, as committed in openapi/openapi.json.

``python -m api.openapi`` prints it; ``make openapi`` writes it; a test fails when the
committed file differs from what the code produces.
"""

from __future__ import annotations

import json
import sys

from api.app import create_app
from api.state import AppState


def document() -> str:
    app = create_app(AppState(store=None))
    schema = app.openapi_schema.to_schema()
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=False) + "\n"


if __name__ == "__main__":
    sys.stdout.write(document())
