"""Synthetic registry data: offices over the real provinces, schools over their sub-districts.

national: 245 offices (183 primary สพป. and 62 secondary สพม., as OBEC has) and 30,000 schools;
small: one primary office in Chiang Mai with 150 schools. Everything comes from one seeded random
generator and the divisions the migrations load, so a scale and seed always give the same data.

About half the schools teach through DLTV (15,000 nationally). For the DLTV benchmark alone,
``dltv_year`` adds their classrooms, sets and a year of daily records (about 18 million rows).
"""

from __future__ import annotations

import itertools
import random
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import TypeVar

from django.db import connection

from bench import names
from bench.measure import note
from bench.registry import Scale
from dlict.accounts.roles import Role
from dlict.accounts.services import membership_grant, user_create
from dlict.core.calendar import school_days
from dlict.core.thai import thai_sort_key
from dlict.dltv.models import (
    DltvClassroom,
    Equipment,
    EquipmentStatus,
    ProblemCategory,
    UsageRecord,
)
from dlict.dltv.services import equipment_tallies_rebuild, rollups_rebuild
from dlict.schools.models import NetworkGroup, Office, Province, School, SubDistrict

SEED = 2569
BENCH_USERNAME = "bench-national"
GROUPS_PER_OFFICE = 8
SECONDARY_SHARE = 0.08  # of all schools; about OBEC's share of secondary schools
SMALL_PROVINCE = "50"  # Chiang Mai, where the demo office is too

T = TypeVar("T")


@dataclass(frozen=True)
class Spec:
    primary_offices: int
    secondary_offices: int
    schools: int
    only_province: str | None = None


SPECS: dict[Scale, Spec] = {
    "small": Spec(1, 0, 150, only_province=SMALL_PROVINCE),
    "national": Spec(183, 62, 30_000),
}

Size = School.Size
# Sizes by type of school (small, medium, large, extra large). About half of OBEC's schools are
# small, and small schools are the ones that teach through DLTV.
SIZE_WEIGHTS = {
    School.Kind.PRIMARY: (0.58, 0.36, 0.05, 0.01),
    School.Kind.EXPANDED: (0.25, 0.60, 0.13, 0.02),
    School.Kind.SPECIAL: (0.30, 0.60, 0.10, 0.00),
    School.Kind.SECONDARY: (0.15, 0.45, 0.28, 0.12),
}
# About 15,000 of the 30,000 national schools teach through DLTV, as OBEC's small schools do.
DLTV_SHARE = {Size.SMALL: 0.8, Size.MEDIUM: 0.3, Size.LARGE: 0.04, Size.EXTRA_LARGE: 0.0}


@dataclass
class Area:
    """An office to create and the sub-districts its schools stand in."""

    province: Province
    level: str
    seq: int  # its number among the province's offices: part of the office and school codes
    number: int | None  # "เขต n" when the province has more than one primary office
    subs: list[SubDistrict]
    schools: int = 0


def generate(*, scale: Scale, seed: int) -> None:
    """Create the offices, network groups, schools and the national user (in a transaction)."""
    spec = SPECS[scale]
    rng = random.Random(seed)
    areas = _areas(spec)
    _share_schools(areas, spec)
    obec_codes = iter(range(100_001, 1_000_000))
    for area in areas:
        office = _office(area)
        groups = _network_groups(office, area)
        School.objects.bulk_create(_schools(rng, office, area, groups, obec_codes), batch_size=1000)
    user = user_create(username=BENCH_USERNAME, password=None, first_name="ผู้ทดสอบ")
    membership_grant(user=user, role=Role.NATIONAL_ADMIN)


# -- offices -------------------------------------------------------------------------------------
def _subs_by_province() -> dict[str, list[SubDistrict]]:
    found: dict[str, list[SubDistrict]] = {}
    for sub in SubDistrict.objects.select_related("district__province").order_by("code"):
        found.setdefault(sub.district.province.code, []).append(sub)
    return found


