"""EMIS figures for the operations summary report and the annual report (dlict.core.figures).

Which figures a fiscal year reports: the data centre counts students three times an academic
year (10 June, 10 November and at the end of the academic year), and an academic year (16 May to
15 May) straddles two fiscal years (1 October to 30 September). Fiscal year N holds three counts:
10 November and the end of academic year N-1, and 10 June of academic year N. A report of fiscal
year N shows the latest of these that the office has imported: the most recent picture of its
schools within the year reported on, never a count taken after the year closed. With the usual
10 June count alone, that is the academic year that opens in the fiscal year (2569 for 2569).

Two sections:

- info-1 (producing the information for administration) — the figures themselves: schools,
  students, classrooms, small schools, DLTV schools, teachers and students per teacher, and the
  change in students since the same count a year earlier;
- info-2 (monitoring the information system) — how complete the office's figures are: how many
  of the year's counts were imported, and how many of its schools have no figures or no school
  information.

Both read only the office's own rows, whoever prints the report.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from dlict.core.figures import FigureSection
from dlict.emis.models import DataRound, SchoolProfile, StudentCount
from dlict.emis.selectors import (
    SMALL_SCHOOL_MAX,
    Period,
    office_periods,
    office_totals,
)
from dlict.schools.models import Office, School


def fiscal_year_periods(fiscal_year: int) -> list[Period]:
    """The counts taken within the B.E. fiscal year, the latest first."""
    return [
        Period(fiscal_year, DataRound.JUNE),
        Period(fiscal_year - 1, DataRound.YEAR_END),
        Period(fiscal_year - 1, DataRound.NOVEMBER),
    ]


def reported_period(office: Office, fiscal_year: int) -> Period | None:
    """The latest count of the fiscal year that the office has figures for."""
    present = office_periods(office)
    return next((p for p in fiscal_year_periods(fiscal_year) if p in present), None)


def _as_of(period: Period) -> str:
    return _("Academic year %(year)d, round: %(round)s") % {
        "year": period.academic_year,
        "round": period.round_label,
    }


def _change(now: int, before: int) -> str:
    difference = now - before
    percent = f" ({difference / before:+.1%})" if before else ""
    return f"{difference:+,}{percent}"


def student_figures(office: Office, fiscal_year: int) -> FigureSection | None:
    """info-1: the office's students and schools at the latest count of the fiscal year."""
    period = reported_period(office, fiscal_year)
    if period is None:
        return None
    totals = office_totals(office, period)
    items: list[tuple[str, object]] = [
        (_("Figures of"), _as_of(period)),
        (_("Schools"), totals.schools),
        (_("Students"), totals.students),
        (_("Boys"), totals.boys),
        (_("Girls"), totals.girls),
        (_("Classrooms"), totals.rooms),
        (_("Small schools (up to %(max)d students)") % {"max": SMALL_SCHOOL_MAX},
         totals.small_schools),
        (_("DLTV schools"), totals.dltv_schools),
    ]  # fmt: skip
    if totals.teachers:
        items += [
            (_("Teachers (school information)"), totals.teachers),
            (_("Students per teacher"), f"{totals.students_per_teacher:.1f}"),
        ]
    if period.previous in office_periods(office):
        before = office_totals(office, period.previous).students
        items.append((_("Students compared with the same round a year earlier"),
                      _change(totals.students, before)))  # fmt: skip
    return FigureSection(title=_("Students and schools (DMC)"), items=items)


def completeness_figures(office: Office, fiscal_year: int) -> FigureSection | None:
    """info-2: how complete the office's figures of the fiscal year are."""
    period = reported_period(office, fiscal_year)
    if period is None:
        return None
    present = office_periods(office)
    rounds = fiscal_year_periods(fiscal_year)
    imported = [p for p in rounds if p in present]
    schools = School.objects.filter(office=office)
    counted = StudentCount.objects.filter(office=office).for_round(
        period.academic_year, period.data_round
    )
    return FigureSection(
        title=_("Completeness of the school figures"),
        items=[
            (_("Counts of the fiscal year imported"),
             _("%(done)d of %(all)d") % {"done": len(imported), "all": len(rounds)}),
            (_("Latest count imported"), _as_of(period)),
            (_("Schools in the registry"), schools.count()),
            (_("Schools without student figures in that count"),
             schools.exclude(pk__in=counted.values("school")).count()),
            (_("Schools without school information"),
             schools.exclude(pk__in=SchoolProfile.objects.values("school")).count()),
        ],
    )  # fmt: skip
