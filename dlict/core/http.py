"""The request views receive, for the type checker: a logged-in user and django-htmx's details."""

from typing import TYPE_CHECKING

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

if TYPE_CHECKING:
    from dlict.accounts.models import User


class Request(HttpRequest):
    user: "User"
    htmx: HtmxDetails


# The largest id a 64-bit primary key holds: a longer number in a query string is no id.
_MAX_ID = 2**63 - 1


def parse_id(text: str | None) -> int | None:
    """An id from a query string, or None for anything that cannot be one."""
    if not text or not text.isdigit() or len(text) > 19:
        return None
    value = int(text)
    return value if 0 < value <= _MAX_ID else None
