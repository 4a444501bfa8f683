"""Importing a school list: all or nothing, every problem named by row and column."""

import io
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from dlict.core import jobs
from dlict.core.imports import ImportJobHandler
from dlict.core.models import AuditEntry, Job
from dlict.core.progress import Progress
from dlict.schools.imports import SchoolListImporter
from dlict.schools.models import School

HEADERS = ["รหัสกระทรวง", "รหัส SMIS", "รหัส OBEC", "ชื่อโรงเรียน", "ตำบล", "อำเภอ", "จังหวัด"]
ROWS = [
    ["1050070901", "50070901", "507901", "บ้านดอนแก้ว", "ริมใต้", "แม่ริม", "เชียงใหม่"],
    ["1050070902", "50070902", "507902", "โรงเรียนบ้านป่าไผ่", "ดอนแก้ว", "แม่ริม", "เชียงใหม่"],
]


def csv_bytes(
    rows: list[list[str]], headers: list[str] = HEADERS, encoding: str = "utf-8"
) -> bytes:
    lines = [",".join(headers)] + [",".join(row) for row in rows]
    return ("\n".join(lines) + "\n").encode(encoding)


def upload(client: Any, data: bytes, name: str = "schools.csv", **extra: Any) -> Job:
    response = client.post(
        reverse("schools:import"), {"file": SimpleUploadedFile(name, data), **extra}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return Job.objects.latest("pk")


def confirm(client: Any, job: Job) -> Job:
    client.post(reverse("core:job-action", args=[job.pk, "confirm"]))
    job.refresh_from_db()
    return job


@pytest.fixture
def staff(world: Any) -> Any:
    return world.client_for(world.staff_a)


def errors_of(job: Job) -> list[tuple[int, str, str]]:
    return [(e["row"], e["column"], e["message"]) for e in job.result["errors"]]


def test_a_valid_list_is_previewed_then_saved_on_confirmation(world: Any, staff: Any) -> None:
    before = School.objects.count()
    job = upload(staff, csv_bytes(ROWS))
    assert job.status == Job.Status.WAITING
    assert job.result["preview"]["created"] == 2
    assert School.objects.count() == before  # nothing written before confirmation

    job = confirm(staff, job)
    assert job.status == Job.Status.SUCCEEDED
    assert job.result["summary"]["created"] == 2
    school = School.objects.get(ministry_code="1050070902")
    assert school.name_th == "บ้านป่าไผ่"  # "โรงเรียน" prefix dropped, as the registry writes names
    assert school.office == world.office_a
    assert school.district.name_th == "แม่ริม"
    assert school.sub_district.name_th == "ดอนแก้ว"
    assert school.postcode == school.sub_district.postcode
    assert not job.input_file  # the uploaded copy is gone once the job ends


def test_the_page_shows_the_preview_and_the_result(world: Any, staff: Any) -> None:
    job = upload(staff, csv_bytes(ROWS))
    page = staff.get(reverse("core:job", args=[job.pk])).content.decode()
    assert "บ้านดอนแก้ว" in page
    assert reverse("core:job-action", args=[job.pk, "confirm"]) in page


def test_importing_the_same_file_again_changes_nothing(world: Any, staff: Any) -> None:
    confirm(staff, upload(staff, csv_bytes(ROWS)))
    entries = AuditEntry.objects.count()
    job = upload(staff, csv_bytes(ROWS))
    assert job.result["preview"]["created"] == 0
    assert job.result["preview"]["updated"] == 0
    assert job.result["preview"]["unchanged"] == 2, job.result["preview"]["samples"][0]["changes"]
    job = confirm(staff, job)
    assert job.result["summary"]["updated"] == 0
    assert AuditEntry.objects.count() == entries


def test_a_changed_row_updates_the_school_and_records_who_changed_what(
    world: Any, staff: Any
) -> None:
    rows = [[world.school_a.ministry_code, world.school_a.smis_code, world.school_a.obec_code,
             "บ้านห้วยทรายใหม่", "ริมใต้", "แม่ริม", "เชียงใหม่"]]  # fmt: skip
    job = confirm(staff, upload(staff, csv_bytes(rows)))
    assert job.result["summary"]["updated"] == 1
    world.school_a.refresh_from_db()
    assert world.school_a.name_th == "บ้านห้วยทรายใหม่"
    entry = AuditEntry.objects.get_for_object(world.school_a).latest("timestamp")
    assert entry.actor == world.staff_a
    assert entry.changes["name_th"] == ["บ้านห้วยทราย", "บ้านห้วยทรายใหม่"]
    assert entry.office_id == world.office_a.pk


def test_a_missing_column_is_named_and_nothing_is_written(world: Any, staff: Any) -> None:
    headers = [h for h in HEADERS if h != "รหัส SMIS"]
    rows = [[cell for i, cell in enumerate(row) if i != 1] for row in ROWS]
    job = upload(staff, csv_bytes(rows, headers))
    assert job.status == Job.Status.REJECTED
    assert errors_of(job) == [(1, "รหัส SMIS", "ไม่พบคอลัมน์ “รหัส SMIS” ในแถวหัวตาราง")]


def test_a_file_without_a_known_header_says_which_columns_it_needs(world: Any, staff: Any) -> None:
    job = upload(staff, b"a,b,c\n1,2,3\n")
    assert job.status == Job.Status.REJECTED
    assert "รหัสกระทรวง" in job.result["errors"][0]["message"]


def test_every_bad_value_is_reported_with_its_row_and_column(world: Any, staff: Any) -> None:
    rows = [
        ["105007090", "50070901", "507901", "บ้านหนึ่ง", "ริมใต้", "แม่ริม", "เชียงใหม่"],
        ["1050070902", "5007090X", "507902", "", "ไม่มีตำบลนี้", "แม่ริม", "เชียงใหม่"],
        ["1050070903", "50070903", "507903", "บ้านสาม", "ริมใต้", "ไม่มีอำเภอนี้", "เชียงใหม่"],
    ]
    job = upload(staff, csv_bytes(rows))
    assert job.status == Job.Status.REJECTED
    found = {(row, column.split(" (")[0]) for row, column, _message in errors_of(job)}
    assert found == {
        (2, "รหัสกระทรวง"),
        (3, "รหัส SMIS"),
        (3, "ชื่อโรงเรียน"),
        (3, "ตำบล"),
        (4, "อำเภอ"),
    }
    assert "(A)" in errors_of(job)[0][1]  # the spreadsheet column letter
    assert not School.objects.filter(ministry_code__startswith="105007090").exists()


def test_a_code_twice_in_the_file_or_taken_by_another_school_is_refused(
    world: Any, staff: Any
) -> None:
    rows = [
        ROWS[0],
        ["1050070901", "50070999", "507999", "บ้านซ้ำ", "ริมใต้", "แม่ริม", "เชียงใหม่"],
        ["1050070903", world.school_b.smis_code, "507903", "บ้านสาม", "ริมใต้", "แม่ริม", "เชียงใหม่"],
    ]
    job = upload(staff, csv_bytes(rows))
    messages = errors_of(job)
    assert (3, "รหัสกระทรวง (A)", "รหัสนี้ซ้ำกับแถวที่ 2 ของไฟล์") in messages
    assert (4, "รหัส SMIS (B)", "รหัสนี้เป็นของโรงเรียนอื่นในทะเบียนแล้ว") in messages
    assert School.objects.filter(ministry_code="1050070901").count() == 0


def test_a_school_of_another_office_cannot_be_overwritten(world: Any, staff: Any) -> None:
    z = world.school_z
    rows = [[z.ministry_code, z.smis_code, z.obec_code, "บ้านยึด", "ริมใต้", "แม่ริม", "เชียงใหม่"]]
    job = upload(staff, csv_bytes(rows))
    assert job.status == Job.Status.REJECTED
    z.refresh_from_db()
    assert z.name_th == "บ้านลับแซดแซด"
    assert "ลับแซด" not in str(job.result)  # the other office's data is not echoed back


def test_a_tis620_file_from_thai_excel_is_read_correctly(world: Any, staff: Any) -> None:
    job = upload(staff, csv_bytes(ROWS, encoding="cp874"))
    assert job.status == Job.Status.WAITING
    assert "TIS-620" in job.result["preview"]["source"]
    confirm(staff, job)
    assert School.objects.filter(name_th="บ้านดอนแก้ว").exists()


def test_an_xlsx_with_a_title_row_and_numeric_codes_is_read(world: Any, staff: Any) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["รายชื่อโรงเรียน สพป.ทดสอบ"])
    sheet.append(HEADERS)
    sheet.append([1050070901, 50070901, 507901, "บ้านดอนแก้ว", "ริมใต้", "แม่ริม", "เชียงใหม่"])
    out = io.BytesIO()
    workbook.save(out)
    job = confirm(staff, upload(staff, out.getvalue(), name="list.xlsx"))
    assert job.status == Job.Status.SUCCEEDED
    assert School.objects.filter(ministry_code="1050070901", smis_code="50070901").exists()


