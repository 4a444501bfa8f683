"""Saving a week of DLTV usage, with its monthly rollups and repair requests in the same
transaction: what the dashboards read always equals a recomputation from the records."""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, connection, transaction
from django.db.models import Count, Exists, Max, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from dlict.core.scoping import can
from dlict.core.thai import academic_year, academic_year_range, format_date_short
from dlict.core.uploads import CheckedUpload, check_upload, clean_photo
from dlict.dltv.calendar import is_school_day, next_month
from dlict.dltv.defaults import numbered_sections
from dlict.dltv.models import (
    DLTV_GRADES,
    MAX_PERIODS,
    DltvClassroom,
    DltvSetup,
    Equipment,
    EquipmentChange,
    EquipmentStatus,
    Finding,
    FollowUp,
    LastReport,
    OfficeEquipment,
    OfficeHoliday,
    OfficeRollup,
    ProblemCategory,
    Reception,
    RepairRequest,
    Rubric,
    UsageRecord,
    UsageRollup,
    ViewingChannel,
    Visit,
    VisitPhoto,
)
from dlict.schools.models import Office, School

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
                        "note": entry.note[:300],
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
        equipment_tally_refresh(school.office_id)
    return changes


# --- Supervision visits -------------------------------------------------------------------------

MAX_PHOTOS = 8
MAX_FINDINGS = 20
MAX_TEXT = 5000


def visit_plan(*, user: Any, school: School, planned_on: date) -> Visit:
    """A visit the supervisor means to make; it is recorded at the school, later."""
    if not can(user, "dltv.supervise", school=school):
        raise PermissionDenied
    if planned_on < timezone.localdate():
        raise ValidationError(_("A visit is planned for today or a later day."))
    planned = Visit.objects.filter(
        school=school, planned_on=planned_on, status=Visit.Status.PLANNED
    )
    if planned.exists():
        raise ValidationError(_("A visit to this school is already planned for that day."))
    return Visit.objects.create(
        office_id=school.office_id, school=school, supervisor=user, planned_on=planned_on
    )


def visit_cancel(*, user: Any, visit: Visit) -> None:
    """Drop a planned visit (a recorded one is kept for good)."""
    if not can(user, "dltv.supervise", school=visit.school):
        raise PermissionDenied
    with transaction.atomic():
        visit = Visit.objects.select_for_update().get(pk=visit.pk)
        if visit.status != Visit.Status.PLANNED:
            raise ValidationError(_("A recorded visit cannot be cancelled."))
        visit.delete()


@dataclass(frozen=True)
class ItemScore:
    score: int | None
    evidence: str = ""


@dataclass(frozen=True)
class VisitInput:
    """A visit as the supervisor's phone sends it."""

    key: uuid.UUID
    school_id: int
    rubric_id: int
    visited_on: date
    scores: dict[str, ItemScore]
    informant: str = ""
    informant_position: str = ""
    grade: str = ""
    subject: str = ""
    students_present: int | None = None
    channel: str = ""
    reception: str = ""
    context_note: str = ""
    strengths: str = ""
    suggestions: str = ""
    findings: tuple[str, ...] = ()
    follow_ups: dict[int, tuple[str, str]] = field(default_factory=dict)  # finding → result, note


@dataclass(frozen=True)
class PhotoInput:
    upload: UploadedFile
    caption: str = ""


@dataclass(frozen=True)
class VisitReceived:
    visit: Visit
    created: bool  # False: this visit had arrived before, and nothing changed
    newer_rubric: bool  # the office changed its rubric after the form was opened


