"""Supervision visits: planned, cancelled, received from the supervisor's phone (all of it or
nothing, once per key), and the office's observation rubric saved as a new version."""

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
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from dlict.core.scoping import can
from dlict.core.thai import academic_year, academic_year_range, format_date_short
from dlict.core.uploads import CheckedUpload, check_upload, clean_photo
from dlict.dltv.choices import GRADE_LABELS, ViewingChannel
from dlict.dltv.services import school_grades
from dlict.schools.models import Office, School
from dlict.supervision.defaults import numbered_sections
from dlict.supervision.models import Finding, FollowUp, Reception, Rubric, Visit, VisitPhoto

MAX_PHOTOS = 8
MAX_FINDINGS = 20
MAX_TEXT = 5000
# The lengths the models keep, checked here so a value too long is refused, never cut.
TEXT_LENGTH = Visit._meta.get_field("informant").max_length or 200  # informant, position, subject
FINDING_LENGTH = Finding._meta.get_field("text").max_length or 300
NOTE_LENGTH = FollowUp._meta.get_field("note").max_length or 300
CAPTION_LENGTH = VisitPhoto._meta.get_field("caption").max_length or 200
NAME_LENGTH = Rubric._meta.get_field("name").max_length or 200


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
    if any(
        len(getattr(data, name)) > TEXT_LENGTH
        for name in ("informant", "informant_position", "subject")
    ):
        errors.append(
            _("The informant, their position and the subject are up to %(n)d characters.")
            % {"n": TEXT_LENGTH}
        )
    if any(len(note) > NOTE_LENGTH for _result, note in data.follow_ups.values()):
        errors.append(_("A follow-up's note is up to %(n)d characters.") % {"n": NOTE_LENGTH})
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
    if len(data.findings) > MAX_FINDINGS or any(len(f) > FINDING_LENGTH for f in data.findings):
        errors.append(
            _("Up to %(n)d findings to follow up, each up to %(length)d characters.")
            % {"n": MAX_FINDINGS, "length": FINDING_LENGTH}
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
        if len(photo.caption) > CAPTION_LENGTH:
            raise ValidationError(
                _("Photo %(n)d: a caption is up to %(length)d characters.")
                % {"n": number, "length": CAPTION_LENGTH}
            )
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
        setattr(visit, name, getattr(data, name).strip())
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
        FollowUp.objects.create(visit=visit, finding=finding, result=result, note=note.strip())
        if result == FollowUp.Result.RESOLVED and finding.resolved_in_id is None:
            finding.resolved_in = visit
            finding.save(update_fields=["resolved_in"])
    for photo in photos:
        VisitPhoto.objects.create(
            visit=visit,
            file=photo.name,
            content_type=photo.content_type,
            size=photo.size,
            caption=photo.caption.strip(),
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
    elif len(name.strip()) > NAME_LENGTH:
        errors.append(_("A rubric's name is up to %(n)d characters.") % {"n": NAME_LENGTH})
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        Office.objects.select_for_update().get(pk=office_id)
        latest = Rubric.objects.usable_by(office_id).aggregate(n=Max("version"))["n"]
        version = (latest or 0) + 1
        return Rubric.objects.create(
            office_id=office_id,
            version=version,
            name=name.strip(),
            scale=scale,
            sections=numbered_sections(sections),
            bands=bands,
            created_by=user,
        )