def test_thai_numerals_and_excel_scientific_codes(world: Any, staff: Any) -> None:
    rows = [
        ["๑๐๕๐๐๗๐๙๐๑", "๕๐๐๗๐๙๐๑", "๕๐๗๙๐๑", "บ้านดอนแก้ว", "ริมใต้", "แม่ริม", "เชียงใหม่"],
        ["1.05007E+09", "50070902", "507902", "บ้านสอง", "ริมใต้", "แม่ริม", "เชียงใหม่"],
    ]
    job = upload(staff, csv_bytes(rows))
    assert errors_of(job)[0][0] == 3
    assert "Excel" in errors_of(job)[0][2]
    assert len(errors_of(job)) == 1


@pytest.mark.parametrize(
    ("data", "name", "words"),
    [
        (b"", "empty.csv", "ไฟล์ว่างเปล่า"),
        (b"\xff\xd8\xff\xe0" + b"\x00" * 64, "photo.xlsx", "JPEG"),
    ],
)
def test_wrong_files_get_a_clear_message(
    world: Any, staff: Any, data: bytes, name: str, words: str
) -> None:
    response = staff.post(reverse("schools:import"), {"file": SimpleUploadedFile(name, data)})
    if response.status_code == 200:  # refused by the form before a job starts
        assert words in response.content.decode()
    else:
        job = Job.objects.latest("pk")
        assert job.status == Job.Status.REJECTED
        assert words in job.result["errors"][0]["message"]