def _areas(spec: Spec) -> list[Area]:
    subs = _subs_by_province()
    provinces = {p.code: p for p in Province.objects.all()}
    codes = [spec.only_province] if spec.only_province else sorted(subs)
    offices = _highest_averages(spec.primary_offices, {code: len(subs[code]) for code in codes})
    areas = []
    for code in codes:
        districts = _runs_by_district(subs[code])
        if offices[code] > len(districts):
            raise ValueError(f"province {code} has fewer districts than offices")
        for number, part in enumerate(_split(districts, offices[code]), start=1):
            run = [sub for district in part for sub in district]
            area_number = number if offices[code] > 1 else None
            areas.append(Area(provinces[code], Office.Level.PRIMARY, number, area_number, run))
    # One secondary office for each of the provinces with the most sub-districts.
    largest = sorted(codes, key=lambda code: (-len(subs[code]), code))[: spec.secondary_offices]
    areas += [
        Area(provinces[code], Office.Level.SECONDARY, 51, None, subs[code]) for code in largest
    ]
    return areas


def _highest_averages(seats: int, weights: dict[str, int]) -> dict[str, int]:
    """Seats for each key, at least one each, the rest in proportion to the weights (D'Hondt)."""
    counts = dict.fromkeys(weights, 1)
    for _ in range(seats - len(weights)):
        best = min(weights, key=lambda key: (-weights[key] / (counts[key] + 1), key))
        counts[best] += 1
    return counts


def _runs_by_district(subs: list[SubDistrict]) -> list[list[SubDistrict]]:
    runs: dict[int, list[SubDistrict]] = {}
    for sub in subs:
        runs.setdefault(sub.district_id, []).append(sub)
    return list(runs.values())


def _split(items: list[T], parts: int) -> list[list[T]]:
    """``items`` cut into ``parts`` runs of nearly equal length, keeping their order."""
    size, extra = divmod(len(items), parts)
    runs, start = [], 0
    for index in range(parts):
        end = start + size + (1 if index < extra else 0)
        runs.append(items[start:end])
        start = end
    return runs


def _share_schools(areas: list[Area], spec: Spec) -> None:
    """Spread the schools over the offices in proportion to their numbers of sub-districts."""
    secondary = [area for area in areas if area.level == Office.Level.SECONDARY]
    primary = [area for area in areas if area.level == Office.Level.PRIMARY]
    secondary_total = round(spec.schools * SECONDARY_SHARE) if secondary else 0
    for group, total in ((primary, spec.schools - secondary_total), (secondary, secondary_total)):
        shares = _apportion(total, [len(area.subs) for area in group])
        for area, share in zip(group, shares, strict=True):
            area.schools = share


def _apportion(total: int, weights: list[int]) -> list[int]:
    """Whole numbers in proportion to ``weights`` that add up to ``total`` (largest remainder)."""
    if not weights:
        return []
    exact = [total * weight / sum(weights) for weight in weights]
    counts = [int(share) for share in exact]
    by_remainder = sorted(range(len(exact)), key=lambda i: (counts[i] - exact[i], i))
    for index in by_remainder[: total - sum(counts)]:
        counts[index] += 1
    return counts


def _office(area: Area) -> Office:
    primary = area.level == Office.Level.PRIMARY
    province = area.province
    return Office.objects.create(
        code=f"{province.code}{area.seq:02d}0000",
        name_th=("สพป." if primary else "สพม.")
        + province.name_th
        + (f" เขต {area.number}" if area.number else ""),
        name_en=f"{province.name_en} {'PESAO' if primary else 'SESAO'}"
        + (f" Area {area.number}" if area.number else ""),
        province=province,
        level=area.level,
    )


def _network_groups(office: Office, area: Area) -> dict[int, NetworkGroup]:
    """About eight groups of neighbouring sub-districts, each named after its first one."""
    runs = _split(area.subs, min(GROUPS_PER_OFFICE, len(area.subs)))
    prefix = "กลุ่มเครือข่าย" if area.level == Office.Level.PRIMARY else "สหวิทยาเขต"
    groups: list[NetworkGroup] = []
    taken: set[str] = set()
    for run in runs:
        name = f"{prefix}{run[0].name_th}"
        if name in taken:  # two sub-districts of the same name in different districts
            name = f"{name} ({run[0].district.name_th})"
        taken.add(name)
        groups.append(NetworkGroup(office=office, name=name))
    NetworkGroup.objects.bulk_create(groups)
    return {sub.pk: group for run, group in zip(runs, groups, strict=True) for sub in run}


