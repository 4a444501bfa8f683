"""The DLTV dashboard's tables as spreadsheets."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from dlict.core.exports import Exporter
from dlict.core.thai import format_date_short
from dlict.dltv.models import Finding
from dlict.dltv.selectors import EquipmentSummary, Usage


class ByMonthExporter(Exporter):
    sheet_title = "รายเดือนรายชั้น"

    def __init__(self, table: dict[str, Any], code: str) -> None:
        self.table = table
        self.filename = f"dltv-by-month-{code}"

    def headers(self) -> list[str]:
        return ["เดือน", *(label for _code, label in self.table["grades"]), "ทั้งหมด (%)"]

    def rows(self) -> Iterable[list[Any]]:
        for row in self.table["rows"]:
            yield [row["label"], *(_pct(rate) for rate in row["rates"]), _pct(row["total"])]


class BySchoolExporter(Exporter):
    sheet_title = "รายโรงเรียน"

    def __init__(self, rows: list[Usage], code: str) -> None:
        self.rows_data = rows
        self.filename = f"dltv-by-school-{code}"

    def headers(self) -> list[str]:
        return ["โรงเรียน", "คาบตามแผน", "คาบที่รับชม", "ร้อยละ", "วันที่มีปัญหา"]

    def rows(self) -> Iterable[list[Any]]:
        for row in self.rows_data:
            yield [row.name, row.planned, row.watched, _pct(row.rate), row.problem_days]


class ByGroupExporter(Exporter):
    sheet_title = "รายกลุ่มเครือข่าย"

    def __init__(self, rows: list[Usage], code: str) -> None:
        self.rows_data = rows
        self.filename = f"dltv-by-group-{code}"

    def headers(self) -> list[str]:
        return ["รหัสเขตพื้นที่", "กลุ่มเครือข่าย", "โรงเรียน", "คาบตามแผน", "คาบที่รับชม", "ร้อยละ",
                "วันที่มีปัญหา"]  # fmt: skip

    def rows(self) -> Iterable[list[Any]]:
        for row in self.rows_data:
            yield [row.code, row.name, row.schools, row.planned, row.watched, _pct(row.rate),
                   row.problem_days]  # fmt: skip


class ByOfficeExporter(Exporter):
    sheet_title = "รายเขตพื้นที่"

    def __init__(self, rows: list[Usage], code: str) -> None:
        self.rows_data = rows
        self.filename = f"dltv-by-office-{code}"

    def headers(self) -> list[str]:
        return ["รหัสเขตพื้นที่", "สำนักงานเขตพื้นที่", "โรงเรียน DLTV", "คาบตามแผน", "คาบที่รับชม",
                "ร้อยละ", "ไม่ได้บันทึก 7 วันทำการ"]  # fmt: skip

    def rows(self) -> Iterable[list[Any]]:
        for row in self.rows_data:
            yield [row.code, row.name, row.schools, row.planned, row.watched, _pct(row.rate),
                   row.silent]  # fmt: skip


class NotReportingExporter(Exporter):
    sheet_title = "ไม่ได้บันทึก"

    def __init__(self, schools: list[Any], code: str) -> None:
        self.schools = schools
        self.filename = f"dltv-not-reporting-{code}"

    def headers(self) -> list[str]:
        return ["รหัส SMIS", "โรงเรียน", "โทรศัพท์"]

    def rows(self) -> Iterable[list[Any]]:
        for school in self.schools:
            yield [school.smis_code, school.name_th, school.phone]


class EquipmentExporter(Exporter):
    sheet_title = "สภาพอุปกรณ์"

    def __init__(self, summary: EquipmentSummary, code: str) -> None:
        self.summary = summary
        self.filename = f"dltv-equipment-{code}"

    def headers(self) -> list[str]:
        return ["อุปกรณ์", *self.summary.statuses]

    def rows(self) -> Iterable[list[Any]]:
        yield from ([label, *counts] for label, counts in self.summary.rows())
        yield ["ห้องเรียนที่ยังไม่ได้บันทึกเครื่องรับและโทรทัศน์", self.summary.unrecorded]


class OpenFindingsExporter(Exporter):
    sheet_title = "ประเด็นที่ยังค้าง"

    def __init__(self, findings: Iterable[Finding], code: str) -> None:
        self.findings = findings
        self.filename = f"dltv-open-findings-{code}"

    def headers(self) -> list[str]:
        return ["รหัสเขตพื้นที่", "โรงเรียน", "ประเด็นที่ต้องติดตาม", "นิเทศครั้งที่", "วันที่นิเทศ"]

    def rows(self) -> Iterable[list[Any]]:
        for finding in self.findings:
            visit = finding.visit
            yield [finding.office.code, finding.school.name_th, finding.text, visit.round,
                   format_date_short(visit.visited_on) if visit.visited_on else ""]  # fmt: skip


def _pct(value: float | None) -> float | str:
    return round(value, 1) if value is not None else ""
