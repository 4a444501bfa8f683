"""Saving a week of DLTV usage, with its monthly rollups and repair requests in the same
transaction: what the dashboards read always equals a recomputation from the records."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from dlict.core.scoping import can
from dlict.core.thai import format_date_short
from dlict.dltv.calendar import next_month, public_holiday
from dlict.dltv.models import (
    DLTV_GRADES,
    MAX_PERIODS,
    DltvClassroom,
    DltvSetup,
    Equipment,
    EquipmentChange,
    EquipmentStatus,
    OfficeHoliday,
    ProblemCategory,
    RepairRequest,
    UsageRecord,
    UsageRollup,
    ViewingChannel,
)
from dlict.schools.models import School

GRADE_LABELS = dict(DLTV_GRADES)


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


def _check(entries: list[Entry], school: School, problems: dict[int, ProblemCategory]) -> None:
    grades = set(DltvClassroom.objects.filter(school=school).values_list("grade", flat=True))
    closed = set(
        OfficeHoliday.objects.filter(office_id=school.office_id).values_list("day", flat=True)
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
        elif entry.day.weekday() >= 5 or public_holiday(entry.day) or entry.day in closed:
            errors.append(_("%(day)s is not a school day.") % {"day": when})
        if entry.grade not in grades:
            errors.append(
                _("This school does not teach %(grade)s with DLTV.")
                % {"grade": GRADE_LABELS[entry.grade]}
                if entry.grade in GRADE_LABELS
                else _("“%(grade)s” is not a DLTV grade.") % {"grade": entry.grade}
            )
        if not 0 <= entry.planned <= MAX_PERIODS:
            errors.append(
                _("%(day)s: planned periods must be 0 to %(max)d.")
                % {"day": when, "max": MAX_PERIODS}
            )
        if not 0 <= entry.watched <= entry.planned:
            errors.append(
                _("%(day)s: periods watched must be 0 to the periods planned (%(planned)d).")
                % {"day": when, "planned": entry.planned}
            )
        if entry.problem_id is not None and entry.problem_id not in problems:
            errors.append(_("%(day)s: choose a problem from the list.") % {"day": when})
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
                "note": entry.note[:300],
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
                        "note": entry.note[:300],
                    },
                )
                repairs += created
        rollups_refresh(school=school, months={e.day.replace(day=1) for e in entries})
    return WeekSaved(saved=saved, unchanged=unchanged, repairs_opened=repairs)


def rollups_refresh(*, school: School, months: set[date]) -> None:
    """Recompute the school's rollups of these months from its records (a few dozen rows)."""
    for month in months:
        sums = (
            UsageRecord.objects.filter(school=school, day__gte=month, day__lt=next_month(month))
            .values("grade")
            .annotate(
                days=Count("pk"),
                planned=Sum("planned"),
                watched=Sum("watched"),
                problem_days=Count("pk", filter=Q(problem__isnull=False)),
            )
        )
        found = set()
        for row in sums:
            found.add(row["grade"])
            UsageRollup.objects.update_or_create(
                school=school,
                month=month,
                grade=row["grade"],
                defaults={
                    "office_id": school.office_id,
                    "days": row["days"],
                    "planned": row["planned"],
                    "watched": row["watched"],
                    "problem_days": row["problem_days"],
                },
            )
        UsageRollup.objects.filter(school=school, month=month).exclude(grade__in=found).delete()


def rollups_rebuild() -> int:
    """Every rollup recomputed from the records in one INSERT … SELECT: after a bulk load, or to
    prove the kept rollups right. The database does the grouping; nothing passes through Python."""
    month = (
        "date_trunc('month', day)::date"
        if connection.vendor == "postgresql"
        else "date(day, 'start of month')"
    )
    rollups = connection.ops.quote_name(UsageRollup._meta.db_table)
    records = connection.ops.quote_name(UsageRecord._meta.db_table)
    # Table names from the models, the month expression from the code: nothing from a user.
    columns = "office_id, school_id, month, grade, days, planned, watched, problem_days"
    sums = "COUNT(*), SUM(planned), SUM(watched), COUNT(problem_id)"
    grouped = f"office_id, school_id, {month}, grade"
    select = f"SELECT {grouped}, {sums} FROM {records} GROUP BY {grouped}"  # noqa: S608
    statement = f"INSERT INTO {rollups} ({columns}) {select}"
    with transaction.atomic(), connection.cursor() as cursor:
        UsageRollup.objects.all().delete()
        cursor.execute(statement)
    return UsageRollup.objects.count()


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
    grades = set(DltvClassroom.objects.filter(school=school).values_list("grade", flat=True))
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
                setup.internet = internet.strip()[:200]
            setup.save()
    return changes
