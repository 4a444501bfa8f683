"""Importing the data centre's students-by-grade export: all rows or none, every problem named."""

from __future__ import annotations

import csv
import io
from io import StringIO
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dlict.core import jobs
from dlict.core.models import Job
from dlict.emis.imports import StudentCountImporter
from dlict.emis.models import StudentCount
from dlict.emis.tests.files import (
    SchoolRow,
    cells,
    headers,
    students_csv,
    students_xlsx_two_header_rows,
    totals,
)
from dlict.schools.models import Office, School

pytestmark = pytest.mark.django_db


def _rows(world: Any) -> list[SchoolRow]:
    office = world.office_a
    return [
        SchoolRow(office.code, office.name_th, world.school_a.smis_code, "โรงเรียนบ้านห้วยทราย",
                  {"k2": (5, 7, 1), "p1": (10, 12, 1), "p6": (9, 8, 1)}),
        SchoolRow(office.code, office.name_th, world.school_b.smis_code, "บ้านลับบีบี",
                  {"k3": (3, 2, 1), "p2": (20, 19, 1)}),
    ]  # fmt: skip


def _import(world: Any, data: bytes, name: str = "students.csv", **params: Any) -> Job:
    """Check the file and, when it passes, confirm: the two stages a person goes through."""
    job = jobs.job_start(
        kind=StudentCountImporter.kind,
        title="test",
        user=params.pop("user", world.staff_a),
        office=params.pop("office", world.office_a),
        params={"academic_year": 2568, "data_round": 1, **params},
        upload=SimpleUploadedFile(name, data),
        stage=Job.Stage.CHECK,
    )
    job.refresh_from_db()
    if job.status == Job.Status.WAITING:
        jobs.job_confirm(job=job)
        job.refresh_from_db()
    return job


def _messages(job: Job) -> list[str]:
    return [f"{e['row']} {e['column']}: {e['message']}" for e in job.result.get("errors", [])]


def test_an_export_with_a_title_row_and_a_totals_row_is_imported(world: Any) -> None:
    job = _import(world, students_csv(_rows(world)))
    assert job.status == Job.Status.SUCCEEDED, _messages(job)
    assert job.result["summary"]["students"] == 12 + 22 + 17 + 5 + 39
    figures = {
        (c.school_id, c.grade): (c.boys, c.girls, c.rooms) for c in StudentCount.objects.all()
    }
    assert figures[(world.school_a.pk, "p1")] == (10, 12, 1)
    assert figures[(world.school_b.pk, "p2")] == (20, 19, 1)
    assert (world.school_a.pk, "p2") not in figures  # zero rows are not stored
    assert StudentCount.objects.get(school=world.school_a, grade="k2").office == world.office_a


def test_importing_the_same_file_again_changes_nothing(world: Any) -> None:
    data = students_csv(_rows(world))
    _import(world, data)
    before = list(StudentCount.objects.order_by("pk").values())
    again = jobs.job_start(
        kind=StudentCountImporter.kind, title="again", user=world.staff_a, office=world.office_a,
        params={"academic_year": 2568, "data_round": 1}, upload=SimpleUploadedFile("s.csv", data),
        stage=Job.Stage.CHECK,
    )  # fmt: skip
    again.refresh_from_db()
    assert again.result["preview"]["total_changes"] == 0
    assert list(StudentCount.objects.order_by("pk").values()) == before


def test_a_new_round_keeps_the_previous_one(world: Any) -> None:
    _import(world, students_csv(_rows(world)))
    _import(world, students_csv(_rows(world)), data_round=2)
    assert StudentCount.objects.filter(data_round=1).count() == 5
    assert StudentCount.objects.filter(data_round=2).count() == 5


@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp874", "utf-16"])
def test_thai_excel_encodings_are_read(world: Any, encoding: str) -> None:
    job = _import(world, students_csv(_rows(world), encoding=encoding))
    assert job.status == Job.Status.SUCCEEDED, _messages(job)


def test_two_header_rows_with_merged_grade_headings_are_read(world: Any) -> None:
    rows = _rows(world)
    rows[0].counts = {"p1": (10, 12, 1), "p2": (4, 4, 1)}
    rows[1].counts = {"p2": (20, 19, 1)}
    job = _import(world, students_xlsx_two_header_rows(rows), "students.xlsx")
    assert job.status == Job.Status.SUCCEEDED, _messages(job)
    assert StudentCount.objects.get(school=world.school_a, grade="p2").boys == 4


