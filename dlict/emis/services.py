"""Writes of the EMIS app: the student figures of a data round, the schools' profiles, and the
offices and schools a ministry file brings with it.

The importers read and check a ministry file into a plan; these write a plan in one transaction
and record it in the audit trail as one event per office (who, which file, how much changed):
the figures of a national file are written in a few statements, which the per-row audit cannot
see. Each validates what it is given before it writes anything.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dlict.core.audit import audit_event, register_event
from dlict.core.thai import thai_sort_key
from dlict.emis.grades import GRADE_BY_CODE
from dlict.emis.models import DataRound, SchoolProfile, StudentCount
from dlict.schools.models import Office, School
from dlict.schools.services import PlannedSchool as PlannedRegistryRow
from dlict.schools.services import school_bulk_upsert
from dlict.schools.validators import smis_code_validator

BATCH = 2000
NAME_LIMIT = 200  # School.name_th
Figures = tuple[int, int, int]  # boys, girls, classrooms
NO_FIGURES: Figures = (0, 0, 0)
Progress = Callable[[int, int], None]

STUDENTS_IMPORTED = "emis.students_import"
SCHOOL_INFO_IMPORTED = "emis.school_info_import"


def register_events() -> None:
    """The audit trail's words for the imports' events (called from EmisConfig.ready)."""
    register_event(
        STUDENTS_IMPORTED,
        gettext_lazy("Student figures imported (DMC)"),
        details={
            "file": gettext_lazy("file"),
            "academic_year": gettext_lazy("academic year"),
            "round": gettext_lazy("round"),
            "schools": gettext_lazy("schools in the file"),
            "schools_changed": gettext_lazy("schools whose figures changed"),
            "schools_created": gettext_lazy("schools added to the registry"),
            "figures_changed": gettext_lazy("grade figures changed"),
            "students_before": gettext_lazy("students before"),
            "students_after": gettext_lazy("students after"),
        },
    )
    register_event(
        SCHOOL_INFO_IMPORTED,
        gettext_lazy("School information imported (DMC)"),
        details={
            "file": gettext_lazy("file"),
            "schools": gettext_lazy("schools in the file"),
            "schools_created": gettext_lazy("schools added to the registry"),
            "schools_changed": gettext_lazy("schools changed in the registry"),
            "profiles_created": gettext_lazy("school information added"),
            "profiles_changed": gettext_lazy("school information changed"),
            "students": gettext_lazy("students reported"),
            "teachers": gettext_lazy("teachers reported"),
        },
    )


# --- Offices a national file brings --------------------------------------------------------------


@dataclass(frozen=True)
class NewOffice:
    """An office a ministry file names and the registry lacks, as the file gives it."""

    code: str
    name: str
    province_id: int
    level: str


def office_create(*, new: NewOffice) -> Office:
    """Add the office to the registry (the file gives no English name; it stays blank)."""
    office = Office(code=new.code, name_th=new.name, province_id=new.province_id, level=new.level)
    office.full_clean()
    with transaction.atomic():
        office.save()
    return office


# --- Students by grade ---------------------------------------------------------------------------


@dataclass
class PlannedSchool:
    """One school's row of a students-by-grade file, checked."""

    row: int
    smis_code: str
    name: str
    office: Office | None  # None: an office the file names that the import will create
    area_code: str
    area_name: str
    school: School | None  # None: a school the import will create
    counts: dict[str, Figures]  # grade → figures, for the grades in the file

    @property
    def students(self) -> int:
        return sum(boys + girls for boys, girls, _rooms in self.counts.values())


