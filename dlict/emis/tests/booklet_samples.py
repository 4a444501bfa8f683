"""Data for the information booklet (``emis/typst/booklet.typ``), shaped as the template expects.

``booklet_sample`` builds an office of Chiang Mai schools named like real ones, from a seeded
generator so every run prints the same booklet; ``empty_booklet`` keeps every key with empty
lists and zero figures, to prove the template still renders.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterable
from typing import Any

from dlict.core.pdf import Verbatim

TITLE = "เอกสารสารสนเทศทางการศึกษา"
OFFICE = "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาเชียงใหม่ เขต 1"

# (grade, level): the levels are named as dlict.emis.grades names them in a report.
PRE, PRIMARY, LOWER, UPPER = (
    "ก่อนประถมศึกษา",
    "ประถมศึกษา",
    "มัธยมศึกษาตอนต้น",
    "มัธยมศึกษาตอนปลาย",
)
GRADES = [
    *((f"อ.{n}", PRE) for n in (1, 2, 3)),
    *((f"ป.{n}", PRIMARY) for n in range(1, 7)),
    *((f"ม.{n}", LOWER) for n in (1, 2, 3)),
    *((f"ม.{n}", UPPER) for n in (4, 5, 6)),
]
LEVELS = [PRE, PRIMARY, LOWER, UPPER]

# District: (share of the schools, network groups).
DISTRICTS = {
    "แม่ริม": (0.22, 3),
    "สันทราย": (0.20, 3),
    "ดอยสะเก็ด": (0.18, 2),
    "สันกำแพง": (0.15, 2),
    "แม่แตง": (0.15, 2),
    "แม่ออน": (0.10, 1),
}
SIZES = [
    ("ขนาดเล็ก (ไม่เกิน 120 คน)", 0, 120),
    ("ขนาดกลาง (121–600 คน)", 121, 600),
    ("ขนาดใหญ่ (601–1,500 คน)", 601, 1500),
    ("ขนาดใหญ่พิเศษ (1,501 คนขึ้นไป)", 1501, 10**9),
]
SMALL_LIMIT = 120

PLACE_HEADS = ["ห้วย", "หนอง", "ดอน", "ป่า", "แม่", "ทุ่ง", "นา", "บ่อ", "ท่า", "โป่ง", "ปาง", "สัน",
               "ร้อง", "ต้น", "หัวฝาย", "ทุ่งโป่ง", "ห้วยทราย"]  # fmt: skip
PLACE_TAILS = ["ทราย", "แก้ว", "ยาง", "ตอง", "หลวง", "ใหม่", "เหนือ", "ใต้", "บัว", "ขาม", "เปา",
               "โจ้", "แฝก", "ผึ้ง", "ม่วง", "สะลีก", "ปิง", "ลาน", "คำ", "ดู่", "จำปา"]  # fmt: skip
TEMPLE_NAMES = ["วัดศรีสุพรรณ", "วัดสันต้นเปา", "วัดพระธาตุดอยคำ", "วัดป่าแดด", "วัดโป่งน้อย",
                "วัดบ้านปง", "วัดศรีดอนชัย", "วัดหนองคำ", "วัดท่ากว้าง", "วัดร้องขุ้ม"]  # fmt: skip
# Names with a second part, as many real schools have: they test wrapping in narrow columns.
LONG_NAMES = ["บ้านแม่แตง (ประชาราษฎร์สามัคคีวิทยาคาร)", "ชุมชนบ้านดอนเปา (ราษฎร์บำรุงศึกษา)",
              "บ้านป่าสักงาม (ศรีวิชัยอนุสรณ์)", "บ้านสันทรายหลวง (สหกรณ์นิคมวิทยา)"]  # fmt: skip


def ratio(students: int, teachers: int) -> str:
    """Students per teacher as a booklet prints it: "1 : 18.2"."""
    return f"1 : {students / teachers:.1f}" if teachers else ""


def _school_names(rng: random.Random, count: int) -> list[str]:
    """``count`` distinct names besides the อนุบาล schools: บ้านห้วยทราย first, then the rest."""
    fixed = ["บ้านห้วยทราย", *LONG_NAMES, *TEMPLE_NAMES]
    # Plain บ้าน + place first; the longer forms only for an office with very many schools.
    made_up: list[str] = []
    for prefix in ("บ้าน", "ชุมชนบ้าน", "บ้านใหม่"):
        group = [
            f"{prefix}{head}{tail}"
            for head in PLACE_HEADS
            for tail in PLACE_TAILS
            if not head.endswith(tail)  # no บ้านห้วยทรายทราย
        ]
        group = [n for n in dict.fromkeys(group) if n not in fixed and n not in made_up]
        rng.shuffle(group)
        made_up += group
    names = [*fixed, *made_up][:count]
    # Only an office far larger than any real one runs out of names: number the rest.
    names += [f"บ้านสาขา {n}" for n in range(1, count - len(names) + 1)]
    rest = names[1:]
    rng.shuffle(rest)
    return names[:1] + rest


def _enrolment(rng: random.Random, size: int, extended: bool) -> list[tuple[int, int, int]]:
    """(boys, girls, rooms) for each grade of a school of about ``size`` students."""
    taught = [g for g, level in GRADES if level in (PRE, PRIMARY) or (extended and level == LOWER)]
    # Most small schools take children from อ.2; only a third open an อ.1 class.
    if size < 200 and rng.random() < 0.65:
        taught.remove("อ.1")
    per_grade = size / len(taught)
    rows = []
    for grade, _level in GRADES:
        if grade not in taught:
            rows.append((0, 0, 0))
            continue
        n = max(1, round(per_grade * rng.uniform(0.6, 1.4)))
        boys = sum(rng.random() < 0.51 for _ in range(n))
        rooms = max(1, math.ceil(n / 35))
        rows.append((boys, n - boys, rooms))
    return rows


def _sum(rows: Iterable[dict[str, Any]], key: str) -> int:
    return sum(row[key] for row in rows)


def _totals(name: str, schools: list[dict[str, Any]]) -> dict[str, Any]:
    students, teachers = _sum(schools, "students"), _sum(schools, "teachers")
    return {
        "name": name,
        "schools": len(schools),
        "students": students,
        "teachers": teachers,
        "ratio": ratio(students, teachers),
    }


def booklet_sample(schools: int = 150) -> dict[str, Any]:
    """An office of ``schools`` schools in six districts of Chiang Mai, academic year 2568."""
    rng = random.Random(2568)
    district_names = list(DISTRICTS)
    # Each district gets its share of the schools, at least one while there are schools to give.
    counts = {d: max(1, round(schools * share)) for d, (share, _g) in DISTRICTS.items()}
    while sum(counts.values()) > schools:
        largest = max(counts, key=lambda d: counts[d])
        if counts[largest] == 0:
            break
        counts[largest] -= 1
    counts[district_names[0]] += schools - sum(counts.values())

    # The อนุบาล school of each district is its first and largest.
    flagships = sum(1 for d in district_names if counts[d])
    names = iter(_school_names(rng, schools - flagships))

    rows: list[dict[str, Any]] = []
    by_grade_sums = [[0, 0, 0] for _ in GRADES]
    for d_index, district in enumerate(district_names):
        groups = DISTRICTS[district][1]
        for k in range(counts[district]):
            flagship = k == 0
            name = f"อนุบาล{district}" if flagship else next(names)
            if flagship:
                size = rng.randint(1550, 1900) if d_index == 0 else rng.randint(500, 1300)
            else:
                size = rng.choice([rng.randint(25, 120)] * 4 + [rng.randint(121, 600)] * 5)
            extended = flagship or rng.random() < 0.25
            grades = _enrolment(rng, size, extended)
            boys = sum(g[0] for g in grades)
            girls = sum(g[1] for g in grades)
            students = boys + girls
            teachers = max(2, round(students / rng.uniform(11, 22)))
            for total, g in zip(by_grade_sums, grades, strict=True):
                for i in range(3):
                    total[i] += g[i]
            group = f"กลุ่มเครือข่าย{district}" + (f" {k % groups + 1}" if groups > 1 else "")
            rows.append(
                {
                    "code": Verbatim(f"5001{len(rows) + 1:04d}"),
                    "name": name,
                    "district": district,
                    "group": group,
                    "boys": boys,
                    "girls": girls,
                    "students": students,
                    "rooms": sum(g[2] for g in grades),
                    "teachers": teachers,
                    "ratio": ratio(students, teachers),
                }
            )

    by_grade = [
        {"grade": grade, "level": level, "boys": b, "girls": g, "total": b + g, "rooms": r}
        for (grade, level), (b, g, r) in zip(GRADES, by_grade_sums, strict=True)
    ]
    by_level = []
    for level in LEVELS:
        of_level = [row for row in by_grade if row["level"] == level]
        by_level.append(
            {
                "level": level,
                "boys": _sum(of_level, "boys"),
                "girls": _sum(of_level, "girls"),
                "total": _sum(of_level, "total"),
                "rooms": _sum(of_level, "rooms"),
            }
        )

    group_names = list(dict.fromkeys(row["group"] for row in rows))
    small = [row for row in rows if row["students"] <= SMALL_LIMIT]
    students = _sum(rows, "students")
    teachers = _sum(rows, "teachers")
    previous = round(students * rng.uniform(1.01, 1.035))
    change = (
        {
            "previous_year": "2567",
            "students_previous": previous,
            "students": students,
            "difference": students - previous,
            "percent": f"{(students - previous) / previous * 100:+.1f}%",
        }
        if previous
        else None
    )
    return {
        "title": TITLE,
        "office_name": OFFICE,
        "academic_year": "2568",
        "round": "ข้อมูล ณ วันที่ 10 มิถุนายน 2568",
        "printed_on": "15 กรกฎาคม 2568",
        "summary": {
            "schools": len(rows),
            "students": students,
            "boys": _sum(rows, "boys"),
            "girls": _sum(rows, "girls"),
            "rooms": _sum(rows, "rooms"),
            "teachers": teachers,
            "ratio": ratio(students, teachers),
            "small_schools": len(small),
            "dltv_schools": sum(1 for row in small if rng.random() < 0.8),
        },
        "by_grade": by_grade,
        "by_level": by_level,
        "by_district": [
            _totals(d, [row for row in rows if row["district"] == d])
            for d in district_names
            if counts[d]
        ],
        "by_group": [_totals(g, [row for row in rows if row["group"] == g]) for g in group_names],
        "by_size": [
            {
                "label": label,
                "schools": len(of_size := [r for r in rows if low <= r["students"] <= high]),
                "students": _sum(of_size, "students"),
            }
            for label, low, high in SIZES
        ],
        "small_schools": [
            {key: row[key] for key in ("code", "name", "district", "students", "teachers")}
            for row in small
        ],
        "schools": rows,
        "change": change,
    }


def empty_booklet() -> dict[str, Any]:
    """Every key of the contract, with empty strings and lists and zero figures."""
    return {
        "title": "",
        "office_name": "",
        "academic_year": "",
        "round": "",
        "printed_on": "",
        "summary": {
            "schools": 0,
            "students": 0,
            "boys": 0,
            "girls": 0,
            "rooms": 0,
            "teachers": 0,
            "ratio": "",
            "small_schools": 0,
            "dltv_schools": 0,
        },
        "by_grade": [],
        "by_level": [],
        "by_district": [],
        "by_group": [],
        "by_size": [],
        "small_schools": [],
        "schools": [],
        "change": None,
    }
