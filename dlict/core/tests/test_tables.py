"""Reading uploaded tables: what is accepted, and the refusal each wrong file gets."""

import contextlib
import io
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from dlict.core.tables import FileRejected, normalize_header, read_table

LIMIT = 1024 * 1024


def _is_header(cells: list[str]) -> bool:
    return "รหัส" in cells


def _read(data: bytes):  # type: ignore[no-untyped-def]
    return read_table(
        io.BytesIO(data), max_bytes=LIMIT, is_header=_is_header, expected_columns="“รหัส”"
    )


def _xlsx(rows: list[list[object]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def test_reads_utf8_csv_with_a_byte_order_mark() -> None:
    table = _read("\ufeffรหัส,ชื่อ\n1,บ้านห้วยทราย\n".encode())
    assert table.headers == ["รหัส", "ชื่อ"]
    assert table.rows == [(2, ["1", "บ้านห้วยทราย"])]


def test_reads_csv_saved_by_thai_excel_in_tis620() -> None:
    table = _read("รหัส,ชื่อ\r\n1,บ้านห้วยทราย\r\n".encode("cp874"))
    assert table.rows[0][1][1] == "บ้านห้วยทราย"
    assert "TIS-620" in table.source


def test_reads_utf16_tab_separated_text() -> None:
    table = _read("รหัส\tชื่อ\n1\tบ้านนา\n".encode("utf-16"))
    assert table.rows == [(2, ["1", "บ้านนา"])]


def test_reads_semicolon_separated_csv() -> None:
    assert _read("รหัส;ชื่อ\n1;บ้านนา\n".encode()).rows == [(2, ["1", "บ้านนา"])]


def test_finds_the_header_below_a_title_row_and_skips_blank_rows() -> None:
    data = _xlsx([["รายชื่อโรงเรียน ปีการศึกษา 2569"], [], ["รหัส", "ชื่อ"], [1050130001, "บ้านนา"], []])
    table = _read(data)
    assert table.header_row == 3
    assert table.rows == [(4, ["1050130001", "บ้านนา"])]
    assert table.source == "XLSX"


def test_numbers_from_excel_keep_their_digits() -> None:
    table = _read(_xlsx([["รหัส"], [1050130001.0], [12.5]]))
    assert [cells[0] for _row, cells in table.rows] == ["1050130001", "12.5"]


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "ว่างเปล่า"),
        (b"   \n\n", "ว่างเปล่า"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "Excel รุ่นเก่า"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "PNG"),
        (b"\xff\xd8\xff\xe0" + b"\x00" * 100, "JPEG"),
        (b"%PDF-1.7\n", "PDF"),
        (b"PK\x03\x04garbage", "เสียหาย"),
        (b"name,code\n1,2\n", "แถวหัวตาราง"),
        (b"\x81\x82\x83\xfc\xfd\xfe,\n", "UTF-8 หรือ TIS-620"),
    ],
)
def test_refuses_files_that_are_not_tables(data: bytes, words: str) -> None:
    with pytest.raises(FileRejected, match=words):
        _read(data)


def test_refuses_a_file_over_the_limit_before_reading_it_all() -> None:
    with pytest.raises(FileRejected, match="ขนาดเกิน"):
        _read(b"x" * (LIMIT + 10))


def test_refuses_a_zip_that_is_not_a_workbook() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word/document.xml", "<x/>")
    with pytest.raises(FileRejected, match="ไม่ใช่สมุดงาน Excel"):
        _read(out.getvalue())


def test_refuses_a_zip_bomb_disguised_as_xlsx() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\x00" * (40 * 1024 * 1024))
    assert len(out.getvalue()) < LIMIT  # small on disk, 40 MB unpacked
    with pytest.raises(FileRejected, match="zip bomb"):
        _read(out.getvalue())


def test_refuses_paths_that_climb_out_of_the_archive() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("../../etc/passwd", "x")
    with pytest.raises(FileRejected, match="ไม่ปลอดภัย"):
        _read(out.getvalue())


def test_headings_match_whatever_their_spacing_and_case() -> None:
    assert normalize_header(" รหัส  SMIS (8 หลัก)* ") == normalize_header("รหัสsmis8หลัก")


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000))
def test_random_bytes_give_a_refusal_or_a_table_never_a_crash(data: bytes) -> None:
    with contextlib.suppress(FileRejected):
        _read(data)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.text(max_size=20), max_size=6), max_size=8))
def test_random_csv_text_gives_a_refusal_or_a_table(rows: list[list[str]]) -> None:
    text = "\n".join(",".join(cells) for cells in [["รหัส", "ชื่อ"], *rows])
    with contextlib.suppress(FileRejected):
        _read(text.encode("utf-8"))
