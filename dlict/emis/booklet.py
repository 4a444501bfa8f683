"""The information booklet (เอกสารสารสนเทศทางการศึกษา): the dashboard's figures as a Thai PDF.

The data comes from the dashboard's own selectors, so the booklet and the page never disagree;
``typst/booklet.typ`` lays it out with its tables and bar charts.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from dlict.core.pdf import Verbatim, render_pdf
from dlict.core.thai import Digits, format_date_long
from dlict.emis import selectors
from dlict.emis.grades import GRADE_BY_CODE, LEVEL_BY_CODE
from dlict.emis.models import DataRound
from dlict.emis.selectors import FigureScope, Period
from dlict.schools.models import Office, School

TEMPLATE = "emis/typst/booklet.typ"
# The booklet is an official Thai document: its layout's own headings are Thai, so the words this
# module gives it come from the catalogue in Thai, whatever the screen's language.
LANGUAGE = "th"


def _ratio(students: int, teachers: int | None) -> str:
    return f"1 : {students / teachers:.1f}" if teachers else "–"


def _round_text(period: Period) -> str:
    """The count's date: rounds 1 and 2 fall in the calendar year the academic year is named by."""
    if period.data_round == DataRound.YEAR_END:
        return _("Figures as of the end of academic year %(year)d") % {"year": period.academic_year}
    return _("Figures as of %(date)s %(year)d") % {
        "date": period.round_label,
        "year": period.academic_year,
    }


def booklet_document(*, figures: FigureScope, period: Period, title_office: str) -> dict[str, Any]:
    with translation.override(LANGUAGE):
        return _document(figures=figures, period=period, title_office=title_office)


def _document(*, figures: FigureScope, period: Period, title_office: str) -> dict[str, Any]:
    board = selectors.dashboard(figures, period, page_lists=False)
    schools = selectors.school_figures(figures, period)
    totals = board.totals
    grade_rows = [row for row in board.grades if row.kind == "grade"]
    by_size: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for school in schools:
        size = selectors.size_of(school.students)
        by_size[size][0] += 1
        by_size[size][1] += school.students
    change = board.change_total
    return {
        "title": _("Educational information booklet"),
        "office_name": title_office,
        "academic_year": str(period.academic_year),
        "round": _round_text(period),
        "printed_on": format_date_long(timezone.localdate()),
        "summary": {
            "schools": totals.schools,
            "students": totals.students,
            "boys": totals.boys,
            "girls": totals.girls,
            "rooms": totals.rooms,
            "teachers": totals.teachers,
            "ratio": _ratio(totals.students, totals.teachers),
            "small_schools": totals.small_schools,
            "dltv_schools": totals.dltv_schools,
        },
        "by_grade": [
            {
                "grade": row.label,
                "level": LEVEL_BY_CODE[_grade_of(row.label).level].long_label,
                "boys": row.boys,
                "girls": row.girls,
                "total": row.students,
                "rooms": row.rooms,
            }
            for row in grade_rows
        ],
        "by_level": [
            {
                "level": row.level_name or row.label,
                "boys": row.boys,
                "girls": row.girls,
                "total": row.students,
                "rooms": row.rooms,
            }
            for row in board.levels
            if row.kind == "level"
        ],
        "by_district": [_area(row) for row in board.districts],
        "by_group": [_area(row) for row in board.network_groups],
        "by_size": [
            {"label": str(label), "schools": by_size[size][0], "students": by_size[size][1]}
            for size, label in School.Size.choices
        ],
        "small_schools": [
            {
                "code": Verbatim(school.smis_code),
                "name": school.name,
                "district": school.district,
                "students": school.students,
                "teachers": school.teachers or 0,
            }
            for school in schools
            if selectors.size_of(school.students) == School.Size.SMALL
        ],
        "schools": [
            {
                "code": Verbatim(school.smis_code),
                "name": school.name,
                "district": school.district,
                "group": groups.get(school.pk, ""),
                "boys": school.boys,
                "girls": school.girls,
                "students": school.students,
                "rooms": school.rooms,
                "teachers": school.teachers or 0,
                "ratio": _ratio(school.students, school.teachers),
            }
            for groups in [_groups(schools)]
            for school in schools
        ],
        "change": None
        if not change.before
        else {
            "previous_year": str(period.academic_year - 1),
            "students_previous": change.before,
            "students": change.now,
            "difference": change.difference,
            "percent": f"{change.percent:+.1f}%" if change.percent is not None else "–",
        },
    }


def _grade_of(label: str) -> Any:
    return next(grade for grade in GRADE_BY_CODE.values() if grade.label == label)


def _area(row: selectors.AreaRow) -> dict[str, Any]:
    return {
        "name": row.name or _("Not recorded"),
        "schools": row.schools,
        "students": row.students,
        "teachers": row.teachers,
        "ratio": _ratio(row.students, row.teachers),
    }


def _groups(schools: list[selectors.SchoolRow]) -> dict[int, str]:
    names = School.objects.filter(pk__in=[s.pk for s in schools]).values_list(
        "pk", "network_group__name"
    )
    return {pk: name or "" for pk, name in names}


def _digits(figures: FigureScope) -> str:
    """The digits of the office whose figures these are; a school's booklet is its office's."""
    office = figures.office or Office.objects.filter(schools__in=figures.schools()).first()
    return office.document_digits if office is not None else Digits.THAI


def booklet_pdf(*, figures: FigureScope, period: Period, title_office: str) -> bytes:
    data = booklet_document(figures=figures, period=period, title_office=title_office)
    return render_pdf(TEMPLATE, data, digits=_digits(figures))
