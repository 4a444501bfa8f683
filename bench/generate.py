"""Synthetic registry data: offices over the real provinces, schools over their sub-districts.

national: 245 offices (183 primary สพป. and 62 secondary สพม., as OBEC has) and 30,000 schools;
small: one primary office in Chiang Mai with 150 schools. Everything comes from one seeded random
generator and the divisions the migrations load, so a scale and seed always give the same data.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import TypeVar

from bench import names
from bench.registry import Scale
from dlict.accounts.roles import Role
from dlict.accounts.services import membership_grant, user_create
from dlict.core.thai import thai_sort_key
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
DLTV_SHARE = {Size.SMALL: 0.7, Size.MEDIUM: 0.15, Size.LARGE: 0.02, Size.EXTRA_LARGE: 0.0}


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
