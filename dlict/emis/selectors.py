"""Reads of the schools' figures for the dashboards, the map and their spreadsheets.

Every figure is an aggregate query over what the user may see (``visible_to``), narrowed to one
office when one is chosen, so a page costs the same number of queries for two schools as for
thirty thousand. Python only adds up the handful of rows the database has already grouped.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal, cast

from django.db.models import Count, F, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext as _

from dlict.core.thai import thai_sort_key
from dlict.emis.grades import GRADE_BY_CODE, LEVELS, grades_of
from dlict.emis.models import DataRound, SchoolProfile, StudentCount, StudentCountQuerySet
from dlict.schools.models import Office, School

# OBEC's size classes by students; a small school has at most 120 (the registry's Size.SMALL).
SMALL_SCHOOL_MAX = 120
MEDIUM_SCHOOL_MAX = 600
LARGE_SCHOOL_MAX = 1499

Area = Literal["district", "network_group"]
_AREA_NAME = {
    "district": "school__district__name_th",
    "network_group": "school__network_group__name",
}
_STUDENTS = F("boys") + F("girls")
# On the sums of one school (see _per_school): the schools OBEC counts as small.
_SMALL = Q(students__lte=SMALL_SCHOOL_MAX)


def size_of(students: int) -> str:
    """The size class of a school with this many students."""
    if students <= SMALL_SCHOOL_MAX:
        return School.Size.SMALL
    if students <= MEDIUM_SCHOOL_MAX:
        return School.Size.MEDIUM
    if students <= LARGE_SCHOOL_MAX:
        return School.Size.LARGE
    return School.Size.EXTRA_LARGE


def _ratio(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


# --- Whose figures, and when ---------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    """One data round of one academic year (B.E.)."""

    academic_year: int
    data_round: int

    @property
    def previous(self) -> Period:
        """The same round a year earlier: the figures a change is measured against."""
        return Period(self.academic_year - 1, self.data_round)

    @property
    def round_label(self) -> str:
        return str(DataRound(self.data_round).label)


@dataclass(frozen=True)
class FigureScope:
    """Whose figures: all the user may see, or the part of it in one office."""

    user: Any
    office: Office | None = None

    def counts(self, period: Period | None = None) -> StudentCountQuerySet:
        counts = StudentCount.objects.visible_to(self.user)
        if self.office is not None:
            counts = counts.filter(office=self.office)
        if period is not None:
            counts = counts.for_round(period.academic_year, period.data_round)
        return counts

    def profiles(self, period: Period | None = None) -> QuerySet[SchoolProfile]:
        """The schools' profiles; with ``period``, only of the schools that have figures in it,
        so teachers and students are counted over the same schools."""
        profiles = SchoolProfile.objects.visible_to(self.user)
        if period is not None:
            return profiles.filter(school__in=self.counts(period).values("school"))
        if self.office is not None:
            return profiles.filter(school__office=self.office)
        return profiles

    def schools(self) -> QuerySet[School]:
        schools = School.objects.visible_to(self.user)
        return schools.filter(office=self.office) if self.office is not None else schools


def periods_with_figures(figures: FigureScope) -> list[Period]:
    """The rounds that have figures, the latest first."""
    rows = (
        figures.counts()
        .values_list("academic_year", "data_round")
        .distinct()
        .order_by("-academic_year", "-data_round")
    )
    return [Period(year, data_round) for year, data_round in rows]


# --- Totals --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Totals:
    schools: int
    boys: int
    girls: int
    rooms: int
    teachers: int
    small_schools: int
    dltv_schools: int

    @property
    def students(self) -> int:
        return self.boys + self.girls

    @property
    def students_per_teacher(self) -> float | None:
        return _ratio(self.students, self.teachers)


def figure_totals(figures: FigureScope, period: Period) -> Totals:
    return _totals(figures.counts(period), figures.profiles(period))


def office_totals(office: Office, period: Period) -> Totals:
    """An office's totals as its reports print them: all of its schools, whoever prints."""
    counts = StudentCount.objects.filter(office=office).for_round(
        period.academic_year, period.data_round
    )
    return _totals(counts, SchoolProfile.objects.filter(school__in=counts.values("school")))


