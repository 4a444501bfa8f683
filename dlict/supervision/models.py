"""Supervision visits (แบบบันทึกนิเทศ กำกับ ติดตามและประเมินผล, process dl-1): a supervisor's
visit to a DLTV school, planned at the office and recorded at the school, scored on the office's
observation rubric; the findings it raises are followed up at the school's next visits.

The tables were made by the DLTV app (``dltv_visit`` …) and moved here in migration 0001, renamed
in 0002; permissions stay those of DLTV work (``dltv.view``, ``dltv.supervise``, ``dltv.change``).
"""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from dlict.core.models import OfficeAudited, private_storage
from dlict.core.scoping import ScopedQuerySet, scope_of
from dlict.core.thai import format_date_short
from dlict.dltv.choices import DLTV_GRADES, ViewingChannel


class RubricQuerySet(models.QuerySet["Rubric"]):
    def usable_by(self, office_id: int) -> RubricQuerySet:
        """The shipped versions and the office's own."""
        return self.filter(Q(office__isnull=True) | Q(office_id=office_id))

    def visible_to(self, user: Any) -> RubricQuerySet:
        """The shipped versions, those of offices where the person may see DLTV work, and those
        of the visits the person may see (a school's coordinator reads their visits' rubric)."""
        if scope_of(user).national:
            return self.all()
        offices = scope_of(user).offices_with("dltv.view")
        seen = Visit.objects.visible_to(user).values("rubric_id")
        return self.filter(
            Q(office__isnull=True) | Q(office__in=sorted(offices)) | Q(pk__in=seen)
        ).distinct()

    def current_for(self, office_id: int) -> Rubric | None:
        """The office's latest version, or the latest shipped one while it has none."""
        own = self.filter(office_id=office_id).order_by("-version").first()
        return own or self.filter(office__isnull=True).order_by("-version").first()


