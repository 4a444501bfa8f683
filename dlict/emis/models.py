"""Figures of the schools from the ministry's data centre (DMC), by academic year and round."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

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


class StudentCount(models.Model):
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

    def get_additional_data(self) -> dict[str, Any]:
        return {"office_id": self.office_id}
