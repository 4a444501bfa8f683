"""A week of DLTV use: saved once, refused clearly, rolled up exactly."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from dlict.dltv import services
from dlict.dltv.models import (
    DltvClassroom,
    LastReport,
    OfficeRollup,
    ProblemCategory,
    RepairRequest,
    UsageRecord,
    UsageRollup,
)

pytestmark = pytest.mark.django_db

# A school week with no public holiday in Thailand (Monday 2 to Friday 6 November 2026).
MONDAY = date(2026, 11, 2)


@pytest.fixture
def classrooms(world: Any) -> None:
    for school in (world.school_a, world.school_b):
        services.classrooms_save(user=world.staff_a, school=school, periods={"p1": 5, "p2": 5})


def _week(**changes: Any) -> list[services.Entry]:
    entries = [
        services.Entry(day=MONDAY + timedelta(days=n), grade=grade, planned=5, watched=5)
        for n in range(5)
        for grade in ("p1", "p2")
    ]
    return [services.Entry(**{**e.__dict__, **changes}) for e in entries]


def _save(user: Any, world: Any, entries: list[services.Entry]) -> services.WeekSaved:
    return services.usage_week_save(user=user, school=world.school_a, entries=entries)


def test_a_week_is_saved_and_saving_it_again_changes_nothing(world: Any, classrooms: None) -> None:
    first = services.usage_week_save(
        user=world.coordinator_a, school=world.school_a, entries=_week()
    )
    assert (first.saved, first.unchanged) == (10, 0)
    again = services.usage_week_save(
        user=world.coordinator_a, school=world.school_a, entries=_week()
    )
    assert (again.saved, again.unchanged) == (0, 10)
    assert UsageRecord.objects.count() == 10


def _kept() -> tuple[dict[Any, Any], ...]:
    """Every rollup: the schools', the offices', the last days."""
    schools = {
        (r.school_id, r.month, r.grade): (r.days, r.planned, r.watched, r.problem_days, r.last_day)
        for r in UsageRollup.objects.all()
    }
    offices = {
        (r.office_id, r.month, r.grade): (r.schools, r.days, r.planned, r.watched, r.problem_days)
        for r in OfficeRollup.objects.all()
    }
    last = dict(LastReport.objects.values_list("school_id", "day"))
    return schools, offices, last


def test_rollups_equal_a_recomputation_from_the_records(world: Any, classrooms: None) -> None:
    broken = ProblemCategory.objects.get(code="broken_tv")
    _save(world.coordinator_a, world, _week())
    entries = _week()
    entries[3] = services.Entry(day=entries[3].day, grade="p2", planned=5, watched=2,
                                problem_id=broken.pk)  # fmt: skip
    _save(world.coordinator_a, world, entries)
    # School B's Monday and Tuesday, in the same office: the office's rows sum both schools.
    services.usage_week_save(user=world.coordinator_b, school=world.school_b, entries=_week()[:4])
    kept = _kept()
    services.rollups_rebuild()
    assert _kept() == kept
    schools, offices, last = kept
    assert schools[(world.school_a.pk, date(2026, 11, 1), "p2")] == (
        5,
        25,
        22,
        1,
        MONDAY + timedelta(days=4),
    )
    assert offices[(world.office_a.pk, date(2026, 11, 1), "p2")] == (2, 7, 35, 32, 1)
    assert last == {
        world.school_a.pk: MONDAY + timedelta(days=4),
        world.school_b.pk: MONDAY + timedelta(days=1),
    }


def test_a_broken_tv_opens_one_repair_request(world: Any, classrooms: None) -> None:
    broken = ProblemCategory.objects.get(code="broken_tv")
    entries = _week(watched=0, problem_id=broken.pk)
    result = services.usage_week_save(
        user=world.coordinator_a, school=world.school_a, entries=entries
    )
    assert result.repairs_opened == 2  # one per grade, not one per day
    assert RepairRequest.objects.filter(status="open").count() == 2


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"watched": 6}, "periods watched must be 0 to the periods planned"),
        ({"planned": 9, "watched": 1}, "planned periods must be 0 to 8"),
        ({"watched": -1}, "periods watched must be 0"),
        ({"grade": "m3"}, "does not teach M3"),
        ({"grade": "x9"}, "is not a DLTV grade"),
        ({"problem_id": 999999}, "choose a problem"),
    ],
)
def test_bad_figures_are_refused_and_nothing_is_saved(
    world: Any, classrooms: None, change: dict[str, Any], message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        services.usage_week_save(
            user=world.coordinator_a, school=world.school_a, entries=_week(**change)
        )
    assert not UsageRecord.objects.exists()


def test_holidays_weekends_and_the_future_are_not_school_days(world: Any, classrooms: None) -> None:
    for day, message in (
        (date(2026, 10, 24), "not a school day"),  # a Saturday
        (date(2026, 10, 23), "not a school day"),  # Chulalongkorn Day, a public holiday
        (timezone.localdate() + timedelta(days=7), "has not come yet"),
    ):
        entry = services.Entry(day=day, grade="p1", planned=5, watched=5)
        with pytest.raises(ValidationError, match=message):
            services.usage_week_save(
                user=world.coordinator_a, school=world.school_a, entries=[entry]
            )
    assert not UsageRecord.objects.exists()


@pytest.mark.parametrize("person", ["coordinator_b", "teacher_a", "staff_z", "director_a"])
def test_only_the_schools_coordinator_and_its_office_staff_record(
    world: Any, classrooms: None, person: str
) -> None:
    with pytest.raises(PermissionDenied):
        services.usage_week_save(
            user=getattr(world, person), school=world.school_a, entries=_week()
        )
    services.usage_week_save(user=world.staff_a, school=world.school_a, entries=_week())


def test_the_week_screen_saves_the_ticked_days_with_their_defaults(
    world: Any, classrooms: None
) -> None:
    client = world.client_for(world.coordinator_a)
    page = client.get(f"/dltv/week/?week={MONDAY.isoformat()}")
    assert page.status_code == 200
    text = page.content.decode()
    assert "ป.1" in text
    assert "บ้านห้วยทราย" in text
    data = {f"save-{(MONDAY + timedelta(days=n)).isoformat()}": "on" for n in (0, 1)}
    for n in range(5):
        for grade in ("p1", "p2"):
            key = f"{(MONDAY + timedelta(days=n)).isoformat()}-{grade}"
            data |= {f"planned-{key}": "5", f"watched-{key}": "5", f"problem-{key}": ""}
    data[f"watched-{MONDAY.isoformat()}-p1"] = "3"
    response = client.post(f"/dltv/week/?week={MONDAY.isoformat()}", data)
    assert response.status_code == 302
    assert UsageRecord.objects.count() == 4  # two ticked days × two grades
    assert UsageRecord.objects.get(day=MONDAY, grade="p1").watched == 3


def test_a_wrong_number_on_the_screen_gets_a_thai_message(world: Any, classrooms: None) -> None:
    client = world.client_for(world.coordinator_a)
    key = f"{MONDAY.isoformat()}-p1"
    other = f"{MONDAY.isoformat()}-p2"
    data = {f"save-{MONDAY.isoformat()}": "on", f"planned-{key}": "5", f"watched-{key}": "ห้า",
            f"planned-{other}": "5", f"watched-{other}": "5"}  # fmt: skip
    response = client.post(f"/dltv/week/?week={MONDAY.isoformat()}", data)
    assert response.status_code == 200
    assert "คาบที่รับชม" in response.content.decode()
    assert not UsageRecord.objects.exists()


def test_a_coordinator_never_sees_another_schools_week(world: Any, classrooms: None) -> None:
    client = world.client_for(world.coordinator_a)
    page = client.get(f"/dltv/week/?school={world.school_b.pk}&week={MONDAY.isoformat()}")
    assert "บ้านลับบีบี" not in page.content.decode()


def test_the_office_dashboard_reads_the_rollups_and_lists_the_silent_schools(
    world: Any, classrooms: None
) -> None:
    from unittest import mock

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with mock.patch("dlict.dltv.views.timezone.localdate", return_value=date(2026, 11, 6)):
        _save(world.coordinator_a, world, _week(watched=4))
        client = world.client_for(world.staff_a)
        with CaptureQueriesContext(connection) as queries:
            page = client.get("/dltv/")
    text = page.content.decode()
    assert page.status_code == 200
    assert "80" in text  # ป.1 and ป.2 watched 4 of 5 periods in November
    assert "บ้านลับบีบี" in text  # school B has classrooms and has not reported
    assert "ลับแซดแซด" not in text
    assert len(queries) < 20


def test_staff_keep_a_schools_dltv_set_with_dated_history(world: Any, classrooms: None) -> None:
    client = world.client_for(world.staff_a)
    url = f"/dltv/schools/{world.school_a.pk}/equipment/"
    assert client.get(url).status_code == 200
    data = {"dish-status": "working", "dish-band": "ku", "dish-size": "75", "dish-mount": "หลังคา"}
    for grade in ("p1", "p2"):
        data |= {f"receiver-{grade}-status": "working", f"tv-{grade}-status": "working",
                 f"tv-{grade}-source": "obec", f"tv-{grade}-warranty": "30/09/2571"}  # fmt: skip
    assert client.post(url, data).status_code == 302
    data["tv-p2-status"] = "broken"
    client.post(url, data)
    from dlict.dltv.models import Equipment, EquipmentChange

    tv = Equipment.objects.get(school=world.school_a, kind="tv", grade="p2")
    assert tv.status == "broken"
    assert tv.warranty_end == date(2028, 9, 30)
    assert list(tv.changes.values_list("status", flat=True)) == ["broken", "working"]
    assert EquipmentChange.objects.count() == 6  # five first statuses, one change


def test_a_coordinator_reads_but_does_not_change_the_set(world: Any, classrooms: None) -> None:
    client = world.client_for(world.coordinator_a)
    url = f"/dltv/schools/{world.school_a.pk}/equipment/"
    assert client.get(url).status_code == 200
    assert client.post(url, {"dish-status": "broken"}).status_code == 403


def test_a_dish_of_a_silly_size_is_refused(world: Any, classrooms: None) -> None:
    with pytest.raises(ValidationError, match="30 to 500 cm"):
        services.equipment_save(
            user=world.staff_a,
            school=world.school_a,
            items=[services.EquipmentInput(kind="dish", grade="", status="working", size_cm=5)],
        )


def test_the_viewing_channels_and_internet_link_are_kept(world: Any, classrooms: None) -> None:
    from dlict.dltv.models import DltvSetup

    client = world.client_for(world.staff_a)
    url = f"/dltv/schools/{world.school_a.pk}/equipment/"
    data = {"dish-status": "working", "channels": ["replay", "satellite"],
            "internet": "ไฟเบอร์ 500 Mbps"}  # fmt: skip
    for grade in ("p1", "p2"):
        data |= {f"receiver-{grade}-status": "working", f"tv-{grade}-status": "working"}
    assert client.post(url, data).status_code == 302
    setup = DltvSetup.objects.get(school=world.school_a)
    assert setup.channels == ["satellite", "replay"]
    assert setup.internet == "ไฟเบอร์ 500 Mbps"
    data["channels"] = ["cable"]
    assert "ช่องทางการรับชม" in client.post(url, data).content.decode()


@pytest.mark.parametrize("table", ["by-month", "by-school", "not-reporting"])
def test_each_dashboard_table_downloads_as_xlsx(world: Any, classrooms: None, table: str) -> None:
    from dlict.core.testing.walker import response_text

    _save(world.coordinator_a, world, _week(watched=4))
    response = world.client_for(world.staff_a).get(f"/dltv/export/{table}.xlsx")
    assert response.status_code == 200
    text = response_text(response)
    assert "ลับแซดแซด" not in text
    if table == "not-reporting":
        assert "บ้านลับบีบี" in text


def test_office_staff_set_the_grades_a_school_teaches_with_dltv(world: Any) -> None:
    url = f"/dltv/schools/{world.school_b.pk}/equipment/"
    client = world.client_for(world.staff_a)
    form = {"form": "classrooms", "grade-p1": "on", "periods-p1": "6", "grade-m1": "on"}
    response = client.post(url, {**form, "periods-m1": "4"})
    assert response.status_code == 302
    world.school_b.refresh_from_db()
    assert world.school_b.dltv
    taught = dict(
        DltvClassroom.objects.filter(school=world.school_b).values_list("grade", "periods_per_day")
    )
    assert taught == {"p1": 6, "m1": 4}
    refused = client.post(url, {**form, "periods-m1": "12"})
    assert "1 ถึง 8 คาบต่อวัน" in refused.content.decode()
    assert DltvClassroom.objects.get(school=world.school_b, grade="m1").periods_per_day == 4
    client.post(url, {"form": "classrooms", "grade-p1": "on", "periods-p1": "5"})
    assert list(
        DltvClassroom.objects.filter(school=world.school_b).values_list("grade", flat=True)
    ) == ["p1"]
    assert world.client_for(world.coordinator_b).post(url, form).status_code == 403


def test_a_refused_week_shows_again_as_it_was_typed(world: Any, classrooms: None) -> None:
    client = world.client_for(world.coordinator_a)
    tuesday = (MONDAY + timedelta(days=1)).isoformat()
    key = f"{MONDAY.isoformat()}-p1"
    data = {f"save-{MONDAY.isoformat()}": "on", f"planned-{key}": "5", f"watched-{key}": "7",
            f"note-{key}": "ไฟดับช่วงบ่าย"}  # fmt: skip
    page = client.post(f"/dltv/week/?week={MONDAY.isoformat()}", data).content.decode()
    assert f'name="watched-{key}" value="7"' in page
    assert 'value="ไฟดับช่วงบ่าย"' in page
    assert f'name="save-{tuesday}" data-save-day' in page  # left unticked, as it was posted
    assert not UsageRecord.objects.exists()
