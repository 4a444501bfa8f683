"""What every app's ``api.py`` shares: bounded pages and the error answers the schema declares.

Every operation declares ``responses(...)``: besides its own answer, 401 (no or a bad token), 404
(nothing there, or nothing this token may see) and 422 (a parameter out of its bounds), each in the
body django-ninja sends. A list is paged by ``BoundedPagination``: ``limit`` 1–500 and ``offset``
0–1,000,000, so no number reaches the database that it cannot hold.
"""

from __future__ import annotations

from typing import Any

from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

# No NUL character: PostgreSQL cannot hold one in a string and would answer with a server error.
NO_NUL = r"^[^\x00]*$"
MAX_LIMIT = 500
MAX_OFFSET = 1_000_000  # beyond any list the API holds (about 30,000 schools in the country)


class BoundedPagination(LimitOffsetPagination):
    class Input(Schema):
        limit: int = Field(100, ge=1, le=MAX_LIMIT, description=f"Rows per page, 1 to {MAX_LIMIT}.")
        offset: int = Field(
            0, ge=0, le=MAX_OFFSET, description=f"Rows to skip, 0 to {MAX_OFFSET:,}."
        )

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_limit=MAX_LIMIT, **kwargs)


def text(max_length: int, description: str) -> Any:
    """A free-text query parameter: empty by default, bounded, with no NUL character."""
    return Field("", max_length=max_length, pattern=NO_NUL, description=description)


class Error(Schema):
    detail: str


class ValidationError(Schema):
    """What was wrong with the request, one entry per parameter (``loc`` says which)."""

    detail: list[dict[str, Any]]


def responses(ok: Any) -> dict[int, Any]:
    """An operation's answers: ``ok`` for 200, and the errors every operation may give."""
    return {200: ok, 401: Error, 404: Error, 422: ValidationError}
