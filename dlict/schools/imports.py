"""Import a simple school list (CSV or XLSX): the three codes, names and address, and more.

Rows are matched to the registry by the 10-digit ministry code: a new code adds a school to the
importing office, a known code updates that school. A column left out of the file leaves that
field alone; a column present with an empty cell clears it.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from dlict.core.imports import Column, Importer, Row
from dlict.core.models import AuditEntry
from dlict.core.tables import clean_number_text
from dlict.core.thai import thai_sort_key
from dlict.schools.models import District, NetworkGroup, Province, School, SubDistrict
from dlict.schools.validators import (
    LATITUDE_RANGE,
    LONGITUDE_RANGE,
    ministry_code_validator,
    obec_code_validator,
    postcode_validator,
    smis_code_validator,
)

COLUMNS = (
    Column("ministry_code", "รหัสกระทรวง", ("รหัสโรงเรียน 10 หลัก", "รหัส 10 หลัก",
           "รหัสกระทรวง 10 หลัก", "ministry code", "school code"), required=True),
    Column("smis_code", "รหัส SMIS", ("รหัส SMIS 8 หลัก", "SMIS", "รหัสโรงเรียน 8 หลัก",
           "รหัส 8 หลัก", "SMIS code"), required=True),
    Column("obec_code", "รหัส OBEC", ("รหัส OBEC 6 หลัก", "OBEC", "รหัส 6 หลัก", "percode",
           "รหัส percode", "OBEC code"), required=True),
    Column("name_th", "ชื่อโรงเรียน", ("ชื่อโรงเรียน (ภาษาไทย)", "ชื่อโรงเรียนภาษาไทย",
           "ชื่อสถานศึกษา", "โรงเรียน", "name", "name th", "school name"), required=True),
    Column("name_en", "ชื่อภาษาอังกฤษ", ("ชื่อโรงเรียน (ภาษาอังกฤษ)", "ชื่อโรงเรียนภาษาอังกฤษ",
           "name en", "english name")),
    Column("address_line", "ที่อยู่", ("เลขที่", "ที่ตั้ง", "address")),
    Column("sub_district", "ตำบล", ("ตำบล/แขวง", "แขวง", "sub-district", "subdistrict", "tambon")),
    Column("district", "อำเภอ", ("อำเภอ/เขต", "เขต", "district", "amphoe")),
    Column("province", "จังหวัด", ("province",)),
    Column("postcode", "รหัสไปรษณีย์", ("postcode", "zip code", "zip")),
    Column("network_group", "กลุ่มเครือข่าย", ("เครือข่าย", "กลุ่มโรงเรียน", "network group")),
    Column("kind", "ประเภท", ("ประเภทโรงเรียน", "type", "school type")),
    Column("size", "ขนาด", ("ขนาดโรงเรียน", "size")),
    Column("dltv", "DLTV", ("ใช้ DLTV", "การใช้ DLTV", "dltv school")),
    Column("latitude", "ละติจูด", ("latitude", "lat")),
    Column("longitude", "ลองจิจูด", ("longitude", "long", "lng", "lon")),
    Column("phone", "โทรศัพท์", ("เบอร์โทรศัพท์", "เบอร์โทร", "phone", "telephone")),
    Column("email", "อีเมล", ("e-mail", "email")),
    Column("website", "เว็บไซต์", ("website", "web")),
    Column("director_name", "ผู้อำนวยการ", ("ชื่อผู้อำนวยการ", "director")),
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
NAME_PREFIXES = ("โรงเรียน", "รร.")
FIELD_LABELS = {column.key: column.label for column in COLUMNS}
CHUNK = 500


def _fold(text: str) -> str:
    return "".join(unicodedata.normalize("NFC", text).lower().split())


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
class PlannedSchool:
    row: int
    school: School | None
    values: dict[str, Any] = field(default_factory=dict)
    group_name: str | None = None  # None: the file has no network-group column
    changes: dict[str, tuple[str, str]] = field(default_factory=dict)  # for people to read
    old_raw: dict[str, str] = field(default_factory=dict)  # for the audit trail


@dataclass
class Plan:
    schools: list[PlannedSchool]
    existing_groups: dict[str, NetworkGroup]
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

    def check_rows(self, rows: list[Row], progress: Callable[[int], None]) -> Plan:
        divisions = Divisions()
        kinds = _choice_words(School.Kind.choices, KIND_WORDS)
        sizes = _choice_words(School.Size.choices, SIZE_WORDS)
        existing = self._existing_schools(rows)
        groups = {_fold(g.name): g for g in NetworkGroup.objects.filter(office=self.office)}
        new_groups: dict[str, str] = {}
        planned: list[PlannedSchool] = []
        seen: dict[tuple[str, str], int] = {}

        for done, row in enumerate(rows, start=1):
            values = self._parse(row, divisions, kinds, sizes)
            for key in ("ministry_code", "smis_code", "obec_code"):
                code = values.get(key)
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
            school = existing["ministry_code"].get(values.get("ministry_code", ""))
            if school is not None and school.office_id != self.office.pk:
                row.error("ministry_code", _("A school with this code belongs to another office."))
            for key in ("smis_code", "obec_code"):
                holder = existing[key].get(values.get(key) or "")
                if holder is not None and holder != school:
                    row.error(key, _("This code belongs to another school in the registry."))
            item = PlannedSchool(row=row.number, school=school, values=values)
            if row.has("network_group"):
                item.group_name = " ".join(row.get("network_group").split())
                folded = _fold(item.group_name)
                if folded and folded not in groups:
                    new_groups.setdefault(folded, item.group_name)
            item.changes = self._changes(item)
            planned.append(item)
            progress(done)
        return Plan(planned, groups, sorted(new_groups.values(), key=thai_sort_key))

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
    def _parse(
        self, row: Row, divisions: Divisions, kinds: dict[str, str], sizes: dict[str, str]
    ) -> dict[str, Any]:
        values: dict[str, Any] = {}
        self._parse_codes(row, values)
        name = " ".join(row.get("name_th").split())
        for prefix in NAME_PREFIXES:
            if name.startswith(prefix) and len(name) > len(prefix):
                name = name[len(prefix) :].strip()
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
        self._parse_place(row, values, divisions)
        self._parse_choices(row, values, kinds, sizes)
        self._parse_coordinates(row, values)
        self._parse_contacts(row, values)
        return values

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

    def _parse_place(self, row: Row, values: dict[str, Any], divisions: Divisions) -> None:
        if not any(row.has(key) for key in ("province", "district", "sub_district", "postcode")):
            return
        province: Province | None = self.office.province
        if row.get("province"):
            province = divisions.provinces.get(_place_key(row.get("province")))
            if province is None:
                row.error(
                    "province",
                    _("No province is called “%(name)s”.") % {"name": row.get("province")},
                )
        district = None
        if row.get("district") and province is not None:
            district = divisions.districts.get((province.pk, _place_key(row.get("district"))))
            if district is None:
                row.error(
                    "district",
                    _("%(province)s has no district called “%(name)s”.")
                    % {"province": province.name_th, "name": row.get("district")},
                )
        sub_district = None
        postcode = clean_number_text(row.get("postcode"))
        if row.get("sub_district"):
            if district is None:
                if province is not None and not row.get("district"):
                    row.error("district", _("A sub-district needs its district."))
            else:
                candidates = divisions.sub_districts.get(
                    (district.pk, _place_key(row.get("sub_district"))), []
                )
                if postcode and len(candidates) > 1:
                    candidates = [c for c in candidates if c.postcode == postcode] or candidates
                if not candidates:
                    row.error(
                        "sub_district",
                        _("%(district)s has no sub-district called “%(name)s”.")
                        % {"district": district.name_th, "name": row.get("sub_district")},
                    )
                else:
                    sub_district = candidates[0]
        if postcode:
            try:
                postcode_validator(postcode)
            except ValidationError:
                row.error(
                    "postcode",
                    _("“%(value)s” is not a 5-digit postcode.") % {"value": row.get("postcode")},
                )
        elif sub_district is not None:
            postcode = sub_district.postcode
        values.update(
            province=province if (row.has("province") or district) else None,
            district=district,
            sub_district=sub_district,
            postcode=postcode,
        )

    def _parse_choices(
        self, row: Row, values: dict[str, Any], kinds: dict[str, str], sizes: dict[str, str]
    ) -> None:
        for key, words in (("kind", kinds), ("size", sizes)):
            if not row.has(key):
                continue
            text = _fold(row.get(key))
            if text.startswith("ขนาด") and len(text) > 4:
                text = text[4:]
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

    def _parse_coordinates(self, row: Row, values: dict[str, Any]) -> None:
        for key, (low, high) in (("latitude", LATITUDE_RANGE), ("longitude", LONGITUDE_RANGE)):
            if not row.has(key):
                continue
            text = clean_number_text(row.get(key))
            if not text:
                values[key] = None
                continue
            try:
                number = Decimal(text).quantize(Decimal("0.000001"))
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
        if (
            row.has("latitude")
            and row.has("longitude")
            and ((values.get("latitude") is None) != (values.get("longitude") is None))
        ):
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
                item.old_raw[key] = _raw(old)
        if item.group_name is not None:
            old_group = (
                item.school.network_group.name if item.school and item.school.network_group else ""
            )
            if _fold(old_group) != _fold(item.group_name) and (item.school or item.group_name):
                changes["network_group"] = (old_group, item.group_name)
                item.old_raw["network_group"] = _raw(
                    item.school.network_group if item.school else None
                )
        return changes

    def preview(self, plan: Plan) -> dict[str, Any]:
        samples = [
            {
                "row": item.row,
                "name": item.values.get("name_th", ""),
                "code": item.values.get("ministry_code", ""),
                "action": "create" if item.school is None else "update",
                "changes": [
                    [FIELD_LABELS.get(key, key), old, new]
                    for key, (old, new) in item.changes.items()
                ],
            }
            for item in plan.schools
            if item.school is None or item.changes
        ][:100]
        return {**plan.counts(), "new_groups": plan.new_groups, "samples": samples}

    def apply_plan(self, plan: Plan, progress: Callable[[int], None]) -> dict[str, Any]:
        groups = dict(plan.existing_groups)
        for name in plan.new_groups:
            groups[_fold(name)] = NetworkGroup.objects.create(office=self.office, name=name)
        now = timezone.now()
        written: list[tuple[PlannedSchool, School]] = []
        fields: set[str] = set()
        for item in plan.schools:
            if item.school is not None and not item.changes:
                continue
            school = item.school or School(office=self.office)
            for key, value in item.values.items():
                setattr(school, key, value)
            if item.group_name is not None:
                school.network_group = groups.get(_fold(item.group_name))
                fields.add("network_group")
            school.name_sort = thai_sort_key(school.name_th)
            school.updated_at = now
            if item.school is not None:
                fields.update(item.values)
            written.append((item, school))

        to_create = [school for item, school in written if item.school is None]
        to_update = [school for item, school in written if item.school is not None]
        update_fields = sorted(fields | {"name_sort", "updated_at"})
        done = 0
        for start in range(0, len(to_create), CHUNK):
            School.objects.bulk_create(to_create[start : start + CHUNK])
            done += len(to_create[start : start + CHUNK])
            progress(done)
        for start in range(0, len(to_update), CHUNK):
            School.objects.bulk_update(to_update[start : start + CHUNK], update_fields)
            done += len(to_update[start : start + CHUNK])
            progress(done)
        self._audit(written, now)
        return {**plan.counts(), "network_groups_created": len(plan.new_groups)}

    def _audit(self, written: list[tuple[PlannedSchool, School]], now: Any) -> None:
        """Bulk writes skip the audit signals, so record each school's change here."""
        content_type = ContentType.objects.get_for_model(School)
        AuditEntry.objects.bulk_create(
            (
                AuditEntry(
                    content_type=content_type,
                    object_pk=str(school.pk),
                    object_id=school.pk,
                    object_repr=str(school),
                    action=(
                        AuditEntry.Action.CREATE
                        if item.school is None
                        else AuditEntry.Action.UPDATE
                    ),
                    changes={
                        key: [item.old_raw[key], _raw(getattr(school, key))] for key in item.changes
                    },
                    actor=self.user,
                    timestamp=now,
                    office_id=school.office_id,
                    additional_data={"office_id": school.office_id, "import_job": self.job.pk},
                )
                for item, school in written
            ),
            batch_size=CHUNK,
        )


def _code(text: str) -> str:
    return clean_number_text(text).replace("-", "")


def _raw(value: Any) -> str:
    """A value as django-auditlog records it, so the trail shows imports like any other change."""
    if value is None:
        return "None"
    if hasattr(value, "pk"):
        return str(value.pk)
    return str(value)


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
