"""Open data: the students figures as anyone may download them (CSV and JSON).

Only aggregates that name no person are published: each office's students by grade and sex, and
each school's totals (students, classrooms, teachers) without the split by sex, which in a small
school's grade could point at one child.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from django.db.models import F, Sum

from dlict.core.exports import Exporter
from dlict.emis.grades import GRADE_BY_CODE
from dlict.emis.models import SchoolProfile, StudentCount

# The published columns are names for programs as much as for people: the same in every language
# and from year to year, so a script that reads them never breaks.
DATASETS = {
    "offices-by-grade": (
        [
            "academic_year",
            "round",
            "office_code",
            "office_name",
            "grade",
            "boys",
            "girls",
            "classrooms",
        ]
    ),
    "schools": (
        [
            "academic_year",
            "round",
            "office_code",
            "office_name",
            "school_code",
            "school_name",
            "students",
            "classrooms",
            "teachers",
        ]
    ),
}


def published_rounds() -> list[tuple[int, int]]:
    rows = StudentCount.objects.values_list("academic_year", "data_round").distinct()
    return sorted(set(rows), reverse=True)


def dataset_rows(name: str, academic_year: int, data_round: int) -> Iterator[list[Any]]:
    counts = StudentCount.objects.filter(academic_year=academic_year, data_round=data_round)
    if name == "offices-by-grade":
        rows = (
            counts.values("office__code", "office__name_th", "grade")
            .annotate(boys=Sum("boys"), girls=Sum("girls"), rooms=Sum("rooms"))
            .order_by("office__code", "grade")
        )
        order = {code: index for index, code in enumerate(GRADE_BY_CODE)}
        for row in sorted(rows, key=lambda r: (r["office__code"], order[r["grade"]])):
            yield [
                academic_year,
                data_round,
                row["office__code"],
                row["office__name_th"],
                GRADE_BY_CODE[row["grade"]].label,
                row["boys"],
                row["girls"],
                row["rooms"],
            ]
        return
    teachers = dict(
        SchoolProfile.objects.filter(school__in=counts.values("school")).values_list(
            "school_id", "teachers"
        )
    )
    schools = (
        counts.values(
            "school_id", "office__code", "office__name_th", "school__smis_code", "school__name_th"
        )
        .annotate(students=Sum(F("boys") + F("girls")), rooms=Sum("rooms"))
        .order_by("office__code", "school__smis_code")
    )
    for row in schools.iterator(chunk_size=2000):
        yield [
            academic_year,
            data_round,
            row["office__code"],
            row["office__name_th"],
            row["school__smis_code"],
            row["school__name_th"],
            row["students"],
            row["rooms"],
            teachers.get(row["school_id"]),
        ]


class DatasetExporter(Exporter):
    """A published dataset through the shared exporter (CSV with its byte-order mark, cells a
    spreadsheet would run as formulas kept as text)."""

    def __init__(self, name: str, academic_year: int, data_round: int) -> None:
        self.name, self.period = name, (academic_year, data_round)
        self.filename = f"{name}-{academic_year}-{data_round}"

    def headers(self) -> list[str]:
        return DATASETS[self.name]

    def rows(self) -> Iterable[list[Any]]:
        return dataset_rows(self.name, *self.period)


def as_json(headers: list[str], rows: Iterable[list[Any]]) -> Iterator[str]:
    """A JSON array of objects, written as it is read (a national file has 30,000 schools)."""
    yield "["
    for index, row in enumerate(rows):
        yield ("," if index else "") + json.dumps(
            dict(zip(headers, row, strict=True)), ensure_ascii=False
        )
    yield "]"