def _visit_errors(data: VisitInput, school: School, rubric: Rubric | None) -> list[str]:
    errors = []
    if data.visited_on > timezone.localdate():
        errors.append(_("The day of the visit has not come yet."))
    grades = school_grades(school)
    if data.grade and data.grade not in grades:
        errors.append(
            _("This school does not teach %(grade)s with DLTV.")
            % {"grade": GRADE_LABELS.get(data.grade, data.grade)}
        )
    if data.students_present is not None and not 0 <= data.students_present <= 999:
        errors.append(_("Students present must be 0 to 999."))
    if data.channel and data.channel not in ViewingChannel.values:
        errors.append(_("Choose the viewing channel from the list."))
    if data.reception and data.reception not in Reception.values:
        errors.append(_("Choose the reception quality from the list."))
    texts = [data.context_note, data.strengths, data.suggestions]
    texts += [o.evidence for o in data.scores.values()]
    if any(len(text) > MAX_TEXT for text in texts):
        errors.append(_("A text is longer than %(n)d characters.") % {"n": MAX_TEXT})
    if rubric is None:
        errors.append(_("The observation form's rubric is not one of this office's."))
    else:
        codes = [item["code"] for item in rubric.items]
        missing = [code for code in codes if data.scores.get(code, ItemScore(None)).score is None]
        if missing:
            errors.append(
                _("Score every item of the observation; not scored: %(items)s.")
                % {"items": ", ".join(missing)}
            )
        if set(data.scores) - set(codes):
            errors.append(_("The observation has items that are not in its rubric."))
        if any(o.score is not None and o.score not in rubric.values for o in data.scores.values()):
            errors.append(
                _("Each item is scored %(values)s.")
                % {"values": " / ".join(str(v) for v in rubric.values)}
            )
    if len(data.findings) > MAX_FINDINGS or any(len(f) > 300 for f in data.findings):
        errors.append(
            _("Up to %(n)d findings to follow up, each up to 300 characters.") % {"n": MAX_FINDINGS}
        )
    # A finding another visit resolved after this form was opened is still followed up: the
    # supervisor's note is kept, the finding stays resolved where it was.
    findings = set(Finding.objects.filter(school=school).values_list("pk", flat=True))
    if set(data.follow_ups) - findings:
        errors.append(_("A follow-up is for a finding of another school."))
    if any(result not in FollowUp.Result.values for result, _note in data.follow_ups.values()):
        errors.append(_("Choose the result of each follow-up from the list."))
    return errors


def _cleaned_photos(photos: list[PhotoInput]) -> list[tuple[ContentFile, CheckedUpload, str]]:
    """Every photo checked and drawn again without its metadata, before anything is written."""
    if len(photos) > MAX_PHOTOS:
        raise ValidationError(_("Up to %(n)d photos a visit.") % {"n": MAX_PHOTOS})
    cleaned = []
    for number, photo in enumerate(photos, start=1):
        try:
            checked = check_upload(
                photo.upload, allowed={"jpg", "png"}, max_bytes=settings.DLICT_EVIDENCE_MAX_BYTES
            )
            cleaned.append((clean_photo(photo.upload, checked.extension), checked, photo.caption))
        except ValidationError as error:
            raise ValidationError(
                [
                    _("Photo %(n)d (%(name)s): %(error)s")
                    % {"n": number, "name": photo.upload.name, "error": message}
                    for message in error.messages
                ]
            ) from None
    return cleaned


class VisitConflict(ValidationError):
    """The visit's key arrived before with different content: the first one is kept."""


