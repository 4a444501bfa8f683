"""The reports' spreadsheets speak the reader's language: headings and labels come from the
catalogue (Thai by default, English for whoever switched to it)."""

import io
from typing import Any

import pytest
from django.conf import settings
from openpyxl import load_workbook

from dlict.processes.tests.factories import approved_project, ict_record


def _sheet(client: Any, url: str, language: str) -> tuple[str, list[list[Any]]]:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(url)
    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    sheet = load_workbook(io.BytesIO(content), read_only=True).worksheets[0]
    return sheet.title, [list(row) for row in sheet.iter_rows(values_only=True)]


@pytest.fixture
def reports(world: Any) -> dict[str, str]:
    project = approved_project(world.office_a, world.staff_a, world.director_a, year=2569)
    ict_record(world.office_a, world.staff_a)
    return {
        "summary": f"/processes/projects/{project.pk}/summary-report.xlsx",
        "annual": "/processes/projects/annual-report.xlsx?year=2569",
        "ict": "/processes/ict/report.xlsx?year=2569",
    }


def test_report_spreadsheets_are_thai_by_default(world: Any, reports: dict[str, str]) -> None:
    client = world.client_for(world.staff_a)

    title, rows = _sheet(client, reports["summary"], "th")
    assert title == "สรุปผลการดำเนินงาน"
    assert rows[0] == ["ส่วน", "รายการ", "ค่า", "รายละเอียด"]
    labels = {(row[0], row[1]) for row in rows}
    assert ("ข้อมูลทั่วไป", "ปีงบประมาณ") in labels
    assert ("งบประมาณ", "ใช้จริง") in labels
    title, rows = _sheet(client, reports["annual"], "th")
    assert (title, rows[0][:4]) == (
        "สรุปผลรอบปี",
        ["กระบวนการ", "งาน/โครงการ", "ผู้รับผิดชอบ", "สถานะแผน"],
    )
    title, rows = _sheet(client, reports["ict"], "th")
    assert (title, rows[0][:3]) == ("พัฒนา ICT", ["ที่", "งาน", "หน่วยงาน"])


def test_report_spreadsheets_follow_the_chosen_language(
    world: Any, reports: dict[str, str]
) -> None:
    client = world.client_for(world.staff_a)

    title, rows = _sheet(client, reports["summary"], "en")
    assert title == "Performance summary"
    assert rows[0] == ["Part", "Item", "Value", "Details"]
    assert ("General information", "Fiscal year") in {(row[0], row[1]) for row in rows}
    title, rows = _sheet(client, reports["annual"], "en")
    assert (title, rows[0][0]) == ("Year's summary", "Process")
    title, rows = _sheet(client, reports["ict"], "en")
    assert (title, rows[0][:2]) == ("ICT development", ["No.", "Work"])
