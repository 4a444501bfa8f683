"""The figures dashboard, its spreadsheets and the map: sums, scoping, downloads, query counts."""

import io
from datetime import date
from decimal import Decimal
from typing import Any
from unittest import mock

import pytest
from openpyxl import load_workbook

from dlict.accounts.tests.factories import UserFactory
from dlict.core.testing import queries_to_open
from dlict.emis.demo import load_demo_figures
from dlict.emis.exports import EXPORTERS
from dlict.emis.models import SchoolProfile, StudentCount
from dlict.schools.models import District, School
from dlict.schools.tests.factories import NetworkGroupFactory, SchoolFactory

pytestmark = pytest.mark.django_db

# (school, grade, boys, girls, rooms) of round 1, 2568.
ROWS_2568 = [
    ("school_a", "k2", 5, 7, 1),
    ("school_a", "p1", 10, 12, 1),
    ("school_a", "p2", 9, 8, 1),
    ("school_b", "p1", 60, 55, 3),
    ("school_b", "p6", 50, 45, 2),
    ("school_b", "m1", 30, 28, 2),
    ("school_z", "p1", 400, 390, 20),
]
ROWS_2567 = [
    ("school_a", "p1", 15, 15, 1),
    ("school_b", "p1", 70, 60, 3),
    ("school_z", "p1", 500, 500, 25),
]
TEACHERS = {"school_a": 3, "school_b": 12, "school_z": 40}


def _count(school: School, grade: str, boys: int, girls: int, rooms: int, **when: Any) -> None:
    StudentCount.objects.create(
        office=school.office,
        school=school,
        academic_year=when.get("year", 2568),
        data_round=when.get("round", 1),
        grade=grade,
        boys=boys,
        girls=girls,
        rooms=rooms,
    )


@pytest.fixture
def figures(world: Any) -> Any:
    """School A is small and uses DLTV, school B is medium, school Z (office Z) is large. School
    B is in another district and has no network group."""
    world.school_a.dltv = True
    world.school_a.save()
    world.school_b.district = District.objects.get(code="5013")
    world.school_b.network_group = None
    world.school_b.save()
    for rows, year in ((ROWS_2568, 2568), (ROWS_2567, 2567)):
        for name, grade, boys, girls, rooms in rows:
            _count(getattr(world, name), grade, boys, girls, rooms, year=year)
    for name, teachers in TEACHERS.items():
        SchoolProfile.objects.create(school=getattr(world, name), teachers=teachers)
    return world


def _sums(rows: list[tuple[str, str, int, int, int]], schools: set[str]) -> dict[str, int]:
    mine = [row for row in rows if row[0] in schools]
    return {
        "boys": sum(row[2] for row in mine),
        "girls": sum(row[3] for row in mine),
        "rooms": sum(row[4] for row in mine),
        "students": sum(row[2] + row[3] for row in mine),
    }


def _dashboard(world: Any, person: str, **query: Any) -> Any:
    response = world.client_for(getattr(world, person)).get("/emis/", query)
    assert response.status_code == 200
    return response


def _workbook_rows(response: Any) -> list[tuple[Any, ...]]:
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    content = b"".join(response.streaming_content)
    sheet = load_workbook(io.BytesIO(content), read_only=True).worksheets[0]
    return list(sheet.iter_rows(values_only=True))


# --- The figures -----------------------------------------------------------------------------


def test_office_totals_are_the_sums_of_the_offices_rows(figures: Any) -> None:
    dashboard = _dashboard(figures, "staff_a").context["figures"]
    expected = _sums(ROWS_2568, {"school_a", "school_b"})
    totals = dashboard.totals
    assert dashboard.period.academic_year == 2568
    assert (totals.boys, totals.girls, totals.rooms) == (
        expected["boys"],
        expected["girls"],
        expected["rooms"],
    )
    assert totals.students == expected["students"]
    assert totals.schools == 2
    assert totals.teachers == TEACHERS["school_a"] + TEACHERS["school_b"]
    assert totals.students_per_teacher == pytest.approx(expected["students"] / 15)
    assert totals.small_schools == 1  # school A: 51 students; school B: 268
    assert totals.dltv_schools == 1


