"""Import the ministry data centre's (DMC) students-by-grade export.

One row per school: the area (office) code and name, the 8-digit school code and name, then for
each grade "<grade> ชาย", "<grade> หญิง", "รวม<grade>", "<grade> ห้อง", subtotals per level and
grand totals. Columns are found by their headings, on one header row or on two (a merged grade
heading above ชาย/หญิง/รวม/ห้อง). Every figure is checked: boys + girls = total, grades add up to the
level subtotals and to the grand totals. Nothing is written unless every row is right.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from itertools import islice
from pathlib import Path
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dlict.core.imports import Column, Importer, Row
from dlict.core.scoping import can, scope_of
from dlict.core.tables import Table, clean_number_text, normalize_header
from dlict.emis.grades import GRADES, LEVELS, grades_of
from dlict.emis.models import StudentCount
from dlict.emis.services import (
    NAME_LIMIT,
    NewOffice,
    Plan,
    PlannedSchool,
    student_counts_write,
)
from dlict.schools.models import Office, Province, School, normalize_school_name
from dlict.schools.validators import office_code_validator, smis_code_validator

PREVIEW_SAMPLES = 20
NOT_A_COUNT = gettext_lazy(
    "“%(value)s” is not a number of students or rooms (a whole number, 0 or more)."
)
FIGURES = ("boys", "girls", "total", "rooms")
FigurePicker = Callable[[str], bool]  # whether a column holds a figure that totals add up
# The columns below are the data centre's own headings, in Thai as its files write them: they are
# the file format, not words of ours, so they stay out of the catalogue (nothing exports them).
_SEX_WORDS = {"ชาย": "ชาย", "หญิง": "หญิง", "รวม": "รวม", "ห้อง": "ห้อง", "ห้องเรียน": "ห้อง"}


def _grade_columns() -> list[Column]:
    columns = []
    for grade in GRADES:
        g = grade.label
        columns += [
            Column(f"{grade.code}_boys", f"{g} ชาย", (f"ชาย {g}", f"{g} (ชาย)")),
            Column(f"{grade.code}_girls", f"{g} หญิง", (f"หญิง {g}", f"{g} (หญิง)")),
            Column(f"{grade.code}_total", f"รวม{g}", (f"{g} รวม", f"รวม {g}", f"{g} (รวม)")),
            Column(f"{grade.code}_rooms", f"{g} ห้อง", (f"ห้อง {g}", f"{g} ห้องเรียน")),
        ]
    for level in LEVELS:
        name = level.label
        columns += [
            Column(f"{level.code}_boys", f"รวม{name} ชาย", (f"รวม{level.long_label} ชาย",)),
            Column(f"{level.code}_girls", f"รวม{name} หญิง", (f"รวม{level.long_label} หญิง",)),
            Column(
                f"{level.code}_total", f"รวม{name}", (f"รวม{level.long_label}", f"รวม{name} รวม")
            ),
            Column(f"{level.code}_rooms", f"รวมห้อง{name}", (f"รวม{name} ห้อง", f"ห้อง{name}")),
        ]
    columns += [
        Column("all_boys", "รวมทั้งหมด ชาย", ("รวมทั้งสิ้น ชาย", "ชายทั้งหมด")),
        Column("all_girls", "รวมทั้งหมด หญิง", ("รวมทั้งสิ้น หญิง", "หญิงทั้งหมด")),
        Column("all_total", "รวมทั้งหมด", ("รวมทั้งสิ้น", "นักเรียนทั้งหมด", "รวมทั้งหมด รวม")),
        Column("all_rooms", "รวมห้องทั้งหมด", ("ห้องเรียนทั้งหมด", "รวมทั้งหมด ห้อง", "ห้องทั้งหมด")),
    ]
    return columns


COLUMNS = (
    Column("area_code", "รหัสเขต", ("รหัสเขตพื้นที่", "รหัสเขตพื้นที่การศึกษา", "รหัสสพท", "area code")),
    Column(
        "area_name",
        "ชื่อเขต",
        ("เขตพื้นที่", "เขตพื้นที่การศึกษา", "สำนักงานเขตพื้นที่การศึกษา", "ชื่อเขตพื้นที่การศึกษา", "สพท", "area"),
    ),
    Column(
        "smis_code",
        "รหัสโรงเรียน",
        ("รหัสโรงเรียน 8 หลัก", "รหัส SMIS", "รหัส SMIS 8 หลัก", "รหัสสถานศึกษา", "school code"),
        required=True,
    ),
    Column("name", "ชื่อโรงเรียน", ("โรงเรียน", "ชื่อสถานศึกษา", "school name"), required=True),
    *_grade_columns(),
)


def _valid(validator: Callable[[str], None], value: str) -> bool:
    try:
        validator(value)
    except ValidationError:
        return False
    return True


MAX_COUNT_DIGITS = 7  # no school, office or country counts ten million of anything


def parse_count(text: str) -> int | None:
    """A count from a cell: blank or "-" is 0; Thai numerals, thousands separators and a trailing
    ".0" (as Excel writes whole numbers) are read; anything else, or a number too long to be a
    count, is None."""
    if not text.isdecimal():
        text = clean_number_text(text).removesuffix(".0")
        if text in ("", "-"):
            return 0
    if not text.isdecimal() or len(text.lstrip("0")) > MAX_COUNT_DIGITS:
        return None
    return int(text)


def office_key(text: str) -> str:
    """An office's name as exports spell it in full or short: สำนักงานเขตพื้นที่การศึกษาประถมศึกษา
    เชียงใหม่ เขต 1 = สพป.เชียงใหม่ เขต 1."""
    name = normalize_header(text)
    for long, short in (
        ("สำนักงานเขตพื้นที่การศึกษาประถมศึกษา", "สพป"),
        ("สำนักงานเขตพื้นที่การศึกษามัธยมศึกษา", "สพม"),
    ):
        if name.startswith(long):
            name = short + name[len(long) :]
    return clean_number_text(name)


def source_name(job: Any) -> str:
    """The uploaded file's name, or the name of the file given to the console command."""
    name = getattr(job, "input_name", "") or getattr(getattr(job, "input_file", None), "path", "")
    return Path(str(name)).name if name else ""


