"""Helpers for the tests of every app."""

from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext


def queries_to_open(client: Any, url: str, params: dict[str, Any] | None = None) -> int:
    """How many queries opening ``url`` takes (which must succeed): for the N+1 checks that STYLE
    asks of every list page."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params or {})
    assert response.status_code == 200, response.status_code  # noqa: S101 - a test helper
    return len(queries)
