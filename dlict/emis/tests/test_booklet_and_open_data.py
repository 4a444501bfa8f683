"""The information booklet as a PDF, and the open data anyone may download."""

from __future__ import annotations

import json
from typing import Any

import pytest

from dlict.core.testing.pdf import require, run
from dlict.emis.models import SchoolProfile, StudentCount

pytestmark = pytest.mark.django_db


@pytest.fixture
def figures(world: Any) -> None:
    for school, (boys, girls) in ((world.school_a, (11, 13)), (world.school_b, (4, 5)),
                                  (world.school_z, (30, 31))):  # fmt: skip
        for grade in ("p1", "p2"):
            StudentCount.objects.create(
                office=school.office, school=school, academic_year=2568, data_round=1,
                grade=grade, boys=boys, girls=girls, rooms=1,
            )  # fmt: skip
        SchoolProfile.objects.create(school=school, teachers=3)


def _text(response: Any, tmp_path: Any) -> str:
    require("pdftotext")
    path = tmp_path / "booklet.pdf"
    path.write_bytes(response.content)
    return run("pdftotext", str(path), "-")


def test_the_booklet_prints_the_offices_figures(world: Any, figures: None, tmp_path: Any) -> None:
    response = world.client_for(world.staff_a).get("/emis/booklet.pdf?year=2568&round=1")
    assert response["Content-Type"] == "application/pdf"
    text = _text(response, tmp_path)
    assert "เอกสารสารสนเทศ" in text
    assert "ห้วยทราย" in text
    assert "๖๖" in text  # the office's students: (11 + 13 + 4 + 5) × 2, in Thai numerals
    assert "ลับแซดแซด" not in text


def test_the_booklet_of_another_office_is_not_printed(
    world: Any, figures: None, tmp_path: Any
) -> None:
    response = world.client_for(world.staff_a).get(
        f"/emis/booklet.pdf?office={world.office_z.pk}&year=2568&round=1"
    )
    text = _text(response, tmp_path)
    assert "ลับแซดแซด" not in text
    assert "ห้วยทราย" in text  # the choice falls back to the person's own office


def test_a_coordinators_booklet_has_their_school_only(
    world: Any, figures: None, tmp_path: Any
) -> None:
    response = world.client_for(world.coordinator_a).get("/emis/booklet.pdf?year=2568&round=1")
    text = _text(response, tmp_path)
    assert "ห้วยทราย" in text
    assert "ลับบีบี" not in text


def test_the_about_page_leads_anyone_to_the_open_data(client: Any) -> None:
    page = client.get("/about/").content.decode()
    assert 'href="/emis/open-data/"' in page


def test_anyone_downloads_the_open_data_without_logging_in(
    world: Any, figures: None, client: Any
) -> None:
    page = client.get("/emis/open-data/")
    assert page.status_code == 200
    offices = client.get("/emis/open-data/offices-by-grade-2568-1.json")
    rows = json.loads(b"".join(offices.streaming_content))
    mine = [r for r in rows if r["office_code"] == world.office_a.code and r["grade"] == "ป.1"]
    assert mine == [{"academic_year": 2568, "round": 1, "office_code": world.office_a.code,
                     "office_name": world.office_a.name_th, "grade": "ป.1", "boys": 15,
                     "girls": 18, "classrooms": 2}]  # fmt: skip
    schools = b"".join(client.get("/emis/open-data/schools-2568-1.csv").streaming_content)
    text = schools.decode("utf-8-sig")
    assert f"{world.school_a.smis_code},บ้านห้วยทราย,48,2,3" in text
    assert "boys" not in text.splitlines()[0]  # no split by sex per school


def test_a_round_that_was_never_published_is_not_found(world: Any, client: Any) -> None:
    assert client.get("/emis/open-data/schools-2500-1.csv").status_code == 404


def test_the_booklet_is_one_offices_and_of_a_round_with_figures(world: Any, figures: None) -> None:
    national = world.client_for(world.national)
    assert national.get("/emis/booklet.pdf?year=2568&round=1").status_code == 404  # all offices
    staff = world.client_for(world.staff_a)
    assert staff.get("/emis/booklet.pdf?year=2400&round=1").status_code == 404
    assert staff.get("/emis/booklet.pdf?year=2568&round=1").status_code == 200


def test_the_booklet_is_a_thai_document_whatever_the_screens_language(
    world: Any, figures: None
) -> None:
    from dlict.emis.booklet import booklet_document
    from dlict.emis.selectors import FigureScope, Period

    document = booklet_document(  # the tests' messages are English (conftest)
        figures=FigureScope(world.staff_a, world.office_a),
        period=Period(2568, 1),
        title_office=world.office_a.name_th,
    )
    assert document["title"] == "เอกสารสารสนเทศทางการศึกษา"
    assert document["round"] == "ข้อมูล ณ วันที่ 10 มิถุนายน 2568"
    assert document["by_size"][0]["label"] == "ขนาดเล็ก (ไม่เกิน 120 คน)"
