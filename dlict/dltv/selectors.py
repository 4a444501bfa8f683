"""Reads for the DLTV week screen."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import QuerySet

from dlict.core.scoping import scope_of
from dlict.dltv.calendar import school_days, week_of
from dlict.dltv.models import (
    DLTV_GRADES,
    DltvClassroom,
    OfficeHoliday,
    ProblemCategory,
    UsageRecord,
)
from dlict.schools.models import School


def recording_schools(user: Any) -> QuerySet[School]:
    """DLTV schools the user records for: their own school, or their office's."""
    scope = scope_of(user)
    schools = School.objects.restrict(user, "view").filter(dltv_classrooms__isnull=False)
    if not scope.national:
        from django.db.models import Q

        schools = schools.filter(
            Q(pk__in=sorted(scope.schools_with("dltv.record")))
            | Q(office__in=sorted(scope.offices_with("dltv.record")))
        )
    return schools.distinct().order_by("name_sort")


@dataclass
class Cell:
    grade: str
    label: str
    planned: int
    watched: int
    problem_id: int | None
    note: str
    recorded: bool


@dataclass
class Day:
    day: date
    open: bool  # a school day that has come
    cells: list[Cell] = field(default_factory=list)
    recorded: bool = False


def week_grid(school: School, any_day: date, today: date) -> list[Day]:
    """The week's school days, each grade with its saved figures or the default "as planned"."""
    classrooms = list(DltvClassroom.objects.filter(school=school).order_by("grade"))
    labels = dict(DLTV_GRADES)
    days = week_of(any_day)
    closed = set(
        OfficeHoliday.objects.filter(office_id=school.office_id, day__in=days).values_list(
            "day", flat=True
        )
    )
    teaching = set(school_days(days, closed))
    saved = {(r.day, r.grade): r for r in UsageRecord.objects.filter(school=school, day__in=days)}
    grid = []
    for day in days:
        row = Day(day=day, open=day in teaching and day <= today)
        for classroom in classrooms:
            record = saved.get((day, classroom.grade))
            row.cells.append(
                Cell(
                    grade=classroom.grade,
                    label=str(labels[classroom.grade]),
                    planned=record.planned if record else classroom.periods_per_day,
                    watched=record.watched if record else classroom.periods_per_day,
                    problem_id=record.problem_id if record else None,
                    note=record.note if record else "",
                    recorded=record is not None,
                )
            )
        row.recorded = any(cell.recorded for cell in row.cells)
        grid.append(row)
    return grid


def problem_choices(school: School) -> list[ProblemCategory]:
    return list(ProblemCategory.objects.for_office(school.office_id))
