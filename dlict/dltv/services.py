"""Saving a week of DLTV usage, with its monthly rollups and repair requests in the same
transaction: what the dashboards read always equals a recomputation from the records; a school's
classrooms and equipment.

Documented for other modules (supervision visits): ``school_grades(school)``, the grades a school
teaches with DLTV.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from dlict.core.calendar import is_school_day, next_month
from dlict.core.scoping import can
from dlict.core.thai import format_date_short
from dlict.dltv.choices import GRADE_LABELS, ViewingChannel
from dlict.dltv.models import (
    MAX_PERIODS,
    DltvClassroom,
    DltvSetup,
    Equipment,
    EquipmentChange,
    EquipmentStatus,
    LastReport,
    OfficeEquipment,
    OfficeHoliday,
    OfficeRollup,
    ProblemCategory,
    RepairRequest,
    UsageRecord,
    UsageRollup,
)
from dlict.schools.models import Office, School

# The lengths the models keep, checked here so a value too long is refused, never cut.
NOTE_LENGTH = UsageRecord._meta.get_field("note").max_length or 300
INTERNET_LENGTH = DltvSetup._meta.get_field("internet").max_length or 200
MOUNT_LENGTH = Equipment._meta.get_field("mount").max_length or 100


@dataclass(frozen=True)
class Entry:
    day: date
    grade: str
    planned: int
    watched: int
    problem_id: int | None = None
    note: str = ""


@dataclass(frozen=True)
class WeekSaved:
    saved: int
    unchanged: int
    repairs_opened: int


def school_grades(school: School) -> set[str]:
    """The grades the school teaches with DLTV."""
    return set(DltvClassroom.objects.filter(school=school).values_list("grade", flat=True))


def _check(entries: list[Entry], school: School, problems: dict[int, ProblemCategory]) -> None:
    grades = school_grades(school)
    closed = set(
        OfficeHoliday.objects.filter(
            office_id=school.office_id, day__in={e.day for e in entries}
        ).values_list("day", flat=True)
    )
    today = timezone.localdate()
    errors: list[str] = []
    seen: set[tuple[date, str]] = set()
    for entry in entries:
        when = format_date_short(entry.day)
        if (entry.day, entry.grade) in seen:
            errors.append(_("%(day)s is given twice for one grade.") % {"day": when})
        seen.add((entry.day, entry.grade))
        if entry.day > today:
            errors.append(_("%(day)s has not come yet.") % {"day": when})
        elif not is_school_day(entry.day, closed):
            errors.append(_("%(day)s is not a school day.") % {"day": when})
        if entry.grade not in grades:
            errors.append(
                _("This school does not teach %(grade)s with DLTV.")
                % {"grade": GRADE_LABELS[entry.grade]}
                if entry.grade in GRADE_LABELS
                else _("“%(grade)s” is not a DLTV grade.") % {"grade": entry.grade}
            )
        # A row of the week screen: its day and grade, so the coordinator finds it.
        row = f"{when} {GRADE_LABELS.get(entry.grade, entry.grade)}"
        if not 0 <= entry.planned <= MAX_PERIODS:
            errors.append(
                _("%(day)s: planned periods must be 0 to %(max)d.")
                % {"day": row, "max": MAX_PERIODS}
            )
        if not 0 <= entry.watched <= entry.planned:
            errors.append(
                _("%(day)s: periods watched must be 0 to the periods planned (%(planned)d).")
                % {"day": row, "planned": entry.planned}
            )
        if entry.problem_id is not None and entry.problem_id not in problems:
            errors.append(_("%(day)s: choose a problem from the list.") % {"day": row})
        if len(entry.note) > NOTE_LENGTH:
            errors.append(
                _("%(day)s: a note is up to %(n)d characters.") % {"day": row, "n": NOTE_LENGTH}
            )
    if errors:
        raise ValidationError(sorted(set(errors)))


def usage_week_save(*, user: Any, school: School, entries: list[Entry]) -> WeekSaved:
    """Save a school's records (one week, or part of it). Saving the same week again, or twice
    at once, leaves one record per grade and day."""
    if not can(user, "dltv.record", school=school):
        raise PermissionDenied
    problems = {p.pk: p for p in ProblemCategory.objects.for_office(school.office_id)}
    _check(entries, school, problems)
    saved = unchanged = repairs = 0
    with transaction.atomic():
        # Two saves of the same school wait for each other instead of racing on the same rows.
        School.objects.select_for_update().get(pk=school.pk)
        changed_months: set[date] = set()
        existing = {
            (r.day, r.grade): r
            for r in UsageRecord.objects.filter(
                school=school,
                day__in={e.day for e in entries},
                grade__in={e.grade for e in entries},
            )
        }
        for entry in entries:
            record = existing.get((entry.day, entry.grade))
            values = {
                "planned": entry.planned,
                "watched": entry.watched,
                "problem_id": entry.problem_id,
                "note": entry.note,
            }
            if record is not None and all(getattr(record, k) == v for k, v in values.items()):
                unchanged += 1
                continue
            if record is None:
                record = UsageRecord(
                    office_id=school.office_id, school=school, day=entry.day, grade=entry.grade
                )
            for key, value in values.items():
                setattr(record, key, value)
            record.recorded_by = user
            record.save()
            saved += 1
            changed_months.add(entry.day.replace(day=1))
            problem = problems.get(entry.problem_id) if entry.problem_id else None
            if problem is not None and problem.equipment:
                _, created = RepairRequest.objects.get_or_create(
                    school=school,
                    grade=entry.grade,
                    problem=problem,
                    status=RepairRequest.Status.OPEN,
                    defaults={
                        "office_id": school.office_id,
                        "reported_on": entry.day,
                        "note": entry.note,
                    },
                )
                repairs += created
        # Only the months a record changed in: a week saved again as it was costs no rollup work.
        rollups_refresh(school=school, months=changed_months)
    return WeekSaved(saved=saved, unchanged=unchanged, repairs_opened=repairs)


def _table(model: Any) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _month_of(column: str) -> str:
    """SQL for the first day of ``column``'s month (``column`` is a name from the code)."""
    if connection.vendor == "postgresql":
        return f"date_trunc('month', {column})::date"
    return f"date({column}, 'start of month')"


