"""Errors: the API answers every failure with an RFC 9457 problem detail; ``check``
turns one into a ``MailwrightError`` so callers can use exceptions."""

from __future__ import annotations

from typing import TypeVar

from mailwright_client.generated.models import FieldError, Problem

T = TypeVar("T")


class MailwrightError(Exception):
    """A problem detail from the API: ``status``, stable ``code``, ``detail``, and ``errors``: the
    invalid fields as the body lists them (each a ``FieldError`` with ``field`` and ``message``)."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(f"{problem.status} {problem.code}: {problem.detail}")
        self.problem = problem
        self.status = problem.status
        self.code = problem.code
        self.detail = problem.detail
        self.errors: list[FieldError] = list(problem.errors or [])


def check(result: T | Problem | None) -> T:
    """The successful answer of a generated ``sync``/``asyncio`` call, or raise."""
    if isinstance(result, Problem):
        raise MailwrightError(result)
    if result is None:
        raise MailwrightError(Problem(type_="about:blank", title="Unexpected response", status=0, code="unexpected"))
    return result