@dataclass
class Plan:
    """A checked students-by-grade file: what to write, and what is stored now."""

    schools: list[PlannedSchool] = field(default_factory=list)
    grades: list[str] = field(default_factory=list)  # the grades the file has columns for
    new_offices: dict[str, NewOffice] = field(default_factory=dict)  # by area code
    # (school smis code, grade) → figures as stored now, for the schools in the file
    stored: dict[tuple[str, str], Figures] = field(default_factory=dict)

    def before(self, item: PlannedSchool, grade: str) -> Figures:
        return self.stored.get((item.smis_code, grade), NO_FIGURES)

    def changed_grades(self, item: PlannedSchool) -> list[str]:
        return [
            grade
            for grade in self.grades
            if self.before(item, grade) != item.counts.get(grade, NO_FIGURES)
        ]

    def changes(self) -> tuple[int, int]:
        """Schools whose figures change, and rows of figures that change."""
        schools = rows = 0
        for item in self.schools:
            changed = self.changed_grades(item)
            schools += bool(changed) or item.school is None
            rows += len(changed)
        return schools, rows


def student_counts_write(
    *,
    plan: Plan,
    academic_year: int,
    data_round: int,
    actor: Any,
    job: Any,
    file_name: str,
    progress: Progress = lambda done, total: None,
) -> dict[str, int]:
    """Write a checked plan: new offices and schools, then every changed figure, and one audit
    event for each office whose schools the file holds. Grades that the file has and a school no
    longer teaches are removed; grades the file lacks are kept. ``job`` is the import's Job, or
    None for a file imported from the console (the event is then about the office)."""
    _validate_round(academic_year, data_round)
    _validate_plan(plan)
    with transaction.atomic():
        offices = {new.code: office_create(new=new) for new in plan.new_offices.values()}
        new_schools = []
        for item in plan.schools:
            if item.school is None:
                office = item.office or offices[item.area_code]
                item.school = School(
                    office=office,
                    smis_code=item.smis_code,
                    name_th=item.name,
                    name_sort=thai_sort_key(item.name),
                )
                new_schools.append(item.school)
        School.objects.bulk_create(new_schools, batch_size=BATCH)
        _write_counts(plan, academic_year, data_round, progress)
        _audit_students(
            plan,
            created={id(school) for school in new_schools},
            actor=actor,
            job=job,
            details={
                "file": file_name,
                "academic_year": academic_year,
                "round": _round_label(data_round),
            },
        )
    return {"offices": len(offices), "schools": len(new_schools)}


def _validate_round(academic_year: int, data_round: int) -> None:
    if not 2500 <= academic_year <= 2700:
        raise ValidationError(_("The academic year is a B.E. year such as 2568."))
    if data_round not in DataRound.values:
        raise ValidationError(_("There is no data round %(round)s.") % {"round": data_round})


def _validate_plan(plan: Plan) -> None:
    unknown = [grade for grade in plan.grades if grade not in GRADE_BY_CODE]
    if unknown:
        raise ValidationError(_("Unknown grades: %(grades)s.") % {"grades": ", ".join(unknown)})
    for item in plan.schools:
        if any(value < 0 for figures in item.counts.values() for value in figures):
            raise ValidationError(
                _("A count cannot be negative (row %(row)d).") % {"row": item.row}
            )
        if item.school is not None:
            continue
        smis_code_validator(item.smis_code)
        if not 0 < len(item.name) <= NAME_LIMIT:
            raise ValidationError(
                _("A new school needs its name, of at most %(limit)d characters.")
                % {"limit": NAME_LIMIT}
            )
        if item.office is None and item.area_code not in plan.new_offices:
            raise ValidationError(_("Row %(row)d has no office.") % {"row": item.row})


def _round_label(data_round: int) -> str:
    # The trail keeps the words as written: the office's own language, whoever imported.
    with translation.override(settings.LANGUAGE_CODE):
        return str(DataRound(data_round).label)