def _fingerprint(data: VisitInput, photos: list[PhotoInput]) -> str:
    """What the phone sent, as one hash: a second send is the same visit only if it matches."""
    content = {
        **{name: getattr(data, name) for name in VISIT_TEXTS},
        "school": data.school_id,
        "rubric": data.rubric_id,
        "visited_on": data.visited_on.isoformat(),
        "grade": data.grade,
        "students_present": data.students_present,
        "scores": {code: [o.score, o.evidence] for code, o in sorted(data.scores.items())},
        "findings": list(data.findings),
        "follow_ups": {str(k): list(v) for k, v in sorted(data.follow_ups.items())},
        "photos": [[p.upload.size, p.caption] for p in photos],
    }
    text = json.dumps(content, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def _received_before(visit: Visit, fingerprint: str) -> VisitReceived:
    if visit.fingerprint != fingerprint:
        raise VisitConflict(
            _(
                "This visit was already recorded on %(day)s by %(name)s with other content; "
                "that record is kept. What this phone holds was not recorded."
            )
            % {"day": format_date_short(visit.visited_on), "name": visit.supervisor.display_name}
            if visit.visited_on
            else _("This visit was already recorded with other content."),
            code="conflict",
        )
    return VisitReceived(visit, created=False, newer_rubric=False)


def visit_receive(*, user: Any, data: VisitInput, photos: list[PhotoInput]) -> VisitReceived:
    """Record a visit sent from the supervisor's phone: all of it, or (with the reasons) nothing.
    A visit whose key has arrived before with the same content is answered with the visit
    already kept, so a phone that sends twice (a lost answer, two taps, two tabs) never makes two
    visits; with other content it is refused (VisitConflict) and the first one stays."""
    school = School.objects.filter(pk=data.school_id).first()
    if school is None or not can(user, "dltv.supervise", school=school):
        raise PermissionDenied
    fingerprint = _fingerprint(data, photos)
    earlier = Visit.objects.filter(key=data.key).select_related("supervisor").first()
    if earlier is not None and earlier.school_id != school.pk:
        raise ValidationError(_("This visit belongs to another school."))
    if earlier is not None and earlier.status == Visit.Status.RECORDED:
        return _received_before(earlier, fingerprint)
    rubric = Rubric.objects.usable_by(school.office_id).filter(pk=data.rubric_id).first()
    errors = _visit_errors(data, school, rubric)
    if errors:
        raise ValidationError(errors)
    assert rubric is not None  # noqa: S101 - _visit_errors reports a missing rubric
    # Photos are checked and stored first; a visit that is not recorded takes its files away.
    stored = _stored_photos(_cleaned_photos(photos))
    try:
        with transaction.atomic():
            visit = _visit_write(user, school, rubric, data, fingerprint, stored)
    except IntegrityError:
        _photos_discard(stored)
        # The same visit, sent at the same moment by another request that won the race.
        raced = Visit.objects.filter(key=data.key, status=Visit.Status.RECORDED).first()
        if raced is None:
            raise
        return _received_before(raced, fingerprint)
    except BaseException:
        _photos_discard(stored)
        raise
    if visit is None:  # recorded by a concurrent send while this one waited
        _photos_discard(stored)
        return _received_before(Visit.objects.get(key=data.key), fingerprint)
    current = Rubric.objects.current_for(school.office_id)
    newer = current is not None and current != rubric
    return VisitReceived(visit, created=True, newer_rubric=newer)


@dataclass(frozen=True)
class StoredPhoto:
    name: str
    content_type: str
    size: int
    caption: str


def _stored_photos(photos: list[tuple[ContentFile, CheckedUpload, str]]) -> list[StoredPhoto]:
    field = VisitPhoto._meta.get_field("file")
    stored = []
    for content, checked, caption in photos:
        name = field.generate_filename(None, f"visit.{checked.extension}")
        saved = field.storage.save(name, content)
        stored.append(StoredPhoto(saved, checked.content_type, content.size, caption))
    return stored


def _photos_discard(stored: list[StoredPhoto]) -> None:
    storage = VisitPhoto._meta.get_field("file").storage
    for photo in stored:
        storage.delete(photo.name)


VISIT_TEXTS = (
    "informant",
    "informant_position",
    "subject",
    "channel",
    "reception",
    "context_note",
    "strengths",
    "suggestions",
)


def _visit_write(
    user: Any,
    school: School,
    rubric: Rubric,
    data: VisitInput,
    fingerprint: str,
    photos: list[StoredPhoto],
) -> Visit | None:
    # Sends of one school's visits wait for each other: the round number and the key stay exact.
    School.objects.select_for_update().get(pk=school.pk)
    visit = Visit.objects.select_for_update().filter(key=data.key).first()
    if visit is not None and visit.status == Visit.Status.RECORDED:
        return None
    if visit is None:
        visit = Visit(key=data.key, office_id=school.office_id, school=school)
    start, end = academic_year_range(academic_year(data.visited_on))
    visit.round = (
        Visit.objects.filter(
            school=school,
            status=Visit.Status.RECORDED,
            visited_on__gte=start,
            visited_on__lte=end,
        ).count()
        + 1
    )
    visit.supervisor = user
    visit.status = Visit.Status.RECORDED
    visit.visited_on = data.visited_on
    visit.rubric = rubric
    visit.fingerprint = fingerprint
    visit.recorded_at = timezone.now()
    for name in ("informant", "informant_position", "subject"):
        setattr(visit, name, getattr(data, name).strip()[:200])
    visit.grade = data.grade
    visit.students_present = data.students_present
    visit.channel = data.channel
    visit.reception = data.reception
    visit.context_note = data.context_note.strip()
    visit.strengths = data.strengths.strip()
    visit.suggestions = data.suggestions.strip()
    visit.scores = {
        code: {"score": o.score, "evidence": o.evidence.strip()} for code, o in data.scores.items()
    }
    visit.save()
    for text in data.findings:
        if text.strip():
            Finding.objects.create(
                visit=visit, office_id=school.office_id, school=school, text=text.strip()
            )
    for finding in Finding.objects.filter(pk__in=data.follow_ups).select_for_update():
        result, note = data.follow_ups[finding.pk]
        FollowUp.objects.create(visit=visit, finding=finding, result=result, note=note[:300])
        if result == FollowUp.Result.RESOLVED and finding.resolved_in_id is None:
            finding.resolved_in = visit
            finding.save(update_fields=["resolved_in"])
    for photo in photos:
        VisitPhoto.objects.create(
            visit=visit,
            file=photo.name,
            content_type=photo.content_type,
            size=photo.size,
            caption=photo.caption.strip()[:200],
        )
    return visit


# --- The observation rubric ----------------------------------------------------------------------


def rubric_save(
    *,
    user: Any,
    office_id: int,
    name: str,
    scale: list[dict[str, Any]],
    sections: list[dict[str, Any]],
    bands: list[dict[str, Any]],
) -> Rubric:
    """Save the office's rubric as a new version. The versions before stay as they were: the
    visits recorded with them, and the forms already open on phones, keep them."""
    if not can(user, "dltv.change", office_id=office_id):
        raise PermissionDenied
    errors = []
    values = [level.get("value") for level in scale]
    numbers = [v for v in values if isinstance(v, int) and v >= 0]
    if not 2 <= len(scale) <= 6 or len(numbers) != len(values):
        errors.append(_("The scale has 2 to 6 levels, each a whole number of 0 or more."))
    elif len(set(numbers)) != len(numbers) or numbers != sorted(numbers, reverse=True):
        errors.append(_("The scale's levels are different numbers, highest first."))
    if any(not str(level.get("label", "")).strip() for level in scale):
        errors.append(_("Every level of the scale has a label."))
    if not sections or any(not s["title"].strip() or not s["items"] for s in sections):
        errors.append(_("The rubric has at least one section, each with a title and items."))
    if sum(len(s["items"]) for s in sections) > 100:
        errors.append(_("The rubric has at most 100 items."))
    minimums = [band.get("min_percent") for band in bands]
    if (
        not bands
        or any(not isinstance(m, int) or not 0 <= m <= 100 for m in minimums)
        or minimums != sorted(set(minimums), reverse=True)  # type: ignore[type-var]
        or minimums[-1] != 0
        or any(not str(band.get("label", "")).strip() for band in bands)
    ):
        errors.append(
            _(
                "Quality bands go from the highest percentage down to 0, each with a label "
                "(for example 80 ดี, 60 พอใช้, 0 กำลังพัฒนา)."
            )
        )
    if not name.strip():
        errors.append(_("The rubric has a name."))
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        Office.objects.select_for_update().get(pk=office_id)
        latest = Rubric.objects.usable_by(office_id).aggregate(n=Max("version"))["n"]
        version = (latest or 0) + 1
        return Rubric.objects.create(
            office_id=office_id,
            version=version,
            name=name.strip()[:200],
            scale=scale,
            sections=numbered_sections(sections),
            bands=bands,
            created_by=user,
        )
