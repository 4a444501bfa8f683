"""The PDF engine: Typst templates inside the package, data passed only as JSON."""

import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from dlict.core import pdf

# Every document is laid out with the shared library, which also keeps Thai words whole.
ECHO_TEMPLATE = """\
#import "/core/typst/lib.typ": *
#let data = json(bytes(sys.inputs.data))
#show: official-doc.with(page-numbers: false)
#data.title
"""
LIBRARY = pdf.PACKAGE_DIR / "core" / "typst" / "lib.typ"

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
