"""The school page's "DLTV set" button shows exactly to those whom the set's page opens for."""

from typing import Any

import pytest
from django.urls import reverse

PERSONAS = ("national", "admin_a", "staff_a", "director_a", "supervisor_a", "coordinator_a",
            "coordinator_b", "teacher_a", "staff_z")  # fmt: skip


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_dltv_set_button_shows_exactly_when_the_set_opens(world: Any, persona: str) -> None:
    client = world.client_for(getattr(world, persona))
    for school in (world.school_a, world.school_b, world.school_z):
        school.dltv = True
        school.save()
        page = client.get(reverse("schools:detail", args=[school.pk]))
        if page.status_code != 200:
            continue
        equipment = reverse("dltv:equipment", args=[school.pk])
        opens = client.get(equipment).status_code == 200
        assert (f'href="{equipment}"' in page.content.decode()) == opens, (persona, school)


def test_a_teacher_meets_no_button_that_ends_in_a_refusal(world: Any) -> None:
    world.school_a.dltv = True
    world.school_a.save()
    client = world.client_for(world.teacher_a)
    page = client.get(reverse("schools:detail", args=[world.school_a.pk])).content.decode()
    assert reverse("dltv:equipment", args=[world.school_a.pk]) not in page


def test_a_school_without_dltv_shows_no_dltv_set(world: Any) -> None:
    world.school_a.dltv = False
    world.school_a.save()
    client = world.client_for(world.staff_a)
    page = client.get(reverse("schools:detail", args=[world.school_a.pk])).content.decode()
    assert reverse("dltv:equipment", args=[world.school_a.pk]) not in page