def office_periods(office: Office) -> set[Period]:
    """The rounds for which the office has figures."""
    rows = StudentCount.objects.filter(office=office).values_list("academic_year", "data_round")
    return {Period(year, data_round) for year, data_round in rows.distinct().order_by()}


def _totals(counts: QuerySet[StudentCount], profiles: QuerySet[SchoolProfile]) -> Totals:
    sums = counts.aggregate(
        schools=Count("school", distinct=True),
        dltv_schools=Count("school", distinct=True, filter=Q(school__dltv=True)),
        boys=Coalesce(Sum("boys"), 0),
        girls=Coalesce(Sum("girls"), 0),
        rooms=Coalesce(Sum("rooms"), 0),
    )
    teachers = profiles.aggregate(n=Coalesce(Sum("teachers"), 0))["n"]
    # Grouped by the school's id alone: no join is needed to count them.
    per_school = counts.values("school").annotate(students=Sum(_STUDENTS))
    small = per_school.filter(_SMALL).order_by().count()
    return Totals(teachers=teachers, small_schools=small, **sums)


# --- Students by grade and level -----------------------------------------------------------------


@dataclass(frozen=True)
class GradeRow:
    label: str
    kind: Literal["grade", "level", "total"]
    boys: int
    girls: int
    rooms: int
    level_name: str = ""  # a subtotal's level by itself, for the table of classrooms

    @property
    def students(self) -> int:
        return self.boys + self.girls

    @property
    def students_per_room(self) -> float | None:
        return _ratio(self.students, self.rooms)


def _sum_rows(
    label: str, kind: Literal["level", "total"], rows: list[GradeRow], level_name: str
) -> GradeRow:
    return GradeRow(
        label,
        kind,
        boys=sum(r.boys for r in rows),
        girls=sum(r.girls for r in rows),
        rooms=sum(r.rooms for r in rows),
        level_name=level_name,
    )


_FIGURES = ("boys", "girls", "rooms")


def students_by_grade(figures: FigureScope, period: Period) -> list[GradeRow]:
    """Each grade taught, a subtotal after each level, and the total last."""
    sums = {
        row["grade"]: row
        for row in figures.counts(period)
        .values("grade")
        .annotate(boys=Sum("boys"), girls=Sum("girls"), rooms=Sum("rooms"))
        .order_by()
    }
    rows: list[GradeRow] = []
    level_rows: list[GradeRow] = []
    for level in LEVELS:
        grades = [
            GradeRow(grade.label, "grade", **{k: sums[grade.code][k] for k in _FIGURES})
            for grade in grades_of(level.code)
            if grade.code in sums
        ]
        if grades:
            label = _("Total, %(level)s") % {"level": level.long_label}
            subtotal = _sum_rows(label, "level", grades, level.long_label)
            rows += [*grades, subtotal]
            level_rows.append(subtotal)
    rows.append(_sum_rows(_("All levels"), "total", level_rows, _("All levels")))
    return rows


def classrooms_by_level(grade_rows: list[GradeRow]) -> list[GradeRow]:
    """The level subtotals and the total of :func:`students_by_grade`: classrooms and students
    per classroom by level, without asking the database again."""
    return [row for row in grade_rows if row.kind != "grade"]


# --- By district and network group ---------------------------------------------------------------


@dataclass(frozen=True)
class AreaRow:
    key: int | None
    name: str
    schools: int
    boys: int
    girls: int
    teachers: int

    @property
    def students(self) -> int:
        return self.boys + self.girls

    @property
    def students_per_teacher(self) -> float | None:
        return _ratio(self.students, self.teachers)


def _area_order(name: str | None) -> tuple[bool, str]:
    return (name is None, thai_sort_key(name or ""))


def figures_by_area(figures: FigureScope, period: Period, area: Area) -> list[AreaRow]:
    """Schools, students and teachers of each district or network group, in Thai order; schools
    with none recorded come last, together."""
    groups = (
        figures.counts(period)
        .values(key=F(f"school__{area}"), name=F(_AREA_NAME[area]))
        .annotate(schools=Count("school", distinct=True), boys=Sum("boys"), girls=Sum("girls"))
        .order_by()
    )
    teachers = dict(
        figures.profiles(period)
        .values_list(f"school__{area}")
        .annotate(n=Sum("teachers"))
        .order_by()
    )
    return [
        AreaRow(
            key=group["key"],
            name=group["name"] or "",
            schools=group["schools"],
            boys=group["boys"],
            girls=group["girls"],
            teachers=teachers.get(group["key"], 0),
        )
        for group in sorted(groups, key=lambda g: _area_order(g["name"]))
    ]


