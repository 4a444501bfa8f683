"""Reads for the DLTV week screen."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db.models import QuerySet

from dlict.core.scoping import scope_of
from dlict.dltv.calendar import next_month, school_days, week_of
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


# --- The office's dashboard -----------------------------------------------------------------------


@dataclass
class MonthRow:
    month: date
    by_grade: dict[str, tuple[int, int]]  # grade → (planned, watched)

    def rate(self, grade: str | None = None) -> float | None:
        pairs = [self.by_grade.get(grade, (0, 0))] if grade else list(self.by_grade.values())
        planned = sum(p for p, _w in pairs if p)
        watched = sum(w for p, w in pairs if p)
        return 100 * watched / planned if planned else None


def usage_by_month(rollups: QuerySet[Any], months: list[date]) -> list[MonthRow]:
    """Planned and watched periods by month × grade, from the monthly rollups only."""
    from django.db.models import Sum

    rows = {month: MonthRow(month, {}) for month in months}
    sums = (
        rollups.filter(month__in=months)
        .values("month", "grade")
        .annotate(planned=Sum("planned"), watched=Sum("watched"))
        .order_by()
    )
    for row in sums:
        rows[row["month"]].by_grade[row["grade"]] = (row["planned"], row["watched"])
    return list(rows.values())


@dataclass
class SchoolUsage:
    pk: int
    name: str
    planned: int
    watched: int
    problem_days: int

    @property
    def rate(self) -> float | None:
        return 100 * self.watched / self.planned if self.planned else None


def usage_by_school(rollups: QuerySet[Any], month: date) -> list[SchoolUsage]:
    from django.db.models import Sum

    rows = (
        rollups.filter(month=month)
        .values("school_id", "school__name_th")
        .annotate(planned=Sum("planned"), watched=Sum("watched"), problem_days=Sum("problem_days"))
        .order_by("school__name_sort")
    )
    return [
        SchoolUsage(
            r["school_id"], r["school__name_th"], r["planned"], r["watched"], r["problem_days"]
        )
        for r in rows
    ]


def not_reporting(schools: QuerySet[School], records: QuerySet[Any], today: date) -> list[School]:
    """DLTV schools with no record on any of the last 7 school days."""
    days: list[date] = []
    day = today
    while len(days) < 7 and day > today - timedelta(days=40):
        if school_days([day], set()):
            days.append(day)
        day -= timedelta(days=1)
    reported = records.filter(day__in=days).values("school_id")
    return list(
        schools.filter(dltv_classrooms__isnull=False)
        .exclude(pk__in=reported)
        .distinct()
        .order_by("name_sort")
    )


def top_problems(records: QuerySet[Any], month: date) -> list[tuple[str, int]]:
    from django.db.models import Count

    rows = (
        records.filter(day__gte=month, day__lt=next_month(month), problem__isnull=False)
        .values("problem__label")
        .annotate(n=Count("pk"))
        .order_by("-n")[:10]
    )
    return [(r["problem__label"], r["n"]) for r in rows]
