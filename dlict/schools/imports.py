"""Import a simple school list (CSV or XLSX): the three codes, names and address, and more.

Rows are matched to the registry by the 10-digit ministry code: a new code adds a school to the
importing office, a known code updates that school. A column left out of the file leaves that
field alone; a column present with an empty cell clears it (a blank province means the office's).
A school the students-by-grade export created has no ministry code: its row is matched by the
SMIS code. This module reads and checks; dlict.schools.services.school_bulk_upsert writes.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from itertools import islice
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dlict.core.imports import Column, Importer, Row
from dlict.core.tables import clean_number_text
from dlict.core.thai import thai_sort_key
from dlict.schools.models import (
    District,
    NetworkGroup,
    Province,
    School,
    SubDistrict,
    network_group_key,
    normalize_school_name,
)
from dlict.schools.services import PlannedSchool, audit_value, school_bulk_upsert
from dlict.schools.validators import (
    LATITUDE_RANGE,
    LONGITUDE_RANGE,
    ministry_code_validator,
    obec_code_validator,
    postcode_validator,
    smis_code_validator,
)

# Our export writes the labels, from the catalogue; they read back in Thai or English
# (Column.names). The aliases are the headings of other people's files (the ministry's, an
# office's own sheets), so they stay as those files spell them, Thai included, whatever the
# catalogue's words become.
COLUMNS: tuple[Column, ...] = (
    Column(
        "ministry_code",
        gettext_lazy("Ministry code"),
        ("รหัสกระทรวง", "รหัสโรงเรียน 10 หลัก", "รหัส 10 หลัก", "รหัสกระทรวง 10 หลัก", "school code"),
        required=True,
    ),
    Column(
        "smis_code",
        gettext_lazy("SMIS code"),
        ("รหัส SMIS", "รหัส SMIS 8 หลัก", "SMIS", "รหัสโรงเรียน 8 หลัก", "รหัส 8 หลัก"),
        required=True,
    ),
    Column(
        "obec_code",
        gettext_lazy("OBEC code"),
        ("รหัส OBEC", "รหัส OBEC 6 หลัก", "OBEC", "รหัส 6 หลัก", "percode", "รหัส percode"),
        required=True,
    ),
    Column(
        "name_th",
        gettext_lazy("School name"),
        ("ชื่อโรงเรียน", "ชื่อโรงเรียน (ภาษาไทย)", "ชื่อโรงเรียนภาษาไทย", "ชื่อสถานศึกษา", "โรงเรียน",
         "name", "name th"),
        required=True,
    ),
    Column(
        "name_en",
        gettext_lazy("Name in English"),
        ("ชื่อภาษาอังกฤษ", "ชื่อโรงเรียน (ภาษาอังกฤษ)", "ชื่อโรงเรียนภาษาอังกฤษ", "name en",
         "english name"),
    ),
    Column("address_line", gettext_lazy("Address"), ("ที่อยู่", "เลขที่", "ที่ตั้ง")),
    Column(
        "sub_district",
        gettext_lazy("Sub-district"),
        ("ตำบล", "ตำบล/แขวง", "แขวง", "subdistrict", "tambon"),
    ),
    Column("district", gettext_lazy("District"), ("อำเภอ", "อำเภอ/เขต", "เขต", "amphoe")),
    Column("province", gettext_lazy("Province"), ("จังหวัด",)),
    Column("postcode", gettext_lazy("Postcode"), ("รหัสไปรษณีย์", "zip code", "zip")),
    Column("network_group", gettext_lazy("Network group"), ("กลุ่มเครือข่าย", "เครือข่าย",
           "กลุ่มโรงเรียน")),
    Column("kind", gettext_lazy("Type"), ("ประเภท", "ประเภทโรงเรียน", "school type")),
    Column("size", gettext_lazy("Size"), ("ขนาด", "ขนาดโรงเรียน")),
    Column("dltv", gettext_lazy("DLTV"), ("ใช้ DLTV", "การใช้ DLTV", "dltv school")),
    Column("latitude", gettext_lazy("Latitude"), ("ละติจูด", "lat")),
    Column("longitude", gettext_lazy("Longitude"), ("ลองจิจูด", "long", "lng", "lon")),
    Column("phone", gettext_lazy("Phone"), ("โทรศัพท์", "เบอร์โทรศัพท์", "เบอร์โทร", "telephone")),
    Column("email", gettext_lazy("E-mail"), ("อีเมล", "email")),
    Column("website", gettext_lazy("Website"), ("เว็บไซต์", "web")),
    Column(
        "director_name",
        gettext_lazy("School director"),
        ("ผู้อำนวยการ", "ชื่อผู้อำนวยการ", "director"),
    ),
)  # fmt: skip

TRUE_WORDS = {"ใช่", "ใช้", "ใช้dltv", "มี", "yes", "y", "true", "1", "✓", "/", "x"}
FALSE_WORDS = {"", "ไม่", "ไม่ใช่", "ไม่ใช้", "ไม่จัด", "ไม่มี", "no", "n", "false", "0", "-"}
KIND_WORDS = {
    "ประถม": School.Kind.PRIMARY,
    "ประถมศึกษา": School.Kind.PRIMARY,
    "ขยายโอกาส": School.Kind.EXPANDED,
    "มัธยม": School.Kind.SECONDARY,
    "มัธยมศึกษา": School.Kind.SECONDARY,
    "การศึกษาพิเศษ": School.Kind.SPECIAL,
    "ศึกษาพิเศษ": School.Kind.SPECIAL,
    "ศึกษาสงเคราะห์": School.Kind.SPECIAL,
    "อื่นๆ": School.Kind.OTHER,
    "อื่น": School.Kind.OTHER,
}
SIZE_WORDS = {
    "เล็ก": School.Size.SMALL,
    "กลาง": School.Size.MEDIUM,
    "ใหญ่": School.Size.LARGE,
    "ใหญ่พิเศษ": School.Size.EXTRA_LARGE,
}
PLACE_PREFIXES = ("จังหวัด", "จ.", "อำเภอ", "กิ่งอำเภอ", "อ.", "ตำบล", "ต.", "แขวง")
FIELD_LABELS = {column.key: column.label for column in COLUMNS}
CHUNK = 500
PREVIEW_SAMPLES = 100  # rows shown before confirming; the counts cover them all


def _fold(text: str) -> str:
    return "".join(unicodedata.normalize("NFC", text).lower().split())


def _choice_key(text: str, words: Mapping[str, str]) -> str:
    """A folded choice as the words know it: the label as our export writes it ("ขนาดเล็ก (ไม่เกิน
    120 คน)"), or what people write by hand ("ขนาดเล็ก", "เล็ก", "เล็ก (ไม่เกิน 120 คน)")."""
    for candidate in (text, text.split("(")[0]):
        if candidate in words:
            return candidate
        if candidate.startswith("ขนาด") and candidate[4:] in words:
            return candidate[4:]
    return text


