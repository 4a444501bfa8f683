"""Reads for the DLTV week screen and the dashboards."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, TypeVar

from django.db.models import Count, Q, QuerySet, Sum

from dlict.core.calendar import next_month, school_days, week_of
from dlict.core.scoping import scope_of
from dlict.core.thai import academic_year, academic_year_range
from dlict.dltv.choices import DLTV_GRADES
from dlict.dltv.models import (
    DltvClassroom,
    Equipment,
    EquipmentStatus,
    LastReport,
    OfficeEquipment,
    OfficeHoliday,
    OfficeRollup,
    ProblemCategory,
    RepairRequest,
    UsageRecord,
    UsageRollup,
)
from dlict.schools.models import Office, School


def week_schools(user: Any) -> QuerySet[School]:
    """DLTV schools whose weeks the user may open: their own school's, or their office's; to
    record them (``dltv.record``) or to read them (``dltv.view``: the director, the office's
    administrator and supervisors follow the schools that have gone silent)."""
    scope = scope_of(user)
    schools = School.objects.restrict(user, "view").filter(dltv_classrooms__isnull=False)
    if not scope.national:
        offices = scope.offices_with("dltv.record") | scope.offices_with("dltv.view")
        own = scope.schools_with("dltv.record") | scope.schools_with("dltv.view")
        schools = schools.filter(Q(pk__in=sorted(own)) | Q(office__in=sorted(offices)))
    return schools.distinct().order_by("name_sort")


# The weeks a school's record can be opened at: this academic year's and the two before, up to
# this week. A date outside is taken as the nearest week inside.
YEARS_BACK = 2


def week_bounds(today: date) -> tuple[date, date]:
    """The Monday of the first week that can be opened, and this week's Monday."""
    first_day = academic_year_range(academic_year(today) - YEARS_BACK)[0]
    return week_of(first_day)[0], week_of(today)[0]


@dataclass
class Cell:
    grade: str
    label: str
    planned: int
    watched: int
    problem_id: int | None
    note: str
    recorded: bool
    problem_label: str = ""


@dataclass
class Day:
    day: date
    open: bool  # a school day that has come
    cells: list[Cell] = field(default_factory=list)
    recorded: bool = False
    save: bool = True  # ticked to be saved (a refused save shows the days as they were ticked)


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
    saved = {
        (r.day, r.grade): r
        for r in UsageRecord.objects.filter(school=school, day__in=days).select_related("problem")
    }
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
                    problem_label=record.problem.label if record and record.problem else "",
                )
            )
        row.recorded = any(cell.recorded for cell in row.cells)
        grid.append(row)
    return grid


def problem_choices(school: School) -> list[ProblemCategory]:
    return list(ProblemCategory.objects.for_office(school.office_id))


# --- The dashboards -------------------------------------------------------------------------------
# Rates come from the monthly rollups only; the raw records are read for the last 7 school days (by
# an index) and for one month's problems.


Q_ = TypeVar("Q_", bound=QuerySet[Any])


@dataclass(frozen=True)
class DashboardScope:
    """Whose figures a dashboard shows: one office's, or (``office`` None) those of every office
    the person may see: the whole country for a national administrator. Every queryset starts
    from ``visible_to``."""

    user: Any
    office: Office | None

    def _of(self, queryset: Q_, path: str = "office") -> Q_:
        return queryset.filter(**{path: self.office}) if self.office is not None else queryset

    def rollups(self) -> QuerySet[UsageRollup]:
        return self._of(UsageRollup.objects.visible_to(self.user))

    def office_rollups(self) -> QuerySet[OfficeRollup]:
        return self._of(OfficeRollup.objects.visible_to(self.user))

    def last_reports(self) -> QuerySet[LastReport]:
        return self._of(LastReport.objects.visible_to(self.user))

    def records(self) -> QuerySet[UsageRecord]:
        return self._of(UsageRecord.objects.visible_to(self.user))

    def schools(self) -> QuerySet[School]:
        """The DLTV schools: the registry's "uses DLTV", which setting a school's classrooms
        turns on."""
        return self._of(School.objects.visible_to(self.user)).filter(dltv=True)

    def equipment(self) -> QuerySet[OfficeEquipment]:
        return self._of(OfficeEquipment.objects.visible_to(self.user))

    def repairs(self) -> QuerySet[RepairRequest]:
        return self._of(RepairRequest.objects.visible_to(self.user))


