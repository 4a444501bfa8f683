"""A school's DLTV set through its page: B.E. warranty dates, and a value that cannot be kept (a
date that cannot be read, a text too long, a size out of range) refused with its reason, nothing
saved and nothing typed lost."""

from __future__ import annotations

from typing import Any

import pytest

from dlict.dltv import services
from dlict.dltv.models import DltvSetup, Equipment

pytestmark = pytest.mark.django_db


@pytest.fixture
def url(world: Any) -> str:
    services.classrooms_save(user=world.staff_a, school=world.school_a, periods={"p1": 5})
    return f"/dltv/schools/{world.school_a.pk}/equipment/"


def _set(**changes: str) -> dict[str, str]:
    data = {
        "dish-status": "working", "dish-source": "obec", "dish-warranty": "31/12/2570",
        "dish-band": "ku", "dish-size": "75", "dish-mount": "หลังคาอาคาร 1",
        "receiver-p1-status": "working", "receiver-p1-source": "", "receiver-p1-warranty": "",
        "tv-p1-status": "broken", "tv-p1-source": "foundation", "tv-p1-warranty": "",
        "channels": "satellite", "internet": "ไฟเบอร์ 500/500",
    }  # fmt: skip
    return {**data, **changes}


def test_the_set_is_saved_with_its_be_warranty_date(world: Any, url: str) -> None:
    response = world.client_for(world.staff_a).post(url, _set())
    assert response.status_code == 302
    dish = Equipment.objects.get(school=world.school_a, kind="dish")
    assert (dish.warranty_end.isoformat(), dish.size_cm, dish.mount) == (
        "2027-12-31",
        75,
        "หลังคาอาคาร 1",
    )
    assert DltvSetup.objects.get(school=world.school_a).internet == "ไฟเบอร์ 500/500"
    page = world.client_for(world.staff_a).get(url).content.decode()
    assert 'value="31/12/2570"' in page


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"dish-warranty": "31/02/2570"}, "24/11/2569"),
        ({"tv-p1-warranty": "พรุ่งนี้"}, "24/11/2569"),
        ({"internet": "ก" * 201}, "200"),
        ({"dish-mount": "ข" * 101}, "100"),
        ({"dish-size": "5000"}, "500"),
        ({"tv-p1-status": "exploded"}, "โทรทัศน์"),
    ],
)
def test_a_value_that_cannot_be_kept_is_refused_and_what_was_typed_stays(
    world: Any, url: str, changes: dict[str, str], message: str
) -> None:
    response = world.client_for(world.staff_a).post(url, _set(**changes))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'class="form-errors"' in page
    assert message in page
    assert not Equipment.objects.exists()
    assert not DltvSetup.objects.exists()
    typed = next(iter(changes.values()))
    if len(typed) < 20 and typed != "exploded":
        assert f'value="{typed}"' in page


def test_a_teacher_is_not_shown_the_set(world: Any, url: str) -> None:
    assert world.client_for(world.teacher_a).get(url).status_code == 404
