"""People, their roles in offices and schools, and their API tokens."""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from dlict.accounts.roles import OFFICE_ROLES, SCHOOL_ROLES, Role


class User(AbstractUser):
    """Anyone who logs in: office staff, directors, supervisors, school coordinators, teachers."""

    class Title(models.TextChoices):
        MR = "mr", _("Mr (นาย)")
        MRS = "mrs", _("Mrs (นาง)")
        MISS = "miss", _("Miss (นางสาว)")
        OTHER = "other", _("Other")

    TITLE_TH: ClassVar[dict[str, str]] = {"mr": "นาย", "mrs": "นาง", "miss": "นางสาว"}

    title = models.CharField(_("title"), max_length=8, choices=Title.choices, blank=True)
    title_other = models.CharField(
        _("other title"), max_length=50, blank=True, help_text=_("For example ว่าที่ร้อยตรี or ดร.")
    )
    phone = models.CharField(_("phone"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.display_name

    @property
    def title_text(self) -> str:
        if self.title == self.Title.OTHER:
            return self.title_other
        return self.TITLE_TH.get(self.title, "")

    @property
    def display_name(self) -> str:
        """The name as Thai documents write it: the title joined to the first name."""
        name = f"{self.title_text}{self.first_name} {self.last_name}".strip()
        return name or self.username


class Membership(models.Model):
    """A user's role: nationwide, in one office, or in one school."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("user")
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    office = models.ForeignKey(
        "schools.Office",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("office"),
    )
    school = models.ForeignKey(
        "schools.School",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("school"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.CheckConstraint(
                name="membership_role_matches_place",
                condition=(
                    Q(role=Role.NATIONAL_ADMIN, office__isnull=True, school__isnull=True)
                    | Q(role__in=sorted(OFFICE_ROLES), office__isnull=False, school__isnull=True)
                    | Q(role__in=sorted(SCHOOL_ROLES), office__isnull=True, school__isnull=False)
                ),
                violation_error_message=_(
                    "An office role needs an office, a school role needs a school, "
                    "and a national role needs neither."
                ),
            ),
            models.UniqueConstraint(
                fields=["user", "role", "office"],
                condition=Q(office__isnull=False),
                name="membership_unique_office_role",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "school"],
                condition=Q(school__isnull=False),
                name="membership_unique_school_role",
            ),
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(role=Role.NATIONAL_ADMIN),
                name="membership_unique_national_role",
            ),
        ]

    def __str__(self) -> str:
        place = self.office or self.school or _("all offices")
        return f"{self.get_role_display()} · {place}"

    def get_additional_data(self) -> dict[str, Any]:
        # A query, not self.school: when a school is deleted its memberships go first, and the
        # cached school may already be gone.
        from dlict.schools.models import School

        office_id = self.office_id
        if office_id is None and self.school_id is not None:
            office_id = (
                School.objects.filter(pk=self.school_id).values_list("office_id", flat=True).first()
            )
        return {"office_id": office_id}


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def active(self) -> ApiTokenQuerySet:
        return self.filter(revoked_at__isnull=True)


class ApiToken(models.Model):
    """A personal key for the API. Only a hash is kept; the key is shown once, when it is made."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("user")
    )
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("prefix"), max_length=16, unique=True)
    digest = models.CharField(_("digest"), max_length=64)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