# What the rollups keep of a group of records, and of a group of school rollups. Table and column
# names come from the models and the code: nothing from a user reaches these statements.
ROLLUP_COLUMNS = (
    "office_id, school_id, month, grade, days, planned, watched, problem_days, last_day"
)
ROLLUP_SUMS = "COUNT(*), SUM(planned), SUM(watched), COUNT(problem_id), MAX(day)"
OFFICE_COLUMNS = "office_id, month, grade, schools, days, planned, watched, problem_days"
OFFICE_SUMS = "COUNT(*), SUM(days), SUM(planned), SUM(watched), SUM(problem_days)"
UPDATED = (
    "days = excluded.days, planned = excluded.planned, watched = excluded.watched, "
    "problem_days = excluded.problem_days"
)


def rollups_refresh(*, school: School, months: set[date]) -> None:
    """Recompute the school's rollups of these months from its records, then its office's from
    the schools' rollups, and its last day recorded: each an upsert the database groups. Called
    inside the save's transaction, with the school's row locked."""
    if not months:
        return
    start, end = min(months), next_month(max(months))
    grouped = f"office_id, school_id, {_month_of('day')}, grade"
    school_rows = (
        f"INSERT INTO {_table(UsageRollup)} ({ROLLUP_COLUMNS}) "  # noqa: S608
        f"SELECT {grouped}, {ROLLUP_SUMS} FROM {_table(UsageRecord)} "
        f"WHERE school_id = %s AND day >= %s AND day < %s GROUP BY {grouped} "
        f"ON CONFLICT (school_id, month, grade) DO UPDATE SET {UPDATED}, "
        "last_day = excluded.last_day"
    )
    office_rows = (
        f"INSERT INTO {_table(OfficeRollup)} ({OFFICE_COLUMNS}) "  # noqa: S608
        f"SELECT office_id, month, grade, {OFFICE_SUMS} FROM {_table(UsageRollup)} "
        "WHERE office_id = %s AND month >= %s AND month < %s GROUP BY office_id, month, grade "
        f"ON CONFLICT (office_id, month, grade) DO UPDATE SET {UPDATED}, "
        "schools = excluded.schools"
    )
    with connection.cursor() as cursor:
        cursor.execute(school_rows, [school.pk, start, end])
        # The office's rows sum every school's: saves of the office's schools take turns here,
        # each reading the rollups the one before committed.
        Office.objects.select_for_update().filter(pk=school.office_id).first()
        cursor.execute(office_rows, [school.office_id, start, end])
    last = UsageRecord.objects.filter(school=school).order_by("-day").values_list("day")[:1]
    if last:
        LastReport.objects.update_or_create(
            school=school, defaults={"office_id": school.office_id, "day": last[0][0]}
        )


