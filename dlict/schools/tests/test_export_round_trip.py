"""The registry's own school-list export reads back through the school-list import unchanged."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from dlict.core.models import Job
from dlict.schools.models import District, NetworkGroup, School, SubDistrict
from dlict.schools.tests.factories import SchoolFactory
from dlict.schools.tests.test_import import confirm, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def varied_schools(world: Any) -> list[School]:
    """Schools as a real office has them: every size and type, DLTV or not, two network groups
    and none, full and blank optional cells, text a spreadsheet would take for a formula."""
    office = world.office_a
    other_group = NetworkGroup.objects.create(office=office, name="กลุ่มเครือข่ายแม่ริม ๒")
    mae_rim = District.objects.get(code="5007")
    sub = SubDistrict.objects.filter(district=mae_rim).order_by("code").last()
    sizes = [*School.Size.values, ""]
    kinds = [*School.Kind.values, ""]
    schools = []
    for index in range(len(sizes)):
        full = index % 2 == 0
        schools.append(
            SchoolFactory(
                office=office,
                name_th=f"บ้านป่าสักงาม{'ใต้' * index}",
                name_en=f"Ban Pa Sak Ngam {index}" if full else "",
                address_line=f"{index + 12}/3 หมู่ {index + 1}" if full else "",
                sub_district=sub if full else None,
                district=mae_rim if full else None,
                postcode=sub.postcode if full else "",
                network_group=[world.school_a.network_group, other_group, None][index % 3],
                kind=kinds[index],
                size=sizes[index],
                dltv=full,
                latitude=Decimal("18.912345") if full else None,
                longitude=Decimal("98.954321") if full else None,
                phone="+66 53 123 456" if index == 0 else ("053-123456" if full else ""),
                email=f"school{index}@example.org" if full else "",
                website="https://school.example.org/" if full else "",
                director_name="นายสมชาย ใจดี" if full else "",
            )
        )
    # Created from the students-by-grade export, which gives the SMIS code only.
    schools.append(
        SchoolFactory(office=office, name_th="บ้านใหม่จากไฟล์นักเรียน", ministry_code=None,
                      obec_code=None, district=None, sub_district=None, postcode="")
    )  # fmt: skip
    return schools


def _download(client: Any, fmt: str) -> bytes:
    response = client.get(reverse("schools:export", args=[fmt]))
    assert response.status_code == 200
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
@pytest.mark.parametrize("language", ["th", "en"])
def test_the_exported_list_imports_back_with_no_change(
    world: Any, varied_schools: list[School], fmt: str, language: str
) -> None:
    staff = world.client_for(world.staff_a)
    staff.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    before = list(School.objects.order_by("pk").values())
    content = _download(staff, fmt)
    if fmt == "csv":  # the person's language, from the catalogue
        heading = content.decode("utf-8-sig").splitlines()[0]
        expected = {
            "th": "รหัสกระทรวง,รหัส SMIS,รหัส OBEC,ชื่อโรงเรียน,ชื่อภาษาอังกฤษ",
            "en": "Ministry code,SMIS code,OBEC code,School name,Name in English",
        }
        assert heading.startswith(expected[language]), heading
    staff.cookies[settings.LANGUAGE_COOKIE_NAME] = "th"
    job = upload(staff, content, name=f"export.{fmt}")
    assert job.status == Job.Status.WAITING, job.result.get("errors")
    preview = job.result["preview"]
    changed = [sample["changes"] for sample in preview["samples"]]
    assert preview["total_changes"] == 0, changed
    assert preview["unchanged"] == len(varied_schools) + 2
    assert confirm(staff, job).status == Job.Status.SUCCEEDED
    after = list(School.objects.order_by("pk").values())
    assert after == before


def test_a_csv_is_written_in_the_language_it_was_asked_in(world: Any) -> None:
    staff = world.client_for(world.staff_a)
    staff.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = staff.get(reverse("schools:export", args=["csv"]))
    # The rows are written as the response is sent, when the thread may serve another request.
    with translation.override("th"):
        text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert text.startswith("Ministry code,SMIS code,OBEC code,School name")


def test_only_a_school_without_a_ministry_code_may_leave_it_blank(world: Any) -> None:
    School.objects.filter(pk=world.school_b.pk).update(ministry_code=None)
    staff = world.client_for(world.staff_a)
    headers = "รหัสกระทรวง,รหัส SMIS,รหัส OBEC,ชื่อโรงเรียน"
    rows = [
        f",{world.school_a.smis_code},{world.school_a.obec_code},{world.school_a.name_th}",
        f",{world.school_b.smis_code},{world.school_b.obec_code},{world.school_b.name_th}",
        ",59999999,599999,บ้านใหม่",
    ]
    job = upload(staff, "\n".join([headers, *rows]).encode())
    errors = {(e["row"], e["column"].split(" (")[0]) for e in job.result["errors"]}
    assert {(2, "รหัสกระทรวง"), (4, "รหัสกระทรวง")} <= errors
    assert not [error for error in errors if error[0] == 3]  # school B has no ministry code
