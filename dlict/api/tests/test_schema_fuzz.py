"""The API fuzzed from its own OpenAPI schema (schemathesis): valid and invalid requests alike get
an answer the schema declares, in the shape it declares, and never a server error."""

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis import checks
from schemathesis.specs.openapi import checks as openapi_checks

from dlict.accounts.services import api_token_create

# Loaded through the Django app itself: the requests never leave the process, and they share the
# test's database transaction.
schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())


@pytest.fixture(autouse=True)
def _requests_keep_the_tests_connection() -> Iterator[None]:
    """As Django's test client does: a request that closed the connection at its end would end the
    test's transaction with it (PostgreSQL)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def authorization(world: Any) -> dict[str, str]:
    _token, key = api_token_create(user=world.staff_a, name="schemathesis")
    return {"Authorization": f"Bearer {key}"}


@schema.parametrize()
@pytest.mark.django_db
@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_api_answers_as_its_schema_says(case: Any, authorization: dict[str, str]) -> None:
    # Not negative_data_rejection: it counts an unknown query parameter as invalid, and the API
    # ignores those, as HTTP APIs commonly do.
    case.call_and_validate(
        headers=authorization,
        checks=[
            checks.not_a_server_error,
            openapi_checks.status_code_conformance,
            openapi_checks.content_type_conformance,
            openapi_checks.response_schema_conformance,
            openapi_checks.positive_data_acceptance,
            openapi_checks.ignored_auth,
        ],
    )