def test_students_by_grade_have_level_subtotals_and_a_total(figures: Any) -> None:
    grades = _dashboard(figures, "staff_a").context["figures"].grades
    by_label = {row.label: row for row in grades if row.kind == "grade"}
    assert [row.label for row in grades if row.kind == "grade"] == [
        "อ.2",
        "ป.1",
        "ป.2",
        "ป.6",
        "ม.1",
    ]
    assert (by_label["ป.1"].boys, by_label["ป.1"].girls, by_label["ป.1"].rooms) == (70, 67, 4)
    levels = [row for row in grades if row.kind == "level"]
    assert [row.level_name for row in levels] == [
        "ก่อนประถมศึกษา",
        "ประถมศึกษา",
        "มัธยมศึกษาตอนต้น",
    ]
    primary = levels[1]
    assert primary.students == (10 + 12) + (9 + 8) + (60 + 55) + (50 + 45)
    total = grades[-1]
    assert total.kind == "total"
    assert total.students == _sums(ROWS_2568, {"school_a", "school_b"})["students"]
    assert total.students == sum(row.students for row in levels)


def test_figures_by_district_and_network_group(figures: Any) -> None:
    dashboard = _dashboard(figures, "staff_a").context["figures"]
    districts = {row.name: row for row in dashboard.districts}
    a = _sums(ROWS_2568, {"school_a"})
    b = _sums(ROWS_2568, {"school_b"})
    assert districts["แม่ริม"].students == a["students"]
    assert districts["แม่ริม"].teachers == TEACHERS["school_a"]
    assert districts["สันกำแพง"].students == b["students"]
    assert districts["สันกำแพง"].students_per_teacher == pytest.approx(b["students"] / 12)
    groups = [(row.name, row.schools, row.students) for row in dashboard.network_groups]
    # School B has no group: it is counted on a row of its own, last.
    assert groups == [("กลุ่มเครือข่ายเอ", 1, a["students"]), ("", 1, b["students"])]


def test_the_small_schools_list_holds_schools_of_up_to_120_students(figures: Any) -> None:
    page = _dashboard(figures, "staff_a")
    small = page.context["figures"].small_schools
    assert [(row.name, row.students, row.teachers) for row in small] == [("บ้านห้วยทราย", 51, 3)]


def test_a_school_of_exactly_120_students_is_small_and_one_of_121_is_not(world: Any) -> None:
    _count(world.school_a, "p1", 60, 60, 4)
    _count(world.school_b, "p1", 61, 60, 4)
    page = _dashboard(world, "staff_a").context["figures"]
    assert page.totals.small_schools == 1
    assert [row.name for row in page.small_schools] == ["บ้านห้วยทราย"]


def test_change_since_the_same_round_of_the_year_before(figures: Any) -> None:
    # A round-2 figure of 2567 must not count as "the year before" of round 1.
    _count(figures.school_a, "p3", 99, 99, 9, year=2567, round=2)
    change = _dashboard(figures, "staff_a").context["figures"].change_levels
    total = change[-1]
    before = _sums(ROWS_2567, {"school_a", "school_b"})["students"]
    now = _sums(ROWS_2568, {"school_a", "school_b"})["students"]
    assert (total.before, total.now, total.difference) == (before, now, now - before)
    assert total.percent == pytest.approx((now - before) * 100 / before)
    pre_primary = change[0]
    assert (pre_primary.label, pre_primary.before, pre_primary.percent) == ("ก่อนประถมศึกษา", 0, None)


def test_the_latest_round_of_the_users_own_scope_is_shown_first(figures: Any) -> None:
    _count(figures.school_z, "p1", 1, 1, 1, year=2569)  # office Z is a year ahead
    _count(figures.school_a, "p1", 3, 4, 1, year=2568, round=2)
    page = _dashboard(figures, "staff_a")
    assert page.context["form"].period.academic_year == 2568
    assert page.context["form"].period.data_round == 2
    assert page.context["figures"].totals.students == 7
    older = _dashboard(figures, "staff_a", year=2568, round=1).context["figures"]
    assert older.totals.students == _sums(ROWS_2568, {"school_a", "school_b"})["students"]
    # A year without figures says so instead of failing.
    empty = _dashboard(figures, "staff_a", year=2560, round=1)
    assert empty.context["figures"].totals.schools == 0
    assert "2568" in empty.content.decode()


def test_an_office_without_figures_sees_an_empty_page(world: Any) -> None:
    page = _dashboard(world, "staff_a")
    assert page.context["figures"] is None
    assert "/emis/import/students/" in page.content.decode()


# --- Scoping ---------------------------------------------------------------------------------


