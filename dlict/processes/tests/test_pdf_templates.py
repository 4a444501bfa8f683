"""Each Typst template renders its sample data, and its empty variant, to a readable PDF."""

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from dlict.core.pdf import render_pdf
from dlict.core.testing.pdf import (
    foreign_digits,
    lonely_pages,
    page_count,
    pdf_text,
    require,
    run,
    text_of,
    words_cut_at_line_ends,
)
from dlict.core.thai import Digits
from dlict.processes.tests import pdf_samples

MANUAL = "processes/typst/manual.typ"
SUMMARY = "processes/typst/summary_report.typ"
ANNUAL = "processes/typst/annual_report.typ"
ICT_RECORD = "processes/typst/ict_record.typ"
ICT_REPORT = "processes/typst/ict_report.typ"

# template, sample, empty variant, allowed page counts, words pdftotext must find.
# pdftotext doubles a syllable with two stacked marks (เริ่มต้น comes out as เริ่ม ริ่ ต้น), so the
# words avoid them or are cut before them.
Sample = Callable[[], dict[str, Any]]
CASES: list[tuple[str, Sample, Sample, range, list[str]]] = [
    (
        MANUAL,
        pdf_samples.manual_sample,
        pdf_samples.empty_manual,
        range(20, 46),
        ["คำนำ", "สารบัญ", "กระบวนการ", "ดาวเทียม", "เริ่ม", "พิจารณา", "ภาคผนวก"],
    ),
    (
        SUMMARY,
        pdf_samples.summary_report_sample,
        pdf_samples.empty_summary_report,
        range(1, 5),
        ["แบบรายงานสรุปผลการดำเนินงาน", "คณะทำงาน", "ผู้รายงาน", "12,000.00", "โรงเรียน"],
    ),
    (
        ANNUAL,
        pdf_samples.annual_report_sample,
        pdf_samples.empty_annual_report,
        range(1, 7),
        ["แบบรายงานสรุปผลการดำเนินงานในรอบปี", "65,000.00", "ผู้รายงาน", "โครงการ"],
    ),
    (
        ICT_RECORD,
        pdf_samples.ict_record_sample,
        pdf_samples.empty_ict_record,
        range(1, 2),
        ["ICT", "12/2569", "วัตถุประสงค์", "หัวหน้ากลุ่ม", "ผู้บันทึก"],
    ),
    (
        ICT_REPORT,
        pdf_samples.ict_report_sample,
        pdf_samples.empty_ict_report,
        range(1, 4),
        ["ICT", "45,000.00", "ผู้รายงาน", "ระยะเวลา"],
    ),
]
IDS = [Path(case[0]).stem for case in CASES]


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(("template", "sample", "empty", "pages", "words"), CASES, ids=IDS)
def test_template_renders_its_sample(
    tmp_path: Path,
    template: str,
    sample: Sample,
    empty: Sample,
    pages: range,
    words: list[str],
) -> None:
    path = write(tmp_path, "sample.pdf", render_pdf(template, sample()))

    assert path.read_bytes().startswith(b"%PDF-")
    assert page_count(path) in pages
    text = text_of(path)
    missing = [word for word in words if word not in text]
    assert not missing, f"not found in the PDF text: {missing}"


@pytest.mark.parametrize(("template", "sample", "empty", "pages", "words"), CASES, ids=IDS)
def test_template_first_page_rasterises(
    tmp_path: Path,
    template: str,
    sample: Sample,
    empty: Sample,
    pages: range,
    words: list[str],
) -> None:
    require("pdftoppm")
    path = write(tmp_path, "sample.pdf", render_pdf(template, sample()))

    run("pdftoppm", "-r", "50", "-png", "-singlefile", str(path), str(tmp_path / "page"))

    png = tmp_path / "page.png"
    assert png.is_file()
    assert png.read_bytes().startswith(b"\x89PNG")
    # A blank A4 page at 50 dpi compresses to about 1 kB; a page of text is many times that.
    assert png.stat().st_size > 8_000


@pytest.mark.parametrize(("template", "sample", "empty", "pages", "words"), CASES, ids=IDS)
def test_template_renders_empty_data(
    tmp_path: Path,
    template: str,
    sample: Sample,
    empty: Sample,
    pages: range,
    words: list[str],
) -> None:
    path = write(tmp_path, "empty.pdf", render_pdf(template, empty()))

    assert path.read_bytes().startswith(b"%PDF-")
    assert page_count(path) >= 1


@pytest.mark.parametrize("template", [case[0] for case in CASES], ids=IDS)
def test_template_renders_with_keys_left_out(template: str) -> None:
    # A caller that omits optional keys still gets a document, not a Typst error.
    assert render_pdf(template, {}).startswith(b"%PDF-")