# -- schools -------------------------------------------------------------------------------------
def _schools(
    rng: random.Random,
    office: Office,
    area: Area,
    groups: dict[int, NetworkGroup],
    obec_codes: Iterator[int],
) -> list[School]:
    kinds = (
        [School.Kind.PRIMARY, School.Kind.EXPANDED, School.Kind.SPECIAL]
        if area.level == Office.Level.PRIMARY
        else [School.Kind.SECONDARY]
    )
    kind_weights = [0.76, 0.23, 0.01] if area.level == Office.Level.PRIMARY else [1.0]
    schools = []
    for number, (name, sub) in enumerate(_school_names(rng, area), start=1):
        kind = rng.choices(kinds, weights=kind_weights)[0]
        size = rng.choices(list(Size), weights=SIZE_WEIGHTS[kind])[0]
        local = f"{area.province.code}{area.seq:02d}{number:04d}"
        schools.append(
            School(
                office=office,
                ministry_code=f"10{local}",
                smis_code=local,
                obec_code=str(next(obec_codes)),
                name_th=name,
                # bulk_create skips School.save(), which is where name_sort is normally set.
                name_sort=thai_sort_key(name),
                address_line=f"{rng.randint(1, 250)} หมู่ {rng.randint(1, 15)}",
                province=area.province,
                district=sub.district,
                sub_district=sub,
                postcode=sub.postcode,
                latitude=_near(rng, sub.latitude, Decimal("15.5")),
                longitude=_near(rng, sub.longitude, Decimal("101.5")),
                network_group=groups[sub.pk],
                kind=kind,
                size=size,
                dltv=rng.random() < DLTV_SHARE[size],
                phone=f"0{rng.randint(20, 99)}-{rng.randint(100000, 999999)}",
                director_name=names.director(rng),
            )
        )
    return schools


def _school_names(rng: random.Random, area: Area) -> list[tuple[str, SubDistrict]]:
    """``area.schools`` distinct names, each with the sub-district the school stands in."""
    found: dict[str, SubDistrict] = {}
    if area.level == Office.Level.PRIMARY:
        for district in _runs_by_district(area.subs):
            found[f"อนุบาล{district[0].district.name_th}"] = district[0]
    draw = names.primary_school if area.level == Office.Level.PRIMARY else names.secondary_school
    attempts = 0
    while len(found) < area.schools:
        attempts += 1
        if attempts > area.schools * 100:
            raise RuntimeError(f"could not draw {area.schools} distinct names in {area.province}")
        sub = rng.choice(area.subs)
        found.setdefault(draw(rng, sub), sub)
    return list(found.items())[: area.schools]


def _near(rng: random.Random, value: Decimal | None, fallback: Decimal) -> Decimal:
    jitter = Decimal(rng.uniform(-0.02, 0.02)).quantize(Decimal("0.000001"))
    return (value if value is not None else fallback) + jitter


# -- a year of DLTV use ----------------------------------------------------------------------------
# Only the DLTV benchmark reads these millions of rows, so they are made apart from the registry
# (``dltv_year``, through bench.database.prepare_extra): the other benchmarks never wait for them.
YEAR_LAST_DAY = date(2026, 11, 26)  # the benchmark's today: the year is the school days up to it
SCHOOL_DAYS = 200
DLTV_GRADES_BY_KIND: dict[str, tuple[str, ...]] = {
    School.Kind.PRIMARY: ("p1", "p2", "p3", "p4", "p5", "p6"),
    School.Kind.SPECIAL: ("p1", "p2", "p3", "p4", "p5", "p6"),
    School.Kind.EXPANDED: ("p4", "p5", "p6", "m1", "m2", "m3"),
    School.Kind.SECONDARY: ("m1", "m2", "m3"),
}
# How often a class has a problem that is not its own broken set, nor its group's storm.
EVERYDAY_PROBLEM = 0.015
EVERYDAY_PROBLEMS = ("teacher_absent", "school_activity", "internet_down", "other")
UsageRow = tuple[int, int, str, str, int, int, int | None]  # office, school, day, grade, …


def year_days() -> list[date]:
    """The year's school days (weekdays that are not public holidays), the first first."""
    days: list[date] = []
    day = YEAR_LAST_DAY
    while len(days) < SCHOOL_DAYS:
        days += school_days([day], set())
        day -= timedelta(days=1)
    return days[::-1]