def _place_key(text: str) -> str:
    text = _fold(text)
    for prefix in PLACE_PREFIXES:
        if text.startswith(prefix) and len(text) > len(prefix):
            return text[len(prefix) :]
    return text


def _choice_words(choices: Iterable[tuple[str, Any]], extra: Mapping[str, str]) -> dict[str, str]:
    """Every way a choice may be written: its key, its English and Thai labels, the extras."""
    words = {_fold(key): key for key, _label in choices}
    for language in ("en", "th"):
        with translation.override(language):
            words |= {_fold(str(label)): key for key, label in choices}
    words |= {_fold(word): key for word, key in extra.items()}
    return words


@dataclass
class Plan:
    schools: list[PlannedSchool]
    new_groups: list[str]

    def counts(self) -> dict[str, int]:
        created = sum(1 for item in self.schools if item.school is None)
        updated = sum(1 for item in self.schools if item.school is not None and item.changes)
        return {
            "total_rows": len(self.schools),
            "created": created,
            "updated": updated,
            "unchanged": len(self.schools) - created - updated,
            "total_changes": created + updated,
        }


class Divisions:
    """Provinces, districts and sub-districts, looked up by their Thai names."""

    def __init__(self) -> None:
        self.provinces = {_place_key(p.name_th): p for p in Province.objects.all()}
        self.districts: dict[tuple[int, str], District] = {}
        for district in District.objects.all():
            self.districts[(district.province_id, _place_key(district.name_th))] = district
            if district.name_th.startswith("เขต"):  # Bangkok: "เขตพระนคร" also as "พระนคร"
                self.districts[(district.province_id, _fold(district.name_th[3:]))] = district
        self.sub_districts: dict[tuple[int, str], list[SubDistrict]] = defaultdict(list)
        for sub in SubDistrict.objects.all():
            self.sub_districts[(sub.district_id, _place_key(sub.name_th))].append(sub)


