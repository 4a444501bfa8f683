"""DLTV (process dl-1): the grades a school teaches with DLTV, its equipment, and what it records
each school day.

A coordinator records, per grade and school day, the periods planned and watched and the problem
when there was one. Monthly rollups (school × month × grade) are kept in step as records are
saved, so dashboards never scan the year's millions of rows.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from dlict.core.models import OfficeAudited
from dlict.core.scoping import ScopedQuerySet
from dlict.dltv.choices import DLTV_GRADES, ViewingChannel

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


class UsageRecord(OfficeAudited):
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
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("recorded by"),
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


class RepairRequest(OfficeAudited):
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


class EquipmentStatus(models.TextChoices):
    """As schools and the DLTV foundation record it, for each TV and receiver."""

    WORKING = "working", _("Present and working")
    BROKEN = "broken", _("Present but broken")
    NONE = "none", _("None")


class EquipmentSource(models.TextChoices):
    OBEC = "obec", _("OBEC")
    FOUNDATION = "foundation", _("Distance Learning Foundation")
    LOCAL = "local", _("Provincial or sub-district administration")
    OTHER = "other", _("Other")


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
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("changed by"),
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