# --- School by school ----------------------------------------------------------------------------


@dataclass(frozen=True)
class SchoolRow:
    pk: int
    name: str
    smis_code: str
    ministry_code: str
    district: str
    dltv: bool
    boys: int
    girls: int
    rooms: int
    teachers: int | None

    @property
    def students(self) -> int:
        return self.boys + self.girls

    @property
    def students_per_teacher(self) -> float | None:
        return _ratio(self.students, self.teachers or 0)


def _per_school(figures: FigureScope, period: Period) -> QuerySet[StudentCount, dict[str, Any]]:
    return (
        figures.counts(period)
        .values(
            "school",
            name=F("school__name_th"),
            sort=F("school__name_sort"),
            smis_code=F("school__smis_code"),
            ministry_code=F("school__ministry_code"),
            district=F("school__district__name_th"),
            dltv=F("school__dltv"),
        )
        # students first: after boys=Sum("boys"), F("boys") would name the sum, not the column.
        .annotate(students=Sum(_STUDENTS))
        .annotate(boys=Sum("boys"), girls=Sum("girls"), rooms=Sum("rooms"))
        .order_by("sort", "school")
    )


def school_figures(
    figures: FigureScope, period: Period, *, small_only: bool = False, limit: int | None = None
) -> list[SchoolRow]:
    """Each school's students and classrooms in the round, with its teachers, in Thai order."""
    schools = _per_school(figures, period)
    if small_only:
        schools = schools.filter(_SMALL)
    rows = list(schools[:limit] if limit is not None else schools)
    profiles = figures.profiles(period)
    if limit is not None:
        profiles = profiles.filter(school__in=[row["school"] for row in rows])
    teachers = dict(profiles.values_list("school", "teachers"))
    return [
        SchoolRow(
            pk=row["school"],
            name=row["name"],
            smis_code=row["smis_code"],
            ministry_code=row["ministry_code"] or "",
            district=row["district"] or "",
            dltv=row["dltv"],
            boys=row["boys"],
            girls=row["girls"],
            rooms=row["rooms"],
            teachers=teachers.get(row["school"]),
        )
        for row in rows
    ]


# --- Change since the year before ----------------------------------------------------------------


@dataclass(frozen=True)
class ChangeRow:
    label: str
    kind: Literal["level", "area", "total"]
    before: int
    now: int

    @property
    def difference(self) -> int:
        return self.now - self.before

    @property
    def percent(self) -> float | None:
        return self.difference * 100 / self.before if self.before else None


def _two_years(figures: FigureScope, period: Period) -> StudentCountQuerySet:
    years = [period.previous.academic_year, period.academic_year]
    return figures.counts().filter(data_round=period.data_round, academic_year__in=years)


def change_by_level(figures: FigureScope, period: Period) -> list[ChangeRow]:
    """Students of each level in the same round of the year before and now, and the total."""
    students: dict[tuple[int, str], int] = defaultdict(int)
    for row in (
        _two_years(figures, period)
        .values("academic_year", "grade")
        .annotate(n=Sum(_STUDENTS))
        .order_by()
    ):
        grade = GRADE_BY_CODE.get(row["grade"])
        if grade is not None:
            students[row["academic_year"], grade.level] += row["n"]
    before, now = period.previous.academic_year, period.academic_year
    rows = [
        ChangeRow(
            level.long_label, "level", students[before, level.code], students[now, level.code]
        )
        for level in LEVELS
        if students[before, level.code] or students[now, level.code]
    ]
    return _with_total(rows)