class StudentCountImporter(Importer):
    kind = "emis.students"
    columns = COLUMNS
    permission = "emis.import"
    template = "emis/_import_job.html"
    upload_url_name = "emis:import-students"

    def __init__(self, *, job: Any) -> None:
        super().__init__(job=job)
        self.academic_year = int(job.params["academic_year"])
        self.data_round = int(job.params["data_round"])
        self.create_schools = bool(job.params.get("create_schools"))

    # -- reading ---------------------------------------------------------------------------------
    def prepare_table(self, table: Table) -> Table:
        """Headings on two rows: the grade merged above its ชาย/หญิง/รวม/ห้อง cells. Join them into
        one heading per column ("อ.1 ชาย") and drop the second row."""
        if not table.rows:
            return table
        number, below = table.rows[0]
        words = [_SEX_WORDS.get(normalize_header(cell)) for cell in below]
        if sum(1 for word in words if word) < 3:
            return table
        headers, above = [], ""
        for index, heading in enumerate(table.headers):
            if heading.strip():
                above = heading.strip()
            word = words[index] if index < len(words) else None
            if word is None:
                headers.append(heading)
            elif word == "รวม":
                headers.append(above if above.startswith("รวม") else f"รวม{above}")
            else:
                headers.append(f"{above} {word}")
        return Table(headers=headers, header_row=number, rows=table.rows[1:], source=table.source)

    # -- checking --------------------------------------------------------------------------------
    def check_rows(self, rows: list[Row], progress: Callable[[int], None]) -> Plan:
        plan = Plan()
        present = set(rows[0].cells) if rows else set()
        plan.grades = [g.code for g in GRADES if f"{g.code}_boys" in present]
        if not plan.grades:
            rows[0].error("smis_code", _("The file has no grade columns (such as “อ.1 ชาย”)."))
            return plan
        offices = _Offices(self.user, self.office)
        schools = {
            s.smis_code: s
            for s in School.objects.filter(
                smis_code__in=[clean_number_text(r.get("smis_code")) for r in rows]
            ).select_related("office")
        }
        seen: dict[str, int] = {}
        totals = trailing_totals_row(
            rows, labels=_LEADING_KEYS, codes=("smis_code",), figures=_is_figure
        )
        sums = ColumnSums(
            labels=("smis_code", "name", "area_code", "area_name"), figures=_is_figure
        )
        for done, row in enumerate(rows, start=1):
            item = (
                None if row is totals else self._check_row(row, plan, offices, schools, seen, sums)
            )
            if item is not None:
                plan.schools.append(item)
            if done % 500 == 0:
                progress(done)
        if totals is not None:
            sums.check(totals)
        plan.new_offices = offices.new
        plan.stored = self._stored([item.school for item in plan.schools if item.school])
        return plan

    def _check_row(
        self,
        row: Row,
        plan: Plan,
        offices: _Offices,
        schools: dict[str, School],
        seen: dict[str, int],
        sums: ColumnSums,
    ) -> PlannedSchool | None:
        code = clean_number_text(row.get("smis_code"))
        name = normalize_school_name(row.get("name"))
        no_code = not code or code.startswith("รวม")
        if no_code and _is_totals_or_blank(row, name):
            if _has_figures(row):  # a subtotal: of one office, in a file of several
                sums.subtotal()
            return None  # or a blank line, or a note under the table
        numbers = self._numbers(row)
        sums.add(numbers)
        if no_code:
            row.error("smis_code", _("The school code is empty."))
            return None
        if not _valid(smis_code_validator, code):
            row.error(
                "smis_code", _("“%(value)s” is not an 8-digit school code.") % {"value": code}
            )
            return None
        if code in seen:
            row.error(
                "smis_code",
                _("School %(code)s appears twice (also on row %(row)d).")
                % {"code": code, "row": seen[code]},
            )
            return None
        seen[code] = row.number
        counts = {}
        for grade in plan.grades:
            boys, girls = numbers.get(f"{grade}_boys", 0), numbers.get(f"{grade}_girls", 0)
            total = numbers.get(f"{grade}_total")
            if (
                total is not None
                and boys is not None
                and girls is not None
                and boys + girls != total
            ):
                row.error(
                    f"{grade}_total",
                    _("Boys %(boys)d + girls %(girls)d = %(sum)d, but the total says %(total)d.")
                    % {"boys": boys, "girls": girls, "sum": boys + girls, "total": total},
                )
            counts[grade] = (boys or 0, girls or 0, numbers.get(f"{grade}_rooms") or 0)
        self._check_sums(row, numbers, counts)
        area_code = clean_number_text(row.get("area_code"))
        area_name = row.get("area_name").strip()
        school = schools.get(code)
        office = offices.resolve(row, area_code, area_name, school, self.create_schools)
        if school is None and not self.create_schools and office is not False:
            row.error(
                "smis_code",
                _(
                    "School %(code)s (%(name)s) is not in the registry. "
                    "Choose “create new schools” to add it from the file."
                )
                % {"code": code, "name": name},
            )
        if school is None and self.create_schools and not 0 < len(name) <= NAME_LIMIT:
            row.error(
                "name",
                _("A new school needs its name, of at most %(limit)d characters.")
                % {"limit": NAME_LIMIT},
            )
        if isinstance(office, bool):  # refused; the resolver said why
            return None
        return PlannedSchool(
            row=row.number,
            smis_code=code,
            name=name,
            office=office,
            area_code=area_code,
            area_name=area_name,
            school=school,
            counts=counts,
        )

    def _numbers(self, row: Row) -> dict[str, int | None]:
        """Every figure of the row; a blank cell is 0, anything else must be a whole number."""
        numbers: dict[str, int | None] = {}
        for key in row.cells:
            if key in _LEADING_KEYS:
                continue
            numbers[key] = parse_count(row.get(key))
            if numbers[key] is None:
                row.error(key, NOT_A_COUNT % {"value": row.get(key)})
        return numbers

    def _check_sums(
        self, row: Row, numbers: dict[str, int | None], counts: dict[str, tuple[int, int, int]]
    ) -> None:
        """The students of the grades add up to each level's subtotal and to the grand totals.
        Classrooms are not summed: a class of two grades in one room is counted in each."""
        groups = [(level.code, [g.code for g in grades_of(level.code)]) for level in LEVELS]
        groups.append(("all", list(counts)))
        for prefix, grades in groups:
            present = [g for g in grades if g in counts]
            sums = {
                "boys": sum(counts[g][0] for g in present),
                "girls": sum(counts[g][1] for g in present),
                "total": sum(counts[g][0] + counts[g][1] for g in present),
            }
            for figure, expected in sums.items():
                stated = numbers.get(f"{prefix}_{figure}")
                if stated is not None and f"{prefix}_{figure}" in row.cells and stated != expected:
                    row.error(
                        f"{prefix}_{figure}",
                        _("The grades add up to %(sum)d, but this total says %(stated)d.")
                        % {"sum": expected, "stated": stated},
                    )

    def _stored(self, schools: list[School]) -> dict[tuple[str, str], tuple[int, int, int]]:
        by_pk = {school.pk: school.smis_code for school in schools}
        stored = {}
        rows = StudentCount.objects.filter(
            academic_year=self.academic_year, data_round=self.data_round
        ).values_list("school_id", "grade", "boys", "girls", "rooms")
        if len(by_pk) < 5000:  # beyond that, one pass over the round is cheaper than IN (...)
            rows = rows.filter(school_id__in=list(by_pk))
        for school_id, grade, boys, girls, rooms in rows.iterator(chunk_size=5000):
            if school_id in by_pk:
                stored[(by_pk[school_id], grade)] = (boys, girls, rooms)
        return stored

    # -- preview and writing ---------------------------------------------------------------------
    def preview(self, plan: Plan) -> dict[str, Any]:
        changed_schools, changed_rows = plan.changes()
        new = [item for item in plan.schools if item.school is None]
        return {
            "total_rows": len(plan.schools),
            "academic_year": self.academic_year,
            "data_round": self.data_round,
            "schools": len(plan.schools),
            "students": sum(item.students for item in plan.schools),
            "new_schools": len(new),
            "new_offices": [f"{o.code} {o.name}" for o in plan.new_offices.values()],
            "changed_schools": changed_schools,
            "changed_rows": changed_rows,
            "total_changes": changed_rows + len(new),
            "samples": [
                {"row": item.row, "code": item.smis_code, "name": item.name}
                for item in islice(new, PREVIEW_SAMPLES)
            ],
            "grades": [g.label for g in GRADES if g.code in plan.grades],
        }

    def apply_plan(self, plan: Plan, progress: Callable[[int, int], None]) -> dict[str, Any]:
        changed_schools, changed_rows = plan.changes()
        created = student_counts_write(
            plan=plan,
            academic_year=self.academic_year,
            data_round=self.data_round,
            actor=self.user,
            job=self.job,
            file_name=source_name(self.job),
            progress=progress,
        )
        return {
            "schools": len(plan.schools),
            "students": sum(item.students for item in plan.schools),
            "created_schools": created["schools"],
            "created_offices": created["offices"],
            "changed_schools": changed_schools,
            "changed_rows": changed_rows,
            "academic_year": self.academic_year,
            "data_round": self.data_round,
        }