def year_so_far(today: date) -> tuple[list[date], date]:
    """The months of the academic year so far (from May), and the latest: the month that the
    tables by school, network group and office show."""
    months: list[date] = []
    month = academic_year_range(academic_year(today))[0].replace(day=1)
    while month <= today and len(months) < 12:
        months.append(month)
        month = next_month(month)
    return months, months[-1] if months else today.replace(day=1)


def rate(planned: int, watched: int) -> float | None:
    return 100 * watched / planned if planned else None


def rate_text(value: float | None, digits: int = 1) -> str:
    """A rate as the tables print it. Formatted here, once: the country's tables have hundreds of
    cells, and a template filter on each costs the page more than its queries."""
    return "–" if value is None else f"{value:.{digits}f}"


@dataclass
class MonthRow:
    month: date
    by_grade: dict[str, tuple[int, int]]  # grade → (planned, watched)

    def rate(self, grade: str | None = None) -> float | None:
        pairs = [self.by_grade.get(grade, (0, 0))] if grade else list(self.by_grade.values())
        return rate(sum(p for p, _w in pairs), sum(w for _p, w in pairs))


def usage_by_month(rollups: QuerySet[Any], months: list[date]) -> list[MonthRow]:
    """Planned and watched periods by month × grade, from the monthly rollups only."""
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
class Usage:
    """One row of a table of rates: a school, a network group or an office."""

    pk: int | None
    name: str
    planned: int = 0
    watched: int = 0
    problem_days: int = 0
    schools: int = 0  # DLTV schools (a group's or an office's)
    silent: int = 0  # of them, not reporting in the last 7 school days
    code: str = ""  # the office's code
    group_id: int | None = None  # a school's network group
    group: str = ""

    @property
    def rate(self) -> float | None:
        return rate(self.planned, self.watched)

    @property
    def text(self) -> dict[str, str]:
        """The figures as the tables print them (see ``rate_text``)."""
        return {
            "schools": f"{self.schools:,}",
            "planned": f"{self.planned:,}",
            "watched": f"{self.watched:,}",
            "rate": rate_text(self.rate),
            "silent": f"{self.silent:,}",
        }


def usage_by_school(scope: DashboardScope, month: date) -> list[Usage]:
    """The month of each DLTV school that has records in it, by name; each row also names its
    network group. The rollups are summed by school alone and the names read apart: joining the
    schools into the sum makes PostgreSQL hash the whole country's schools for one office."""
    sums = {
        r["school_id"]: r
        for r in scope.rollups()
        .filter(month=month)
        .values("school_id")
        .annotate(planned=Sum("planned"), watched=Sum("watched"), problem_days=Sum("problem_days"))
        .order_by()
    }
    schools = (
        scope.schools()
        .order_by("name_sort")
        .values_list("pk", "name_th", "office__code", "network_group_id", "network_group__name")
    )
    return [
        Usage(
            pk=pk,
            name=name,
            planned=sums[pk]["planned"],
            watched=sums[pk]["watched"],
            problem_days=sums[pk]["problem_days"],
            schools=1,
            code=code,
            group_id=group_id,
            group=group or "",
        )
        for pk, name, code, group_id, group in schools
        if pk in sums
    ]


def usage_by_group(schools: list[Usage], *, no_group: str) -> list[Usage]:
    """The schools' month summed by network group (groups are named within an office, so each
    row keeps its office's code); schools in no group come last in their office, as ``no_group``."""
    groups: dict[tuple[str, int | None], Usage] = {}
    for school in schools:
        group = groups.setdefault(
            (school.code, school.group_id),
            Usage(pk=school.group_id, name=school.group or no_group, code=school.code),
        )
        group.planned += school.planned
        group.watched += school.watched
        group.problem_days += school.problem_days
        group.schools += 1
    return sorted(groups.values(), key=lambda g: (g.code, g.pk is None, g.name))


