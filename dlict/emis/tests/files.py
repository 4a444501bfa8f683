"""Students-by-grade exports laid out as the data centre writes them, for tests and benchmarks."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from dlict.emis.grades import GRADE_BY_CODE, LEVELS, grades_of

LEADING = ["รหัสเขต", "ชื่อเขต", "รหัสโรงเรียน", "ชื่อโรงเรียน"]


@dataclass
class SchoolRow:
    area_code: str
    area_name: str
    smis_code: str
    name: str
    counts: dict[str, tuple[int, int, int]] = field(default_factory=dict)  # grade → b, g, rooms


def headers(grades: Sequence[str]) -> list[str]:
    row = list(LEADING)
    for level in LEVELS:
        level_grades = [g.code for g in grades_of(level.code) if g.code in grades]
        if not level_grades:
            continue
        for code in level_grades:
            label = GRADE_BY_CODE[code].label
            row += [f"{label} ชาย", f"{label} หญิง", f"รวม{label}", f"{label} ห้อง"]
        row += [f"รวม{level.label} ชาย", f"รวม{level.label} หญิง", f"รวม{level.label}",
                f"รวมห้อง{level.label}"]  # fmt: skip
    return [*row, "รวมทั้งหมด ชาย", "รวมทั้งหมด หญิง", "รวมทั้งหมด", "รวมห้องทั้งหมด"]


def cells(school: SchoolRow, grades: Sequence[str]) -> list[str]:
    row = [school.area_code, school.area_name, school.smis_code, school.name]
    everything = [0, 0, 0, 0]
    for level in LEVELS:
        level_grades = [g.code for g in grades_of(level.code) if g.code in grades]
        if not level_grades:
            continue
        subtotal = [0, 0, 0, 0]
        for code in level_grades:
            boys, girls, rooms = school.counts.get(code, (0, 0, 0))
            row += [str(boys), str(girls), str(boys + girls), str(rooms)]
            for i, value in enumerate((boys, girls, boys + girls, rooms)):
                subtotal[i] += value
        row += [str(value) for value in subtotal]
        everything = [a + b for a, b in zip(everything, subtotal, strict=True)]
    return [*row, *(str(value) for value in everything)]


def students_csv(
    schools: Sequence[SchoolRow],
    grades: Sequence[str] = ("k2", "k3", "p1", "p2", "p3", "p4", "p5", "p6"),
    *,
    encoding: str = "utf-8-sig",
    title: str | None = "จำนวนนักเรียนจำแนกตามชั้นและเพศ ปีการศึกษา 2568",
    totals_row: bool = True,
    totals_label: str = "รวม",
    after_totals: Sequence[Sequence[str]] = (),
) -> bytes:
    """``totals_label`` is what the totals row says in the name column: the data centre writes
    "รวม" in some exports and leaves all four leading cells blank in others. ``after_totals``:
    rows below it (blank lines, a note on where the figures come from)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    if title:
        writer.writerow([title])
    writer.writerow(headers(grades))
    for school in schools:
        writer.writerow(cells(school, grades))
    if totals_row:
        writer.writerow(["", "", "", totals_label, *cells(totals(schools), grades)[4:]])
    writer.writerows(after_totals)
    return buffer.getvalue().encode(encoding)


def totals(schools: Sequence[SchoolRow]) -> SchoolRow:
    """What the export's last row says: every figure summed over the schools."""
    total = SchoolRow("", "", "", "")
    for school in schools:
        for code, (boys, girls, rooms) in school.counts.items():
            old = total.counts.get(code, (0, 0, 0))
            total.counts[code] = (old[0] + boys, old[1] + girls, old[2] + rooms)
    return total


def students_xlsx_two_header_rows(
    schools: Sequence[SchoolRow], grades: Sequence[str] = ("p1", "p2"), *, totals_row: bool = False
) -> bytes:
    """An XLSX whose grade headings are merged over their ชาย/หญิง/รวม/ห้อง cells; with
    ``totals_row``, a last row of sums whose four leading cells are empty, then a note."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet: Any = workbook.active
    sheet.append(["ข้อมูลนักเรียน ณ วันที่ 10 มิถุนายน 2568"])
    top: list[str] = list(LEADING)
    below: list[str] = ["", "", "", ""]
    for code in grades:
        top += [GRADE_BY_CODE[code].label, "", "", ""]
        below += ["ชาย", "หญิง", "รวม", "ห้อง"]
    sheet.append(top)
    sheet.append(below)
    for index in range(len(grades)):
        start = 5 + index * 4
        sheet.merge_cells(start_row=2, start_column=start, end_row=2, end_column=start + 3)
    for column in range(1, 5):
        sheet.merge_cells(start_row=2, start_column=column, end_row=3, end_column=column)
    for school in [*schools, totals(schools)] if totals_row else schools:
        row: list[object] = [school.area_code, school.area_name, school.smis_code, school.name]
        for code in grades:
            boys, girls, rooms = school.counts.get(code, (0, 0, 0))
            row += [boys, girls, boys + girls, rooms]
        sheet.append([cell or None for cell in row[:4]] + row[4:])
    if totals_row:
        sheet.append([])
        sheet.append(["ที่มา: ระบบจัดเก็บข้อมูลนักเรียนรายบุคคล (DMC)"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