@dataclass(frozen=True)
class DltvSchool:
    pk: int
    office_id: int
    group_id: int | None
    classrooms: tuple[tuple[str, int], ...]  # grade, periods a day


def dltv_year(*, seed: int) -> None:
    """Every DLTV school's classrooms and set, its records of the year's school days and their
    rollups. The records are uneven, as real ones are: an office's schools report more or less
    faithfully, a few schools never report and some have stopped, a network group has days of
    power cuts or lost signal together, and a broken TV keeps a class from watching for weeks."""
    rng = random.Random(seed)
    schools = _dltv_schools(rng)
    _dltv_equipment(rng, schools)
    problems = {p.code: p.pk for p in ProblemCategory.objects.filter(office__isnull=True)}
    days = year_days()
    note(f"DLTV: {len(schools):,} schools, {sum(len(s.classrooms) for s in schools):,} "
         f"classrooms, {len(days)} school days from {days[0]} to {days[-1]}")  # fmt: skip
    written = _write_usage(_usage_rows(rng, schools, problems, days))
    note(f"DLTV: {written:,} usage records")
    rollups_rebuild()
    equipment_tallies_rebuild()


def _dltv_schools(rng: random.Random) -> list[DltvSchool]:
    schools = []
    for pk, office_id, group_id, kind in (
        School.objects.filter(dltv=True)
        .order_by("pk")
        .values_list("pk", "office_id", "network_group_id", "kind")
    ):
        grades = DLTV_GRADES_BY_KIND.get(kind, DLTV_GRADES_BY_KIND[School.Kind.PRIMARY])
        periods = rng.choice((4, 5, 5, 5, 6))
        classrooms = tuple((grade, periods) for grade in grades)
        schools.append(DltvSchool(pk, office_id, group_id, classrooms))
    DltvClassroom.objects.bulk_create(
        (
            DltvClassroom(school_id=school.pk, grade=grade, periods_per_day=periods)
            for school in schools
            for grade, periods in school.classrooms
        ),
        batch_size=5000,
    )
    return schools


def _dltv_equipment(rng: random.Random, schools: list[DltvSchool]) -> None:
    """Most schools have recorded their set: the dish, each classroom's receiver and TV."""
    statuses = (EquipmentStatus.WORKING, EquipmentStatus.BROKEN, EquipmentStatus.NONE)
    items = []
    for school in schools:
        if rng.random() < 0.1:  # not recorded yet
            continue
        items.append(Equipment(school_id=school.pk, kind=Equipment.Kind.DISH, grade="",
                               status=rng.choices(statuses, weights=(85, 10, 5))[0]))  # fmt: skip
        for grade, _periods in school.classrooms:
            for kind in (Equipment.Kind.RECEIVER, Equipment.Kind.TV):
                status = rng.choices(statuses, weights=(80, 13, 7))[0]
                items.append(Equipment(school_id=school.pk, kind=kind, grade=grade, status=status))
    Equipment.objects.bulk_create(items, batch_size=5000)


