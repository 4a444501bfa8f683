"""Import the data centre's school-information export (about 160 columns, one row per school).

What the registry holds (codes, names, address, coordinates, DLTV use, type, network group) is
checked and written exactly as the school-list import does it, matched by the 10-digit ministry
code; staff, computers, internet and electricity go to each school's profile, and the whole row
is kept in the profile's ``data`` so no column of the export is lost. One office's export at a
time, as the data centre hands them out; rows of another area are refused.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import IO, Any

from django.utils.translation import gettext as _

from dlict.core.imports import Column, Row
from dlict.core.tables import Table, clean_number_text
from dlict.emis.imports import (
    ColumnSums,
    office_key,
    parse_count,
    source_name,
    trailing_totals_row,
)
from dlict.emis.models import SchoolProfile
from dlict.emis.services import (
    NewOffice,
    SchoolInfoPlan,
    office_create,
    school_info_write,
    school_profile_changes,
)
from dlict.schools.imports import COLUMNS as SCHOOL_COLUMNS
from dlict.schools.imports import Plan, SchoolListImporter, _code

# The export writes the codes under its own headings, and leaves the SMIS and OBEC codes out of
# some years' files: only the ministry code is required here.
_CODE_ALIASES = {
    "ministry_code": ("รหัสโรงเรียน 10 หลัก", "รหัสสถานศึกษา 10 หลัก", "รหัสโรงเรียน (10 หลัก)"),
    "smis_code": ("รหัสโรงเรียน 8 หลัก", "รหัส SMIS (8 หลัก)"),
    "obec_code": ("รหัส percode", "รหัสโรงเรียน 6 หลัก"),
    "dltv": ("การจัดการเรียนการสอน DLTV", "จัดการเรียนการสอนทางไกล DLTV", "DLTV"),
    "network_group": ("กลุ่มเครือข่ายโรงเรียน", "ชื่อกลุ่มเครือข่าย"),
    "kind": ("ประเภทสถานศึกษา",),
    "director_name": ("ชื่อผู้บริหาร", "ชื่อ-สกุล ผู้อำนวยการ"),
}
_REGISTRY = (
    *(
        replace(
            column,
            required=column.key in ("ministry_code", "name_th"),
            aliases=(*column.aliases, *_CODE_ALIASES.get(column.key, ())),
        )
        for column in SCHOOL_COLUMNS
        if column.key != "director_name"  # the export's ผู้อำนวยการ column counts directors
    ),
    Column("director_name", "ชื่อผู้อำนวยการ", _CODE_ALIASES["director_name"]),
)
# Figures of the school's profile: model field → column. Like the codes' aliases above, these are
# the data centre's headings, in Thai as its file writes them, not words of ours to translate.
PROFILE_COLUMNS = (
    Column("directors", "จำนวนผู้อำนวยการ", ("ผู้อำนวยการ (คน)", "ผอ.")),
    Column("deputies", "จำนวนรองผู้อำนวยการ", ("รองผู้อำนวยการ", "รองผู้อำนวยการ (คน)", "รอง ผอ.")),
    Column("teachers", "จำนวนครู", ("ครู", "ข้าราชการครู", "ครู (คน)", "จำนวนข้าราชการครู")),
    Column("students", "จำนวนนักเรียน", ("นักเรียนทั้งหมด", "นักเรียน", "นักเรียน (คน)")),
    Column("rooms", "จำนวนห้องเรียน", ("ห้องเรียน", "ห้องเรียนทั้งหมด")),
    Column("computers_teaching", "คอมพิวเตอร์เพื่อการเรียนการสอน",
           ("คอมพิวเตอร์ใช้ในการเรียนการสอน", "คอมพิวเตอร์ (การเรียนการสอน)")),
    Column("computers_admin", "คอมพิวเตอร์เพื่อการบริหารจัดการ",
           ("คอมพิวเตอร์เพื่อการบริหาร", "คอมพิวเตอร์ (บริหารจัดการ)")),
    Column("computers_government", "คอมพิวเตอร์งบประมาณรัฐ",
           ("คอมพิวเตอร์ งบ สพฐ.", "คอมพิวเตอร์จากงบประมาณ")),
    Column("computers_other", "คอมพิวเตอร์งบอื่น", ("คอมพิวเตอร์ บริจาค/อื่นๆ", "คอมพิวเตอร์จากแหล่งอื่น")),
)  # fmt: skip
TEXT_COLUMNS = (
    Column("internet", "การเชื่อมต่ออินเทอร์เน็ต", ("อินเทอร์เน็ต", "ระบบอินเทอร์เน็ต", "internet")),
    Column("electricity", "ระบบไฟฟ้า", ("ไฟฟ้า", "การใช้ไฟฟ้า")),
)
AREA_COLUMNS = (
    Column("area_code", "รหัสเขต", ("รหัสเขตพื้นที่", "รหัสเขตพื้นที่การศึกษา", "รหัสสพท")),
    Column("area_name", "ชื่อเขต", ("เขตพื้นที่", "เขตพื้นที่การศึกษา", "สำนักงานเขตพื้นที่การศึกษา",
                                    "ชื่อเขตพื้นที่การศึกษา", "สพท")),
)  # fmt: skip
COLUMNS = (*_REGISTRY, *PROFILE_COLUMNS, *TEXT_COLUMNS, *AREA_COLUMNS)
# Columns about a person (a director's mobile, an e-mail, an ID number) are not kept with the
# profile's copy of the row: the registry keeps what the office needs, and nothing more (PDPA).
PERSONAL_WORDS = ("โทร", "มือถือ", "อีเมล", "mail", "ชื่อผู้", "ชื่อ-สกุล", "ชื่อ - สกุล",
                  "เลขประจำตัว", "เลขบัตร", "line")  # fmt: skip


class SchoolInfoImporter(SchoolListImporter):
    kind = "emis.schools"
    columns = COLUMNS
    permission = "emis.import"
    template = "emis/_school_info_job.html"
    upload_url_name = "emis:import-schools"
    # The data centre's file always carries the ministry code; the profiles are kept by it.
    reads_schools_without_ministry_code = False

    def __init__(self, *, job: Any) -> None:
        super().__init__(job=job)
        self.create_schools = bool(job.params.get("create_schools"))
        self.source = source_name(job)
        self.raw: dict[int, dict[str, str]] = {}
        self.profiles: dict[str, dict[str, Any]] = {}

    def read(self, handle: IO[bytes]) -> tuple[Table, list[Row]]:
        table, rows = super().read(handle)
        # The whole row, every column by its heading, for the profile's data.
        headers = [heading.strip() or f"column {table.column_letter(i)}"
                   for i, heading in enumerate(table.headers)]  # fmt: skip
        self.raw = {
            number: {h: cell for h, cell in zip(headers, cells, strict=False) if cell.strip()}
            for number, cells in table.rows
        }
        return table, rows

    def _parse_codes(self, row: Row, values: dict[str, Any]) -> None:
        """The ministry code as the list import checks it; the SMIS and OBEC codes only when the
        row gives them (a blank one leaves the registry's code alone)."""
        super()._parse_codes(row, values)
        for key in ("smis_code", "obec_code"):
            if not _code(row.get(key)):
                row.errors = [e for e in row.errors if e.column != row.headings.get(key, key)]

    def _check_codes(
        self,
        row: Row,
        values: dict[str, Any],
        seen: dict[tuple[str, str], int],
        existing: dict[str, dict[str, Any]],
    ) -> None:
        # A school the students export created knows its SMIS code only: this row, with the same
        # SMIS code and its ministry code, completes it instead of adding a second school.
        code, smis = values.get("ministry_code"), values.get("smis_code")
        holder = existing["smis_code"].get(smis) if smis else None
        if (
            code
            and code not in existing["ministry_code"]
            and holder is not None
            and holder.ministry_code is None
            and holder.office_id == self.office.pk
        ):
            existing["ministry_code"][code] = holder
        super()._check_codes(row, values, seen, existing)
        for key in ("smis_code", "obec_code"):
            if not values.get(key):
                values.pop(key, None)

    def check_rows(self, rows: list[Row], progress: Callable[[int], None]) -> Plan:
        # A line that names no school and states no figure is a blank line or a note on the
        # source; the last row of figures that names no school is the export's totals row.
        rows = [row for row in rows if _names_a_school(row) or _has_figures(row)]
        totals = trailing_totals_row(rows, labels=_LABELS, codes=_CODES, figures=_is_figure)
        rows = [row for row in rows if row is not totals and not _is_totals_row(row)]
        for row in rows:
            self._check_area(row)
        plan = super().check_rows(rows, progress)
        for row, item in zip(rows, plan.schools, strict=True):
            if item.school is None and self.create_schools and not item.values.get("smis_code"):
                row.error(
                    "ministry_code",
                    _("A new school needs its 8-digit SMIS code; the file has none for it."),
                )
            if item.school is None and not self.create_schools:
                row.error(
                    "ministry_code",
                    _("School %(code)s is not in the registry. Choose “create new schools” "
                      "to add it from the file.") % {"code": item.values.get("ministry_code")},
                )  # fmt: skip
            self.profiles[item.values["ministry_code"]] = self._profile(row)
        if totals is not None:
            sums = ColumnSums(labels=_LABELS, figures=_is_figure)
            for row in rows:
                sums.add(
                    {column.key: parse_count(row.get(column.key)) for column in PROFILE_COLUMNS}
                )
            sums.check(totals)
        return plan

    def _check_area(self, row: Row) -> None:
        code = clean_number_text(row.get("area_code"))
        name = row.get("area_name").strip()
        if code and code != self.office.code:
            named = code
        elif not code and name and office_key(name) != office_key(self.office.name_th):
            named = name
        else:
            return
        row.error(
            "area_code" if code else "area_name",
            _("This row belongs to %(area)s, not to %(office)s. Import each office's file on its "
              "own.") % {"area": named, "office": self.office.name_th},
        )  # fmt: skip

    def _profile(self, row: Row) -> dict[str, Any]:
        figures: dict[str, Any] = {}
        for column in PROFILE_COLUMNS:
            if not row.has(column.key):
                continue
            count = parse_count(row.get(column.key))
            if count is not None:
                figures[column.key] = count
            else:
                row.error(
                    column.key,
                    _("“%(value)s” is not a count (a whole number, 0 or more).")
                    % {"value": row.get(column.key)},
                )
        for column in TEXT_COLUMNS:
            if row.has(column.key):
                figures[column.key] = " ".join(row.get(column.key).split())[:200]
        figures["data"] = {
            heading: value
            for heading, value in self.raw.get(row.number, {}).items()
            if not any(word in heading.lower() for word in PERSONAL_WORDS)
        }
        return figures

    def _profile_changes(
        self, plan: Plan
    ) -> tuple[list[SchoolProfile], list[SchoolProfile], set[str]]:
        schools = {item.values["ministry_code"]: item.school for item in plan.schools}
        return school_profile_changes(
            figures=[(schools.get(code), values) for code, values in self.profiles.items()],
            source=self.source,
        )

    def preview(self, plan: Plan) -> dict[str, Any]:
        preview = super().preview(plan)
        new, changed, _fields = self._profile_changes(plan)
        preview["profiles"] = len(new) + len(changed)
        preview["total_changes"] = preview["total_changes"] + len(new) + len(changed)
        return preview

    def apply_plan(self, plan: Plan, progress: Callable[[int, int], None]) -> dict[str, Any]:
        counts = plan.counts()  # before writing: the write fills in the new schools
        written = school_info_write(
            office=self.office,
            plan=SchoolInfoPlan(
                registry=plan.schools, new_groups=plan.new_groups, profiles=self.profiles
            ),
            # An import run from the console has no saved user to name in the trail.
            actor=self.user if getattr(self.user, "pk", None) else None,
            job=self.job,
            file_name=self.source,
            progress=lambda done: progress(done, counts["total_changes"]),
        )
        return {
            **counts,
            "network_groups_created": len(plan.new_groups),
            "profiles": written["profiles_created"] + written["profiles_changed"],
            "students": written["students"],
        }


_LABELS = ("ministry_code", "smis_code", "name_th", "area_code", "area_name")
_CODES = ("ministry_code", "smis_code")
_FIGURES = frozenset(column.key for column in PROFILE_COLUMNS)


def _is_figure(key: str) -> bool:
    return key in _FIGURES


def _has_figures(row: Row) -> bool:
    return any(row.get(key).strip() for key in _FIGURES)


def _names_a_school(row: Row) -> bool:
    return any(row.get(key).strip() for key in ("ministry_code", "smis_code", "name_th"))


def _is_totals_row(row: Row) -> bool:
    return not _code(row.get("ministry_code")) and row.get("name_th").strip().startswith("รวม")


def area_office(rows: list[Row], *, create: bool) -> Any:
    """The one office a file's rows name (for the command, which is not told the office); None
    when they name none or several."""
    from dlict.core.command_imports import operator
    from dlict.emis.imports import _Offices
    from dlict.schools.models import Office

    areas = {
        (clean_number_text(row.get("area_code")), row.get("area_name").strip())
        for row in rows
        if _names_a_school(row) and not _is_totals_row(row)
    }
    if len(areas) != 1:
        return None
    ((code, name),) = areas
    offices = _Offices(operator(), None)
    found = offices.resolve(rows[0], code, name, None, create)
    if isinstance(found, Office):
        return found
    new: NewOffice | None = offices.new.get(code)
    if found is None and new is not None:
        return office_create(new=new)
    return None