def rollups_rebuild() -> int:
    """Every rollup recomputed from the records by INSERT … SELECT (schools' from the records,
    offices' and the last days from the schools'): after a bulk load, or to prove the kept
    rollups right. The database does the grouping; nothing passes through Python."""
    grouped = f"office_id, school_id, {_month_of('day')}, grade"
    statements = [
        f"INSERT INTO {_table(UsageRollup)} ({ROLLUP_COLUMNS}) "  # noqa: S608
        f"SELECT {grouped}, {ROLLUP_SUMS} FROM {_table(UsageRecord)} GROUP BY {grouped}",
        f"INSERT INTO {_table(OfficeRollup)} ({OFFICE_COLUMNS}) "  # noqa: S608
        f"SELECT office_id, month, grade, {OFFICE_SUMS} FROM {_table(UsageRollup)} "
        "GROUP BY office_id, month, grade",
        f"INSERT INTO {_table(LastReport)} (school_id, office_id, day) "  # noqa: S608
        f"SELECT school_id, office_id, MAX(last_day) FROM {_table(UsageRollup)} "
        "GROUP BY school_id, office_id",
    ]
    with transaction.atomic(), connection.cursor() as cursor:
        for model in (LastReport, OfficeRollup, UsageRollup):
            model.objects.all().delete()
        for statement in statements:
            cursor.execute(statement)
    return UsageRollup.objects.count()


def equipment_tally_refresh(office_id: int) -> None:
    """Count the office's equipment by kind and status, and its classrooms whose receiver or TV
    nobody has recorded."""
    counts = {
        f"{row['kind']}:{row['status']}": row["n"]
        for row in Equipment.objects.filter(school__office_id=office_id)
        .values("kind", "status")
        .annotate(n=Count("pk"))
        .order_by()
    }
    recorded = Equipment.objects.filter(
        school=OuterRef("school"), grade=OuterRef("grade"), kind__in=["receiver", "tv"]
    )
    classrooms = DltvClassroom.objects.filter(school__office_id=office_id).aggregate(
        total=Count("pk"), unrecorded=Count("pk", filter=~Q(Exists(recorded)))
    )
    OfficeEquipment.objects.update_or_create(
        office_id=office_id,
        defaults={
            "counts": counts,
            "classrooms": classrooms["total"],
            "unrecorded": classrooms["unrecorded"],
        },
    )


def equipment_tallies_rebuild() -> int:
    """Every office's equipment counted again (after a bulk load)."""
    offices = sorted(
        set(DltvClassroom.objects.values_list("school__office_id", flat=True))
        | set(Equipment.objects.values_list("school__office_id", flat=True))
    )
    with transaction.atomic():
        OfficeEquipment.objects.exclude(office_id__in=offices).delete()
        for office_id in offices:
            equipment_tally_refresh(office_id)
    return len(offices)


