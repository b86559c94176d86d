"""The HTTP API: /v1 resources, auth, docs pages (litestar + msgspec)."""

from api.app import asgi_app, create_app
from api.state import AppState

__all__ = ["AppState", "asgi_app", "create_app"]
