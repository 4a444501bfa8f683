"""Importing the data centre's school-information export: registry facts, profile, every column."""

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
from dlict.emis.models import SchoolProfile
from dlict.emis.school_info import SchoolInfoImporter
from dlict.schools.models import School

pytestmark = pytest.mark.django_db

HEADERS = [
    "รหัสเขต", "ชื่อเขต", "รหัสโรงเรียน 10 หลัก", "รหัสโรงเรียน 8 หลัก", "ชื่อโรงเรียน",
    "ชื่อโรงเรียน (ภาษาอังกฤษ)", "ตำบล", "อำเภอ", "จังหวัด", "รหัสไปรษณีย์", "ละติจูด", "ลองจิจูด",
    "การจัดการเรียนการสอน DLTV", "ประเภทโรงเรียน", "กลุ่มเครือข่าย", "จำนวนนักเรียน",
    "จำนวนห้องเรียน", "จำนวนผู้อำนวยการ", "รองผู้อำนวยการ", "จำนวนครู",
    "คอมพิวเตอร์เพื่อการเรียนการสอน", "คอมพิวเตอร์เพื่อการบริหารจัดการ", "การเชื่อมต่ออินเทอร์เน็ต",
    "ระบบไฟฟ้า", "จำนวนโต๊ะเก้าอี้นักเรียน", "ถนนเข้าโรงเรียน",
]  # fmt: skip


def _row(world: Any, school: Any, changes: dict[str, str] | None = None) -> list[str]:
    """One school's row; ``changes`` by heading (a dict: Python would NFKC-normalise Thai
    keyword names, so ชื่อ=… would not reach the heading "ชื่อ")."""
    office = world.office_a
    values = {
        "รหัสเขต": office.code, "ชื่อเขต": office.name_th,
        "รหัสโรงเรียน 10 หลัก": school.ministry_code, "รหัสโรงเรียน 8 หลัก": school.smis_code,
        "ชื่อโรงเรียน": f"โรงเรียน{school.name_th}", "ชื่อโรงเรียน (ภาษาอังกฤษ)": "Ban Huai Sai",
        "ตำบล": "ห้วยทราย", "อำเภอ": "แม่ริม", "จังหวัด": "เชียงใหม่", "รหัสไปรษณีย์": "50180",
        "ละติจูด": "18.9", "ลองจิจูด": "98.95", "การจัดการเรียนการสอน DLTV": "ใช้ DLTV",
        "ประเภทโรงเรียน": "ประถมศึกษา", "กลุ่มเครือข่าย": "กลุ่มเครือข่ายเอ",
        "จำนวนนักเรียน": "๘๔", "จำนวนห้องเรียน": "8", "จำนวนผู้อำนวยการ": "1",
        "รองผู้อำนวยการ": "0", "จำนวนครู": "7", "คอมพิวเตอร์เพื่อการเรียนการสอน": "1,024",
        "คอมพิวเตอร์เพื่อการบริหารจัดการ": "3", "การเชื่อมต่ออินเทอร์เน็ต": "ไฟเบอร์ออปติก 1 Gbps",
        "ระบบไฟฟ้า": "ไฟฟ้าส่วนภูมิภาค", "จำนวนโต๊ะเก้าอี้นักเรียน": "90", "ถนนเข้าโรงเรียน": "ลาดยาง",
    }  # fmt: skip
    values.update(changes or {})
    return [values[h] for h in HEADERS]


def _file(rows: list[list[str]], headers: list[str] = HEADERS) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["ข้อมูลพื้นฐานโรงเรียน ปีการศึกษา 2568"])
    writer.writerow(headers)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")


def _import(world: Any, data: bytes, **params: Any) -> Job:
    job = jobs.job_start(
        kind=SchoolInfoImporter.kind, title="t", user=world.staff_a, office=world.office_a,
        params=params, upload=SimpleUploadedFile("info.csv", data), stage=Job.Stage.CHECK,
    )  # fmt: skip
    job.refresh_from_db()
    if job.status == Job.Status.WAITING:
        jobs.job_confirm(job=job)
        job.refresh_from_db()
    return job


def _errors(job: Job) -> str:
    return "\n".join(
        f"{e['row']} {e['column']}: {e['message']}" for e in job.result.get("errors", [])
    )


def test_registry_facts_and_the_profile_are_saved_and_no_column_is_lost(world: Any) -> None:
    job = _import(world, _file([_row(world, world.school_a)]))
    assert job.status == Job.Status.SUCCEEDED, _errors(job)
    school = School.objects.get(pk=world.school_a.pk)
    assert (school.name_th, school.name_en, school.dltv) == ("บ้านห้วยทราย", "Ban Huai Sai", True)
    assert school.district.name_th == "แม่ริม"
    profile = school.profile
    assert (profile.teachers, profile.students, profile.computers_teaching) == (7, 84, 1024)
    assert profile.internet == "ไฟเบอร์ออปติก 1 Gbps"
    assert profile.data["จำนวนโต๊ะเก้าอี้นักเรียน"] == "90"
    assert profile.data["ถนนเข้าโรงเรียน"] == "ลาดยาง"


