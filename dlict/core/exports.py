"""One base for every table the product lets people download, as XLSX or CSV.

An exporter names its columns and yields its rows; ``export_response`` turns it into a file.
Text that a spreadsheet would run as a formula (starting with = + - @) is written so it stays text.
"""

from __future__ import annotations

import csv
import tempfile
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.http import FileResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from dlict.core.tables import FORMULA_START as _FORMULA_START


class Exporter(ABC):
    filename: str = "export"
    sheet_title: str | Promise = "Sheet1"  # a lazy translation: the reader's language

    @abstractmethod
    def headers(self) -> list[str]: ...

    @abstractmethod
    def rows(self) -> Iterable[list[Any]]: ...


class JobErrorsExporter(Exporter):
    """The problems of a rejected import: row, column, problem."""

    sheet_title = "errors"

    def __init__(self, job: Any) -> None:
        self.job = job
        self.filename = f"job-{job.pk}-errors"

    def headers(self) -> list[str]:
        return [str(_("Row")), str(_("Column")), str(_("Problem"))]

    def rows(self) -> Iterable[list[Any]]:
        for error in self.job.result.get("errors", []):
            yield [error["row"] or "", error["column"], error["message"]]


def _is_number_text(text: str) -> bool:
    try:
        Decimal(text)
    except ArithmeticError:
        return False
    return True


def _safe_text(value: Any) -> Any:
    """Text a spreadsheet would run as a formula, written so it stays text."""
    if isinstance(value, str) and value.startswith(_FORMULA_START) and not _is_number_text(value):
        return "'" + value
    return value


def _plain(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, (int, float, Decimal, date)):
        return value
    return str(value)


class _Echo:
    def write(self, value: str) -> str:
        return value


def _csv_lines(exporter: Exporter, language: str) -> Iterator[str]:
    writer = csv.writer(_Echo())
    # The rows are written while the response is sent, after the view has returned: in the
    # language of the request, not whichever the thread has by then.
    with translation.override(language):
        # The byte-order mark makes Excel read the file as UTF-8 instead of the Thai code page.
        yield "\ufeff"
        yield writer.writerow(exporter.headers())
        for row in exporter.rows():
            yield writer.writerow([_safe_text(_plain(value)) for value in row])


def _stamped(exporter: Exporter, extension: str) -> str:
    return f"{exporter.filename}-{timezone.localdate():%Y%m%d}.{extension}"


def export_csv(exporter: Exporter) -> StreamingHttpResponse:
    lines = _csv_lines(exporter, translation.get_language() or settings.LANGUAGE_CODE)
    response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_stamped(exporter, "csv")}"'
    return response


def export_xlsx(exporter: Exporter) -> FileResponse:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(str(exporter.sheet_title)[:31])
    sheet.freeze_panes = "A2"
    headers = exporter.headers()
    for index, heading in enumerate(headers):
        letter = get_column_letter(index + 1)
        sheet.column_dimensions[letter].width = max(12, min(40, len(heading) + 6))
    header_cells = []
    for heading in headers:
        cell = WriteOnlyCell(sheet, value=heading)
        cell.font = Font(bold=True)
        header_cells.append(cell)
    sheet.append(header_cells)
    for row in exporter.rows():
        cells = []
        for value in row:
            cell = WriteOnlyCell(sheet, value=_plain(value))
            if isinstance(cell.value, str):
                cell.data_type = "s"  # never a formula, whatever the text starts with
            cells.append(cell)
        sheet.append(cells)
    spool = tempfile.SpooledTemporaryFile(max_size=16 * 1024 * 1024)  # noqa: SIM115
    workbook.save(spool)
    spool.seek(0)
    return FileResponse(
        spool,
        as_attachment=True,
        filename=_stamped(exporter, "xlsx"),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def export_response(exporter: Exporter, fmt: str) -> HttpResponseBase:
    if fmt == "xlsx":
        return export_xlsx(exporter)
    return export_csv(exporter)
