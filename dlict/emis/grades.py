"""Grades and levels as the ministry's data centre (DMC) names them in its exports."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Level:
    code: str
    label: str  # as the export's subtotal columns name it: "รวมก่อนประถม ชาย"
    long_label: str  # as a report names it


@dataclass(frozen=True)
class Grade:
    code: str
    label: str
    level: str


LEVELS = (
    Level("pre", "ก่อนประถม", "ก่อนประถมศึกษา"),
    Level("primary", "ประถม", "ประถมศึกษา"),
    Level("lower", "มัธยมต้น", "มัธยมศึกษาตอนต้น"),
    Level("upper", "มัธยมปลาย", "มัธยมศึกษาตอนปลาย"),
    Level("vocational", "ปวช", "ประกาศนียบัตรวิชาชีพ"),
)
GRADES = (
    Grade("k0", "เตรียมอนุบาล", "pre"),  # the year before อ.1 that some schools open
    *(Grade(f"k{n}", f"อ.{n}", "pre") for n in (1, 2, 3)),
    *(Grade(f"p{n}", f"ป.{n}", "primary") for n in range(1, 7)),
    *(Grade(f"m{n}", f"ม.{n}", "lower") for n in (1, 2, 3)),
    *(Grade(f"m{n}", f"ม.{n}", "upper") for n in (4, 5, 6)),
    *(Grade(f"v{n}", f"ปวช.{n}", "vocational") for n in (1, 2, 3)),
)
GRADE_BY_CODE = {grade.code: grade for grade in GRADES}
LEVEL_BY_CODE = {level.code: level for level in LEVELS}
GRADE_CHOICES = [(grade.code, grade.label) for grade in GRADES]


def grades_of(level: str) -> list[Grade]:
    return [grade for grade in GRADES if grade.level == level]