def test_a_30_mb_file_is_refused_by_the_form(world: Any, staff: Any) -> None:
    big = csv_bytes(ROWS) + b"#" * (30 * 1024 * 1024)
    response = staff.post(reverse("schools:import"), {"file": SimpleUploadedFile("big.csv", big)})
    assert response.status_code == 200
    assert "30.0 MB" in response.content.decode()
    assert not Job.objects.exists()


def test_confirming_twice_saves_once(world: Any, staff: Any) -> None:
    job = upload(staff, csv_bytes(ROWS))
    confirm(staff, job)
    response = staff.post(reverse("core:job-action", args=[job.pk, "confirm"]), follow=True)
    assert "ไม่ได้รอการยืนยัน" in response.content.decode()
    assert School.objects.filter(ministry_code__in=["1050070901", "1050070902"]).count() == 2


def test_the_registry_changing_after_the_preview_is_caught_at_confirmation(
    world: Any, staff: Any
) -> None:
    job = upload(staff, csv_bytes(ROWS))
    world.school_b.smis_code = "50070901"  # someone takes a code from the file meanwhile
    world.school_b.save()
    job = confirm(staff, job)
    assert job.status == Job.Status.REJECTED
    assert not School.objects.filter(ministry_code="1050070901").exists()


def test_people_without_the_import_role_cannot_import(world: Any) -> None:
    for person in (world.coordinator_a, world.director_a, world.supervisor_a):
        client = world.client_for(person)
        assert client.get(reverse("schools:import")).status_code == 403
        data = {"file": SimpleUploadedFile("s.csv", csv_bytes(ROWS))}
        assert client.post(reverse("schools:import"), data).status_code == 403
    assert not Job.objects.exists()


def test_an_exported_list_imports_back_unchanged(world: Any, staff: Any) -> None:
    export = staff.get(reverse("schools:export", args=["xlsx"]))
    content = b"".join(export.streaming_content) if export.streaming else export.content
    job = upload(staff, content, name="export.xlsx")
    assert job.status == Job.Status.WAITING, job.result
    assert job.result["preview"]["unchanged"] == 2, job.result["preview"]["samples"][0]["changes"]
    assert job.result["preview"]["total_changes"] == 0