def test_office_staff_never_see_another_offices_figures(figures: Any) -> None:
    client = figures.client_for(figures.staff_a)
    office_z = figures.office_z.pk
    for query in ({}, {"office": office_z}, {"office": office_z, "year": 2568, "round": 1}):
        page = client.get("/emis/", query)
        text = page.content.decode()
        assert page.context["form"].figures.office == figures.office_a
        assert page.context["figures"].totals.schools == 2
        assert not any(marker in text for marker in figures.FOREIGN_TO_OFFICE_A)
        points = client.get("/emis/map/points.json", query).json()
        assert "บ้านลับแซดแซด" not in str(points)
        for table in EXPORTERS:
            rows = _workbook_rows(client.get(f"/emis/export/{table}.xlsx", query))
            assert "ลับแซด" not in str(rows), table


def test_a_coordinator_sees_their_school_only(figures: Any) -> None:
    page = _dashboard(figures, "coordinator_a", office=figures.office_a.pk)
    dashboard = page.context["figures"]
    assert dashboard.totals.schools == 1
    assert dashboard.totals.students == _sums(ROWS_2568, {"school_a"})["students"]
    assert dashboard.totals.teachers == TEACHERS["school_a"]
    assert page.context["heading"] == "บ้านห้วยทราย"
    assert "office" not in page.context["form"].fields
    assert dashboard.districts == []  # the tables of many schools are not theirs
    text = page.content.decode()
    assert not any(marker in text for marker in figures.FOREIGN_TO_SCHOOL_A)
    client = figures.client_for(figures.coordinator_a)
    rows = _workbook_rows(client.get("/emis/export/schools.xlsx"))
    assert [row[2] for row in rows[1:]] == ["บ้านห้วยทราย"]
    School.objects.update(latitude=Decimal("18.8"), longitude=Decimal("98.9"))
    points = client.get("/emis/map/points.json", {"office": figures.office_a.pk}).json()
    assert [point["name"] for point in points["points"]] == ["บ้านห้วยทราย"]
    assert points["unplaced"] == 0


def test_a_national_administrator_chooses_one_office_or_all(figures: Any) -> None:
    everything = _dashboard(figures, "national").context
    assert everything["form"].figures.office is None
    assert everything["figures"].totals.students == _sums(ROWS_2568, set(TEACHERS))["students"]
    office_z = _dashboard(figures, "national", office=figures.office_z.pk).context
    assert office_z["heading"] == "สพป.ลับแซด เขต 9"
    assert office_z["figures"].totals.students == _sums(ROWS_2568, {"school_z"})["students"]


def test_people_without_a_role_cannot_open_the_figures(world: Any) -> None:
    client = world.client_for(UserFactory(username="nobody"))
    for url in ("/emis/", "/emis/map/", "/emis/map/points.json", "/emis/export/grades.xlsx"):
        assert client.get(url).status_code == 403


# --- Spreadsheets ----------------------------------------------------------------------------


@pytest.mark.parametrize("table", sorted(EXPORTERS))
def test_every_table_downloads_as_a_spreadsheet(figures: Any, table: str) -> None:
    client = figures.client_for(figures.staff_a)
    response = client.get(f"/emis/export/{table}.xlsx", {"year": 2568, "round": 1})
    assert response.status_code == 200
    code = figures.office_a.code
    assert f"emis-{table}-{code}-2568-1-" in response["Content-Disposition"]
    rows = _workbook_rows(response)
    assert len(rows) > 1
    assert all(len(row) == len(rows[0]) for row in rows)


def test_the_grade_spreadsheet_holds_the_pages_figures(figures: Any) -> None:
    client = figures.client_for(figures.staff_a)
    rows = _workbook_rows(client.get("/emis/export/grades.xlsx"))
    total = _sums(ROWS_2568, {"school_a", "school_b"})
    assert rows[-1][1:] == (total["boys"], total["girls"], total["students"], total["rooms"])
    p1 = next(row for row in rows if row[0] == "ป.1")
    assert p1[1:] == (70, 67, 137, 4)


def test_the_change_spreadsheet_names_both_years(figures: Any) -> None:
    client = figures.client_for(figures.staff_a)
    rows = _workbook_rows(client.get("/emis/export/change-levels.xlsx"))
    assert rows[0][1:3] == ("2567", "2568")
    before = _sums(ROWS_2567, {"school_a", "school_b"})["students"]
    now = _sums(ROWS_2568, {"school_a", "school_b"})["students"]
    assert rows[-1][1:4] == (before, now, now - before)


