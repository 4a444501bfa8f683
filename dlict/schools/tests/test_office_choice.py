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


# Pages that can show every office at once, and pages that show one office.
EVERY_OFFICE_PAGES = ["/dltv/"]
ONE_OFFICE_PAGES = ["/dltv/visits/", "/dltv/rubric/"]


def test_the_office_chosen_on_one_page_is_shown_on_the_next(world: Any) -> None:
    client = world.client_for(world.national)
    assert _office(client, f"/dltv/?office={world.office_z.pk}") == world.office_z
    for url in EVERY_OFFICE_PAGES + ONE_OFFICE_PAGES:
        assert _office(client, url) == world.office_z
    assert _office(client, f"/dltv/visits/?office={world.office_a.pk}") == world.office_a
    assert _office(client, "/dltv/") == world.office_a


def test_every_office_is_the_default_where_a_page_can_show_it_and_the_first_elsewhere(
    world: Any,
) -> None:
    client = world.client_for(world.national)
    first = min((world.office_a, world.office_z), key=lambda office: office.code)
    for url in EVERY_OFFICE_PAGES:
        assert _office(client, url) is None
    for url in ONE_OFFICE_PAGES:
        assert _office(client, url) == first
    # Choosing the whole country again is remembered too; a one-office page still shows one.
    _office(client, f"/dltv/?office={world.office_z.pk}")
    assert _office(client, "/dltv/?office=") is None
    assert _office(client, "/dltv/") is None
    assert _office(client, "/dltv/visits/") == first


def test_an_office_not_one_s_own_is_not_remembered(world: Any) -> None:
    client = world.client_for(world.staff_a)
    assert _office(client, f"/dltv/?office={world.office_z.pk}") == world.office_a
    assert _office(client, "/dltv/visits/") == world.office_a
    assert "dlict_office" not in client.session
