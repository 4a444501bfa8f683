"""The request views receive, for the type checker: a logged-in user and django-htmx's details."""

import logging
from typing import TYPE_CHECKING, Any

from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpRequest
from django_htmx.middleware import HtmxDetails

if TYPE_CHECKING:
    # The stubs' stand-in for settings.AUTH_USER_MODEL, which their mypy plugin resolves: core
    # types the user without importing the app that defines it.
    from django.contrib.auth.models import _User


class Request(HttpRequest):
    user: "_User"
    htmx: HtmxDetails


logger = logging.getLogger(__name__)

# The largest id a 64-bit primary key holds: a longer number in a query string is no id.
_MAX_ID = 2**63 - 1


def parse_id(text: str | None) -> int | None:
    """An id from a query string, or None for anything that cannot be one."""
    if not text or not text.isdigit() or len(text) > 19:
        return None
    value = int(text)
    return value if 0 < value <= _MAX_ID else None


def stored_file_response(file: FieldFile, content_type: str, **options: Any) -> FileResponse:
    """A stored upload as a response; a file gone from the storage is a 404 (and logged)."""
    try:
        handle = file.open("rb")
    except FileNotFoundError:
        logger.error("The stored file %s is missing", file.name)
        raise Http404 from None
    return FileResponse(handle, content_type=content_type, **options)