MARKUP = r"ระบบ #1 $5 *ด่วน* _ร่าง_ ] @admin <ทดสอบ> \n [x]"


def test_ict_record_prints_markup_characters_as_written(tmp_path: Path) -> None:
    data = pdf_samples.ict_record_sample() | {"title": MARKUP}

    path = write(tmp_path, "record.pdf", render_pdf(ICT_RECORD, data))

    assert MARKUP in " ".join(text_of(path).split())


def test_manual_prints_markup_characters_as_written(tmp_path: Path) -> None:
    data = pdf_samples.manual_sample()
    data["processes"][0]["scope"] = MARKUP

    path = write(tmp_path, "manual.pdf", render_pdf(MANUAL, data))

    assert MARKUP in " ".join(text_of(path).split())


def test_ict_record_fits_one_page(tmp_path: Path) -> None:
    path = write(tmp_path, "record.pdf", render_pdf(ICT_RECORD, pdf_samples.ict_record_sample()))

    assert page_count(path) == 1


def test_manual_contents_list_every_process_with_thai_page_numbers(tmp_path: Path) -> None:
    data = pdf_samples.manual_sample()

    path = write(tmp_path, "manual.pdf", render_pdf(MANUAL, data))

    contents = text_of(path, first=3, last=3)
    assert "สารบัญ" in contents
    assert re.search(r"[๐-๙]+\s*$", contents.strip().splitlines()[-1])
    assert len(re.findall(r"กระบวนการ [๐-๙]", contents)) == len(data["processes"])


def test_manual_draws_a_flowchart_for_every_process(tmp_path: Path) -> None:
    data = pdf_samples.manual_sample()

    text = text_of(write(tmp_path, "manual.pdf", render_pdf(MANUAL, data)))

    assert text.count("Flow Chart") == len(data["processes"])
    # Each step is printed twice: in the list of steps and in its box on the chart.
    step = "สรุปประเมินผลการดำเนินงาน"
    having = sum(1 for p in data["processes"] for s in p["steps"] if s["text"] == step)
    assert having > 0
    assert text.count(step) == 2 * having
    decisions = sum(len(p["flowchart"]["loops"]) for p in data["processes"])
    assert decisions > 0
    assert text.count("ไม่เห็นชอบ") == decisions
    assert text.count("ผอ.สพป./สพม. พิจารณา") == decisions


def test_manual_sample_is_built_from_the_real_manual() -> None:
    data = pdf_samples.manual_sample()

    assert len(data["processes"]) == 11
    for process in data["processes"]:
        nodes = process["flowchart"]["nodes"]
        assert nodes[0]["kind"] == "start"
        assert nodes[-1]["kind"] == "end"
        ids = {node["id"] for node in nodes}
        for loop in process["flowchart"]["loops"]:
            assert {loop["decision"], loop["back_to"]} <= ids


# Identifiers that keep their own digits in a document of Thai numerals (the manual's website).
IDENTIFIERS = ("https://www.cpn2.go.th",)


@pytest.mark.parametrize("digits", [Digits.THAI, Digits.ARABIC])
@pytest.mark.parametrize(("template", "sample"), [case[:2] for case in CASES], ids=IDS)
def test_template_prints_one_kind_of_digits(
    tmp_path: Path, template: str, sample: Sample, digits: Digits
) -> None:
    path = write(tmp_path, "sample.pdf", render_pdf(template, sample(), digits=digits))

    assert foreign_digits(pdf_text(path), digits, identifiers=IDENTIFIERS) == []


@pytest.mark.parametrize(("template", "sample"), [case[:2] for case in CASES], ids=IDS)
def test_template_breaks_thai_lines_between_words_only(
    tmp_path: Path, template: str, sample: Sample
) -> None:
    path = write(tmp_path, "sample.pdf", render_pdf(template, sample(), digits=Digits.THAI))

    assert words_cut_at_line_ends(pdf_text(path)) == []


@pytest.mark.parametrize(("template", "sample"), [case[:2] for case in CASES], ids=IDS)
def test_template_leaves_no_page_holding_a_lone_line(
    tmp_path: Path, template: str, sample: Sample
) -> None:
    path = write(tmp_path, "sample.pdf", render_pdf(template, sample(), digits=Digits.THAI))

    assert lonely_pages(path) == []


def test_manual_text_finds_whole_words_and_carries_no_marks(tmp_path: Path) -> None:
    path = write(tmp_path, "manual.pdf", render_pdf(MANUAL, pdf_samples.manual_sample()))

    text = pdf_text(path)
    assert "\u200b" not in text
    assert "\u2063" not in text
    for word in ("สำนักงานเขตพื้นที่การศึกษา", "ชุมพร", "นวัตกรรม", "โรงเรียน", "ดาวเทียม"):
        assert word in text
