"""The DLTV dashboard's tables as spreadsheets."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from dlict.core.exports import Exporter
from dlict.dltv.models import DLTV_GRADES


class ByMonthExporter(Exporter):
    sheet_title = "รายเดือนรายชั้น"

    def __init__(self, rows: list[dict[str, Any]], office_code: str) -> None:
        self.rows_data = rows
        self.filename = f"dltv-by-month-{office_code}"

    def headers(self) -> list[str]:
        return ["เดือน", *(label for _code, label in DLTV_GRADES), "ทั้งหมด (%)"]

    def rows(self) -> Iterable[list[Any]]:
        for row in self.rows_data:
            yield [row["label"], *(_pct(rate) for rate in row["rates"]), _pct(row["total"])]


class BySchoolExporter(Exporter):
    sheet_title = "รายโรงเรียน"

    def __init__(self, rows: list[Any], office_code: str) -> None:
        self.rows_data = rows
        self.filename = f"dltv-by-school-{office_code}"

    def headers(self) -> list[str]:
        return ["โรงเรียน", "คาบตามแผน", "คาบที่รับชม", "ร้อยละ", "วันที่มีปัญหา"]

    def rows(self) -> Iterable[list[Any]]:
        for row in self.rows_data:
            yield [row.name, row.planned, row.watched, _pct(row.rate), row.problem_days]


class NotReportingExporter(Exporter):
    sheet_title = "ไม่ได้บันทึก"

    def __init__(self, schools: list[Any], office_code: str) -> None:
        self.schools = schools
        self.filename = f"dltv-not-reporting-{office_code}"

    def headers(self) -> list[str]:
        return ["รหัส SMIS", "โรงเรียน", "โทรศัพท์"]

    def rows(self) -> Iterable[list[Any]]:
        for school in self.schools:
            yield [school.smis_code, school.name_th, school.phone]


def _pct(value: float | None) -> float | str:
    return round(value, 1) if value is not None else ""