class SchoolListImporter(Importer):
    kind = "schools.import"
    columns = COLUMNS
    permission = "schools.import"
    template = "schools/_import_job.html"
    upload_url_name = "schools:import"

    def check_rows(self, rows: list[Row], progress: Callable[[int], None]) -> Plan:
        divisions = Divisions()
        kinds = _choice_words(School.Kind.choices, KIND_WORDS)
        sizes = _choice_words(School.Size.choices, SIZE_WORDS)
        existing = self._existing_schools(rows)
        groups = {
            network_group_key(g.name) for g in NetworkGroup.objects.filter(office=self.office)
        }
        new_groups: dict[str, str] = {}
        planned: list[PlannedSchool] = []
        seen: dict[tuple[str, str], int] = {}

        for done, row in enumerate(rows, start=1):
            values: dict[str, Any] = {}
            self._parse_codes(row, values)
            self._check_codes(row, values, seen, existing)
            school = self._registry_school(values, existing)
            if school is not None and school.ministry_code is None and not values["ministry_code"]:
                self._keep_codes_blank(row, values, school)
            self._parse_text(row, values)
            self._parse_place(row, values, divisions, school)
            self._parse_choices(row, values, kinds, sizes)
            self._parse_coordinates(row, values, school)
            self._parse_contacts(row, values)
            item = PlannedSchool(row=row.number, school=school, values=values)
            if row.has("network_group"):
                item.group_name = " ".join(row.get("network_group").split())
                key = network_group_key(item.group_name)
                if key and key not in groups:
                    new_groups.setdefault(key, item.group_name)
            item.changes = self._changes(item)
            planned.append(item)
            progress(done)
        return Plan(planned, sorted(new_groups.values(), key=thai_sort_key))

    def _check_codes(
        self,
        row: Row,
        values: dict[str, Any],
        seen: dict[tuple[str, str], int],
        existing: dict[str, dict[str, School]],
    ) -> None:
        """Each code once in the file, and not held by a school other than the row's own."""
        for key in ("ministry_code", "smis_code", "obec_code"):
            code = values[key]
            if not code:
                continue
            if (key, code) in seen:
                row.error(
                    key,
                    _("This code is already used on row %(row)d of the file.")
                    % {"row": seen[(key, code)]},
                )
            else:
                seen[(key, code)] = row.number
        school = self._registry_school(values, existing)
        if school is not None and school.office_id != self.office.pk:
            row.error("ministry_code", _("A school with this code belongs to another office."))
        for key in ("smis_code", "obec_code"):
            holder = existing[key].get(values[key])
            if holder is not None and holder != school:
                row.error(key, _("This code belongs to another school in the registry."))

    # A school the students-by-grade export created knows only its SMIS code, so the registry's
    # own export writes its ministry and OBEC codes blank. The list reads such a row back by its
    # SMIS code and leaves those codes blank; every other row needs its ministry code.
    reads_schools_without_ministry_code = True

    def _registry_school(
        self, values: dict[str, Any], existing: dict[str, dict[str, School]]
    ) -> School | None:
        if values["ministry_code"] or not self.reads_schools_without_ministry_code:
            return existing["ministry_code"].get(values["ministry_code"])
        holder = existing["smis_code"].get(values["smis_code"])
        return holder if holder is not None and holder.ministry_code is None else None

    def _keep_codes_blank(self, row: Row, values: dict[str, Any], school: School) -> None:
        blank = {"ministry_code"} | ({"obec_code"} if school.obec_code is None else set())
        blank = {key for key in blank if not values[key]}
        headings = {row.headings.get(key, key) for key in blank}
        row.errors = [error for error in row.errors if error.column not in headings]
        values.update(dict.fromkeys(blank))

    def _existing_schools(self, rows: list[Row]) -> dict[str, dict[str, School]]:
        """Schools already holding any code that appears in the file, by code."""
        found: dict[str, dict[str, School]] = {
            "ministry_code": {},
            "smis_code": {},
            "obec_code": {},
        }
        for key, registry in found.items():
            codes = sorted({_code(row.get(key)) for row in rows} - {""})
            for start in range(0, len(codes), CHUNK):
                chunk = codes[start : start + CHUNK]
                for school in School.objects.filter(**{f"{key}__in": chunk}).select_related(
                    "network_group", "province", "district", "sub_district"
                ):
                    registry[getattr(school, key)] = school
        # One object per school, so "holder != school" compares identities.
        by_pk: dict[int, School] = {}
        for registry in found.values():
            for code, school in list(registry.items()):
                registry[code] = by_pk.setdefault(school.pk, school)
        return found

    # -- one row ------------------------------------------------------------------------------
    def _parse_text(self, row: Row, values: dict[str, Any]) -> None:
        name = normalize_school_name(row.get("name_th"))
        if not name:
            row.error("name_th", _("The school's name is empty."))
        elif len(name) > 200:
            row.error("name_th", _("The name is longer than 200 characters."))
        values["name_th"] = name
        for key, limit in (("name_en", 200), ("address_line", 255), ("phone", 50),
                           ("director_name", 200)):  # fmt: skip
            if row.has(key):
                text = " ".join(row.get(key).split())
                if len(text) > limit:
                    row.error(
                        key, _("The text is longer than %(limit)d characters.") % {"limit": limit}
                    )
                values[key] = text

    def _parse_codes(self, row: Row, values: dict[str, Any]) -> None:
        for key, validator, digits in (
            ("ministry_code", ministry_code_validator, 10),
            ("smis_code", smis_code_validator, 8),
            ("obec_code", obec_code_validator, 6),
        ):
            raw = row.get(key)
            code = _code(raw)
            if not code:
                row.error(key, _("The code is empty."))
            elif "e+" in raw.lower():
                row.error(
                    key,
                    _(
                        "Excel turned the code into a number in scientific notation "
                        "(%(value)s). Format the column as text and type it again."
                    )
                    % {"value": raw},
                )
            else:
                try:
                    validator(code)
                except ValidationError:
                    row.error(
                        key,
                        _("“%(value)s” is not %(digits)d digits.")
                        % {"value": raw, "digits": digits},
                    )
            values[key] = code

    def _parse_place(
        self, row: Row, values: dict[str, Any], divisions: Divisions, school: School | None
    ) -> None:
        """Province, district, sub-district and postcode, each only when its column is there.

        A place is looked up inside the one above it: from the row when the file has that column,
        otherwise from the school's record (or the office's province for a new school).
        """
        province: Province | None = (school.province if school else None) or self.office.province
        if row.has("province"):
            if row.get("province"):
                province = divisions.provinces.get(_place_key(row.get("province")))
                if province is None:
                    row.error(
                        "province",
                        _("No province is called “%(name)s”.") % {"name": row.get("province")},
                    )
            values["province"] = province
        district = school.district if school else None
        if row.has("district"):
            district = None
            if row.get("district") and province is not None:
                district = divisions.districts.get((province.pk, _place_key(row.get("district"))))
                if district is None:
                    row.error(
                        "district",
                        _("%(province)s has no district called “%(name)s”.")
                        % {"province": province.name_th, "name": row.get("district")},
                    )
            values["district"] = district
            if district is not None:
                values["province"] = district.province
        postcode = clean_number_text(row.get("postcode"))
        if row.has("sub_district"):
            sub = self._find_sub_district(row, district, postcode, divisions)
            values["sub_district"] = sub
            if sub is not None and not row.has("postcode"):
                values["postcode"] = sub.postcode
        if row.has("postcode"):
            if postcode:
                try:
                    postcode_validator(postcode)
                except ValidationError:
                    row.error(
                        "postcode",
                        _("“%(value)s” is not a 5-digit postcode.")
                        % {"value": row.get("postcode")},
                    )
            sub = values.get("sub_district") or (school.sub_district if school else None)
            values["postcode"] = postcode or (sub.postcode if sub else "")

    def _find_sub_district(
        self, row: Row, district: District | None, postcode: str, divisions: Divisions
    ) -> SubDistrict | None:
        name = row.get("sub_district")
        if not name:
            return None
        if district is None:
            row.error("district", _("A sub-district needs its district."))
            return None
        candidates = divisions.sub_districts.get((district.pk, _place_key(name)), [])
        if postcode and len(candidates) > 1:  # two sub-districts of one name: the postcode decides
            candidates = [c for c in candidates if c.postcode == postcode] or candidates
        if not candidates:
            row.error(
                "sub_district",
                _("%(district)s has no sub-district called “%(name)s”.")
                % {"district": district.name_th, "name": name},
            )
            return None
        return candidates[0]

    def _parse_choices(
        self, row: Row, values: dict[str, Any], kinds: dict[str, str], sizes: dict[str, str]
    ) -> None:
        for key, words in (("kind", kinds), ("size", sizes)):
            if not row.has(key):
                continue
            text = _choice_key(_fold(row.get(key)), words)
            if text and text not in words:
                row.error(
                    key,
                    _("“%(value)s” is not one of: %(choices)s.")
                    % {"value": row.get(key), "choices": _choice_list(key)},
                )
            values[key] = words.get(text, "")
        if row.has("dltv"):
            text = _fold(row.get("dltv"))
            if text in TRUE_WORDS:
                values["dltv"] = True
            elif text in FALSE_WORDS:
                values["dltv"] = False
            else:
                row.error(
                    "dltv",
                    _("Write “ใช่” or “ไม่ใช่” (yes or no), not “%(value)s”.")
                    % {"value": row.get("dltv")},
                )

    def _parse_coordinates(self, row: Row, values: dict[str, Any], school: School | None) -> None:
        for key, (low, high) in (("latitude", LATITUDE_RANGE), ("longitude", LONGITUDE_RANGE)):
            if not row.has(key):
                continue
            text = clean_number_text(row.get(key))
            if not text:
                values[key] = None
                continue
            try:
                number = Decimal(text)
                if not number.is_finite():  # "NaN" and "Infinity" are Decimals, not places
                    raise InvalidOperation
                number = number.quantize(Decimal("0.000001"))
            except InvalidOperation:
                row.error(key, _("“%(value)s” is not a number.") % {"value": row.get(key)})
                continue
            if not low <= number <= high:
                row.error(
                    key,
                    _("%(value)s lies outside Thailand (%(low)s to %(high)s).")
                    % {"value": row.get(key), "low": low, "high": high},
                )
            values[key] = number
        if row.has("latitude") or row.has("longitude"):
            latitude = values.get("latitude", school.latitude if school else None)
            longitude = values.get("longitude", school.longitude if school else None)
            if (latitude is None) != (longitude is None):
                row.error("longitude", _("Give both latitude and longitude, or neither."))

    def _parse_contacts(self, row: Row, values: dict[str, Any]) -> None:
        if row.has("email"):
            email = row.get("email").strip()
            if email:
                try:
                    EmailValidator()(email)
                except ValidationError:
                    row.error(
                        "email", _("“%(value)s” is not an e-mail address.") % {"value": email}
                    )
            values["email"] = email
        if row.has("website"):
            url = row.get("website").strip()
            if url and "://" not in url:
                url = f"https://{url}"
            if url:
                try:
                    URLValidator(schemes=["http", "https"])(url)
                except ValidationError:
                    row.error(
                        "website",
                        _("“%(value)s” is not a web address.") % {"value": row.get("website")},
                    )
            values["website"] = url

    # -- comparing and writing -------------------------------------------------------------------
    def _changes(self, item: PlannedSchool) -> dict[str, tuple[str, str]]:
        changes: dict[str, tuple[str, str]] = {}
        for key, new in item.values.items():
            old = getattr(item.school, key) if item.school else None
            if item.school is None or _comparable(old) != _comparable(new):
                if item.school is None and new in (None, "", False):
                    continue
                changes[key] = (_display(key, old), _display(key, new))
                item.old_raw[key] = audit_value(old)
        if item.group_name is not None:
            old_group = (
                item.school.network_group.name if item.school and item.school.network_group else ""
            )
            if network_group_key(old_group) != network_group_key(item.group_name) and (
                item.school or item.group_name
            ):
                changes["network_group"] = (old_group, item.group_name)
                item.old_raw["network_group"] = audit_value(
                    item.school.network_group if item.school else None
                )
        return changes

    def preview(self, plan: Plan) -> dict[str, Any]:
        writes = (item for item in plan.schools if item.writes)
        samples = [
            {
                "row": item.row,
                "name": item.values.get("name_th", ""),
                "code": item.values.get("ministry_code", ""),
                "action": "create" if item.school is None else "update",
                "changes": [
                    [str(FIELD_LABELS.get(key, key)), old, new]
                    for key, (old, new) in item.changes.items()
                ],
            }
            for item in islice(writes, PREVIEW_SAMPLES)
        ]
        return {**plan.counts(), "new_groups": plan.new_groups, "samples": samples}

    def apply_plan(self, plan: Plan, progress: Callable[[int, int], None]) -> dict[str, Any]:
        counts = plan.counts()  # before writing: the write fills in the new schools
        school_bulk_upsert(
            office=self.office,
            # An import run from the console has no saved user to name in the trail.
            actor=self.user if getattr(self.user, "pk", None) else None,
            planned=plan.schools,
            new_groups=plan.new_groups,
            job_id=self.job.pk,
            progress=lambda done: progress(done, counts["total_changes"]),
        )
        return {**counts, "network_groups_created": len(plan.new_groups)}


def _code(text: str) -> str:
    return clean_number_text(text).replace("-", "")


def _comparable(value: Any) -> Any:
    if value is None:
        return ""
    if hasattr(value, "pk"):
        return value.pk
    if isinstance(value, Decimal):
        return value.normalize()
    return value


def _display(key: str, value: Any) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if key == "kind":
        return str(School.Kind(value).label)
    if key == "size":
        return str(School.Size(value).label)
    return str(value)


def _choice_list(key: str) -> str:
    choices = School.Kind.choices if key == "kind" else School.Size.choices
    return ", ".join(str(label) for _value, label in choices)