def classrooms_save(*, user: Any, school: School, periods: dict[str, int]) -> None:
    """The grades the school teaches with DLTV and the periods a day each plans to watch. A
    school with classrooms is a DLTV school (registry's "uses DLTV"); records of a grade no longer
    taught are kept."""
    if not can(user, "dltv.change", school=school):
        raise PermissionDenied
    errors = []
    if set(periods) - set(GRADE_LABELS):
        errors.append(_("Choose the grades from the list."))
    if any(not 1 <= n <= MAX_PERIODS for n in periods.values()):
        errors.append(_("A classroom plans 1 to %(max)d periods a day.") % {"max": MAX_PERIODS})
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        School.objects.select_for_update().get(pk=school.pk)
        DltvClassroom.objects.filter(school=school).exclude(grade__in=list(periods)).delete()
        for grade, count in periods.items():
            DltvClassroom.objects.update_or_create(
                school=school, grade=grade, defaults={"periods_per_day": count}
            )
        if periods and not school.dltv:
            school.dltv = True
            school.save(update_fields=["dltv"])
        equipment_tally_refresh(school.office_id)


@dataclass(frozen=True)
class EquipmentInput:
    kind: str
    grade: str
    status: str
    source: str = ""
    warranty_end: date | None = None
    band: str = ""
    size_cm: int | None = None
    mount: str = ""


def equipment_save(
    *,
    user: Any,
    school: School,
    items: list[EquipmentInput],
    channels: list[str] | None = None,
    internet: str | None = None,
) -> int:
    """Keep the school's dish and each classroom's receiver and TV; a status that changes is
    recorded, dated today, in the equipment's history. Returns the number of changes."""
    if not can(user, "dltv.change", school=school):
        raise PermissionDenied
    grades = school_grades(school)
    errors = []
    for item in items:
        if item.kind == Equipment.Kind.DISH:
            if item.grade:
                errors.append(_("The dish belongs to the school, not to a grade."))
            if item.size_cm is not None and not 30 <= item.size_cm <= 500:
                errors.append(_("A dish is 30 to 500 cm across."))
        elif item.grade not in grades:
            errors.append(
                _("This school does not teach %(grade)s with DLTV.")
                % {"grade": GRADE_LABELS.get(item.grade, item.grade)}
            )
        if item.status not in EquipmentStatus.values:
            errors.append(_("Choose a status from the list."))
    if channels is not None and set(channels) - set(ViewingChannel.values):
        errors.append(_("Choose the viewing channels from the list."))
    if internet is not None and len(internet.strip()) > INTERNET_LENGTH:
        errors.append(
            _("The internet link is described in up to %(n)d characters.") % {"n": INTERNET_LENGTH}
        )
    if any(len(item.mount) > MOUNT_LENGTH for item in items):
        errors.append(
            _("The dish's mount is described in up to %(n)d characters.") % {"n": MOUNT_LENGTH}
        )
    if errors:
        raise ValidationError(sorted(set(errors)))
    today = timezone.localdate()
    changes = 0
    with transaction.atomic():
        School.objects.select_for_update().get(pk=school.pk)
        for item in items:
            equipment, _new = Equipment.objects.get_or_create(
                school=school, kind=item.kind, grade=item.grade
            )
            before = equipment.status if not _new else None
            for name in ("status", "source", "warranty_end", "band", "size_cm", "mount"):
                setattr(equipment, name, getattr(item, name))
            equipment.save()
            if before != equipment.status:
                EquipmentChange.objects.create(
                    equipment=equipment, changed_on=today, status=equipment.status, changed_by=user
                )
                changes += 1
        if channels is not None or internet is not None:
            setup, _new = DltvSetup.objects.get_or_create(school=school)
            if channels is not None:
                setup.channels = [c for c in ViewingChannel.values if c in channels]
            if internet is not None:
                setup.internet = internet.strip()
            setup.save()
        equipment_tally_refresh(school.office_id)
    return changes
