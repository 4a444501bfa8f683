"""Documents printed for an office name that office and use its digits; the manual printed
without one is the original, in Thai numerals."""

from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from dlict.core.testing.pdf import foreign_digits, pdf_text
from dlict.core.thai import Digits, thai_digits
from dlict.processes.documents import manual_pdf
from dlict.processes.tests.factories import approved_project

pytestmark = pytest.mark.django_db

ORIGINAL_OFFICE = "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาชุมพร เขต ๒"
WEBSITE = "https://www.cpn2.go.th"


def pages(data: bytes, tmp_path: Path) -> list[str]:
    path = tmp_path / "document.pdf"
    path.write_bytes(data)
    return pdf_text(path).split("\f")


def preface(pages: list[str]) -> str:
    """The preface page's text without its spaces and line breaks, so a name that wraps is still
    found whole: compare it with ``solid`` text."""
    page = next(page for page in pages if "คำนำ" in page and "สารบัญ" not in page)
    return solid(page)


def solid(text: str) -> str:
    return "".join(text.split())


def test_the_manual_printed_for_an_office_names_it_in_the_preface(
    world: Any, tmp_path: Path
) -> None:
    printed = pages(manual_pdf(office=world.office_a), tmp_path)

    name = thai_digits(world.office_a.name_th)  # สพป.ทดสอบ เขต ๑, in the office's numerals
    assert solid(f"การปฏิบัติงานของ{name} เป็นไป") in preface(printed)
    assert preface(printed).endswith(solid(name))  # the signature
    # The original office is named nowhere, not even on the cover.
    assert "ชุมพร" not in "".join(printed)


def test_the_manual_printed_without_an_office_is_the_original(tmp_path: Path) -> None:
    printed = pages(manual_pdf(), tmp_path)

    assert solid(f"การปฏิบัติงานของ{ORIGINAL_OFFICE} เป็นไป") in preface(printed)
    assert foreign_digits("".join(printed), Digits.THAI, identifiers=(WEBSITE,)) == []


def test_the_download_button_prints_the_manual_for_the_users_office(
    world: Any, tmp_path: Path
) -> None:
    response = world.client_for(world.staff_a).get("/processes/manual/operations-manual.pdf")

    assert solid(thai_digits(world.office_a.name_th)) in preface(pages(response.content, tmp_path))


def test_export_manual_prints_for_the_office_given(world: Any, tmp_path: Path) -> None:
    output = tmp_path / "manual.pdf"

    call_command("export_manual", str(output), office=world.office_a.code)

    text = preface(pdf_text(output).split("\f"))
    assert solid(thai_digits(world.office_a.name_th)) in text
    assert "ชุมพร" not in text


def test_an_office_that_prints_in_arabic_digits_gets_its_manual_so(
    world: Any, tmp_path: Path
) -> None:
    world.office_a.document_digits = Digits.ARABIC
    world.office_a.save()

    printed = "".join(pages(manual_pdf(office=world.office_a), tmp_path))

    assert foreign_digits(printed, Digits.ARABIC) == []
    assert "ส่วนที่ 1 บทนำ" in printed


def test_an_offices_report_follows_its_digits(world: Any, tmp_path: Path) -> None:
    project = approved_project(world.office_a, world.staff_a, world.director_a)
    client = world.client_for(world.staff_a)
    url = f"/processes/projects/{project.pk}/summary-report.pdf"

    thai = "".join(pages(client.get(url).content, tmp_path))
    world.office_a.document_digits = Digits.ARABIC
    world.office_a.save()
    arabic = "".join(pages(client.get(url).content, tmp_path))

    assert foreign_digits(thai, Digits.THAI) == []
    year = project.fiscal_year
    assert solid(f"ปีงบประมาณ พ.ศ. {thai_digits(year)}") in solid(thai)
    assert foreign_digits(arabic, Digits.ARABIC) == []
    assert solid(f"ปีงบประมาณ พ.ศ. {year}") in solid(arabic)