def test_importing_the_same_file_again_changes_nothing(world: Any) -> None:
    data = _file([_row(world, world.school_a)])
    _import(world, data)
    before = SchoolProfile.objects.get().updated_at
    again = jobs.job_start(
        kind=SchoolInfoImporter.kind, title="t", user=world.staff_a, office=world.office_a,
        params={}, upload=SimpleUploadedFile("info.csv", data), stage=Job.Stage.CHECK,
    )  # fmt: skip
    again.refresh_from_db()
    assert again.result["preview"]["updated"] == 0
    assert again.result["preview"]["created"] == 0
    assert SchoolProfile.objects.get().updated_at == before


def test_problems_are_listed_by_row_and_column_and_nothing_is_written(world: Any) -> None:
    rows = [
        _row(world, world.school_a, {"จำนวนครู": "เจ็ด"}),
        _row(world, world.school_b, {"ละติจูด": "98.9", "ลองจิจูด": "18.9"}),
        _row(world, world.school_b, {"รหัสเขต": world.office_z.code}),
    ]
    job = _import(world, _file(rows))
    text = _errors(job)
    assert "จำนวนครู" in text
    assert "เจ็ด" in text
    assert "outside Thailand" in text
    assert "not to" in text
    assert not SchoolProfile.objects.exists()
    assert School.objects.get(pk=world.school_a.pk).name_en == ""


def test_a_school_missing_from_the_registry_is_created_only_when_asked(world: Any) -> None:
    new = School(ministry_code="1050999999", smis_code="50999999", name_th="บ้านดอยใหม่")
    refused = _import(world, _file([_row(world, new)]))
    assert "not in the registry" in _errors(refused)
    created = _import(world, _file([_row(world, new)]), create_schools=True)
    assert created.status == Job.Status.SUCCEEDED, _errors(created)
    school = School.objects.get(ministry_code="1050999999")
    assert (school.office, school.smis_code, school.profile.teachers) == (
        world.office_a,
        "50999999",
        7,
    )


def test_the_command_finds_the_office_from_the_file(world: Any, tmp_path: Any) -> None:
    path = tmp_path / "info.csv"
    path.write_bytes(_file([_row(world, world.school_a), _row(world, world.school_b)]))
    out = StringIO()
    call_command("import_dmc_schools", str(path), stdout=out)
    assert "2 schools" in out.getvalue()
    assert SchoolProfile.objects.count() == 2


def test_the_command_writes_nothing_when_a_row_is_wrong(world: Any, tmp_path: Any) -> None:
    path = tmp_path / "info.csv"
    path.write_bytes(
        _file([_row(world, world.school_a), _row(world, world.school_b, {"จำนวนครู": "-3"})])
    )
    with pytest.raises(CommandError, match="จำนวนครู"):
        call_command("import_dmc_schools", str(path))
    assert not SchoolProfile.objects.exists()


def test_the_upload_page_starts_a_check(world: Any) -> None:
    client = world.client_for(world.staff_a)
    assert client.get("/emis/import/schools/").status_code == 200
    response = client.post(
        "/emis/import/schools/",
        {"file": SimpleUploadedFile("info.csv", _file([_row(world, world.school_a)]))},
    )
    job = Job.objects.get()
    assert response["Location"] == f"/jobs/{job.pk}/"
    assert job.status == Job.Status.WAITING
    assert "ข้อมูลพื้นฐาน" in client.get(f"/jobs/{job.pk}/").content.decode()


_CELL = st.one_of(
    st.text(max_size=10),
    st.sampled_from(["", "-", "๑๒", "1,234", "3.0", "ใช้ DLTV", "ไม่จัด", "18.9", "1050000001"]),
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.lists(_CELL, min_size=len(HEADERS), max_size=len(HEADERS)), max_size=4))
def test_any_school_information_file_ends_in_an_import_or_a_clear_refusal(
    world: Any, body: list[list[str]]
) -> None:
    job = _import(world, _file(body), create_schools=True)
    assert job.status in (Job.Status.SUCCEEDED, Job.Status.REJECTED), job.error


def test_a_school_the_students_export_created_is_completed_not_doubled(world: Any) -> None:
    created = School.objects.create(
        office=world.office_a, smis_code="50888888", name_th="บ้านใหม่จากไฟล์นักเรียน"
    )
    new = School(ministry_code="1050888888", smis_code="50888888", name_th="บ้านใหม่จากไฟล์นักเรียน")
    job = _import(world, _file([_row(world, new)]))
    assert job.status == Job.Status.SUCCEEDED, _errors(job)
    created.refresh_from_db()
    assert created.ministry_code == "1050888888"
    assert School.objects.filter(smis_code="50888888").count() == 1


