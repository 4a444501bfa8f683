from typing import Any

from dlict.accounts.services import api_token_create, api_token_revoke


def _get(client: Any, user: Any, path: str, **params: Any) -> Any:
    _token, key = api_token_create(user=user, name="test")
    return client.get(path, params, headers={"Authorization": f"Bearer {key}"})


def test_the_schema_describes_the_api(client: Any) -> None:
    schema = client.get("/api/openapi.json").json()
    assert "/api/schools" in schema["paths"]
    assert "/api/schools/{school_id}" in schema["paths"]
    assert schema["components"]["securitySchemes"]


def test_no_token_no_data(world: Any, client: Any) -> None:
    assert client.get("/api/schools").status_code == 401
    assert (
        client.get("/api/schools", headers={"Authorization": "Bearer dlict_x_y"}).status_code == 401
    )


def test_a_revoked_token_is_refused(world: Any, client: Any) -> None:
    token, key = api_token_create(user=world.staff_a, name="x")
    api_token_revoke(token=token)
    assert client.get("/api/schools", headers={"Authorization": f"Bearer {key}"}).status_code == 401


def test_schools_are_scoped_to_the_token_owner(world: Any, client: Any) -> None:
    names = {
        s["name_th"] for s in _get(client, world.coordinator_a, "/api/schools").json()["items"]
    }
    assert names == {"บ้านห้วยทราย"}
    names = {s["name_th"] for s in _get(client, world.staff_a, "/api/schools").json()["items"]}
    assert names == {"บ้านห้วยทราย", "บ้านลับบีบี"}
    assert _get(client, world.national, "/api/schools").json()["count"] == 3


def test_a_foreign_school_is_not_found(world: Any, client: Any) -> None:
    assert _get(client, world.coordinator_a, f"/api/schools/{world.school_b.pk}").status_code == 404
    assert _get(client, world.staff_a, f"/api/schools/{world.school_z.pk}").status_code == 404
    school = _get(client, world.staff_a, f"/api/schools/{world.school_a.pk}").json()
    assert school["ministry_code"] == world.school_a.ministry_code
    assert school["district"] == "แม่ริม"


def test_filters_and_another_offices_id(world: Any, client: Any) -> None:
    found = _get(client, world.staff_a, "/api/schools", q="ห้วย").json()
    assert [s["name_th"] for s in found["items"]] == ["บ้านห้วยทราย"]
    assert (
        _get(client, world.staff_a, "/api/schools", office_id=world.office_z.pk).json()["count"]
        == 0
    )


def test_me_and_offices(world: Any, client: Any) -> None:
    me = _get(client, world.coordinator_a, "/api/me").json()
    assert me["username"] == "coordinator_a"
    offices = _get(client, world.coordinator_a, "/api/offices").json()["items"]
    assert [o["id"] for o in offices] == [world.office_a.pk]


HUGE = "9" * 25


def test_the_api_answers_huge_ids_without_a_server_error(world: Any, client: Any) -> None:
    _token, key = api_token_create(user=world.national, name="x")
    headers = {"Authorization": f"Bearer {key}"}
    assert client.get(f"/api/schools/{HUGE}", headers=headers).status_code in (404, 422)
    assert client.get(f"/api/schools?office_id={HUGE}", headers=headers).status_code in (200, 422)
