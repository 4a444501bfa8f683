"""The upload page of the students-by-grade import."""

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from dlict.core.models import Job
from dlict.emis.tests.files import SchoolRow, students_csv

pytestmark = pytest.mark.django_db


def test_staff_upload_a_file_and_see_its_preview(world: Any) -> None:
    client = world.client_for(world.staff_a)
    page = client.get("/emis/import/students/")
    assert page.status_code == 200
    assert "รวมอ.1" in page.content.decode()
    office = world.office_a
    data = students_csv(
        [SchoolRow(office.code, office.name_th, world.school_a.smis_code, "x", {"p1": (1, 2, 1)})]
    )
    response = client.post(
        "/emis/import/students/",
        {"academic_year": 2568, "data_round": 1, "file": SimpleUploadedFile("s.csv", data)},
    )
    job = Job.objects.get()
    assert response["Location"] == f"/jobs/{job.pk}/"
    assert job.office == office
    assert job.status == Job.Status.WAITING
    preview = client.get(f"/jobs/{job.pk}/").content.decode()
    assert "ตรวจสอบก่อนบันทึก" in preview


@pytest.mark.parametrize("person", ["director_a", "coordinator_a", "teacher_a"])
def test_only_people_who_keep_the_data_import(world: Any, person: str) -> None:
    client = world.client_for(getattr(world, person))
    assert client.get("/emis/import/students/").status_code == 403
