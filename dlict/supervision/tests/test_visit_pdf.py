"""The supervision visit prints as a readable Thai PDF, full or empty, with room to sign."""

from pathlib import Path
from typing import Any

from dlict.core.pdf import render_pdf
from dlict.core.testing.pdf import page_count, require, run, text_of
from dlict.supervision.tests.visit_pdf_sample import visit_sample, visit_sample_empty

VISIT = "supervision/typst/visit.typ"

# pdftotext doubles a syllable with two stacked marks (ครั้ง comes out as ครั้รั้ง), so the words
# below avoid them or are cut before them.
ROLES = ["ผู้นิเทศ", "ผู้รับการนิเทศ", "ผู้อำนวยการโรงเรียน"]
MARKUP = r"ระบบ #1 $5 *ด่วน* _ร่าง_ ] @admin <b>ทดสอบ</b> \n [x]"


def write(tmp_path: Path, data: dict[str, Any], name: str = "visit.pdf") -> Path:
    path = tmp_path / name
    path.write_bytes(render_pdf(VISIT, data))
    return path


def flat(text: str) -> str:
    """The text with every run of white space, line breaks included, as one space."""
    return " ".join(text.split())


def test_samples_have_the_same_keys() -> None:
    sample, empty = visit_sample(), visit_sample_empty()

    assert set(empty) == set(sample)
    for key in ("school", "visit", "rubric", "total"):
        assert set(empty[key]) == set(sample[key]), key
    assert len(sample["sections"]) == 4
    assert all(4 <= len(s["items"]) <= 6 for s in sample["sections"])


def test_visit_prints_the_school_the_observation_and_the_signatures(tmp_path: Path) -> None:
    path = write(tmp_path, visit_sample())

    assert path.read_bytes().startswith(b"%PDF-")
    assert page_count(path) in range(3, 9)
    text = text_of(path)
    words = [
        "แบบบันทึกนิเทศ",
        "โรงเรียนบ้านป่าสัก",
        "1050130001",
        "4. การวัดผล การบันทึกข้อมูล และการดูแลอุปกรณ์",
        "มีแบบบันทึกคะแนนใบงานรายคาบ",
        "รวม 12 / 15 · ดี",
        "40 / 51",
        "แก้ไขแล้ว",
        "ภาพประกอบการนิเทศ",
        "นางสาวสมศรี ใจดี",
        "พิมพ์เมื่อ 26 พฤศจิกายน 2569",
        *ROLES,
    ]
    missing = [word for word in words if word not in text]
    assert not missing, f"not found in the PDF text: {missing}"


def test_signatures_stay_together_on_one_page(tmp_path: Path) -> None:
    path = write(tmp_path, visit_sample() | {"photos": []})
    last = page_count(path)
    text = text_of(path, first=last, last=last)
    assert all(role in text for role in ROLES)
    assert "(นางมาลี ศรีสุข)" in text
    # With photos, they follow the signatures, which stay together on the page before or beside.
    path = write(tmp_path, visit_sample(), name="with-photos.pdf")
    pages = [text_of(path, first=n, last=n) for n in range(1, page_count(path) + 1)]
    signed = [n for n, page in enumerate(pages) if "(นางมาลี ศรีสุข)" in page]
    assert len(signed) == 1
    assert all(role in pages[signed[0]] for role in ROLES)
    assert any("ภาพประกอบการนิเทศ" in page for page in pages[signed[0] :])


def test_empty_visit_still_leaves_room_to_sign(tmp_path: Path) -> None:
    path = write(tmp_path, visit_sample_empty())

    assert path.read_bytes().startswith(b"%PDF-")
    assert page_count(path) in range(1, 3)
    text = text_of(path)
    assert "แบบบันทึกนิเทศ" in text
    assert "ไม่มีประเด็นค้างจากการนิเทศ" in text
    assert "ผู้นิเทศ" in text
    assert "ผู้รับการนิเทศ" in text
    assert "ภาพประกอบ" not in text


def test_visit_renders_with_keys_left_out() -> None:
    assert render_pdf(VISIT, {}).startswith(b"%PDF-")


def test_no_photo_section_when_there_are_no_photos(tmp_path: Path) -> None:
    path = write(tmp_path, visit_sample() | {"photos": []})

    assert "ภาพประกอบ" not in text_of(path)


def test_the_photos_print_with_their_captions(tmp_path: Path) -> None:
    require("pdfimages")
    path = write(tmp_path, visit_sample())

    images = run("pdfimages", "-list", str(path)).splitlines()[2:]
    assert len(images) == 3
    assert all(" jpeg " in line for line in images)
    text = flat(text_of(path))
    assert "ภาพประกอบการนิเทศ" in text
    assert "จานรับสัญญาณหลังอาคารเรียน" in text


def test_user_text_prints_markup_characters_as_written(tmp_path: Path) -> None:
    data = visit_sample()
    data["school"]["name"] = MARKUP
    data["context"][0][1] = MARKUP
    data["sections"][1]["items"][0]["evidence"] = MARKUP
    data["strengths"] = MARKUP
    data["findings"][0] = MARKUP

    text = flat(text_of(write(tmp_path, data)))

    assert text.count(MARKUP) == 5


def test_visit_first_page_rasterises(tmp_path: Path) -> None:
    require("pdftoppm")
    path = write(tmp_path, visit_sample())

    run("pdftoppm", "-r", "50", "-png", "-singlefile", str(path), str(tmp_path / "page"))

    png = tmp_path / "page.png"
    assert png.read_bytes().startswith(b"\x89PNG")
    # A blank A4 page at 50 dpi compresses to about 1 kB; a page of text is many times that.
    assert png.stat().st_size > 8_000