def test_thai_numerals_and_thousands_separators_are_numbers(world: Any) -> None:
    data = students_csv(_rows(world)).decode("utf-8-sig")
    data = data.replace(",10,12,22,1,", ',"๑๐","๑๒","๒๒","๑",', 1)
    job = _import(world, data.encode("utf-8"))
    assert job.status == Job.Status.SUCCEEDED, _messages(job)
    assert StudentCount.objects.get(school=world.school_a, grade="p1").girls == 12


def test_sums_that_do_not_add_up_are_each_reported_and_nothing_is_written(world: Any) -> None:
    data = students_csv(_rows(world)).decode("utf-8-sig").splitlines()
    cells = data[2].split(",")
    cells[cells.index("22")] = "23"  # รวมป.1 no longer equals boys + girls
    data[2] = ",".join(cells)
    job = _import(world, "\n".join(data).encode())
    assert job.status == Job.Status.REJECTED
    messages = _messages(job)
    assert any("รวมป.1" in m and "22" in m and "23" in m for m in messages), messages
    assert not StudentCount.objects.exists()


def test_a_subtotal_that_does_not_match_its_grades_is_reported(world: Any) -> None:
    data = students_csv(_rows(world)).decode("utf-8-sig").splitlines()
    header = data[1].split(",")
    cells = data[2].split(",")
    cells[header.index("รวมประถม ชาย")] = "999"
    data[2] = ",".join(cells)
    job = _import(world, "\n".join(data).encode())
    assert any("รวมประถม ชาย" in m for m in _messages(job)), _messages(job)
    assert not StudentCount.objects.exists()


def test_unknown_duplicate_and_foreign_schools_are_refused(world: Any) -> None:
    rows = _rows(world)
    office = world.office_a
    rows.append(SchoolRow(office.code, office.name_th, "59999999", "บ้านใหม่", {"p1": (1, 1, 1)}))
    rows.append(rows[0])
    zed = world.office_z
    rows.append(SchoolRow(zed.code, zed.name_th, world.school_z.smis_code, "ลับ", {"p1": (1, 1, 1)}))
    job = _import(world, students_csv(rows))
    text = "\n".join(_messages(job))
    assert "59999999" in text
    assert "not in the registry" in text
    assert "appears twice" in text
    assert "not to the office you are importing for" in text
    assert not StudentCount.objects.exists()


def test_new_schools_are_created_when_the_user_chooses(world: Any) -> None:
    rows = _rows(world)
    office = world.office_a
    rows.append(SchoolRow(office.code, office.name_th, "59999999", "บ้านใหม่", {"p1": (1, 2, 1)}))
    job = _import(world, students_csv(rows), create_schools=True)
    assert job.status == Job.Status.SUCCEEDED, _messages(job)
    school = School.objects.get(smis_code="59999999")
    assert (school.office, school.name_th, school.ministry_code) == (office, "บ้านใหม่", None)
    assert job.result["summary"]["created_schools"] == 1


def test_a_national_file_creates_the_offices_it_names(world: Any) -> None:
    rows = [SchoolRow("10990000", "สพป.เชียงราย เขต 9", "57999999", "บ้านดอยใหม่",
                      {"p1": (4, 5, 1)})]  # fmt: skip
    job = _import(world, students_csv(rows), create_schools=True, user=world.national, office=None)
    assert job.status == Job.Status.SUCCEEDED, _messages(job)
    office = Office.objects.get(code="10990000")
    assert office.province.name_th == "เชียงราย"
    assert School.objects.get(smis_code="57999999").office == office


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 200, "students.xlsx", "PNG"),
        (b"", "students.csv", "empty"),
        (b"a,b\n1,2\n", "students.csv", "รหัสโรงเรียน"),
    ],
)
def test_a_wrong_file_gets_one_clear_message(
    world: Any, data: bytes, name: str, message: str
) -> None:
    job = _import(world, data, name)
    assert job.status == Job.Status.REJECTED
    assert message in "\n".join(_messages(job))


def test_the_command_writes_everything_and_prints_a_summary(world: Any, tmp_path: Any) -> None:
    path = tmp_path / "students.csv"
    path.write_bytes(students_csv(_rows(world)))
    out = StringIO()
    call_command(
        "import_dmc_students", str(path), "--academic-year", "2568", "--round", "1", stdout=out
    )
    assert "2 schools and 95 students" in out.getvalue()
    assert StudentCount.objects.count() == 5


def test_the_command_exits_non_zero_and_writes_nothing_on_a_bad_row(
    world: Any, tmp_path: Any
) -> None:
    rows = _rows(world)
    rows.append(SchoolRow("", "", "12", "บ้านผิด", {"p1": (1, 1, 1)}))
    path = tmp_path / "students.csv"
    path.write_bytes(students_csv(rows))
    with pytest.raises(CommandError, match="not an 8-digit school code"):
        call_command("import_dmc_students", str(path), "--academic-year", "2568", "--round", "1")
    assert not StudentCount.objects.exists()


