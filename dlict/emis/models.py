"""Figures of the schools from the ministry's data centre (DMC), by academic year and round."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from dlict.core.models import OfficeAudited
from dlict.core.scoping import ScopedQuerySet
from dlict.emis.grades import GRADE_CHOICES


class DataRound(models.IntegerChoices):
    """The three dates a year on which schools' figures are counted."""

    JUNE = 1, _("10 June")
    NOVEMBER = 2, _("10 November")
    YEAR_END = 3, _("End of the academic year")


class StudentCountQuerySet(ScopedQuerySet["StudentCount"]):
    permission_app = "emis"
    office_path = "office"
    school_path = "school"

    def for_round(self, academic_year: int, data_round: int) -> StudentCountQuerySet:
        return self.filter(academic_year=academic_year, data_round=data_round)


class StudentCount(OfficeAudited):
    """Students of one grade of a school, by sex, and its classrooms, in one data round."""

    # The office is the school's, kept here so an office's figures are one indexed lookup.
    office = models.ForeignKey(
        "schools.Office", on_delete=models.CASCADE, related_name="+", verbose_name=_("office")
    )
    school = models.ForeignKey(
        "schools.School",
        on_delete=models.CASCADE,
        related_name="student_counts",
        verbose_name=_("school"),
    )
    academic_year = models.PositiveSmallIntegerField(_("academic year"))
    data_round = models.PositiveSmallIntegerField(_("round"), choices=DataRound.choices)
    grade = models.CharField(_("grade"), max_length=4, choices=GRADE_CHOICES)
    boys = models.PositiveIntegerField(_("boys"), default=0)
    girls = models.PositiveIntegerField(_("girls"), default=0)
    rooms = models.PositiveIntegerField(_("classrooms"), default=0)

    objects = StudentCountQuerySet.as_manager()

    class Meta:
        verbose_name = _("student count")
        verbose_name_plural = _("student counts")
        constraints = [
            models.UniqueConstraint(
                fields=["school", "academic_year", "data_round", "grade"],
                name="student_count_once_per_round",
            )
        ]
        indexes = [
            models.Index(
                fields=["office", "academic_year", "data_round"], name="student_count_office"
            )
        ]

    def __str__(self) -> str:
        return f"{self.school} {self.grade} {self.academic_year}/{self.data_round}"

    @property
    def total(self) -> int:
        return self.boys + self.girls


class SchoolProfileQuerySet(ScopedQuerySet["SchoolProfile"]):
    permission_app = "emis"
    office_path = "school__office"
    school_path = "school"


class SchoolProfile(OfficeAudited):
    """What the data centre's school-information export says of a school beyond the registry:
    staff, computers, internet, electricity; the whole row is kept in ``data`` so no column of
    the export is lost. Each import replaces it with the newer figures."""

    audit_office = "school.office_id"

    school = models.OneToOneField(
        "schools.School", on_delete=models.CASCADE, related_name="profile", verbose_name=_("school")
    )
    directors = models.PositiveIntegerField(_("directors"), default=0)
    deputies = models.PositiveIntegerField(_("deputy directors"), default=0)
    teachers = models.PositiveIntegerField(_("teachers"), default=0)
    students = models.PositiveIntegerField(_("students (as reported)"), default=0)
    rooms = models.PositiveIntegerField(_("classrooms (as reported)"), default=0)
    computers_teaching = models.PositiveIntegerField(_("computers for teaching"), default=0)
    computers_admin = models.PositiveIntegerField(_("computers for administration"), default=0)
    computers_government = models.PositiveIntegerField(
        _("computers funded by government"), default=0
    )
    computers_other = models.PositiveIntegerField(_("computers from other funding"), default=0)
    internet = models.CharField(_("internet connection"), max_length=200, blank=True)
    electricity = models.CharField(_("electricity"), max_length=200, blank=True)
    data = models.JSONField(_("the export's row"), default=dict, blank=True)
    source = models.CharField(_("source file"), max_length=255, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = SchoolProfileQuerySet.as_manager()

    class Meta:
        verbose_name = _("school information")
        verbose_name_plural = _("school information")

    def __str__(self) -> str:
        return str(self.school)

    @property
    def computers(self) -> int:
        return self.computers_teaching + self.computers_admin
