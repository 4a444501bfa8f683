"""The DLTV dashboards: one office's tables, the whole country's for a national administrator, and
each table as XLSX, with nothing of another office on the way."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from dlict.dltv import services
from dlict.dltv.models import Equipment
from dlict.dltv.selectors import DashboardScope, equipment_summary, silent_by_office
from dlict.schools.tests.factories import SchoolFactory

pytestmark = pytest.mark.django_db

MONDAY = date(2026, 11, 2)  # a school week with no public holiday
TODAY = date(2026, 11, 6)  # its Friday: the last 7 school days are 29 October to 6 November


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with mock.patch("dlict.dltv.views.timezone.localdate", return_value=TODAY):
        yield


@pytest.fixture
def used(world: Any) -> Any:
    """Schools A and B (network group เอ) and C (no group) of office A, and Z of office Z, teach
    ป.1 and ป.2 with DLTV. A watched 4 of 5 periods all week, C all 5; B and Z never reported."""
    world.school_c = SchoolFactory(office=world.office_a, name_th="บ้านซีซี")
    for school in (world.school_a, world.school_b, world.school_c, world.school_z):
        staff = world.staff_z if school == world.school_z else world.staff_a
        services.classrooms_save(user=staff, school=school, periods={"p1": 5, "p2": 5})
    for school, watched in ((world.school_a, 4), (world.school_c, 5)):
        entries = [
            services.Entry(day=MONDAY + timedelta(days=n), grade=grade, planned=5, watched=watched)
            for n in range(5)
            for grade in ("p1", "p2")
        ]
        services.usage_week_save(user=world.staff_a, school=school, entries=entries)
    return world


def _page(world: Any, user: Any, query: str = "") -> str:
    response = world.client_for(user).get(f"/dltv/{query}")
    assert response.status_code == 200
    return response.content.decode()


def _sheet(response: Any) -> list[tuple[Any, ...]]:
    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    workbook = load_workbook(io.BytesIO(content), read_only=True)
    return [tuple(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]


def test_the_rate_by_network_group_sums_its_schools_and_lists_schools_in_no_group(
    used: Any,
) -> None:
    rows = _sheet(used.client_for(used.staff_a).get("/dltv/export/by-group.xlsx"))
    assert rows[0][:3] == ("รหัสเขตพื้นที่", "กลุ่มเครือข่าย", "โรงเรียน")
    code = used.office_a.code
    # Group เอ: school A watched 40 of 50 periods (B has no record this month); no group: C.
    assert rows[1] == (code, "กลุ่มเครือข่ายเอ", 1, 50, 40, 80.0, 0)
    assert rows[2][0] == code
    assert rows[2][2:6] == (1, 50, 50, 100.0)
    assert len(rows) == 3
    page = _page(used, used.staff_a)
    assert "กลุ่มเครือข่ายเอ" in page
    assert "80.0" in page


def test_equipment_is_counted_by_kind_and_status_with_the_classrooms_nothing_is_recorded_for(
    used: Any,
) -> None:
    items = [
        ("dish", "", "working"),
        ("receiver", "p1", "working"),
        ("tv", "p1", "broken"),
        ("receiver", "p2", "none"),  # recorded as missing: not "nothing recorded"
    ]
    for kind, grade, status in items:
        Equipment.objects.create(school=used.school_a, kind=kind, grade=grade, status=status)
    Equipment.objects.create(school=used.school_z, kind="tv", grade="p1", status="broken")
    for office in (used.office_a, used.office_z):
        services.equipment_tally_refresh(office.pk)  # as the set's page does when it saves
    summary = equipment_summary(DashboardScope(used.staff_a, used.office_a))
    assert summary.rows() == [
        ("Satellite dish", [1, 0, 0]),
        ("Receiver (IRD)", [1, 0, 1]),
        ("Television", [0, 1, 0]),
    ]
    assert (summary.classrooms, summary.unrecorded) == (6, 4)  # B's and C's four classrooms
    rows = _sheet(used.client_for(used.staff_a).get("/dltv/export/equipment.xlsx"))
    assert rows[0] == ("อุปกรณ์", "มีและใช้งานได้", "มีแต่ชำรุด", "ไม่มี")
    assert rows[-1][:2] == ("ห้องเรียนที่ยังไม่ได้บันทึกเครื่องรับและโทรทัศน์", 4)
    page = _page(used, used.staff_a)
    for label in ("มีและใช้งานได้", "มีแต่ชำรุด", "ไม่มี"):
        assert label in page


def test_a_national_administrator_sees_the_whole_country_by_office(used: Any) -> None:
    client = used.client_for(used.national)
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/dltv/").content.decode()
    assert '<option value="" selected>' in page  # the whole country, chosen by default
    assert "สพป.ลับแซด เขต 9" in page  # office Z is a row of the table by office
    assert "บ้านลับบีบี" not in page  # no list of schools for the whole country
    assert len(queries) < 25
    assert silent_by_office(DashboardScope(used.national, None), TODAY) == {
        used.office_a.pk: (3, 1),  # B has not reported
        used.office_z.pk: (1, 1),
    }
    rows = _sheet(used.client_for(used.national).get("/dltv/export/by-office.xlsx"))
    assert rows[1:] == [
        (used.office_a.code, "สพป.ทดสอบ เขต 1", 3, 100, 90, 90.0, 1),
        (used.office_z.code, "สพป.ลับแซด เขต 9", 1, 0, 0, None, 1),
    ]


def test_a_national_administrator_chooses_one_office(used: Any) -> None:
    page = _page(used, used.national, f"?office={used.office_z.pk}")
    assert f'<option value="{used.office_z.pk}" selected>' in page
    assert "บ้านลับแซดแซด" in page  # Z's silent school, listed
    assert "บ้านลับบีบี" not in page
    rows = _sheet(
        used.client_for(used.national).get(
            f"/dltv/export/not-reporting.xlsx?office={used.office_z.pk}"
        )
    )
    assert [row[1] for row in rows[1:]] == ["บ้านลับแซดแซด"]


@pytest.mark.parametrize("query", ["", "?office=", "?office=all", "?office={z}"])
def test_office_staff_see_their_own_office_whatever_they_ask_for(used: Any, query: str) -> None:
    page = _page(used, used.staff_a, query.format(z=used.office_z.pk))
    assert "บ้านลับบีบี" in page  # A's silent school
    assert "บ้านห้วยทราย" in page
    for marker in used.FOREIGN_TO_OFFICE_A:
        assert marker not in page
    assert '<option value=""' not in page  # no whole country to choose


@pytest.mark.parametrize("table", ["by-office"])
def test_office_staff_have_no_whole_country_tables(used: Any, table: str) -> None:
    client = used.client_for(used.staff_a)
    assert client.get(f"/dltv/export/{table}.xlsx").status_code == 404
    assert client.get(f"/dltv/export/{table}.xlsx?office={used.office_z.pk}").status_code == 404


def test_the_whole_country_has_no_list_of_schools_to_download(used: Any) -> None:
    client = used.client_for(used.national)
    for table in ("by-school", "not-reporting"):
        assert client.get(f"/dltv/export/{table}.xlsx").status_code == 404


def test_people_of_a_school_have_no_dashboard(used: Any) -> None:
    client = used.client_for(used.coordinator_a)
    assert client.get("/dltv/").status_code == 403
    assert client.get("/dltv/export/by-month.xlsx").status_code == 403


@pytest.mark.parametrize(
    "table", ["by-month", "by-group", "by-school", "by-office", "not-reporting", "equipment"]
)
@pytest.mark.parametrize("person", ["staff_a", "director_a", "supervisor_a"])
def test_no_table_leaks_another_office(used: Any, table: str, person: str) -> None:
    from dlict.core.testing.walker import response_text

    Equipment.objects.create(school=used.school_z, kind="tv", grade="p1", status="broken")
    client = used.client_for(getattr(used, person))
    for query in ("", f"?office={used.office_z.pk}", "?office="):
        response = client.get(f"/dltv/export/{table}.xlsx{query}")
        assert response.status_code in (200, 404)
        text = response_text(response)
        for marker in used.FOREIGN_TO_OFFICE_A:
            assert marker not in text


def test_the_month_by_grade_table_shows_only_grades_with_figures(used: Any) -> None:
    rows = _sheet(used.client_for(used.staff_a).get("/dltv/export/by-month.xlsx"))
    assert rows[0] == ("เดือน", "ป.1", "ป.2", "ทั้งหมด (%)")
    assert rows[-1] == ("พ.ย. 2569", 90.0, 90.0, 90.0)  # A 40 of 50, C 50 of 50, per grade


def test_an_office_dashboard_reads_a_bounded_number_of_queries(used: Any) -> None:
    client = used.client_for(used.staff_a)
    client.get("/dltv/")
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/dltv/").content.decode()
    assert len(queries) < 20
    assert "พ.ย. 2569" in page


@pytest.mark.parametrize("role", ["staff_a", "director_a", "admin_a", "supervisor_a"])
def test_every_office_role_opens_the_silent_schools_the_dashboard_links_to(
    used: Any, role: str
) -> None:
    """The silent-school links opened the coordinator's week, a refusal for everyone but staff:
    the director, the office's administrator and a supervisor read that school's weeks."""
    person = getattr(used, role)
    client = used.client_for(person)
    page = _page(used, person)
    link = f"/dltv/week/?school={used.school_b.pk}"
    assert link in page
    week = client.get(link)
    assert week.status_code == 200
    text = week.content.decode()
    assert "บ้านลับบีบี" in text
    can_record = role == "staff_a"
    assert ('name="save-' in text) is can_record
    assert ("ดูผลการบันทึกของโรงเรียนนี้ได้อย่างเดียว" in text) is not can_record
