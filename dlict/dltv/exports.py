"""The DLTV dashboard's tables as spreadsheets; headings in the reader's language."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dlict.core.exports import Exporter
from dlict.dltv.selectors import EquipmentSummary, Usage


class ByMonthExporter(Exporter):
    sheet_title = gettext_lazy("By month and grade")

    def __init__(self, table: dict[str, Any], code: str) -> None:
        self.table = table
        self.filename = f"dltv-by-month-{code}"

    def headers(self) -> list[str]:
        return [_("Month"), *(str(label) for _code, label in self.table["grades"]), _("All (%)")]

    def rows(self) -> Iterable[list[Any]]:
        for row in self.table["rows"]:
            yield [row["label"], *(_pct(rate) for rate in row["rates"]), _pct(row["total"])]


class BySchoolExporter(Exporter):
    sheet_title = gettext_lazy("By school")

    def __init__(self, rows: list[Usage], code: str) -> None:
        self.rows_data = rows
        self.filename = f"dltv-by-school-{code}"

    def headers(self) -> list[str]:
        return [_("School"), *_usage_headings()]

    def rows(self) -> Iterable[list[Any]]:
        for row in self.rows_data:
            yield [row.name, row.planned, row.watched, _pct(row.rate), row.problem_days]


class ByGroupExporter(Exporter):
    sheet_title = gettext_lazy("By network group")

    def __init__(self, rows: list[Usage], code: str) -> None:
        self.rows_data = rows
        self.filename = f"dltv-by-group-{code}"

    def headers(self) -> list[str]:
        return [_("Office code"), _("Network group"), _("Schools"), *_usage_headings()]

    def rows(self) -> Iterable[list[Any]]:
        for row in self.rows_data:
            yield [row.code, row.name, row.schools, row.planned, row.watched, _pct(row.rate),
                   row.problem_days]  # fmt: skip


class ByOfficeExporter(Exporter):
    sheet_title = gettext_lazy("By office")

    def __init__(self, rows: list[Usage], code: str) -> None:
        self.rows_data = rows
        self.filename = f"dltv-by-office-{code}"

    def headers(self) -> list[str]:
        return [_("Office code"), _("Office"), _("DLTV schools"), *_usage_headings()[:3],
                _("Not recorded in 7 school days")]  # fmt: skip

    def rows(self) -> Iterable[list[Any]]:
        for row in self.rows_data:
            yield [row.code, row.name, row.schools, row.planned, row.watched, _pct(row.rate),
                   row.silent]  # fmt: skip


class NotReportingExporter(Exporter):
    sheet_title = gettext_lazy("Not reporting")

    def __init__(self, schools: list[Any], code: str) -> None:
        self.schools = schools
        self.filename = f"dltv-not-reporting-{code}"

    def headers(self) -> list[str]:
        return [_("SMIS code"), _("School"), _("Phone")]

    def rows(self) -> Iterable[list[Any]]:
        for school in self.schools:
            yield [school.smis_code, school.name_th, school.phone]


class EquipmentExporter(Exporter):
    sheet_title = gettext_lazy("Equipment status")

    def __init__(self, summary: EquipmentSummary, code: str) -> None:
        self.summary = summary
        self.filename = f"dltv-equipment-{code}"

    def headers(self) -> list[str]:
        return [_("Equipment"), *self.summary.statuses]

    def rows(self) -> Iterable[list[Any]]:
        yield from ([label, *counts] for label, counts in self.summary.rows())
        yield [_("Classrooms without a receiver or TV recorded"), self.summary.unrecorded]


def _pct(value: float | None) -> float | str:
    return round(value, 1) if value is not None else ""


def _usage_headings() -> list[str]:
    return [_("Periods planned"), _("Periods watched"), _("Percent"), _("Days with a problem")]
