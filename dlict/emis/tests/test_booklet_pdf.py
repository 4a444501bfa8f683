"""The information booklet renders its 150-school sample and its empty variant as readable PDFs."""

import re
from pathlib import Path
from typing import Any

import pytest

from dlict.core.pdf import render_pdf
from dlict.core.testing.pdf import (
    foreign_digits,
    lonely_pages,
    pdf_text,
    require,
    run,
    words_cut_at_line_ends,
)
from dlict.core.thai import Digits, thai_digits
from dlict.emis.tests.booklet_samples import booklet_sample, empty_booklet

BOOKLET = "emis/typst/booklet.typ"


def write(tmp_path: Path, name: str, data: dict[str, Any], digits: str | None = None) -> Path:
    path = tmp_path / name
    path.write_bytes(render_pdf(BOOKLET, data, digits=digits))
    return path


def page_count(path: Path) -> int:
    require("pdfinfo")
    match = re.search(r"^Pages:\s+(\d+)", run("pdfinfo", str(path)), re.MULTILINE)
    assert match, "pdfinfo printed no page count"
    return int(match.group(1))


def text_of(path: Path, first: int | None = None, last: int | None = None) -> str:
    require("pdftotext")
    pages = [*(["-f", str(first)] if first else []), *(["-l", str(last)] if last else [])]
    return run("pdftotext", "-enc", "UTF-8", *pages, str(path), "-")


def page_with(path: Path, word: str) -> int:
    """The first page whose text holds ``word``."""
    for number in range(1, page_count(path) + 1):
        if word in text_of(path, first=number, last=number):
            return number
    pytest.fail(f"{word} is on no page")


def rasterise(path: Path, page: int, out: Path) -> Path:
    require("pdftoppm")
    run("pdftoppm", "-r", "50", "-png", "-f", str(page), "-l", str(page), "-singlefile",
        str(path), str(out))  # fmt: skip
    png = out.with_suffix(".png")
    assert png.read_bytes().startswith(b"\x89PNG")
    return png


@pytest.fixture(scope="module")
def sample() -> dict[str, Any]:
    return booklet_sample(150)


@pytest.fixture
def booklet(tmp_path: Path, sample: dict[str, Any]) -> Path:
    return write(tmp_path, "booklet.pdf", sample)


def test_sample_has_the_contract_shape(sample: dict[str, Any]) -> None:
    assert sample["summary"]["schools"] == len(sample["schools"]) == 150
    assert sample["summary"]["students"] == sum(s["students"] for s in sample["schools"])
    assert sum(g["total"] for g in sample["by_grade"]) == sample["summary"]["students"]
    assert sum(d["schools"] for d in sample["by_district"]) == 150
    assert sum(g["schools"] for g in sample["by_group"]) == 150
    assert sum(s["schools"] for s in sample["by_size"]) == 150
    assert all(s["students"] <= 120 for s in sample["small_schools"])
    assert booklet_sample(150) == sample, "the sample must be the same on every run"
    assert set(empty_booklet()) == set(sample)


def test_booklet_renders_150_schools(booklet: Path, sample: dict[str, Any]) -> None:
    assert booklet.read_bytes().startswith(b"%PDF-")
    # Cover, contents, four portrait parts and the school table on landscape pages.
    assert page_count(booklet) in range(12, 25)
    text = text_of(booklet)
    school = sample["schools"][1]["name"]
    assert school == "บ้านห้วยทราย"
    words = ["สารสนเทศ", "สารบัญ", "นักเรียน", "แม่ริม", "กลุ่มเครือข่ายแม่ริม 1", school]
    missing = [word for word in words if word not in text]
    assert not missing, f"not found in the PDF text: {missing}"
    # Every school has its row, and the figures carry thousands separators.
    assert all(s["code"] in text for s in sample["schools"])
    assert f"{sample['summary']['students']:,}" in text


def test_contents_list_the_five_parts_with_thai_page_numbers(booklet: Path) -> None:
    contents = text_of(booklet, first=2, last=2)

    assert "สารบัญ" in contents
    parts = [line for line in contents.splitlines() if re.match(r"ส่วนที่ [๑-๕]", line)]
    assert len(parts) == 5
    assert all(re.search(r"[๐-๙]+$", line.strip()) for line in parts), parts
    # The contents page is ก and part 1 starts on page ๑.
    assert re.search(r"–\s*ก\s*–", contents)
    assert re.search(r"–\s*๑\s*–", text_of(booklet, first=3, last=3))


def test_cover_and_chart_pages_rasterise(booklet: Path, tmp_path: Path) -> None:
    cover = rasterise(booklet, 1, tmp_path / "cover")
    chart = rasterise(booklet, page_with(booklet, "แผนภูมิที่ ๑"), tmp_path / "chart")

    # A blank A4 page at 50 dpi compresses to about 1 kB; the cover and a chart are far more.
    assert cover.stat().st_size > 8_000
    assert chart.stat().st_size > 8_000


def test_empty_booklet_says_there_is_no_data(tmp_path: Path) -> None:
    path = write(tmp_path, "empty.pdf", empty_booklet())

    assert page_count(path) >= 3
    text = text_of(path)
    assert "สารบัญ" in text
    assert "ไม่มีข้อมูล" in text


def test_all_zero_figures_draw_empty_charts(tmp_path: Path) -> None:
    # Grades and districts listed but without a single student: no scale to divide by.
    data = booklet_sample(12)
    for row in data["by_grade"]:
        row.update(boys=0, girls=0, total=0, rooms=0)
    for row in [*data["by_district"], *data["by_size"]]:
        row.update(students=0, schools=0)

    path = write(tmp_path, "zero.pdf", data)

    assert page_count(path) >= 3
    assert "แผนภูมิที่" in text_of(path)


def test_booklet_renders_with_keys_left_out() -> None:
    assert render_pdf(BOOKLET, {}).startswith(b"%PDF-")


def test_booklet_prints_markup_characters_as_written(tmp_path: Path) -> None:
    markup = r"ร.ร. #1 $5 *ด่วน* _ร่าง_ ] @admin <ทดสอบ> \n [x]"
    data = booklet_sample(8)
    data["schools"][0]["name"] = markup

    path = write(tmp_path, "markup.pdf", data)

    assert markup in " ".join(text_of(path).split())


def test_in_thai_numerals_only_the_school_codes_keep_arabic_digits(
    tmp_path: Path, sample: dict[str, Any]
) -> None:
    path = write(tmp_path, "thai.pdf", sample, digits=Digits.THAI)

    text = pdf_text(path)
    codes = tuple(school["code"] for school in sample["schools"])
    assert foreign_digits(text, Digits.THAI, identifiers=codes) == []
    # Codes are read back into the ministry's systems: they print as they are, and are found.
    assert all(code in text for code in codes)
    assert thai_digits(f"{sample['summary']['students']:,}") in text


def test_in_arabic_digits_no_thai_numeral_is_left(tmp_path: Path, sample: dict[str, Any]) -> None:
    path = write(tmp_path, "arabic.pdf", sample, digits=Digits.ARABIC)

    text = pdf_text(path)
    assert foreign_digits(text, Digits.ARABIC) == []
    assert "ส่วนที่ 1 ภาพรวม" in text


def test_booklet_keeps_thai_words_whole_and_no_line_alone(
    tmp_path: Path, sample: dict[str, Any]
) -> None:
    path = write(tmp_path, "thai.pdf", sample, digits=Digits.THAI)

    assert words_cut_at_line_ends(pdf_text(path)) == []
    assert lonely_pages(path) == []
