"""Student figures for the demo office: round 1 (10 June) of the two latest academic years that have
had it, and each school's staff, so the dashboards, the map and the reports have something to show.

Only the demo loader calls this, never a migration. Figures are drawn from a seeded generator
(every newcomer gets the same office) and follow the registry: a small school has at most 120
students, an expansion school teaches ม.1–ม.3 too, and enrolment fell a little since the year
before, as it does in the country.
"""

from __future__ import annotations

import math
import random
from datetime import date

from django.db import transaction
from django.utils import timezone

from dlict.core.thai import academic_year, academic_year_range
from dlict.emis.models import DataRound, SchoolProfile, StudentCount
from dlict.schools.demo import demo_office
from dlict.schools.models import Office, School

ROUND_1 = (6, 10)  # the data centre's first count of an academic year: 10 June


def demo_years(today: date) -> tuple[int, int]:
    """The two latest academic years whose first count has been taken, earlier one first."""
    year = academic_year(today)
    if (today.month, today.day) < ROUND_1 and academic_year_range(year)[0].year == today.year:
        year -= 1
    return year - 1, year


PRIMARY_GRADES = ("k2", "k3", "p1", "p2", "p3", "p4", "p5", "p6")
EXPANDED_GRADES = (*PRIMARY_GRADES, "m1", "m2", "m3")
# Students of a school of each size class, before they are shared out among its grades.
STUDENTS_BY_SIZE = {
    School.Size.SMALL: (28, 118),
    School.Size.MEDIUM: (125, 560),
    School.Size.LARGE: (620, 1400),
    School.Size.EXTRA_LARGE: (1500, 2400),
    "": (60, 300),
}
ROOM_SIZE = 40  # students per classroom before a grade opens a second room


def demo_loaded() -> bool:
    return demo_figures_exist(demo_office())


def demo_load() -> None:
    load_demo_figures(demo_office())


def demo_figures_exist(office: Office) -> bool:
    return StudentCount.objects.filter(office=office).exists()


@transaction.atomic
def load_demo_figures(office: Office) -> None:
    """Write the office's figures for both years and a profile for each of its schools."""
    rng = random.Random(2568)  # noqa: S311 - repeatable demo data, not secrets
    years = demo_years(timezone.localdate())
    counts: list[StudentCount] = []
    profiles: list[SchoolProfile] = []
    for school in School.objects.filter(office=office).order_by("smis_code"):
        grades = EXPANDED_GRADES if school.kind == School.Kind.EXPANDED else PRIMARY_GRADES
        low, high = STUDENTS_BY_SIZE.get(school.size, STUDENTS_BY_SIZE[""])
        now = _share(rng.randint(low, high), grades, rng)
        # A year earlier the school had a few more pupils in most grades.
        before = {
            grade: (_earlier(boys, rng), _earlier(girls, rng))
            for grade, (boys, girls) in now.items()
        }
        for year, figures in zip(years, (before, now), strict=True):
            counts += [
                StudentCount(
                    office=office,
                    school=school,
                    academic_year=year,
                    data_round=DataRound.JUNE,
                    grade=grade,
                    boys=boys,
                    girls=girls,
                    rooms=max(1, math.ceil((boys + girls) / ROOM_SIZE)),
                )
                for grade, (boys, girls) in figures.items()
            ]
        students = sum(boys + girls for boys, girls in now.values())
        rooms = sum(c.rooms for c in counts[-len(now) :])
        profiles.append(_profile(school, students, rooms, rng))
    StudentCount.objects.bulk_create(counts)
    SchoolProfile.objects.bulk_create(profiles)


def _share(
    students: int, grades: tuple[str, ...], rng: random.Random
) -> dict[str, tuple[int, int]]:
    """Share ``students`` among the grades, unevenly, and each grade's among boys and girls."""
    weights = [rng.uniform(0.8, 1.2) for _grade in grades]
    scale = students / sum(weights)
    shares: dict[str, tuple[int, int]] = {}
    for grade, weight in zip(grades, weights, strict=True):
        total = max(1, round(weight * scale))
        boys = round(total * rng.uniform(0.42, 0.58))
        shares[grade] = (boys, total - boys)
    return shares


def _earlier(students: int, rng: random.Random) -> int:
    return max(0, round(students * rng.uniform(0.95, 1.1)) + rng.choice((-1, 0, 0, 1, 1, 2)))


def _profile(school: School, students: int, rooms: int, rng: random.Random) -> SchoolProfile:
    # Small schools have fewer teachers than grades; larger ones about one for 20 pupils.
    teachers = max(3, round(students / rng.uniform(16, 24)))
    computers = max(4, round(students / rng.uniform(8, 15)))
    return SchoolProfile(
        school=school,
        directors=1,
        deputies=0 if students < 300 else (1 if students < 1000 else 2),
        teachers=teachers,
        students=students,
        rooms=rooms,
        computers_teaching=computers,
        computers_admin=rng.randint(2, 6),
        computers_government=computers,
        computers_other=rng.randint(0, 4),
        internet=rng.choice(["ใยแก้วนำแสง (Fiber optic)", "ADSL", "ดาวเทียม"]),
        electricity="การไฟฟ้าส่วนภูมิภาค",
        source="demo",
    )
