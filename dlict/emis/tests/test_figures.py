"""EMIS figures in the reports: an office's own, of the latest count of the fiscal year."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import translation

from dlict.core.figures import figures_for
from dlict.emis.figures import completeness_figures, student_figures
from dlict.emis.models import DataRound, SchoolProfile, StudentCount

pytestmark = pytest.mark.django_db


def _count(school: Any, year: int, data_round: int, boys: int, girls: int, rooms: int = 1) -> None:
    StudentCount.objects.create(
        office=school.office, school=school, academic_year=year, data_round=data_round,
        grade="p1", boys=boys, girls=girls, rooms=rooms,
    )  # fmt: skip


@pytest.fixture
def figures_world(world: Any) -> Any:
    """Office A: a small school (50 students) and a medium one (200), counted on 10 June 2569,
    a year earlier 60 and 200; the other office has a school of 999 that must never count."""
    _count(world.school_a, 2569, DataRound.JUNE, 20, 30)
    _count(world.school_b, 2569, DataRound.JUNE, 100, 100, rooms=6)
    _count(world.school_a, 2568, DataRound.JUNE, 30, 30)
    _count(world.school_b, 2568, DataRound.JUNE, 100, 100, rooms=6)
    _count(world.school_z, 2569, DataRound.JUNE, 500, 499, rooms=30)
    world.school_b.dltv = True
    world.school_b.save()
    SchoolProfile.objects.create(school=world.school_a, teachers=5)
    SchoolProfile.objects.create(school=world.school_b, teachers=10)
    SchoolProfile.objects.create(school=world.school_z, teachers=100)
    return world


def _items(section: Any) -> dict[str, Any]:
    return dict(section.items)


def test_the_office_figures_of_the_fiscal_year(figures_world: Any) -> None:
    section = student_figures(figures_world.office_a, 2569)
    assert section is not None
    assert _items(section) == {
        "Figures of": "Academic year 2569, round: 10 June",
        "Schools": 2,
        "Students": 250,
        "Boys": 120,
        "Girls": 130,
        "Classrooms": 7,
        "Small schools (up to 120 students)": 1,
        "DLTV schools": 1,
        "Teachers (school information)": 15,
        "Students per teacher": "16.7",
        "Students compared with the same round a year earlier": "-10 (-3.8%)",
    }


def test_another_offices_figures_never_count(figures_world: Any) -> None:
    zed = _items(student_figures(figures_world.office_z, 2569))
    assert (zed["Schools"], zed["Students"], zed["Teachers (school information)"]) == (1, 999, 100)
    assert "Students compared with the same round a year earlier" not in zed
    ours = _items(student_figures(figures_world.office_a, 2569))
    assert (ours["Students"], ours["Teachers (school information)"]) == (250, 15)


def test_the_latest_count_within_the_fiscal_year_is_reported(figures_world: Any) -> None:
    # Fiscal year 2570 (Oct 2569 – Sep 2570) has no count yet: 10 June 2569 fell in 2569.
    assert student_figures(figures_world.office_a, 2570) is None
    _count(figures_world.school_a, 2569, DataRound.NOVEMBER, 21, 30)
    items = _items(student_figures(figures_world.office_a, 2570))
    assert items["Figures of"] == "Academic year 2569, round: 10 November"
    assert items["Students"] == 51
    _count(figures_world.school_a, 2569, DataRound.YEAR_END, 22, 30)
    assert _items(student_figures(figures_world.office_a, 2570))["Students"] == 52


def test_an_office_without_figures_has_no_section(world: Any) -> None:
    assert student_figures(world.office_a, 2569) is None
    assert completeness_figures(world.office_a, 2569) is None
    assert figures_for(world.office_a, 2569, "info-1") == []


def test_the_completeness_of_the_figures(figures_world: Any) -> None:
    SchoolProfile.objects.filter(school=figures_world.school_b).delete()
    items = _items(completeness_figures(figures_world.office_a, 2569))
    assert items == {
        "Counts of the fiscal year imported": "1 of 3",
        "Latest count imported": "Academic year 2569, round: 10 June",
        "Schools in the registry": 2,
        "Schools without student figures in that count": 0,
        "Schools without school information": 1,
    }


def test_the_reports_print_the_sections_in_thai(figures_world: Any) -> None:
    with translation.override("th"):
        (students,) = figures_for(figures_world.office_a, 2569, "info-1")
        (completeness,) = figures_for(figures_world.office_a, 2569, "info-2")
    assert students.title == "จำนวนนักเรียนและโรงเรียน (DMC)"
    assert _items(students)["ข้อมูล ณ"] == "ปีการศึกษา 2569 รอบ 10 มิถุนายน"
    assert completeness.title == "ความครบถ้วนของข้อมูลโรงเรียน"