def test_an_identical_file_confirmed_again_writes_nothing(world: Any) -> None:
    data = _file([_row(world, world.school_a)])
    _import(world, data)
    before = SchoolProfile.objects.get().updated_at
    job = _import(world, data)
    assert job.result["summary"]["profiles"] == 0
    assert job.result["summary"]["updated"] == 0
    assert SchoolProfile.objects.get().updated_at == before


def test_a_persons_phone_is_not_kept_with_the_row(world: Any) -> None:
    headers = [*HEADERS, "โทรศัพท์มือถือผู้อำนวยการ"]
    row = [*_row(world, world.school_a), "0812345678"]
    job = _import(world, _file([row], headers))
    assert job.status == Job.Status.SUCCEEDED, _errors(job)
    assert "0812345678" not in str(SchoolProfile.objects.get().data)


def test_a_count_too_long_is_a_row_error(world: Any) -> None:
    job = _import(world, _file([_row(world, world.school_a, {"จำนวนครู": "9" * 30})]))
    assert job.status == Job.Status.REJECTED
    assert "จำนวนครู" in _errors(job)


FIGURE_HEADINGS = ("จำนวนนักเรียน", "จำนวนห้องเรียน", "จำนวนผู้อำนวยการ", "รองผู้อำนวยการ",
                   "จำนวนครู", "คอมพิวเตอร์เพื่อการเรียนการสอน", "คอมพิวเตอร์เพื่อการบริหารจัดการ")  # fmt: skip


def _totals_row(rows: list[list[str]]) -> list[str]:
    """The export's last row: the figures summed, every other cell (codes, name, area) blank."""
    from dlict.emis.imports import parse_count

    sums = [""] * len(HEADERS)
    for heading in FIGURE_HEADINGS:
        index = HEADERS.index(heading)
        sums[index] = str(sum(parse_count(row[index]) or 0 for row in rows))
    return sums


def _two_schools(world: Any) -> list[list[str]]:
    return [
        _row(world, world.school_a),
        _row(world, world.school_b, {"จำนวนนักเรียน": "40", "จำนวนครู": "3"}),
    ]


def test_a_totals_row_with_no_code_or_name_is_checked_not_refused(world: Any) -> None:
    rows = _two_schools(world)
    job = _import(world, _file([*rows, _totals_row(rows)]))
    assert job.status == Job.Status.SUCCEEDED, _errors(job)
    assert job.result["summary"]["students"] == 84 + 40
    assert SchoolProfile.objects.count() == 2


def test_a_totals_row_followed_by_blank_rows_and_a_note_is_the_totals_row(world: Any) -> None:
    rows = _two_schools(world)
    note = ["ที่มา: ระบบ DMC", *[""] * (len(HEADERS) - 1)]
    blank = [""] * len(HEADERS)
    job = _import(world, _file([*rows, _totals_row(rows), blank, note]))
    assert job.status == Job.Status.SUCCEEDED, _errors(job)
    assert SchoolProfile.objects.count() == 2


def test_a_totals_row_that_does_not_add_up_names_the_column(world: Any) -> None:
    rows = _two_schools(world)
    totals = _totals_row(rows)
    totals[HEADERS.index("จำนวนครู")] = "12"
    job = _import(world, _file([*rows, totals]))
    assert job.status == Job.Status.REJECTED
    assert "5 จำนวนครู (T): The schools above add up to 10, but the totals row says 12." in (
        _errors(job)
    )
    assert not SchoolProfile.objects.exists()


def test_a_row_with_figures_but_no_code_or_name_in_the_middle_is_an_error(world: Any) -> None:
    rows = _two_schools(world)
    stray = _totals_row(rows[:1])
    job = _import(world, _file([rows[0], stray, rows[1], _totals_row(rows)]))
    assert job.status == Job.Status.REJECTED
    assert "4 รหัสโรงเรียน 10 หลัก (C): The code is empty." in _errors(job)
    assert not SchoolProfile.objects.exists()


def test_the_command_finds_the_office_of_a_file_that_ends_with_its_totals(
    world: Any, tmp_path: Any
) -> None:
    rows = _two_schools(world)
    path = tmp_path / "info.csv"
    path.write_bytes(_file([*rows, _totals_row(rows), [""] * len(HEADERS)]))
    out = StringIO()
    call_command("import_dmc_schools", str(path), stdout=out)
    assert "2 schools" in out.getvalue()
    assert SchoolProfile.objects.count() == 2
