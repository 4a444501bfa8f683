"""The week screen for the people who read it and at the edges of time: a week is opened read-only
by those who follow a school without recording for it, and a week asked for beyond the weeks that
can be opened is taken as the nearest that can."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any
from unittest import mock

import pytest

from dlict.dltv import services
from dlict.dltv.models import UsageRecord

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 4)  # a Friday
MONDAY = date(2026, 11, 30)


@pytest.fixture(autouse=True)
def _today() -> Any:
    with mock.patch("dlict.dltv.views.timezone.localdate", return_value=TODAY):
        yield


@pytest.fixture
def recorded(world: Any) -> Any:
    services.classrooms_save(user=world.staff_a, school=world.school_a, periods={"p1": 5})
    services.usage_week_save(
        user=world.coordinator_a,
        school=world.school_a,
        entries=[services.Entry(day=MONDAY, grade="p1", planned=5, watched=3, note="ไฟดับ")],
    )
    return world


def test_the_director_reads_a_week_and_cannot_save_it(recorded: Any) -> None:
    client = recorded.client_for(recorded.director_a)
    url = f"/dltv/week/?school={recorded.school_a.pk}&week={MONDAY.isoformat()}"
    page = client.get(url).content.decode()
    assert "รับชม 3 จาก 5 คาบ" in page
    assert "ไฟดับ" in page
    assert 'name="watched-' not in page
    day = MONDAY.isoformat()
    data = {f"save-{day}": "on", f"planned-{day}-p1": "5", f"watched-{day}-p1": "5"}
    assert client.post(url, data).status_code == 403
    assert UsageRecord.objects.get().watched == 3


def test_a_teacher_opens_no_week(recorded: Any) -> None:
    assert recorded.client_for(recorded.teacher_a).get("/dltv/week/").status_code == 403


@pytest.mark.parametrize(
    ("asked", "shown"),
    [
        ("0001-01-01", date(2024, 5, 13)),  # the Monday of 16 May 2567, two academic years back
        ("1986-03-03", date(2024, 5, 13)),
        ("9999-12-31", MONDAY),
        ("2027-06-01", MONDAY),
        ("not-a-day", MONDAY),
        ("", MONDAY),
    ],
)
def test_a_week_outside_those_that_can_be_opened_is_the_nearest_that_can(
    recorded: Any, asked: str, shown: date
) -> None:
    response = recorded.client_for(recorded.coordinator_a).get(f"/dltv/week/?week={asked}")
    assert response.status_code == 200
    assert response.context["grid"][0].day == shown


def test_previous_week_stops_at_the_first_week_that_can_be_opened(recorded: Any) -> None:
    client = recorded.client_for(recorded.coordinator_a)
    first = client.get("/dltv/week/?week=2024-05-13").context
    assert first["previous"] is None
    assert client.get("/dltv/week/?week=2024-05-20").context["previous"] == "2024-05-13"
    assert client.get("/dltv/week/").context["next"] is None
    assert (
        client.get(f"/dltv/week/?week={(MONDAY - timedelta(days=7)).isoformat()}").context["next"]
        == MONDAY.isoformat()
    )