def test_an_unknown_table_or_a_scope_without_figures_is_not_found(world: Any) -> None:
    client = world.client_for(world.staff_a)
    assert client.get("/emis/export/grades.xlsx").status_code == 404  # nothing imported yet
    _count(world.school_a, "p1", 1, 1, 1)
    assert client.get("/emis/export/passwords.xlsx").status_code == 404
    assert client.get("/emis/export/grades.xlsx").status_code == 200


# --- The map ---------------------------------------------------------------------------------


def test_the_map_points_carry_what_the_popups_show(figures: Any) -> None:
    for school, lat in ((figures.school_a, "18.900000"), (figures.school_z, "14.000000")):
        school.latitude, school.longitude = Decimal(lat), Decimal("99.000000")
        school.save()
    answer = figures.client_for(figures.staff_a).get("/emis/map/points.json").json()
    assert answer["unplaced"] == 1  # school B has no coordinates
    [point] = answer["points"]
    assert point == {
        "id": figures.school_a.pk,
        "name": "บ้านห้วยทราย",
        "ministry_code": figures.school_a.ministry_code,
        "smis_code": figures.school_a.smis_code,
        "lat": 18.9,
        "lng": 99.0,
        "students": 51,
        "teachers": 3,
        "dltv": True,
        "size": "small",
        "url": f"/schools/{figures.school_a.pk}/",
    }


def test_the_map_page_loads_leaflet_from_our_own_static_files(figures: Any) -> None:
    page = figures.client_for(figures.staff_a).get("/emis/map/", {"year": 2567})
    text = page.content.decode()
    assert "/static/vendor/leaflet/leaflet.js" in text
    assert "/static/js/map.js" in text
    assert (
        f'data-points-url="/emis/map/points.json?office={figures.office_a.pk}&amp;year=2567' in text
    )
    assert "unpkg" not in text
    assert "cdn" not in text.lower()


# --- Cost ------------------------------------------------------------------------------------


def _more_schools(world: Any, n: int) -> None:
    group = NetworkGroupFactory(office=world.office_a, name=f"กลุ่ม {n}")
    for _i in range(n):
        school = SchoolFactory(office=world.office_a, network_group=group, dltv=True)
        for year in (2567, 2568):
            for grade in ("p1", "p2", "m1"):
                _count(school, grade, 20, 21, 1, year=year)
        SchoolProfile.objects.create(school=school, teachers=4)


def test_the_dashboard_does_not_query_per_school(figures: Any) -> None:
    client = figures.client_for(figures.staff_a)
    client.get("/emis/")  # the session and the caches settle
    pages = ("/emis/", "/emis/map/", "/emis/map/points.json", "/emis/export/schools.xlsx")
    few = {url: queries_to_open(client, url) for url in pages}
    _more_schools(figures, 12)
    assert {url: queries_to_open(client, url) for url in pages} == few
    assert few["/emis/"] <= 22, few


# --- Demo figures ----------------------------------------------------------------------------


def test_the_demo_figures_follow_the_registrys_sizes(world: Any) -> None:
    world.school_a.size = School.Size.SMALL
    world.school_a.save()
    with mock.patch("dlict.emis.demo.timezone.localdate", return_value=date(2026, 12, 7)):
        load_demo_figures(world.office_a)
    counts = StudentCount.objects.filter(school=world.school_a)
    # The two latest academic years whose first count (10 June) was taken.
    assert set(counts.values_list("academic_year", flat=True)) == {2568, 2569}
    students = sum(c.total for c in counts.filter(academic_year=2569))
    assert 0 < students <= 120
    assert SchoolProfile.objects.filter(school__office=world.office_a).count() == 2
    assert not StudentCount.objects.filter(office=world.office_z).exists()


@pytest.mark.parametrize("language", ["th", "en"])
def test_every_heading_and_label_of_the_spreadsheets_is_in_the_persons_language(
    figures: Any, language: str
) -> None:
    from django.conf import settings

    client = figures.client_for(figures.staff_a)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    for table in EXPORTERS:
        headings = _workbook_rows(client.get(f"/emis/export/{table}.xlsx"))[0]
        for heading in headings:
            thai = any("\u0e00" <= ch <= "\u0e7f" for ch in str(heading))
            # Years and the programme's own name read the same in both languages.
            assert thai == (language == "th") or str(heading) in ("2567", "2568", "DLTV"), (
                table,
                heading,
            )
    rows = _workbook_rows(client.get("/emis/export/schools.xlsx"))
    dltv = rows[0].index("DLTV")
    words = {"th": {"ใช่", "ไม่ใช่"}, "en": {"yes", "no"}}[language]
    assert {row[dltv] for row in rows[1:]} == words