def _write_counts(plan: Plan, academic_year: int, data_round: int, progress: Progress) -> None:
    """Insert, update and delete figures with plain statements: a national file has a quarter of
    a million of them, and building a model object for each would take longer than writing."""
    stored = StudentCount.objects.filter(academic_year=academic_year, data_round=data_round)
    school_ids = [item.school.pk for item in plan.schools if item.school]
    if len(school_ids) < 5000:  # beyond that, one pass over the round is cheaper than IN (...)
        stored = stored.filter(school_id__in=school_ids)
    existing = {
        (school_id, grade): pk
        for pk, school_id, grade in stored.values_list("pk", "school_id", "grade").iterator(
            chunk_size=5000
        )
    }
    new: list[tuple[int, int, int, int, str, int, int, int]] = []
    changed: list[tuple[int, int, int, int]] = []
    gone: list[int] = []
    for item in plan.schools:
        school = item.school
        if school is None:  # student_counts_write has created every new school
            raise RuntimeError(f"school {item.smis_code} was not created")
        for grade in plan.changed_grades(item):
            figures = item.counts.get(grade, NO_FIGURES)
            pk = existing.get((school.pk, grade))
            if pk is None:
                if figures != NO_FIGURES:
                    new.append((school.office_id, school.pk, academic_year, data_round, grade,
                                *figures))  # fmt: skip
            elif figures == NO_FIGURES:
                gone.append(pk)
            else:
                changed.append((*figures, pk))
    table = connection.ops.quote_name(StudentCount._meta.db_table)
    # The table's name comes from the model; every value goes as a parameter.
    columns = "office_id, school_id, academic_year, data_round, grade, boys, girls, rooms"
    insert = f"INSERT INTO {table} ({columns}) VALUES (%s, %s, %s, %s, %s, %s, %s, %s)"  # noqa: S608
    update = f"UPDATE {table} SET boys = %s, girls = %s, rooms = %s WHERE id = %s"  # noqa: S608
    total, done = len(new) + len(changed) + len(gone), 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql" and new:
            # COPY streams the rows in one statement: far quicker than a quarter-million INSERTs.
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for values in new:
                    copy.write_row(values)
            done = len(new)
            new = []
            progress(done, total)
        for statement, rows in ((insert, new), (update, changed)):
            for start in range(0, len(rows), BATCH):
                batch = rows[start : start + BATCH]
                cursor.executemany(statement, batch)
                done += len(batch)
                progress(done, total)
    for start in range(0, len(gone), BATCH):
        StudentCount.objects.filter(pk__in=gone[start : start + BATCH]).delete()
    progress(total, total)


def _audit_students(
    plan: Plan, *, created: set[int], actor: Any, job: Any, details: dict[str, Any]
) -> None:
    """One event per office: an office's trail shows what a file did to its own figures, also
    when the file was a national one. Students are counted over the grades the file has."""
    offices: dict[int, dict[str, int]] = {}
    for item in plan.schools:
        school = item.school
        if school is None:  # written by now; the check keeps mypy and the reader honest
            continue
        sums = offices.setdefault(
            school.office_id,
            dict.fromkeys(
                ("schools", "schools_changed", "schools_created", "figures_changed",
                 "students_before", "students_after"), 0,
            ),
        )  # fmt: skip
        changed = plan.changed_grades(item)
        sums["schools"] += 1
        sums["schools_changed"] += bool(changed) or id(school) in created
        sums["schools_created"] += id(school) in created
        sums["figures_changed"] += len(changed)
        for grade in plan.grades:
            boys, girls, _rooms = plan.before(item, grade)
            sums["students_before"] += boys + girls
        sums["students_after"] += item.students
    _record(STUDENTS_IMPORTED, offices, actor=actor, job=job, details=details)


def _record(
    kind: str, offices: dict[int, dict[str, int]], *, actor: Any, job: Any, details: dict[str, Any]
) -> None:
    by_pk = Office.objects.in_bulk(list(offices)) if job is None or not job.pk else {}
    for office_id, figures in offices.items():
        instance = job if job is not None and job.pk else by_pk[office_id]
        audit_event(
            kind,
            actor=actor,
            office_id=office_id,
            instance=instance,
            details={**details, **figures},
        )


