"""The PDF engine: Typst templates inside the package, data passed only as JSON."""

import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from itertools import pairwise
from pathlib import Path

import pytest

from dlict.core import pdf
from dlict.core.testing.pdf import foreign_digits, words_cut_at_line_ends
from dlict.core.thai import Digits

# Every document is laid out with the shared library, which also keeps Thai words whole.
ECHO_TEMPLATE = """\
#import "/core/typst/lib.typ": *
#let data = json(bytes(sys.inputs.data))
#show: official-doc.with(page-numbers: false)
#data.title
"""
LIBRARY = pdf.PACKAGE_DIR / "core" / "typst" / "lib.typ"

# Digits from everywhere a document takes them: the data, the template's own text, a sum the
# template works out, the page number; and an identifier and a web address that keep theirs.
DIGITS_TEMPLATE = """\
#import "/core/typst/lib.typ": *
#let data = json(bytes(sys.inputs.data))
#show: official-doc
#data.text ข้อ 3 และข้อ ๔ รวม #(40 + 2) แห่ง

#data.code #data.web
"""

# Long runs of Thai without a space, so that lines must break inside them, at many places.
SENTENCES = [
    "เพื่อให้การปฏิบัติงานของสำนักงานเขตพื้นที่การศึกษาประถมศึกษาชุมพรเป็นไปอย่างมีประสิทธิภาพ",
    "โรงเรียนขนาดเล็กในสังกัดสำนักงานคณะกรรมการการศึกษาใช้สื่อนวัตกรรมและเทคโนโลยีทางการศึกษา",
    "การจัดการเรียนการสอนผ่านดาวเทียมช่วยให้นักเรียนในถิ่นทุรกันดารได้เรียนรู้อย่างต่อเนื่อง",
]
OPENINGS = ["", "และ", "ทั้งนี้", "ดังนั้น", "โดยที่", "อนึ่ง", "ซึ่ง", "แต่"]
PARAGRAPH = " ".join(opening + sentence for opening in OPENINGS for sentence in SENTENCES)
WHOLE_WORDS = [
    "สำนักงาน", "ชุมพร", "โรงเรียน", "ประสิทธิภาพ", "นวัตกรรม", "เทคโนโลยี", "ดาวเทียม",
    "ทุรกันดาร", "ประถมศึกษา", "นักเรียน", "การศึกษา",
]  # fmt: skip

needs_pdftotext = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed"
)