def _usage_rows(
    rng: random.Random, schools: list[DltvSchool], problems: dict[str, int], days: list[date]
) -> Iterator[UsageRow]:
    count = len(days)
    texts = [day.isoformat() for day in days]
    offices: dict[int, tuple[float, float]] = {}  # never reports, has stopped
    storms: dict[int | None, dict[int, int]] = {}  # group → day index → problem
    everyday = [problems[code] for code in EVERYDAY_PROBLEMS]
    for school in schools:
        never, stopped = offices.setdefault(
            school.office_id,
            (rng.choice((0.0, 0.01, 0.02, 0.04, 0.08, 0.15)), rng.choice((0.0, 0.02, 0.05))),
        )
        storm = storms.setdefault(school.group_id, _storms(rng, count, problems))
        chance = rng.random()
        if chance < never:
            continue
        first = rng.randint(0, 30) if rng.random() < 0.1 else 0  # a late starter
        last = count - rng.randint(7, 40) if chance < never + stopped else count
        skipped = {week for week in range(count // 5 + 1) if rng.random() < 0.25}
        if rng.random() < 0.8:
            skipped.clear()  # most schools record every week
        quality = rng.uniform(0.6, 1.0)
        broken = {
            grade: (start, start + rng.randint(5, 40), problems[code])
            for grade, _periods in school.classrooms
            if rng.random() < 0.06
            for start in [rng.randrange(count)]
            for code in [rng.choice(("broken_tv", "broken_receiver", "no_signal"))]
        }
        for index in range(first, last):
            if index // 5 in skipped:
                continue
            day = texts[index]
            group_problem = storm.get(index)
            for grade, periods in school.classrooms:
                problem = None
                watched = periods
                fault = broken.get(grade)
                if fault is not None and fault[0] <= index < fault[1]:
                    problem, watched = fault[2], 0
                elif group_problem is not None and rng.random() < 0.7:
                    problem, watched = group_problem, rng.randint(0, periods // 2)
                elif rng.random() < EVERYDAY_PROBLEM:
                    problem, watched = rng.choice(everyday), rng.randint(0, periods - 1)
                elif rng.random() > quality:
                    watched = periods - rng.randint(1, 2)
                yield (school.office_id, school.pk, day, grade, periods, watched, problem)


def _storms(rng: random.Random, count: int, problems: dict[str, int]) -> dict[int, int]:
    """A network group's bad days: power cuts and lost signal that hit its schools together."""
    days: dict[int, int] = {}
    for _ in range(rng.choice((0, 1, 1, 2, 3, 6))):
        start = rng.randrange(count)
        problem = problems[rng.choice(("no_power", "no_signal"))]
        for index in range(start, min(count, start + rng.randint(1, 3))):
            days[index] = problem
    return days


USAGE_COLUMNS = "office_id, school_id, day, grade, planned, watched, problem_id, note, updated_at"
UPDATED_AT = "2026-11-26 16:00:00+07"
NULL = "\\N"  # in COPY's text format


def _write_usage(rows: Iterator[UsageRow]) -> int:
    """SQLite: INSERTs in batches. PostgreSQL: one COPY into the table stripped of its indexes
    and constraints, which are rebuilt afterwards: keeping 18 million rows' worth of six indexes
    and three foreign keys up to date row by row takes many times longer than building them once."""
    table = UsageRecord._meta.db_table
    written = 0
    if connection.vendor != "postgresql":
        values = "%s, %s, %s, %s, %s, %s, %s, '', %s"
        insert = f"INSERT INTO {table} ({USAGE_COLUMNS}) VALUES ({values})"  # noqa: S608
        with connection.cursor() as cursor:
            for batch in _batches(rows, 5000):
                cursor.executemany(insert, [(*row, UPDATED_AT) for row in batch])
                written += len(batch)
        return written
    copying = f"COPY {table} ({USAGE_COLUMNS}) FROM STDIN"
    with (
        _without_indexes(table),
        connection.cursor() as cursor,
        cursor.cursor.copy(copying) as copy,
    ):
        for batch in _batches(rows, 20_000):
            copy.write(
                "".join(
                    f"{o}\t{s}\t{d}\t{g}\t{p}\t{w}\t{r or NULL}\t\t{UPDATED_AT}\n"
                    for o, s, d, g, p, w, r in batch
                )
            )
            written += len(batch)
            if written % 2_000_000 < len(batch):
                note(f"DLTV: {written:,} records written")
    return written


def _batches(rows: Iterator[UsageRow], size: int) -> Iterator[list[UsageRow]]:
    while batch := list(itertools.islice(rows, size)):
        yield batch


@contextmanager
def _without_indexes(table: str) -> Iterator[None]:
    """The table's secondary indexes and its constraints (the primary key aside) dropped, then
    made again from their own definitions as PostgreSQL reports them."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid = %s::regclass AND contype <> 'p'",
            [table],
        )
        constraints = cursor.fetchall()
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s AND indexname NOT IN "
            "(SELECT conname FROM pg_constraint WHERE conrelid = %s::regclass)",
            [table, table],
        )
        indexes = cursor.fetchall()
        for name, _definition in constraints:
            cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
        for name, _definition in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
    yield
    start = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL maintenance_work_mem = '1GB'")
        for _name, definition in indexes:
            cursor.execute(definition)
        for name, definition in constraints:
            cursor.execute(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
    note(f"DLTV: indexes and constraints made again in {time.perf_counter() - start:.0f} s")