# --- School information --------------------------------------------------------------------------


def school_profile_changes(
    *, figures: Iterable[tuple[School | None, dict[str, Any]]], source: str
) -> tuple[list[SchoolProfile], list[SchoolProfile], set[str]]:
    """The profiles to create and those whose figures change (an identical file changes none),
    with the fields that change; nothing is written. A new school's profile is new."""
    pairs = list(figures)
    existing = {
        profile.school_id: profile
        for profile in SchoolProfile.objects.filter(
            school_id__in=[school.pk for school, _f in pairs if school is not None and school.pk]
        )
    }
    new: list[SchoolProfile] = []
    changed: list[SchoolProfile] = []
    fields: set[str] = set()
    for school, values in pairs:
        profile = existing.get(school.pk) if school is not None and school.pk else None
        if profile is None:
            new.append(SchoolProfile(school=school, source=source[:255], **values))
            continue
        different = {key for key, value in values.items() if getattr(profile, key) != value}
        if different:
            for key in different:
                setattr(profile, key, values[key])
            profile.source = source[:255]
            fields |= different
            changed.append(profile)
    return new, changed, fields


@dataclass
class SchoolInfoPlan:
    """A checked school-information file: the registry rows, and each school's profile figures
    by its ministry code."""

    registry: list[PlannedRegistryRow]
    new_groups: list[str]
    profiles: dict[str, dict[str, Any]]


def school_info_write(
    *,
    office: Office,
    plan: SchoolInfoPlan,
    actor: Any,
    job: Any,
    file_name: str,
    progress: Callable[[int], None] = lambda done: None,
) -> dict[str, int]:
    """Write a checked school-information file: the registry's facts (one audit entry per school,
    as the school-list import writes them), the schools' profiles, and one event for the import."""
    _validate_profiles(plan.profiles)
    created = sum(1 for item in plan.registry if item.school is None)
    changed_schools = sum(1 for item in plan.registry if item.school is not None and item.changes)
    with transaction.atomic():
        school_bulk_upsert(
            office=office,
            actor=actor,
            planned=plan.registry,
            new_groups=plan.new_groups,
            job_id=job.pk if job is not None else None,
            progress=progress,
        )
        schools = {item.values["ministry_code"]: item.school for item in plan.registry}
        new, changed, fields = school_profile_changes(
            figures=[(schools.get(code), values) for code, values in plan.profiles.items()],
            source=file_name,
        )
        now = timezone.now()
        for profile in changed:
            profile.updated_at = now  # bulk_update does not touch auto_now fields
        SchoolProfile.objects.bulk_create(new, batch_size=1000)
        SchoolProfile.objects.bulk_update(
            changed, sorted(fields | {"source", "updated_at"}), batch_size=1000
        )
        figures = {
            "schools": len(plan.registry),
            "schools_created": created,
            "schools_changed": changed_schools,
            "profiles_created": len(new),
            "profiles_changed": len(changed),
            "students": sum(values.get("students", 0) for values in plan.profiles.values()),
            "teachers": sum(values.get("teachers", 0) for values in plan.profiles.values()),
        }
        _record(
            SCHOOL_INFO_IMPORTED,
            {office.pk: figures},
            actor=actor,
            job=job,
            details={"file": file_name},
        )
    return figures


def _validate_profiles(profiles: dict[str, dict[str, Any]]) -> None:
    text_limit = SchoolProfile._meta.get_field("internet").max_length or 200
    for code, values in profiles.items():
        for key, value in values.items():
            if isinstance(value, int) and value < 0:
                raise ValidationError(
                    _("School %(code)s: a count cannot be negative.") % {"code": code}
                )
            if key in ("internet", "electricity") and len(value) > text_limit:
                raise ValidationError(
                    _("School %(code)s: the text is longer than %(limit)d characters.")
                    % {"code": code, "limit": text_limit}
                )
