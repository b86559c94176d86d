"""Opaque page cursors: what a list returned as `next_cursor`, handed back as `cursor`."""

from __future__ import annotations

import base64

import msgspec

from api.problems import ProblemError


def encode_cursor(value: str) -> str:
    return base64.urlsafe_b64encode(value.encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> str:
    try:
        return base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
    except (ValueError, UnicodeDecodeError):
        raise ProblemError(400, "invalid_cursor", "the cursor is not one this API gave out") from None


def decode_id_cursor(cursor: str | None) -> int | None:
    """The id a page continues before, from a cursor made by encode_cursor(str(id))."""
    if not cursor:
        return None
    raw = decode_cursor(cursor)
    if not raw.isdigit():
        raise ProblemError(400, "invalid_cursor", "the cursor is not one this API gave out")
    return int(raw)


def encode_key(kind: str, value: int | str, id_: int) -> str:
    """A cursor continuing after the row with this sort value and id, in the order kind."""
    return encode_cursor(msgspec.json.encode([kind, value, id_]).decode())


def decode_key(cursor: str | None, kind: str) -> tuple[int | str, int] | None:
    """The (sort value, id) a page continues after, from encode_key with the same kind."""
    if not cursor:
        return None
    try:
        got, value, id_ = msgspec.json.decode(decode_cursor(cursor), type=tuple[str, int | str, int])
    except (msgspec.DecodeError, msgspec.ValidationError):
        got, value, id_ = "", 0, 0
    if got != kind:
        raise ProblemError(400, "invalid_cursor", "the cursor is not one this API gave out for this list and order")
    return value, id_
