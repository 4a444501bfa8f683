"""A national administrator's choice of office carries from page to page, and every page with a
choice of office starts from the same default."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.django_db


def _office(client: Any, url: str) -> Any:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.context["office"]


def _with(url: str, office: Any) -> str:
    return f"{url}?office={office.pk if office else ''}"


# Every page with a choice of office: those that can show every office at once (for the student
# figures' import, every office is "the offices the file names"), and those that show one office.
EVERY_OFFICE_PAGES = ["/dltv/", "/emis/", "/emis/map/", "/schools/", "/emis/import/students/"]
ONE_OFFICE_PAGES = [
    "/dltv/visits/",
    "/dltv/rubric/",
    "/processes/projects/",
    "/processes/ict/",
    "/schools/add/",
    "/schools/import/",
    "/emis/import/schools/",
]
PAGES = EVERY_OFFICE_PAGES + ONE_OFFICE_PAGES


def test_the_office_chosen_on_one_page_is_shown_on_the_next(world: Any) -> None:
    client = world.client_for(world.national)
    assert _office(client, f"/dltv/?office={world.office_z.pk}") == world.office_z
    for url in PAGES:
        assert _office(client, url) == world.office_z, url
    assert _office(client, f"/dltv/visits/?office={world.office_a.pk}") == world.office_a
    assert _office(client, "/dltv/") == world.office_a


def test_an_office_chosen_on_any_page_carries_to_the_others(world: Any) -> None:
    client = world.client_for(world.national)
    for n, url in enumerate(PAGES):
        office = (world.office_a, world.office_z)[n % 2]
        assert _office(client, _with(url, office)) == office, url
        following = PAGES[(n + 1) % len(PAGES)]
        assert _office(client, following) == office, f"{url} → {following}"


def test_every_office_is_the_default_where_a_page_can_show_it_and_the_first_elsewhere(
    world: Any,
) -> None:
    client = world.client_for(world.national)
    first = min((world.office_a, world.office_z), key=lambda office: office.code)
    for url in EVERY_OFFICE_PAGES:
        assert _office(client, url) is None, url
    for url in ONE_OFFICE_PAGES:
        assert _office(client, url) == first, url
    # Choosing the whole country again is remembered too; a one-office page still shows one.
    for url in EVERY_OFFICE_PAGES:
        _office(client, _with("/dltv/", world.office_z))
        assert _office(client, _with(url, None)) is None, url
        assert _office(client, "/dltv/") is None, url
        assert _office(client, "/schools/") is None, url
        assert _office(client, "/dltv/visits/") == first, url


def test_a_download_follows_the_office_chosen_on_another_page(world: Any) -> None:
    client = world.client_for(world.national)
    _office(client, _with("/emis/", world.office_z))
    registry = client.get("/schools/export.csv").getvalue().decode()
    assert world.school_z.name_th in registry
    assert world.school_a.name_th not in registry


def test_the_registry_s_links_say_which_office_they_show(world: Any) -> None:
    client = world.client_for(world.national)
    _office(client, _with("/dltv/", world.office_z))
    response = client.get("/schools/")
    assert f"/schools/export.csv?office={world.office_z.pk}" in response.content.decode()
    assert response.context["form"]["office"].value() == str(world.office_z.pk)


def test_an_office_not_one_s_own_is_not_remembered(world: Any) -> None:
    client = world.client_for(world.staff_a)
    assert _office(client, f"/dltv/?office={world.office_z.pk}") == world.office_a
    assert _office(client, "/dltv/visits/") == world.office_a
    for url in PAGES:
        response = client.get(_with(url, world.office_z))
        # The year's pages answer a foreign office with "not found"; the others show one's own.
        assert response.status_code == 404 or response.context["office"] == world.office_a, url
        assert _office(client, url) == world.office_a, url
    assert "dlict_office" not in client.session