_CELL = st.one_of(
    st.text(max_size=8),
    st.integers(min_value=-5, max_value=10**7).map(str),
    st.sampled_from(["", "-", "๑๒", "1,234", "3.0", "x", "รวม", "12345678"]),
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.lists(_CELL, min_size=4, max_size=14), min_size=1, max_size=6))
def test_any_file_ends_in_an_import_or_a_clear_refusal(world: Any, body: list[list[str]]) -> None:
    import csv

    buffer = StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["รหัสเขต", "ชื่อเขต", "รหัสโรงเรียน", "ชื่อโรงเรียน", "ป.1 ชาย", "ป.1 หญิง",
                     "รวมป.1", "ป.1 ห้อง", "รวมทั้งหมด"])  # fmt: skip
    writer.writerows(body)
    job = _import(world, buffer.getvalue().encode())
    assert job.status in (Job.Status.SUCCEEDED, Job.Status.REJECTED), job.error
    StudentCount.objects.all().delete()


def test_a_zip_bomb_named_xlsx_is_refused(world: Any) -> None:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (400 * 1024 * 1024))
    job = _import(world, buffer.getvalue(), "students.xlsx")
    assert job.status == Job.Status.REJECTED
    assert "zip" in "\n".join(_messages(job)).lower()
    assert not StudentCount.objects.exists()


def test_a_file_over_the_size_limit_is_refused(world: Any, settings: Any) -> None:
    settings.DLICT_IMPORT_MAX_BYTES = 1024 * 1024
    data = students_csv(_rows(world)) + b"\n" * (2 * 1024 * 1024)
    job = _import(world, data)
    assert job.status == Job.Status.REJECTED
    assert "1 MB" in "\n".join(_messages(job))


def test_a_number_too_long_to_be_a_count_is_a_row_error(world: Any) -> None:
    data = (
        students_csv(_rows(world))
        .decode("utf-8-sig")
        .replace(",10,12,22,1,", ",10,12,22," + "9" * 40 + ",", 1)
    )
    job = _import(world, data.encode())
    assert job.status == Job.Status.REJECTED
    assert "ป.1 ห้อง" in "\n".join(_messages(job))


def test_a_row_with_figures_but_no_school_in_the_middle_is_reported(world: Any) -> None:
    rows = _rows(world)
    rows.insert(1, SchoolRow("", "", "", "", {"p1": (50, 50, 2)}))
    job = _import(world, students_csv(rows, totals_label=""))
    assert job.status == Job.Status.REJECTED
    assert "4 รหัสโรงเรียน (C): The school code is empty." in _messages(job)
    assert not StudentCount.objects.exists()


def test_a_last_row_of_figures_with_no_school_is_checked_as_the_totals_row(world: Any) -> None:
    rows = _rows(world)
    rows.append(SchoolRow("", "", "", "", {"p1": (50, 50, 2)}))
    job = _import(world, students_csv(rows, totals_row=False))
    assert job.status == Job.Status.REJECTED
    text = "\n".join(_messages(job))
    assert "read as the file's totals row" in text
    assert "ป.1 ชาย (Q): The schools above add up to 10, but the totals row says 50." in text
    assert not StudentCount.objects.exists()


def test_a_totals_row_with_no_code_or_name_is_checked_not_refused(world: Any) -> None:
    job = _import(world, students_csv(_rows(world), totals_label=""))
    assert job.status == Job.Status.SUCCEEDED, _messages(job)
    assert job.result["summary"]["schools"] == 2
    assert job.result["summary"]["students"] == 95


def test_a_totals_row_followed_by_blank_rows_and_a_note_is_the_totals_row(world: Any) -> None:
    after = [["", "", "", ""], [], ["ที่มา: ระบบ DMC ข้อมูล ณ วันที่ 10 มิถุนายน 2568"]]
    job = _import(world, students_csv(_rows(world), totals_label="", after_totals=after))
    assert job.status == Job.Status.SUCCEEDED, _messages(job)
    assert StudentCount.objects.count() == 5


def test_a_totals_row_in_an_xlsx_with_merged_headings_is_checked(world: Any) -> None:
    rows = _rows(world)
    rows[0].counts = {"p1": (10, 12, 1), "p2": (4, 4, 1)}
    rows[1].counts = {"p2": (20, 19, 1)}
    data = students_xlsx_two_header_rows(rows, totals_row=True)
    job = _import(world, data, "students.xlsx")
    assert job.status == Job.Status.SUCCEEDED, _messages(job)
    assert job.result["summary"]["students"] == 22 + 8 + 39


