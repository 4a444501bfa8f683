"""DLTV (process dl-1): the grades a school teaches with DLTV, and what it records each school day.

A coordinator records, per grade and school day, the periods planned and watched and the problem
when there was one. Monthly rollups (school × month × grade) are kept in step as records are
saved, so dashboards never scan the year's millions of rows.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from dlict.core.models import private_storage
from dlict.core.scoping import ScopedQuerySet

# DLTV broadcasts from kindergarten to lower secondary.
DLTV_GRADES = [
    ("k1", "อ.1"), ("k2", "อ.2"), ("k3", "อ.3"),
    ("p1", "ป.1"), ("p2", "ป.2"), ("p3", "ป.3"), ("p4", "ป.4"), ("p5", "ป.5"), ("p6", "ป.6"),
    ("m1", "ม.1"), ("m2", "ม.2"), ("m3", "ม.3"),
]  # fmt: skip
MAX_PERIODS = 8  # periods in a school day


class ProblemCategoryQuerySet(models.QuerySet["ProblemCategory"]):
    def for_office(self, office_id: int) -> ProblemCategoryQuerySet:
        """The shipped categories and the office's own."""
        return self.filter(Q(office__isnull=True) | Q(office_id=office_id), active=True)


class ProblemCategory(models.Model):
    """What stopped a class watching: shipped defaults (no office) that an office may extend.
    A category about equipment opens a repair request when a coordinator reports it."""

    office = models.ForeignKey(
        "schools.Office",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("office"),
    )
    code = models.SlugField(_("code"), max_length=32)
    label = models.CharField(_("label"), max_length=100)
    equipment = models.BooleanField(_("opens a repair request"), default=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    active = models.BooleanField(_("in use"), default=True)

    objects = ProblemCategoryQuerySet.as_manager()

    class Meta:
        verbose_name = _("problem category")
        verbose_name_plural = _("problem categories")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["office", "code"], name="problem_code_per_office"),
            models.UniqueConstraint(
                fields=["code"], condition=Q(office__isnull=True), name="problem_code_shipped"
            ),
        ]

    def __str__(self) -> str:
        return self.label


class ClassroomQuerySet(ScopedQuerySet["DltvClassroom"]):
    permission_app = "dltv"
    office_path = "school__office"
    school_path = "school"