def _is_totals_or_blank(row: Row, name: str) -> bool:
    labels = (name, row.get("smis_code"), row.get("area_code"), row.get("area_name"))
    if any(label.strip().startswith("รวม") for label in labels):
        return True
    return not name and not _has_figures(row)


_LEADING_KEYS = ("area_code", "area_name", "smis_code", "name")


def _has_figures(row: Row) -> bool:
    return any(value.strip() for key, value in row.cells.items() if key not in _LEADING_KEYS)


def trailing_totals_row(
    rows: list[Row], *, labels: tuple[str, ...], codes: tuple[str, ...], figures: FigurePicker
) -> Row | None:
    """The export's totals row: its last row of figures, when that row names no school. The
    data centre writes "รวม" in it, or leaves the area and school cells all blank; blank lines
    and a note on the source may follow it."""
    for row in reversed(rows):
        if not any(row.get(key).strip() for key in row.cells if figures(key)):
            continue
        if any(_is_code(row.get(key)) for key in codes):
            return None
        texts = [row.get(key).strip() for key in labels]
        if not any(texts) or any(text.startswith("รวม") for text in texts):
            return row
        return None
    return None


def _is_code(text: str) -> bool:
    code = clean_number_text(text)
    return bool(code) and not code.startswith("รวม")