def usage_by_office(scope: DashboardScope, month: date, today: date) -> list[Usage]:
    """Every office's month: its DLTV schools, periods planned and watched, and how many of its
    schools have not reported in the last 7 school days. Offices with no DLTV school are left
    out."""
    sums = {
        r["office_id"]: r
        for r in scope.office_rollups()
        .filter(month=month)
        .values("office_id")
        .annotate(planned=Sum("planned"), watched=Sum("watched"), problem_days=Sum("problem_days"))
        .order_by()
    }
    silent = silent_by_office(scope, today)
    offices = Office.objects.filter(pk__in=sorted(silent)).order_by("code")
    rows = []
    for office in offices.only("pk", "code", "name_th"):
        found = sums.get(office.pk, {})
        rows.append(
            Usage(
                pk=office.pk,
                name=office.name_th,
                code=office.code,
                planned=found.get("planned") or 0,
                watched=found.get("watched") or 0,
                problem_days=found.get("problem_days") or 0,
                schools=silent[office.pk][0],
                silent=silent[office.pk][1],
            )
        )
    return rows


def last_school_days(today: date, count: int = 7) -> list[date]:
    """The last ``count`` school days up to today (public holidays and weekends skipped)."""
    days: list[date] = []
    day = today
    while len(days) < count and day > today - timedelta(days=40):
        days += school_days([day], set())
        day -= timedelta(days=1)
    return days


def _reported(scope: DashboardScope, today: date) -> QuerySet[LastReport]:
    """The schools that recorded on one of the last 7 school days (their last day recorded is
    one of them or later)."""
    return scope.last_reports().filter(day__gte=min(last_school_days(today)))


def not_reporting(scope: DashboardScope, today: date) -> list[School]:
    """DLTV schools with no record on any of the last 7 school days (one office's list)."""
    reported = _reported(scope, today).values("school_id")
    return list(scope.schools().exclude(pk__in=reported).order_by("name_sort"))


def silent_by_office(scope: DashboardScope, today: date) -> dict[int, tuple[int, int]]:
    """Office → (DLTV schools, those not reporting in the last 7 school days), for every office
    at once: one pass over the DLTV schools and their last days recorded."""
    since = min(last_school_days(today))
    rows = (
        scope.schools()
        .values("office_id")
        .annotate(n=Count("pk"), reported=Count("pk", filter=Q(last_report__day__gte=since)))
        .order_by()
    )
    return {r["office_id"]: (r["n"], r["n"] - r["reported"]) for r in rows}


def top_problems(scope: DashboardScope, month: date) -> list[tuple[str, int]]:
    """The month's most frequent problems. Counted by id and labelled apart: joined to the
    categories, PostgreSQL walks the problem index once per category."""
    counts = (
        scope.records()
        .filter(day__gte=month, day__lt=next_month(month), problem__isnull=False)
        .values("problem_id")
        .annotate(n=Count("*"))  # not the id: an index of the problems can answer alone
        .order_by()
    )
    found = {r["problem_id"]: r["n"] for r in counts}
    labels = dict(ProblemCategory.objects.filter(pk__in=sorted(found)).values_list("pk", "label"))
    ranked = sorted(found.items(), key=lambda item: (-item[1], labels[item[0]]))
    return [(labels[pk], n) for pk, n in ranked[:10]]


@dataclass
class EquipmentSummary:
    """How many dishes, receivers and TVs are in each state, and the classrooms whose receiver
    and TV nobody has recorded."""

    counts: dict[tuple[str, str], int]  # (kind, status) → number
    classrooms: int
    unrecorded: int

    @property
    def statuses(self) -> list[str]:
        return [str(label) for label in EquipmentStatus.labels]

    def rows(self) -> list[tuple[str, list[int]]]:
        return [
            (str(label), [self.counts.get((kind, status), 0) for status in EquipmentStatus.values])
            for kind, label in Equipment.Kind.choices
        ]


def equipment_summary(scope: DashboardScope) -> EquipmentSummary:
    """The offices' equipment counts (kept as sets and classrooms are saved), summed."""
    counts: Counter[tuple[str, str]] = Counter()
    classrooms = unrecorded = 0
    for tally in scope.equipment():
        for key, n in tally.counts.items():
            kind, status = key.split(":")
            counts[(kind, status)] += n
        classrooms += tally.classrooms
        unrecorded += tally.unrecorded
    return EquipmentSummary(dict(counts), classrooms, unrecorded)