def change_by_area(figures: FigureScope, period: Period, area: Area) -> list[ChangeRow]:
    """Students of each district (or network group) then and now, and the total."""
    students: dict[tuple[int, int | None], int] = {}
    names: dict[int | None, str] = {}
    for row in (
        _two_years(figures, period)
        .values("academic_year", key=F(f"school__{area}"), name=F(_AREA_NAME[area]))
        .annotate(n=Sum(_STUDENTS))
        .order_by()
    ):
        students[row["academic_year"], row["key"]] = row["n"]
        names[row["key"]] = row["name"]
    before, now = period.previous.academic_year, period.academic_year
    rows = [
        ChangeRow(
            names[key] or "", "area", students.get((before, key), 0), students.get((now, key), 0)
        )
        for key in sorted(names, key=lambda key: _area_order(names[key]))
    ]
    return _with_total(rows)


def _with_total(rows: list[ChangeRow]) -> list[ChangeRow]:
    total = ChangeRow(
        _("All levels") if rows and rows[0].kind == "level" else _("Total"),
        "total",
        sum(r.before for r in rows),
        sum(r.now for r in rows),
    )
    return [*rows, total]


# --- The dashboard page --------------------------------------------------------------------------

SMALL_SCHOOLS_SHOWN = 100


@dataclass(frozen=True)
class Dashboard:
    period: Period
    totals: Totals
    grades: list[GradeRow]
    districts: list[AreaRow]
    network_groups: list[AreaRow]
    small_schools: list[SchoolRow]
    change_levels: list[ChangeRow]
    change_districts: list[ChangeRow]

    @property
    def levels(self) -> list[GradeRow]:
        return classrooms_by_level(self.grades)

    @property
    def change_total(self) -> ChangeRow:
        return self.change_levels[-1]


def dashboard(
    figures: FigureScope, period: Period, *, by_area: bool = True, page_lists: bool = True
) -> Dashboard:
    """Every table of the dashboard page. ``by_area`` is False for the people of one school, for
    whom districts, network groups and a list of small schools say nothing; ``page_lists`` False
    leaves out the page's list of small schools and change by district (the booklet prints its
    own)."""
    by_area_lists = by_area and page_lists
    return Dashboard(
        period=period,
        totals=figure_totals(figures, period),
        grades=students_by_grade(figures, period),
        districts=figures_by_area(figures, period, "district") if by_area else [],
        network_groups=figures_by_area(figures, period, "network_group") if by_area else [],
        small_schools=(
            school_figures(figures, period, small_only=True, limit=SMALL_SCHOOLS_SHOWN)
            if by_area_lists
            else []
        ),
        change_levels=change_by_level(figures, period),
        change_districts=change_by_area(figures, period, "district") if by_area_lists else [],
    )


# --- The map -------------------------------------------------------------------------------------


_PK_MARK = 987654321


def map_points(figures: FigureScope, period: Period | None) -> dict[str, Any]:
    """The schools with coordinates, as the map draws them, with their students in ``period``
    (the registry's size class when the school has no figures), and how many have no coordinates.
    """
    schools = figures.schools()
    placed = schools.filter(latitude__isnull=False, longitude__isnull=False)
    students: dict[int, int] = {}
    if period is not None:
        students = dict(
            figures.counts(period).values_list("school").annotate(n=Sum(_STUDENTS)).order_by()
        )
    teachers = dict(figures.profiles().values_list("school", "teachers"))
    # One reverse() for all: thirty thousand of them would take longer than the queries.
    url = reverse("schools:detail", args=[_PK_MARK]).replace(str(_PK_MARK), "{}")
    points = []
    for school in placed.values(
        "pk", "name_th", "ministry_code", "smis_code", "latitude", "longitude", "dltv", "size"
    ).order_by("name_sort", "pk"):
        pk = school["pk"]
        count = students.get(pk)
        points.append(
            {
                "id": pk,
                "name": school["name_th"],
                "ministry_code": school["ministry_code"] or "",
                "smis_code": school["smis_code"],
                # Never None: the query left out the schools without coordinates.
                "lat": float(cast(Decimal, school["latitude"])),
                "lng": float(cast(Decimal, school["longitude"])),
                "students": count,
                "teachers": teachers.get(pk),
                "dltv": school["dltv"],
                "size": size_of(count) if count is not None else school["size"],
                "url": url.format(pk),
            }
        )
    return {"points": points, "unplaced": schools.count() - len(points)}