@pytest.mark.parametrize("grand_total", [True, False])
def test_each_offices_subtotal_and_the_grand_total_of_a_national_file_are_accepted(
    world: Any, grand_total: bool
) -> None:
    office_a, office_z = world.office_a, world.office_z
    first = _rows(world)
    second = [SchoolRow(office_z.code, office_z.name_th, world.school_z.smis_code, "ลับ",
                        {"p1": (7, 6, 1)})]  # fmt: skip
    grades = ("k2", "k3", "p1", "p2", "p3", "p4", "p5", "p6")
    buffer = StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headers(grades))
    for office, schools in ((office_a, first), (office_z, second)):
        writer.writerows(cells(school, grades) for school in schools)
        writer.writerow(
            [office.code, office.name_th, "", "รวม", *cells(totals(schools), grades)[4:]]
        )
    if grand_total:
        writer.writerow(["", "", "", "", *cells(totals([*first, *second]), grades)[4:]])
    job = _import(world, buffer.getvalue().encode(), user=world.national, office=None)
    assert job.status == Job.Status.SUCCEEDED, _messages(job)
    assert job.result["summary"]["schools"] == 3


@pytest.mark.parametrize("label", ["", "รวม"])
def test_a_totals_row_that_does_not_add_up_names_each_column(world: Any, label: str) -> None:
    lines = students_csv(_rows(world), totals_label=label).decode("utf-8-sig").splitlines()
    header, totals = lines[1].split(","), lines[-1].split(",")
    totals[header.index("ป.2 หญิง")] = "29"  # the schools have 19 girls in ป.2
    totals[header.index("รวมทั้งหมด")] = "105"
    lines[-1] = ",".join(totals)
    job = _import(world, "\n".join(lines).encode())
    assert job.status == Job.Status.REJECTED
    messages = _messages(job)
    row = len(lines)
    assert f"{row} ป.2 หญิง (V): The schools above add up to 19, but the totals row says 29." in (
        messages
    )
    assert any(m.startswith(f"{row} รวมทั้งหมด (") and "95" in m and "105" in m for m in messages)
    assert not StudentCount.objects.exists()


def test_pre_kindergarten_and_rooms_given_by_level_only_are_accepted(world: Any) -> None:
    office = world.office_a
    headers = ["รหัสเขต", "ชื่อเขต", "รหัสโรงเรียน", "ชื่อโรงเรียน", "เตรียมอนุบาล ชาย",
               "เตรียมอนุบาล หญิง", "อ.1 ชาย", "อ.1 หญิง", "รวมก่อนประถม ชาย", "รวมก่อนประถม หญิง",
               "รวมก่อนประถม", "รวมห้องก่อนประถม"]  # fmt: skip
    row = [office.code, office.name_th, world.school_a.smis_code, "x", "2", "3", "4", "5",
           "6", "8", "14", "2"]  # fmt: skip
    buffer = StringIO()
    import csv

    csv.writer(buffer).writerows([headers, row])
    job = _import(world, buffer.getvalue().encode())
    assert job.status == Job.Status.SUCCEEDED, _messages(job)
    assert StudentCount.objects.get(grade="k0").girls == 3


def test_level_and_grand_totals_under_two_header_rows_are_checked(world: Any) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet: Any = workbook.active
    sheet.append(["รหัสโรงเรียน", "ชื่อโรงเรียน", "ป.1", "", "", "", "รวมประถม", "", "", "",
                  "รวมทั้งหมด", "", "", ""])  # fmt: skip
    sheet.append(["", "", *(["ชาย", "หญิง", "รวม", "ห้อง"] * 3)])
    sheet.append([world.school_a.smis_code, "x", 1, 2, 3, 1, 1, 2, 3, 1, 1, 2, 9, 1])
    buffer = io.BytesIO()
    workbook.save(buffer)
    job = _import(world, buffer.getvalue(), "students.xlsx")
    assert job.status == Job.Status.REJECTED
    assert "รวมทั้งหมด" in "\n".join(_messages(job))


def test_a_known_school_under_an_unknown_area_creates_no_office(world: Any) -> None:
    rows = [SchoolRow("10990000", "สพป.เชียงราย เขต 9", world.school_a.smis_code, "x",
                      {"p1": (1, 1, 1)})]  # fmt: skip
    job = _import(world, students_csv(rows), create_schools=True, user=world.national, office=None)
    assert job.status == Job.Status.REJECTED
    assert not Office.objects.filter(code="10990000").exists()
