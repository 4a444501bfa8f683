"""Requests no form would send (ids too large for any table, unknown formats) get answers, not
server errors."""

from typing import Any

import pytest

HUGE = "9" * 25


@pytest.mark.parametrize(
    "url",
    [
        f"/schools/?district={HUGE}",
        f"/schools/?office={HUGE}",
        f"/schools/?network_group={HUGE}",
        f"/schools/?page={HUGE}",
        f"/schools/options/districts/?province={HUGE}",
        f"/schools/options/sub-districts/?district={HUGE}",
        "/schools/options/districts/?province=-1",
        f"/schools/{HUGE}/",
        f"/jobs/{HUGE}/",
        f"/audit/?model={HUGE}",
        f"/schools/add/?office={HUGE}",
    ],
)
def test_huge_or_odd_ids_are_not_server_errors(world: Any, url: str) -> None:
    assert world.client_for(world.national).get(url).status_code in (200, 404)


def test_a_huge_id_in_the_school_form_is_a_form_error(world: Any) -> None:
    client = world.client_for(world.national)
    response = client.post(
        f"/schools/{world.school_a.pk}/edit/", {"province": HUGE, "district": HUGE, "name_th": "x"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors


def test_only_csv_and_xlsx_exports_exist(world: Any) -> None:
    assert world.client_for(world.staff_a).get("/schools/export.pdf").status_code == 404
