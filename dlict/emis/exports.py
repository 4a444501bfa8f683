"""Each table of the figures dashboard as a spreadsheet, with the figures the page shows."""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext as _

from dlict.core.exports import Exporter
from dlict.emis import selectors
from dlict.emis.selectors import ChangeRow, FigureScope, Period


def _one_decimal(value: float | None) -> float | str:
    return "" if value is None else round(value, 1)


class FigureTableExporter(Exporter):
    """One table of the dashboard, for the figures and round the page showed."""

    slug = ""

    def __init__(self, figures: FigureScope, period: Period) -> None:
        self.figures = figures
        self.period = period
        office = f"-{figures.office.code}" if figures.office else ""
        self.filename = f"emis-{self.slug}{office}-{period.academic_year}-{period.data_round}"
        self.sheet_title = self.title()

    @abstractmethod
    def title(self) -> str: ...


class TotalsExporter(FigureTableExporter):
    slug = "totals"

    def title(self) -> str:
        return _("Totals")

    def headers(self) -> list[str]:
        return [_("Figure"), _("Value")]

    def rows(self) -> Iterable[list[Any]]:
        totals = selectors.figure_totals(self.figures, self.period)
        yield [_("Schools"), totals.schools]
        yield [_("Students"), totals.students]
        yield [_("Boys"), totals.boys]
        yield [_("Girls"), totals.girls]
        yield [_("Classrooms"), totals.rooms]
        yield [_("Teachers"), totals.teachers]
        yield [_("Students per teacher"), _one_decimal(totals.students_per_teacher)]
        yield [_("Small schools"), totals.small_schools]
        yield [_("DLTV schools"), totals.dltv_schools]


class GradesExporter(FigureTableExporter):
    slug = "grades"

    def title(self) -> str:
        return _("Students by grade")

    def headers(self) -> list[str]:
        return [_("Grade"), _("Boys"), _("Girls"), _("Students"), _("Classrooms")]

    def rows(self) -> Iterable[list[Any]]:
        for row in selectors.students_by_grade(self.figures, self.period):
            yield [row.label, row.boys, row.girls, row.students, row.rooms]


class ClassroomsExporter(FigureTableExporter):
    slug = "classrooms"

    def title(self) -> str:
        return _("Classrooms by level")

    def headers(self) -> list[str]:
        return [_("Level"), _("Classrooms"), _("Students"), _("Students per classroom")]

    def rows(self) -> Iterable[list[Any]]:
        grades = selectors.students_by_grade(self.figures, self.period)
        for row in selectors.classrooms_by_level(grades):
            yield [row.level_name, row.rooms, row.students, _one_decimal(row.students_per_room)]


class AreaExporter(FigureTableExporter):
    area: selectors.Area = "district"

    def headers(self) -> list[str]:
        name = _("District") if self.area == "district" else _("Network group")
        return [
            name,
            _("Schools"),
            _("Boys"),
            _("Girls"),
            _("Students"),
            _("Teachers"),
            _("Students per teacher"),
        ]

    def rows(self) -> Iterable[list[Any]]:
        rows = selectors.figures_by_area(self.figures, self.period, self.area)
        total = selectors.AreaRow(
            key=None,
            name=_("Total"),
            schools=sum(row.schools for row in rows),
            boys=sum(row.boys for row in rows),
            girls=sum(row.girls for row in rows),
            teachers=sum(row.teachers for row in rows),
        )
        for row in [*rows, total]:
            yield [
                row.name or _("Not recorded"),
                row.schools,
                row.boys,
                row.girls,
                row.students,
                row.teachers,
                _one_decimal(row.students_per_teacher),
            ]


class DistrictsExporter(AreaExporter):
    slug = "districts"
    area = "district"

    def title(self) -> str:
        return _("By district")


class NetworkGroupsExporter(AreaExporter):
    slug = "network-groups"
    area = "network_group"

    def title(self) -> str:
        return _("By network group")


class SchoolsExporter(FigureTableExporter):
    slug = "schools"
    small_only = False

    def title(self) -> str:
        return _("Schools")

    def headers(self) -> list[str]:
        return [
            _("SMIS code"),
            _("Ministry code"),
            _("School"),
            _("District"),
            _("DLTV"),
            _("Boys"),
            _("Girls"),
            _("Students"),
            _("Classrooms"),
            _("Teachers"),
            _("Students per teacher"),
        ]

    def rows(self) -> Iterable[list[Any]]:
        rows = selectors.school_figures(self.figures, self.period, small_only=self.small_only)
        for row in rows:
            yield [
                row.smis_code,
                row.ministry_code,
                row.name,
                row.district,
                _("yes") if row.dltv else _("no"),
                row.boys,
                row.girls,
                row.students,
                row.rooms,
                row.teachers,
                _one_decimal(row.students_per_teacher),
            ]


class SmallSchoolsExporter(SchoolsExporter):
    slug = "small-schools"
    small_only = True

    def title(self) -> str:
        return _("Small schools")


class ChangeExporter(FigureTableExporter):
    @abstractmethod
    def first_heading(self) -> str: ...

    @abstractmethod
    def change_rows(self) -> list[ChangeRow]: ...

    def headers(self) -> list[str]:
        return [
            self.first_heading(),
            str(self.period.previous.academic_year),
            str(self.period.academic_year),
            _("Difference"),
            _("Change (%)"),
        ]

    def rows(self) -> Iterable[list[Any]]:
        for row in self.change_rows():
            yield [
                row.label or _("Not recorded"),
                row.before,
                row.now,
                row.difference,
                _one_decimal(row.percent),
            ]


class ChangeByLevelExporter(ChangeExporter):
    slug = "change-levels"

    def title(self) -> str:
        return _("Change by level")

    def first_heading(self) -> str:
        return _("Level")

    def change_rows(self) -> list[ChangeRow]:
        return selectors.change_by_level(self.figures, self.period)


class ChangeByDistrictExporter(ChangeExporter):
    slug = "change-districts"

    def title(self) -> str:
        return _("Change by district")

    def first_heading(self) -> str:
        return _("District")

    def change_rows(self) -> list[ChangeRow]:
        return selectors.change_by_area(self.figures, self.period, "district")


EXPORTERS: dict[str, type[FigureTableExporter]] = {
    exporter.slug: exporter
    for exporter in (
        TotalsExporter,
        GradesExporter,
        ClassroomsExporter,
        DistrictsExporter,
        NetworkGroupsExporter,
        SchoolsExporter,
        SmallSchoolsExporter,
        ChangeByLevelExporter,
        ChangeByDistrictExporter,
    )
}