@pytest.fixture
def templates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A package directory of its own, with a fresh compiler cache, for throwaway templates."""
    monkeypatch.setattr(pdf, "PACKAGE_DIR", tmp_path)
    monkeypatch.setattr(pdf, "_compilers", {})
    (tmp_path / "core" / "typst").mkdir(parents=True)
    shutil.copy(LIBRARY, tmp_path / "core" / "typst" / "lib.typ")
    (tmp_path / "echo.typ").write_text(ECHO_TEMPLATE, encoding="utf-8")
    (tmp_path / "digits.typ").write_text(DIGITS_TEMPLATE, encoding="utf-8")
    return tmp_path


def pdf_text(data: bytes, directory: Path) -> str:
    directory.mkdir(exist_ok=True)
    path = directory / "out.pdf"
    path.write_bytes(data)
    result = subprocess.run(  # noqa: S603 - poppler's pdftotext on a file we just wrote
        ["pdftotext", "-enc", "UTF-8", str(path), "-"],  # noqa: S607
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def test_render_pdf_returns_a_pdf(templates: Path) -> None:
    data = pdf.render_pdf("echo.typ", {"title": "สวัสดี"})

    assert data.startswith(b"%PDF-")


@needs_pdftotext
def test_thai_text_reaches_the_pdf(templates: Path) -> None:
    data = pdf.render_pdf("echo.typ", {"title": "คู่มือปฏิบัติงาน"})

    assert "คู่มือปฏิบัติงาน" in pdf_text(data, templates)


@needs_pdftotext
def test_markup_characters_in_data_print_as_written(templates: Path) -> None:
    title = r"a#b $x$ *c* _d_ ] @e <f> \g [h] `i` = j // k"

    data = pdf.render_pdf("echo.typ", {"title": title})

    assert " ".join(pdf_text(data, templates).split()) == title


def test_a_template_error_raises_with_typsts_message(templates: Path) -> None:
    (templates / "broken.typ").write_text("#let x = (1, 2)\n#x.foo\n", encoding="utf-8")

    with pytest.raises(pdf.PdfRenderError) as error:
        pdf.render_pdf("broken.typ", {})

    message = str(error.value)
    assert "cannot access fields on type array" in message
    assert "broken.typ:2" in message


def test_a_missing_import_raises_a_render_error(templates: Path) -> None:
    (templates / "imports.typ").write_text('#import "/nowhere.typ": *\n', encoding="utf-8")

    with pytest.raises(pdf.PdfRenderError, match=r"imports\.typ"):
        pdf.render_pdf("imports.typ", {})


def test_a_missing_template_raises_a_render_error(templates: Path) -> None:
    with pytest.raises(pdf.PdfRenderError, match="not found"):
        pdf.render_pdf("nothing.typ", {})


def test_a_template_outside_the_package_is_refused(templates: Path) -> None:
    with pytest.raises(pdf.PdfRenderError, match="inside the dlict package"):
        pdf.render_pdf("../outside.typ", {"title": "x"})


def test_the_compiler_is_kept_between_renders(templates: Path) -> None:
    pdf.render_pdf("echo.typ", {"title": "หนึ่ง"})
    first = pdf._compilers["echo.typ"]

    second_pdf = pdf.render_pdf("echo.typ", {"title": "สอง"})

    assert pdf._compilers["echo.typ"] is first
    assert second_pdf.startswith(b"%PDF-")


@needs_pdftotext
def test_a_kept_compiler_renders_each_calls_own_data(templates: Path) -> None:
    pdf.render_pdf("echo.typ", {"title": "หนึ่ง"})

    data = pdf.render_pdf("echo.typ", {"title": "สอง"})

    assert "สอง" in pdf_text(data, templates)


@needs_pdftotext
def test_threads_sharing_a_compiler_each_get_their_own_document(templates: Path) -> None:
    titles = [f"เรื่องที่ {n}" for n in range(8)]

    with ThreadPoolExecutor(max_workers=4) as pool:
        pdfs = list(pool.map(lambda title: pdf.render_pdf("echo.typ", {"title": title}), titles))

    for n, (title, data) in enumerate(zip(titles, pdfs, strict=True)):
        assert title in pdf_text(data, templates / str(n))


def test_the_real_templates_compile_against_the_package_root() -> None:
    # The shared library is imported by an absolute path from the package root.
    assert (pdf.PACKAGE_DIR / "core" / "typst" / "lib.typ").is_file()
    assert (pdf.FONTS_DIR / "Sarabun-Regular.ttf").is_file()


def test_pdf_response_shows_inline_by_default() -> None:
    response = pdf.pdf_response(b"%PDF-1.7", "manual-2569.pdf")

    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="manual-2569.pdf"'
    assert response.content == b"%PDF-1.7"


def test_pdf_response_can_be_a_download() -> None:
    response = pdf.pdf_response(b"%PDF-1.7", "report.pdf", inline=False)

    assert response["Content-Disposition"] == 'attachment; filename="report.pdf"'


def cut_words(text: str) -> list[str]:
    """The ``WHOLE_WORDS`` that a line of ``text`` ends inside of."""
    lines = [line.strip() for line in text.splitlines()]
    return [
        f"{word[:k]}|{word[k:]}"
        for line, following in pairwise(lines)
        for word in WHOLE_WORDS
        for k in range(1, len(word))
        if line.endswith(word[:k]) and following.startswith(word[k:])
    ]


@needs_pdftotext
def test_a_long_thai_paragraph_breaks_between_words_only(templates: Path) -> None:
    data = pdf.render_pdf("echo.typ", {"title": PARAGRAPH})

    text = pdf_text(data, templates)
    assert len(text.splitlines()) > 20  # the paragraph really wraps, many times
    assert cut_words(text) == []
    assert words_cut_at_line_ends(text) == []


@needs_pdftotext
def test_word_marks_stay_out_of_the_text_layer(templates: Path) -> None:
    data = pdf.render_pdf("echo.typ", {"title": PARAGRAPH})

    text = pdf_text(data, templates)
    assert "\u200b" not in text
    assert "\u2063" not in text
    # Search and copy find whole words, the long ones whatever line they are on.
    assert "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาชุมพร" in text.replace("\n", "")
    for word in WHOLE_WORDS:
        assert word in text


DIGITS_DATA = {
    "text": "ที่ 12/2569 พ.ศ. ๒๕๖๙ โทร. 077-541222 ที่มา www.cpn2.go.th",
    "code": pdf.Verbatim("10860001"),
    "web": pdf.Verbatim("https://www.obec9.go.th"),
}
IDENTIFIERS = ("10860001", "www.cpn2.go.th", "https://www.obec9.go.th")


@needs_pdftotext
def test_a_thai_numerals_document_has_no_arabic_digit_but_its_identifiers(
    templates: Path,
) -> None:
    data = pdf.render_pdf("digits.typ", DIGITS_DATA, digits=Digits.THAI)

    text = pdf_text(data, templates)
    flat = " ".join(text.split())
    assert "–๑–" in flat  # the page number
    assert "ที่ ๑๒/๒๕๖๙ พ.ศ. ๒๕๖๙ โทร. ๐๗๗-๕๔๑๒๒๒" in flat
    assert "ข้อ ๓ และข้อ ๔ รวม ๔๒ แห่ง" in flat
    assert "10860001 https://www.obec9.go.th" in flat
    assert "www.cpn2.go.th" in flat
    assert foreign_digits(text, "thai", identifiers=IDENTIFIERS) == []


@needs_pdftotext
def test_an_arabic_digits_document_has_no_thai_numeral(templates: Path) -> None:
    data = pdf.render_pdf("digits.typ", DIGITS_DATA, digits=Digits.ARABIC)

    text = pdf_text(data, templates)
    flat = " ".join(text.split())
    assert "–1–" in flat
    assert "ที่ 12/2569 พ.ศ. 2569 โทร. 077-541222" in flat
    assert "ข้อ 3 และข้อ 4 รวม 42 แห่ง" in flat
    assert foreign_digits(text, "arabic") == []


@needs_pdftotext
def test_without_a_choice_digits_print_as_written(templates: Path) -> None:
    data = pdf.render_pdf("digits.typ", DIGITS_DATA)

    flat = " ".join(pdf_text(data, templates).split())
    assert "ที่ 12/2569 พ.ศ. ๒๕๖๙" in flat
    assert "ข้อ 3 และข้อ ๔ รวม 42 แห่ง" in flat