class Rubric(OfficeAudited):
    """One version of the classroom observation rubric: its scale, sections and items, and the
    quality bands of a section's score. A version never changes once saved; editing the rubric
    saves a new version, and every visit keeps the version it was recorded with."""

    office = models.ForeignKey(
        "schools.Office",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("office"),
    )
    version = models.PositiveSmallIntegerField(_("version"))
    name = models.CharField(_("name"), max_length=200)
    # [{"value": 3, "label": "ชัดเจน / มาก", "description": "…"}, …], highest first.
    scale = models.JSONField(_("scale"))
    # [{"title": "…", "items": [{"code": "1.1", "text": "…"}, …]}, …]
    sections = models.JSONField(_("sections"))
    # [{"min_percent": 80, "label": "ดี"}, …], highest first; the last has min_percent 0.
    bands = models.JSONField(_("quality bands"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )

    objects = RubricQuerySet.as_manager()

    class Meta:
        verbose_name = _("observation rubric")
        verbose_name_plural = _("observation rubrics")
        ordering = ["office", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["office", "version"], name="rubric_version_once"),
            models.UniqueConstraint(
                fields=["version"], condition=Q(office__isnull=True), name="rubric_shipped_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.version})"

    @property
    def items(self) -> list[dict[str, str]]:
        return [item for section in self.sections for item in section["items"]]

    @property
    def values(self) -> list[int]:
        return [level["value"] for level in self.scale]

    def band(self, score: int, maximum: int) -> str:
        percent = 100 * score / maximum if maximum else 0
        for band in self.bands:
            if percent >= band["min_percent"]:
                return str(band["label"])
        return ""


class VisitQuerySet(ScopedQuerySet["Visit"]):
    permission_app = "dltv"
    office_path = "office"
    school_path = "school"


class Reception(models.TextChoices):
    """How well the classroom receives DLTV, in the foundation's words (Evolutionform 5.4)."""

    GOOD = "good", pgettext_lazy("reception", "Good")
    FAIR = "fair", pgettext_lazy("reception", "Fair")
    POOR = "poor", pgettext_lazy("reception", "Needs improving")


class Visit(OfficeAudited):
    """A supervisor's visit to a school: planned at the office, recorded at the school (often
    without a connection) and sent once. ``key`` makes a second send of the same visit a no-op."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        RECORDED = "recorded", _("Recorded")

    key = models.UUIDField(_("key"), unique=True, default=uuid.uuid4, editable=False)
    office = models.ForeignKey(
        "schools.Office", on_delete=models.CASCADE, related_name="+", verbose_name=_("office")
    )
    school = models.ForeignKey(
        "schools.School", on_delete=models.CASCADE, related_name="+", verbose_name=_("school")
    )
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("supervisor"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    planned_on = models.DateField(_("planned for"), null=True, blank=True)
    visited_on = models.DateField(_("visited on"), null=True, blank=True)
    round = models.PositiveSmallIntegerField(_("visit round"), null=True, blank=True)
    rubric = models.ForeignKey(
        Rubric,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="visits",
        verbose_name=_("rubric"),
    )
    # The school's context.
    informant = models.CharField(_("informant"), max_length=200, blank=True)
    informant_position = models.CharField(_("informant's position"), max_length=200, blank=True)
    grade = models.CharField(_("grade observed"), max_length=4, choices=DLTV_GRADES, blank=True)
    subject = models.CharField(_("subject or activity"), max_length=200, blank=True)
    students_present = models.PositiveSmallIntegerField(
        _("students present"), null=True, blank=True
    )
    channel = models.CharField(
        _("viewing channel"), max_length=16, choices=ViewingChannel.choices, blank=True
    )
    reception = models.CharField(
        _("reception quality"), max_length=8, choices=Reception.choices, blank=True
    )
    context_note = models.TextField(_("more about the context"), blank=True)
    # The observation: {item code: {"score": 3, "evidence": "…"}} for every item of the rubric.
    scores = models.JSONField(_("scores"), default=dict, blank=True)
    strengths = models.TextField(_("strengths"), blank=True)
    suggestions = models.TextField(_("suggestions"), blank=True)
    recorded_at = models.DateTimeField(_("received"), null=True, blank=True)
    # A hash of what the phone sent: a second send of the key is the same visit only if it matches.
    fingerprint = models.CharField(_("fingerprint"), max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = VisitQuerySet.as_manager()

    class Meta:
        verbose_name = _("supervision visit")
        verbose_name_plural = _("supervision visits")
        ordering = ["-visited_on", "-planned_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="planned") | Q(visited_on__isnull=False, rubric__isnull=False),
                name="visit_recorded_complete",
            ),
        ]
        indexes = [models.Index(fields=["office", "status", "visited_on"], name="visit_office")]

    def __str__(self) -> str:
        day = self.visited_on or self.planned_on
        return f"{self.school} {format_date_short(day)}" if day else str(self.school)


class FindingQuerySet(ScopedQuerySet["Finding"]):
    permission_app = "dltv"
    office_path = "office"
    school_path = "school"

    def still_open(self) -> FindingQuerySet:
        """The findings no visit has found resolved, oldest first."""
        return self.filter(resolved_in__isnull=True).order_by("visit__visited_on", "pk")


class Finding(OfficeAudited):
    """A point a visit asks the school to act on, followed up at the school's next visits until
    one finds it resolved."""

    visit = models.ForeignKey(
        Visit, on_delete=models.CASCADE, related_name="findings", verbose_name=_("visit")
    )
    office = models.ForeignKey(
        "schools.Office", on_delete=models.CASCADE, related_name="+", verbose_name=_("office")
    )
    school = models.ForeignKey(
        "schools.School", on_delete=models.CASCADE, related_name="+", verbose_name=_("school")
    )
    text = models.CharField(_("finding"), max_length=300)
    resolved_in = models.ForeignKey(
        Visit,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="resolved_findings",
        verbose_name=_("resolved at visit"),
    )

    objects = FindingQuerySet.as_manager()

    class Meta:
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        ordering = ["visit", "pk"]
        indexes = [models.Index(fields=["office", "resolved_in"], name="finding_open")]

    def __str__(self) -> str:
        return self.text


class FollowUp(OfficeAudited):
    """What a visit found of an earlier visit's finding."""

    audit_office = "finding.office_id"

    class Result(models.TextChoices):
        RESOLVED = "resolved", pgettext_lazy("follow-up", "Resolved")
        IN_PROGRESS = "in_progress", pgettext_lazy("follow-up", "In progress")
        NOT_STARTED = "not_started", pgettext_lazy("follow-up", "Not started")

    visit = models.ForeignKey(
        Visit, on_delete=models.CASCADE, related_name="follow_ups", verbose_name=_("visit")
    )
    finding = models.ForeignKey(
        Finding, on_delete=models.CASCADE, related_name="follow_ups", verbose_name=_("finding")
    )
    result = models.CharField(_("result"), max_length=12, choices=Result.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["visit", "finding"]
        constraints = [models.UniqueConstraint(fields=["visit", "finding"], name="follow_up_once")]

    def __str__(self) -> str:
        return f"{self.finding}: {self.get_result_display()}"


class VisitPhotoQuerySet(ScopedQuerySet["VisitPhoto"]):
    permission_app = "dltv"
    office_path = "visit__office"
    school_path = "visit__school"


class VisitPhoto(OfficeAudited):
    """A photo taken at the visit, drawn again without its EXIF (and GPS) data."""

    audit_office = "visit.office_id"

    visit = models.ForeignKey(
        Visit, on_delete=models.CASCADE, related_name="photos", verbose_name=_("visit")
    )
    file = models.FileField(_("file"), storage=private_storage, upload_to="visits/%Y/%m/")
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveIntegerField(_("size"))
    caption = models.CharField(_("caption"), max_length=200, blank=True)

    objects = VisitPhotoQuerySet.as_manager()

    class Meta:
        verbose_name = _("visit photo")
        verbose_name_plural = _("visit photos")
        ordering = ["visit", "pk"]

    def __str__(self) -> str:
        return self.caption or self.file.name