def _is_figure(key: str) -> bool:
    return key not in _LEADING_KEYS


class ColumnSums:
    """Each figure column summed over the school rows, to check the totals row against: over the
    whole file, and since the last subtotal (a file of several offices may close each with its
    own "รวม" row, and end with the last one's)."""

    def __init__(self, *, labels: tuple[str, ...], figures: FigurePicker) -> None:
        self.labels = labels  # the cells that name a row's school
        self.figures = figures
        self.all: dict[str, int] = defaultdict(int)
        self.at_subtotal: dict[str, int] = {}

    def add(self, numbers: dict[str, int | None]) -> None:
        for key, value in numbers.items():
            if value:
                self.all[key] += value

    def subtotal(self) -> None:
        self.at_subtotal = dict(self.all)

    def check(self, row: Row) -> None:
        """Every figure the totals row states equals the sum of the schools above it; each that
        does not is an error of its column, with both numbers."""
        stated: dict[str, int] = {}
        for key, text in row.cells.items():
            if not self.figures(key) or not text.strip():
                continue
            value = parse_count(text)
            if value is None:
                row.error(key, NOT_A_COUNT % {"value": text})
            else:
                stated[key] = value
        since = {key: total - self.at_subtotal.get(key, 0) for key, total in self.all.items()}
        if self.at_subtotal and all(since.get(k, 0) == v for k, v in stated.items()):
            return
        differ = {key: value for key, value in stated.items() if self.all.get(key, 0) != value}
        for key, found in differ.items():
            row.error(
                key,
                _("The schools above add up to %(expected)d, but the totals row says %(found)d.")
                % {"expected": self.all.get(key, 0), "found": found},
            )
        if differ and not any(row.get(key).strip() for key in self.labels):
            row.error(
                self.labels[0],
                _(
                    "This row has no school code or name, so it is read as the file's totals "
                    "row. If it is a school, give its code."
                ),
            )