cell = st.one_of(
    st.text(max_size=15),
    st.sampled_from(["", "๑๒๓", "1,234", "เชียงใหม่", "แม่ริม", "ริมใต้", "1e+09", "=1+1", "ใช่"]),
    st.from_regex(r"\d{5,11}", fullmatch=True),
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=st.lists(st.lists(cell, min_size=7, max_size=9), min_size=1, max_size=6))
def test_any_content_is_either_previewed_or_rejected_never_a_crash(world: Any, rows: Any) -> None:
    headers = [*HEADERS, "ละติจูด", "DLTV"]
    text = "\n".join(
        ",".join(f'"{c.replace(chr(34), "")}"' for c in row) for row in [headers, *rows]
    )
    job = Job.objects.create(
        kind=SchoolListImporter.kind, title="fuzz", office=world.office_a,
        created_by=world.staff_a, stage="check",
    )  # fmt: skip
    job.input_file.save("fuzz.csv", ContentFile(text.encode("utf-8")))
    outcome = ImportJobHandler(SchoolListImporter).run(job, Progress(job.pk))
    assert outcome.status in (Job.Status.WAITING, Job.Status.REJECTED)


def test_network_groups_made_by_an_import_are_audited_as_the_importer(
    world: Any, staff: Any
) -> None:
    rows = [[*ROWS[0], "กลุ่มเครือข่ายใหม่จากไฟล์"]]
    confirm(staff, upload(staff, csv_bytes(rows, [*HEADERS, "กลุ่มเครือข่าย"])))
    group = world.office_a.network_groups.get(name="กลุ่มเครือข่ายใหม่จากไฟล์")
    assert AuditEntry.objects.for_object(group).get().actor == world.staff_a


def test_columns_left_out_of_the_file_leave_the_school_as_it_was(world: Any, staff: Any) -> None:
    a = world.school_a
    a.latitude, a.longitude, a.phone = Decimal("18.9"), Decimal("98.9"), "053-000111"
    a.save()
    before = (a.province_id, a.district_id, a.sub_district_id, a.postcode)
    headers = ["รหัสกระทรวง", "รหัส SMIS", "รหัส OBEC", "ชื่อโรงเรียน", "รหัสไปรษณีย์"]
    rows = [[a.ministry_code, a.smis_code, a.obec_code, a.name_th, a.postcode]]
    job = confirm(staff, upload(staff, csv_bytes(rows, headers)))
    assert job.result["summary"]["updated"] == 0
    a.refresh_from_db()
    assert (a.province_id, a.district_id, a.sub_district_id, a.postcode) == before
    assert (a.latitude, a.phone) == (Decimal("18.900000"), "053-000111")


def test_a_district_column_alone_keeps_the_sub_district_it_matches(world: Any, staff: Any) -> None:
    a = world.school_a
    headers = ["รหัสกระทรวง", "รหัส SMIS", "รหัส OBEC", "ชื่อโรงเรียน", "อำเภอ"]
    rows = [[a.ministry_code, a.smis_code, a.obec_code, a.name_th, "แม่ริม"]]
    job = confirm(staff, upload(staff, csv_bytes(rows, headers)))
    assert job.result["summary"]["updated"] == 0
    a.refresh_from_db()
    assert a.sub_district is not None


def test_a_sub_district_is_found_through_the_schools_own_district(world: Any, staff: Any) -> None:
    a = world.school_a
    headers = ["รหัสกระทรวง", "รหัส SMIS", "รหัส OBEC", "ชื่อโรงเรียน", "ตำบล"]
    rows = [[a.ministry_code, a.smis_code, a.obec_code, a.name_th, "ดอนแก้ว"]]
    confirm(staff, upload(staff, csv_bytes(rows, headers)))
    a.refresh_from_db()
    assert a.sub_district.name_th == "ดอนแก้ว"
    assert a.postcode == a.sub_district.postcode


def test_someone_taken_off_the_office_cannot_confirm_their_import(world: Any, staff: Any) -> None:
    job = upload(staff, csv_bytes(ROWS))
    world.staff_a.memberships.all().delete()
    response = staff.post(reverse("core:job-action", args=[job.pk, "confirm"]))
    assert response.status_code == 404
    jobs.job_confirm(job=job)  # even if the job were confirmed another way
    job.refresh_from_db()
    assert job.status == Job.Status.REJECTED
    assert not School.objects.filter(ministry_code="1050070901").exists()


@pytest.mark.parametrize("text", ["NAN", "nan", "Infinity", "-inf", "sNaN"])
def test_a_coordinate_that_is_no_number_is_refused_with_a_message(
    world: Any, staff: Any, text: str
) -> None:
    """Python's Decimal reads these as numbers; a school cannot stand at one."""
    job = upload(staff, csv_bytes([[*ROWS[0], text]], [*HEADERS, "ละติจูด"]))
    assert job.status == Job.Status.REJECTED
    assert text in str(job.result)
