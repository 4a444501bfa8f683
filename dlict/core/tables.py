"""Read an uploaded CSV or XLSX file into rows of text, refusing anything else with a Thai message.

Checks are made on the content, never on the file name: a photo renamed .xlsx, an old .xls, a
zip bomb, or text in an encoding we cannot read each get their own clear refusal.
"""

from __future__ import annotations

import csv
import io
import unicodedata
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import IO

from django.utils.translation import gettext as _

from dlict.core.thai import arabic_digits

MAX_ROWS = 100_000
MAX_XLSX_ENTRIES = 2_000
MAX_XLSX_UNPACKED = 300 * 1024 * 1024
MAX_XLSX_RATIO = 200
HEADER_SEARCH_ROWS = 15
# Text a spreadsheet would run as a formula; our exports write it behind an apostrophe.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

_BINARY_SIGNATURES = {
    b"%PDF": "PDF",
    b"\x89PNG": "PNG",
    b"\xff\xd8\xff": "JPEG",
    b"GIF8": "GIF",
    b"RIFF": "RIFF",
    b"Rar!": "RAR",
    b"7z\xbc\xaf": "7-Zip",
    b"\x1f\x8b": "gzip",
}
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class FileRejected(Exception):
    """The file as a whole cannot be read; the message says why, in the user's language."""


@dataclass
class Table:
    headers: list[str]
    header_row: int  # as a spreadsheet numbers it: the first row is 1
    rows: list[tuple[int, list[str]]]
    source: str  # "xlsx", or "csv (<encoding>)"

    def column_letter(self, index: int) -> str:
        from openpyxl.utils import get_column_letter

        return get_column_letter(index + 1)


def normalize_header(text: str) -> str:
    """Fold a column heading so that spacing, case and punctuation don't matter."""
    text = unicodedata.normalize("NFC", text).lower()
    return "".join(ch for ch in text if ch.isalnum() or "\u0e00" <= ch <= "\u0e7f")


def read_table(
    handle: IO[bytes],
    *,
    max_bytes: int,
    is_header: Callable[[list[str]], bool],
    expected_columns: str,
) -> Table:
    """Read the first sheet (or the whole CSV) and find its header row with ``is_header``."""
    data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise FileRejected(
            _("The file is larger than %(limit)d MB.") % {"limit": max_bytes // (1024 * 1024)}
        )
    if not data.strip():
        raise FileRejected(_("The file is empty."))
    if data.startswith(_OLE2):
        raise FileRejected(
            _("This is an old Excel file (.xls). Save it as .xlsx or CSV and upload it again.")
        )
    for signature, kind in _BINARY_SIGNATURES.items():
        if data.startswith(signature):
            raise FileRejected(
                _("This file is a %(kind)s file, not a CSV or XLSX table.") % {"kind": kind}
            )
    if data.startswith(b"PK\x03\x04"):
        rows, source = _xlsx_rows(data), "XLSX"
    else:
        text, encoding = _decode(data)
        rows, source = _csv_rows(text), f"CSV, {encoding}"
    return _with_header(rows, source, is_header, expected_columns)


def _decode(data: bytes) -> tuple[str, str]:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "UTF-16"
    if b"\x00" in data[:4096]:
        raise FileRejected(_("This file is not a CSV or XLSX table."))
    try:
        return data.decode("utf-8-sig"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        # Thai Excel saves CSV as Windows-874 (TIS-620 with a few additions).
        return data.decode("cp874"), "TIS-620"
    except UnicodeDecodeError:
        raise FileRejected(
            _("The file's text is neither UTF-8 nor TIS-620 (Windows-874) and cannot be read.")
        ) from None


def _csv_rows(text: str) -> Iterator[tuple[int, list[str]]]:
    sample = text[:20_000]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    line = 0
    try:
        for cells in reader:
            line = reader.line_num
            yield line, [_unescaped(cell.strip()) for cell in cells]
    except csv.Error as error:
        raise FileRejected(
            _("Row %(row)d cannot be read as CSV: %(error)s") % {"row": line + 1, "error": error}
        ) from None


def _unescaped(cell: str) -> str:
    """A cell our CSV export wrote behind an apostrophe so no spreadsheet runs it ("'+66 53…"),
    read back as the text it is; Excel drops that apostrophe itself when it saves a CSV."""
    if cell.startswith("'") and cell[1:2] and cell[1] in FORMULA_START:
        return cell[1:]
    return cell


def _check_zip(data: bytes) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise FileRejected(_("The file looks like XLSX but is damaged.")) from None
    with archive:
        entries = archive.infolist()
        if len(entries) > MAX_XLSX_ENTRIES:
            raise FileRejected(_("The XLSX file holds too many parts to be a plain table."))
        unpacked = 0
        for entry in entries:
            if entry.filename.startswith(("/", "\\")) or ".." in entry.filename.split("/"):
                raise FileRejected(_("The XLSX file holds an unsafe path and was refused."))
            unpacked += entry.file_size
            ratio = entry.file_size / max(entry.compress_size, 1)
            if ratio > MAX_XLSX_RATIO and entry.file_size > 10 * 1024 * 1024:
                raise FileRejected(
                    _("The XLSX file unpacks to far more than its size (a zip bomb).")
                )
        if unpacked > MAX_XLSX_UNPACKED:
            raise FileRejected(_("The XLSX file unpacks to far more than its size (a zip bomb)."))
        if "xl/workbook.xml" not in {entry.filename for entry in entries}:
            raise FileRejected(_("This is a ZIP file but not an Excel workbook (.xlsx)."))


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else str(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def _xlsx_rows(data: bytes) -> Iterator[tuple[int, list[str]]]:
    _check_zip(data)
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds of errors on a broken workbook
        raise FileRejected(_("The XLSX file is damaged and cannot be opened.")) from None
    try:
        sheet = workbook.worksheets[0]
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield number, [_cell_text(value) for value in values]
    finally:
        workbook.close()


def _with_header(
    rows: Iterator[tuple[int, list[str]]],
    source: str,
    is_header: Callable[[list[str]], bool],
    expected_columns: str,
) -> Table:
    header: tuple[int, list[str]] | None = None
    body: list[tuple[int, list[str]]] = []
    for number, cells in rows:
        if header is None:
            if is_header(cells):
                header = (number, cells)
            elif number >= HEADER_SEARCH_ROWS:
                break
            continue
        if not any(cells):
            continue
        body.append((number, cells))
        if len(body) > MAX_ROWS:
            raise FileRejected(
                _("The file has more than %(limit)s rows.") % {"limit": f"{MAX_ROWS:,}"}
            )
    if header is None:
        raise FileRejected(
            _(
                "No header row was found in the first %(rows)d rows of the file. "
                "The table needs the columns %(columns)s."
            )
            % {"rows": HEADER_SEARCH_ROWS, "columns": expected_columns}
        )
    return Table(headers=header[1], header_row=header[0], rows=body, source=source)


def clean_number_text(text: str) -> str:
    """Thai numerals to Arabic, thousands separators and spaces removed: ๑,๒๓๔ → 1234."""
    return arabic_digits(text).replace(",", "").replace(" ", "").replace("\u00a0", "")
