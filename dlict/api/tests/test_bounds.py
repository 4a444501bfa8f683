"""Paging and filters out of bounds are a 422 that says which parameter and why, never a 500."""

from typing import Any

import pytest
from django.test import Client

from dlict.accounts.services import api_token_create

BEYOND_64_BITS = str(2**63)


@pytest.fixture
def api(world: Any) -> Any:
    _token, key = api_token_create(user=world.national, name="bounds")
    client = Client(raise_request_exception=False)

    def get(path: str, **params: Any) -> Any:
        return client.get(path, params, headers={"Authorization": f"Bearer {key}"})

    return get


@pytest.mark.parametrize("path", ["/api/schools", "/api/offices"])
@pytest.mark.parametrize(
    ("parameter", "value"),
    [
        ("limit", BEYOND_64_BITS),
        ("offset", BEYOND_64_BITS),
        ("limit", str(2**63 - 1)),
        ("offset", str(2**63 - 1)),
        ("limit", "100000"),
        ("offset", "1000001"),
        ("limit", "-1"),
        ("limit", "0"),
        ("offset", "-1"),
        ("limit", "ten"),
        ("offset", "1.5"),
        ("limit", ""),
    ],
)
def test_a_page_out_of_bounds_is_refused_and_named(
    api: Any, path: str, parameter: str, value: str
) -> None:
    response = api(path, **{parameter: value})
    assert response.status_code == 422
    (problem,) = response.json()["detail"]
    assert problem["loc"] == ["query", parameter]
    assert problem["msg"]


def test_the_largest_page_is_500_schools(api: Any) -> None:
    assert api("/api/schools", limit="500").status_code == 200
    assert api("/api/schools", limit="501").status_code == 422
    assert api("/api/schools", offset="1000000").json()["items"] == []


@pytest.mark.parametrize("parameter", ["q", "size", "kind"])
def test_a_nul_character_in_a_filter_is_refused_not_a_server_error(
    api: Any, parameter: str
) -> None:
    response = api("/api/schools", **{parameter: "a\x00b"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", parameter]


def test_a_nul_character_in_a_token_is_no_token(world: Any) -> None:
    client = Client(raise_request_exception=False)
    response = client.get("/api/schools", headers={"Authorization": "Bearer dlict_ab\x00c_d"})
    assert response.status_code == 401


def test_the_schema_declares_the_bounds_and_every_error_answer(client: Any) -> None:
    schema = client.get("/api/openapi.json").json()
    for path, methods in schema["paths"].items():
        for operation in methods.values():
            assert {"200", "401", "404", "422"} <= set(operation["responses"]), path
    limit = next(
        p for p in schema["paths"]["/api/schools"]["get"]["parameters"] if p["name"] == "limit"
    )
    assert (limit["schema"]["minimum"], limit["schema"]["maximum"]) == (1, 500)