class DltvClassroom(models.Model):
    """A grade the school teaches with DLTV, and the periods a day it plans to watch."""

    school = models.ForeignKey(
        "schools.School",
        on_delete=models.CASCADE,
        related_name="dltv_classrooms",
        verbose_name=_("school"),
    )
    grade = models.CharField(_("grade"), max_length=4, choices=DLTV_GRADES)
    periods_per_day = models.PositiveSmallIntegerField(_("periods a day"), default=5)

    objects = ClassroomQuerySet.as_manager()

    class Meta:
        verbose_name = _("DLTV classroom")
        verbose_name_plural = _("DLTV classrooms")
        ordering = ["school", "grade"]
        constraints = [
            models.UniqueConstraint(fields=["school", "grade"], name="dltv_classroom_once"),
            models.CheckConstraint(
                condition=Q(periods_per_day__lte=MAX_PERIODS), name="dltv_classroom_periods"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.school} {self.get_grade_display()}"


class UsageQuerySet(ScopedQuerySet["UsageRecord"]):
    permission_app = "dltv"
    office_path = "office"
    school_path = "school"


class UsageRecord(models.Model):
    """แบบบันทึกผลการใช้งาน: one grade's DLTV periods on one school day."""

    office = models.ForeignKey(
        "schools.Office", on_delete=models.CASCADE, related_name="+", verbose_name=_("office")
    )
    school = models.ForeignKey(
        "schools.School", on_delete=models.CASCADE, related_name="+", verbose_name=_("school")
    )
    day = models.DateField(_("day"))
    grade = models.CharField(_("grade"), max_length=4, choices=DLTV_GRADES)
    planned = models.PositiveSmallIntegerField(_("periods planned"))
    watched = models.PositiveSmallIntegerField(_("periods watched"))
    problem = models.ForeignKey(
        ProblemCategory,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("problem"),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = UsageQuerySet.as_manager()

    class Meta:
        verbose_name = _("DLTV usage record")
        verbose_name_plural = _("DLTV usage records")
        constraints = [
            models.UniqueConstraint(fields=["school", "day", "grade"], name="usage_once_a_day"),
            models.CheckConstraint(condition=Q(watched__lte=F("planned")), name="usage_watched"),
            models.CheckConstraint(condition=Q(planned__lte=MAX_PERIODS), name="usage_planned"),
        ]
        indexes = [
            # An office's month of one grade is one range of this index.
            models.Index(fields=["office", "day", "grade"], name="usage_office_day_grade"),
            # The month's problems, of an office or of the country, without the days that had none.
            models.Index(
                fields=["day", "office", "problem"],
                condition=Q(problem__isnull=False),
                name="usage_problem_day",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.school} {self.day} {self.grade}"

    def get_additional_data(self) -> dict[str, Any]:
        return {"office_id": self.office_id}


class RollupQuerySet(ScopedQuerySet["UsageRollup"]):
    permission_app = "dltv"
    office_path = "office"
    school_path = "school"


class UsageRollup(models.Model):
    """A school's month of one grade, summed from its usage records (kept in step by the
    service that saves them; ``dltv_rollups_rebuild`` recomputes them all)."""

    office = models.ForeignKey(
        "schools.Office", on_delete=models.CASCADE, related_name="+", verbose_name=_("office")
    )
    school = models.ForeignKey(
        "schools.School", on_delete=models.CASCADE, related_name="+", verbose_name=_("school")
    )
    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    grade = models.CharField(_("grade"), max_length=4, choices=DLTV_GRADES)
    days = models.PositiveSmallIntegerField(_("days recorded"), default=0)
    planned = models.PositiveIntegerField(_("periods planned"), default=0)
    watched = models.PositiveIntegerField(_("periods watched"), default=0)
    problem_days = models.PositiveSmallIntegerField(_("days with a problem"), default=0)
    last_day = models.DateField(_("last day recorded"), null=True, blank=True)

    objects = RollupQuerySet.as_manager()

    class Meta:
        verbose_name = _("DLTV monthly usage")
        verbose_name_plural = _("DLTV monthly usage")
        constraints = [
            models.UniqueConstraint(fields=["school", "month", "grade"], name="rollup_once"),
        ]
        indexes = [models.Index(fields=["office", "month", "grade"], name="rollup_office_month")]

    def __str__(self) -> str:
        return f"{self.school} {self.month:%Y-%m} {self.grade}"


class OfficeRollupQuerySet(ScopedQuerySet["OfficeRollup"]):
    permission_app = "dltv"
    office_path = "office"
    school_path = None


class OfficeRollup(models.Model):
    """An office's month of one grade, summed from its schools' rollups in the same transaction
    that changes them: the country's dashboard reads 245 offices' rows, not 15,000 schools'."""

    office = models.ForeignKey(
        "schools.Office", on_delete=models.CASCADE, related_name="+", verbose_name=_("office")
    )
    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    grade = models.CharField(_("grade"), max_length=4, choices=DLTV_GRADES)
    schools = models.PositiveIntegerField(_("schools recorded"), default=0)
    days = models.PositiveIntegerField(_("days recorded"), default=0)
    planned = models.PositiveBigIntegerField(_("periods planned"), default=0)
    watched = models.PositiveBigIntegerField(_("periods watched"), default=0)
    problem_days = models.PositiveIntegerField(_("days with a problem"), default=0)

    objects = OfficeRollupQuerySet.as_manager()

    class Meta:
        verbose_name = _("DLTV monthly usage of an office")
        verbose_name_plural = _("DLTV monthly usage of offices")
        constraints = [
            models.UniqueConstraint(fields=["office", "month", "grade"], name="office_rollup_once")
        ]

    def __str__(self) -> str:
        return f"{self.office} {self.month:%Y-%m} {self.grade}"


class LastReportQuerySet(ScopedQuerySet["LastReport"]):
    permission_app = "dltv"
    office_path = "office"
    school_path = "school"


class LastReport(models.Model):
    """The last school day a school recorded its DLTV use (kept by the save service): which
    schools have gone silent is one range of an index, nationally as for one office."""

    school = models.OneToOneField(
        "schools.School",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="last_report",
        verbose_name=_("school"),
    )
    office = models.ForeignKey(
        "schools.Office", on_delete=models.CASCADE, related_name="+", verbose_name=_("office")
    )
    day = models.DateField(_("last day recorded"))

    objects = LastReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("last DLTV record")
        verbose_name_plural = _("last DLTV records")
        indexes = [models.Index(fields=["office", "day"], name="last_report_office_day")]

    def __str__(self) -> str:
        return f"{self.school} {self.day}"


class OfficeHoliday(models.Model):
    """A day the office's schools do not teach beyond Thailand's public holidays."""

    office = models.ForeignKey(
        "schools.Office", on_delete=models.CASCADE, related_name="+", verbose_name=_("office")
    )
    day = models.DateField(_("day"))
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        verbose_name = _("office holiday")
        verbose_name_plural = _("office holidays")
        ordering = ["office", "day"]
        constraints = [models.UniqueConstraint(fields=["office", "day"], name="office_holiday")]

    def __str__(self) -> str:
        return self.name


class RepairQuerySet(ScopedQuerySet["RepairRequest"]):
    permission_app = "dltv"
    office_path = "office"
    school_path = "school"


class RepairRequest(models.Model):
    """Broken DLTV equipment a coordinator's record reported: a queue for the office (the service
    desk will take these over)."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    office = models.ForeignKey(
        "schools.Office", on_delete=models.CASCADE, related_name="+", verbose_name=_("office")
    )
    school = models.ForeignKey(
        "schools.School", on_delete=models.CASCADE, related_name="+", verbose_name=_("school")
    )
    grade = models.CharField(_("grade"), max_length=4, choices=DLTV_GRADES)
    problem = models.ForeignKey(
        ProblemCategory, on_delete=models.PROTECT, related_name="+", verbose_name=_("problem")
    )
    reported_on = models.DateField(_("reported on"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.OPEN
    )
    closed_on = models.DateField(_("closed on"), null=True, blank=True)

    objects = RepairQuerySet.as_manager()

    class Meta:
        verbose_name = _("repair request")
        verbose_name_plural = _("repair requests")
        ordering = ["status", "-reported_on"]
        constraints = [
            # One open request per broken thing: a week of "TV broken" is one request.
            models.UniqueConstraint(
                fields=["school", "grade", "problem"],
                condition=Q(status="open"),
                name="repair_open_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.school} {self.grade} {self.problem}"

    def get_additional_data(self) -> dict[str, Any]:
        return {"office_id": self.office_id}


class EquipmentStatus(models.TextChoices):
    """As schools and the DLTV foundation record it, for each TV and receiver."""

    WORKING = "working", "มีและใช้งานได้"
    BROKEN = "broken", "มีแต่ชำรุด"
    NONE = "none", "ไม่มี"


class EquipmentSource(models.TextChoices):
    OBEC = "obec", "สพฐ."
    FOUNDATION = "foundation", "มูลนิธิการศึกษาทางไกลผ่านดาวเทียม"
    LOCAL = "local", "อบจ./อบต."
    OTHER = "other", "อื่น ๆ"


class EquipmentQuerySet(ScopedQuerySet["Equipment"]):
    permission_app = "dltv"
    office_path = "school__office"
    school_path = "school"


class Equipment(models.Model):
    """A school's DLTV equipment: the dish, and each classroom's receiver (IRD) and TV. Status
    changes are kept, dated, in EquipmentChange."""

    class Kind(models.TextChoices):
        DISH = "dish", _("Satellite dish")
        RECEIVER = "receiver", _("Receiver (IRD)")
        TV = "tv", _("Television")

    class Band(models.TextChoices):
        C = "c", "C-Band"
        KU = "ku", "Ku-Band"

    school = models.ForeignKey(
        "schools.School", on_delete=models.CASCADE, related_name="+", verbose_name=_("school")
    )
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    grade = models.CharField(_("grade"), max_length=4, choices=DLTV_GRADES, blank=True)
    status = models.CharField(
        _("status"), max_length=8, choices=EquipmentStatus.choices, default=EquipmentStatus.NONE
    )
    source = models.CharField(
        _("source"), max_length=12, choices=EquipmentSource.choices, blank=True
    )
    warranty_end = models.DateField(_("warranty until"), null=True, blank=True)
    band = models.CharField(_("band"), max_length=2, choices=Band.choices, blank=True)
    size_cm = models.PositiveSmallIntegerField(_("dish size (cm)"), null=True, blank=True)
    mount = models.CharField(_("mount"), max_length=100, blank=True)

    objects = EquipmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("DLTV equipment")
        verbose_name_plural = _("DLTV equipment")
        ordering = ["school", "grade", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["school", "kind", "grade"], name="equipment_once"),
            models.CheckConstraint(
                condition=Q(kind="dish", grade="") | ~Q(kind="dish") & ~Q(grade=""),
                name="equipment_dish_per_school_others_per_grade",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.school} {self.get_kind_display()} {self.get_grade_display()}".strip()


class EquipmentChange(models.Model):
    """The history of a piece of equipment: its status from a given day."""

    equipment = models.ForeignKey(
        Equipment, on_delete=models.CASCADE, related_name="changes", verbose_name=_("equipment")
    )
    changed_on = models.DateField(_("from"))
    status = models.CharField(_("status"), max_length=8, choices=EquipmentStatus.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("equipment change")
        verbose_name_plural = _("equipment history")
        ordering = ["equipment", "-changed_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.equipment} {self.changed_on} {self.status}"


class OfficeEquipmentQuerySet(ScopedQuerySet["OfficeEquipment"]):
    permission_app = "dltv"
    office_path = "office"
    school_path = None


class OfficeEquipment(models.Model):
    """An office's DLTV equipment counted by kind and status, and its classrooms whose receiver or
    TV nobody has recorded; recounted whenever a school's set or classrooms are saved."""

    office = models.OneToOneField(
        "schools.Office",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="+",
        verbose_name=_("office"),
    )
    counts = models.JSONField(_("counts"), default=dict)  # {"tv:working": 120, …}
    classrooms = models.PositiveIntegerField(_("DLTV classrooms"), default=0)
    unrecorded = models.PositiveIntegerField(_("classrooms without a receiver or TV"), default=0)

    objects = OfficeEquipmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("DLTV equipment of an office")
        verbose_name_plural = _("DLTV equipment of offices")

    def __str__(self) -> str:
        return str(self.office)


class ViewingChannel(models.TextChoices):
    """How a school watches DLTV (the foundation's context form, section 5.1)."""

    SATELLITE = "satellite", "รับชมสดผ่านกล่องดาวเทียม (IRD)"
    INTERNET_LIVE = "internet_live", "รับชมสดผ่านเว็บไซต์ www.dltv.ac.th"
    REPLAY = "replay", "รับชมย้อนหลังผ่านเว็บไซต์"
    DOWNLOADS = "downloads", "ดาวน์โหลดสื่อหรือเอกสาร"


class DltvSetup(models.Model):
    """How a school receives DLTV: its viewing channels and its internet link."""

    school = models.OneToOneField(
        "schools.School",
        on_delete=models.CASCADE,
        related_name="dltv_setup",
        verbose_name=_("school"),
    )
    channels = models.JSONField(_("viewing channels"), default=list, blank=True)
    internet = models.CharField(_("internet link"), max_length=200, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("DLTV set-up")
        verbose_name_plural = _("DLTV set-ups")

    def __str__(self) -> str:
        return str(self.school)

    @property
    def channel_labels(self) -> list[str]:
        labels = dict(ViewingChannel.choices)
        return [str(labels[code]) for code in self.channels if code in labels]


# --- Supervision visits (แบบบันทึกนิเทศ กำกับ ติดตามและประเมินผล) ----------------------------------


class RubricQuerySet(models.QuerySet["Rubric"]):
    def usable_by(self, office_id: int) -> RubricQuerySet:
        """The shipped versions and the office's own."""
        return self.filter(Q(office__isnull=True) | Q(office_id=office_id))

    def visible_to(self, user: Any) -> RubricQuerySet:
        """The shipped versions, those of offices where the person may see DLTV work, and those
        of the visits the person may see (a school's coordinator reads their visits' rubric)."""
        from dlict.core.scoping import scope_of

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


class Rubric(models.Model):
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

    def get_additional_data(self) -> dict[str, Any]:
        return {"office_id": self.office_id}

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

    GOOD = "good", "ดี"
    FAIR = "fair", "ปานกลาง"
    POOR = "poor", "ควรปรับปรุง"


class Visit(models.Model):
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
        return f"{self.school} {self.visited_on or self.planned_on}"

    def get_additional_data(self) -> dict[str, Any]:
        return {"office_id": self.office_id}


class FindingQuerySet(ScopedQuerySet["Finding"]):
    permission_app = "dltv"
    office_path = "office"
    school_path = "school"

    def still_open(self) -> FindingQuerySet:
        """The findings no visit has found resolved, oldest first."""
        return self.filter(resolved_in__isnull=True).order_by("visit__visited_on", "pk")


class Finding(models.Model):
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

    def get_additional_data(self) -> dict[str, Any]:
        return {"office_id": self.office_id}


class FollowUp(models.Model):
    """What a visit found of an earlier visit's finding."""

    class Result(models.TextChoices):
        RESOLVED = "resolved", "แก้ไขแล้ว"
        IN_PROGRESS = "in_progress", "อยู่ระหว่างดำเนินการ"
        NOT_STARTED = "not_started", "ยังไม่ได้ดำเนินการ"

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

    def get_additional_data(self) -> dict[str, Any]:
        return {"office_id": self.finding.office_id}


class VisitPhotoQuerySet(ScopedQuerySet["VisitPhoto"]):
    permission_app = "dltv"
    office_path = "visit__office"
    school_path = "visit__school"


class VisitPhoto(models.Model):
    """A photo taken at the visit, drawn again without its EXIF (and GPS) data."""

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

    def get_additional_data(self) -> dict[str, Any]:
        return {"office_id": self.visit.office_id}