class _Offices:
    """Which office each row's area is: by the area code, else by its name; the importing office
    when the file has no area columns. A row may only land in an office the user imports into."""

    def __init__(self, user: Any, office: Office | None) -> None:
        self.user = user
        self.default = office
        self.national = scope_of(user).national
        everything = list(Office.objects.all())
        self.by_code = {o.code: o for o in everything}
        self.by_name = {office_key(o.name_th): o for o in everything}
        self.new: dict[str, NewOffice] = {}
        # Longest names first, so ลำพูน is not taken for a province whose name it contains.
        self.provinces = sorted(
            ((normalize_header(p.name_th), p) for p in Province.objects.all()),
            key=lambda pair: -len(pair[0]),
        )

    def _unknown(self, row: Row, code: str, name: str) -> Literal[False]:
        row.error(
            "area_code" if code else "area_name",
            _("No office has the code or name “%(area)s”.") % {"area": code or name},
        )
        return False

    def _new_office(self, row: Row, code: str, name: str) -> bool | None:
        """An office the file names and the registry lacks: created with the file's code and
        name, in the province its name says (สพป.เชียงใหม่ เขต 1 is in Chiang Mai)."""
        if code in self.new:
            return None
        folded = normalize_header(name)
        province = next((p for key, p in self.provinces if key in folded), None)
        if not (code and name) or province is None or not _valid(office_code_validator, code):
            row.error(
                "area_name",
                _(
                    "A new office needs its code (digits) and a name that says its province, "
                    "such as “สพป.เชียงใหม่ เขต 1”."
                ),
            )
            return False
        level = (
            Office.Level.SECONDARY if office_key(name).startswith("สพม") else Office.Level.PRIMARY
        )
        self.new[code] = NewOffice(code=code, name=name, province_id=province.pk, level=level)
        return None

    def resolve(
        self, row: Row, code: str, name: str, school: School | None, create: bool
    ) -> Office | bool | None:
        """The row's office; None for a new office the import creates; False when refused."""
        office = self.by_code.get(code) if code else None
        if office is None and name:
            office = self.by_name.get(office_key(name))
        if office is None and not code and not name:
            office = school.office if school is not None else self.default
        if office is None:
            # Only a new school may bring a new office; a known school's row must name its own.
            if create and self.national and school is None:
                return self._new_office(row, code, name)
            return self._unknown(row, code, name)
        if self.default is not None and office.pk != self.default.pk:
            row.error(
                "area_code",
                _("This row belongs to %(office)s, not to the office you are importing for.")
                % {"office": office.name_th},
            )
            return False
        if not can(self.user, "emis.import", office_id=office.pk):
            row.error(
                "area_code",
                _("You may not import figures for %(office)s.") % {"office": office.name_th},
            )
            return False
        if school is not None and school.office_id != office.pk:
            row.error(
                "smis_code",
                _("School %(code)s belongs to %(office)s in the registry.")
                % {"code": school.smis_code, "office": school.office.name_th},
            )
            return False
        return office
