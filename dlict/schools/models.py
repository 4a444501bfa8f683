"""Offices, schools and the administrative divisions their addresses use."""

from __future__ import annotations

import operator
from functools import reduce
from typing import Any, Self

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import Exact
from django.utils.translation import gettext_lazy as _

from dlict.core.models import OfficeAudited
from dlict.core.scoping import ScopedQuerySet, scope_of
from dlict.core.thai import Digits, thai_sort_key
from dlict.schools.validators import (
    latitude_validators,
    longitude_validators,
    ministry_code_validator,
    obec_code_validator,
    office_code_validator,
    postcode_validator,
    smis_code_validator,
)

BANGKOK_CODE = "10"


class Province(models.Model):
    """A province (จังหวัด), with the Interior Ministry's two-digit code."""

    code = models.CharField(_("code"), max_length=2, unique=True)
    name_th = models.CharField(_("name (Thai)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)
    region = models.CharField(_("region"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("province")
        verbose_name_plural = _("provinces")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name_th


class District(models.Model):
    """A district (อำเภอ, or เขต in Bangkok), with its four-digit code."""

    code = models.CharField(_("code"), max_length=4, unique=True)
    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, related_name="districts", verbose_name=_("province")
    )
    name_th = models.CharField(_("name (Thai)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)

    class Meta:
        verbose_name = _("district")
        verbose_name_plural = _("districts")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name_th


class SubDistrict(models.Model):
    """A sub-district (ตำบล, or แขวง in Bangkok), with its six-digit code and postcode."""

    code = models.CharField(_("code"), max_length=6, unique=True)
    district = models.ForeignKey(
        District,
        on_delete=models.PROTECT,
        related_name="sub_districts",
        verbose_name=_("district"),
    )
    name_th = models.CharField(_("name (Thai)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)
    postcode = models.CharField(_("postcode"), max_length=5, blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )

    class Meta:
        verbose_name = _("sub-district")
        verbose_name_plural = _("sub-districts")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name_th


class OfficeQuerySet(ScopedQuerySet["Office"]):
    permission_app = "schools"
    office_path = "pk"
    school_path = None

    def restrict(self, user: Any, action: str) -> Self:
        """Offices where the user has the permission; for reading, also the offices of their
        schools (a coordinator sees which office their school belongs to, and no more)."""
        scope = scope_of(user)
        if scope.national:
            return self.all()
        permission = f"schools.{action}"
        offices = scope.offices_with(permission)
        if action == "view":
            offices |= {scope.school_offices[s] for s in scope.schools_with(permission)}
        return self.filter(pk__in=sorted(offices))

    def with_office_permission(self, user: Any, permission: str) -> Self:
        """Offices where one of the user's office roles grants ``permission`` (all of them for a
        national administrator): the offices a page of office-wide figures lets one choose. A role
        in a school reaches no office this way."""
        scope = scope_of(user)
        if scope.national:
            return self.all()
        return self.filter(pk__in=sorted(scope.offices_with(permission)))


def normalize_school_name(text: str) -> str:
    """The registry writes a school's name without "โรงเรียน" (or "รร.") and with single spaces:
    บ้านห้วยทราย, shown as โรงเรียนบ้านห้วยทราย where a title needs it."""
    name = " ".join(text.split())
    for prefix in ("โรงเรียน", "รร."):
        if name.startswith(prefix) and len(name) > len(prefix):
            return name[len(prefix) :].strip()
    return name


def network_group_key(name: str) -> str:
    """Two spellings of one group name (spacing, letter case) are the same group."""
    return "".join(name.lower().split())


class Office(OfficeAudited):
    """An educational service area office (สพป. or สพม.)."""

    audit_office = "pk"

    class Level(models.TextChoices):
        PRIMARY = "primary", _("Primary (สพป.)")
        SECONDARY = "secondary", _("Secondary (สพม.)")

    code = models.CharField(
        _("office code"), max_length=10, unique=True, validators=[office_code_validator]
    )
    name_th = models.CharField(_("name (Thai)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, related_name="offices", verbose_name=_("province")
    )
    level = models.CharField(_("level"), max_length=16, choices=Level.choices)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    document_digits = models.CharField(
        _("digits in documents"),
        max_length=8,
        choices=Digits.choices,
        default=Digits.THAI,
        help_text=_(
            "The digits of every PDF the office prints: text, dates, figures and page numbers. "
            "School codes and web addresses keep their own digits."
        ),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = OfficeQuerySet.as_manager()

    class Meta:
        verbose_name = _("office")
        verbose_name_plural = _("offices")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name_th


class NetworkGroupQuerySet(ScopedQuerySet["NetworkGroup"]):
    permission_app = "schools"
    office_path = "office"
    school_path = None


class NetworkGroup(OfficeAudited):
    """A network group (กลุ่มเครือข่าย) of nearby schools within one office."""

    office = models.ForeignKey(
        Office, on_delete=models.CASCADE, related_name="network_groups", verbose_name=_("office")
    )
    name = models.CharField(_("name"), max_length=200)

    objects = NetworkGroupQuerySet.as_manager()

    class Meta:
        verbose_name = _("network group")
        verbose_name_plural = _("network groups")
        ordering = ["office", "name"]
        constraints = [
            models.UniqueConstraint(fields=["office", "name"], name="network_group_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class SchoolQuerySet(ScopedQuerySet["School"]):
    permission_app = "schools"
    office_path = "office"
    school_path = "pk"

    def search(self, text: str) -> Self:
        """Thai substring search over names, and prefix search over the three codes.

        Thai has no spaces between words, so "ห้วย" must find "บ้านห้วยทราย": a substring match.
        Each space-separated term must match.
        """
        terms = text.split()
        if not terms:
            return self
        conditions = [
            Q(name_th__icontains=term)
            | Q(name_en__icontains=term)
            | Q(ministry_code__startswith=term)
            | Q(smis_code__startswith=term)
            | Q(obec_code__startswith=term)
            for term in terms
        ]
        return self.filter(reduce(operator.and_, conditions))

    def with_places(self) -> Self:
        return self.select_related(
            "office", "province", "district", "sub_district", "network_group"
        )


class School(OfficeAudited):
    """A school with its three ministry codes, address, size and DLTV use."""

    class Kind(models.TextChoices):
        PRIMARY = "primary", _("Primary school")
        EXPANDED = "expanded", _("Educational opportunity expansion school")
        SECONDARY = "secondary", _("Secondary school")
        SPECIAL = "special", _("Special or welfare education school")
        OTHER = "other", _("Other")

    class Size(models.TextChoices):
        # OBEC's size classes by number of students.
        SMALL = "small", _("Small (up to 120 students)")
        MEDIUM = "medium", _("Medium (121–600 students)")
        LARGE = "large", _("Large (601–1,499 students)")
        EXTRA_LARGE = "extra_large", _("Extra large (1,500 students or more)")

    office = models.ForeignKey(
        Office, on_delete=models.PROTECT, related_name="schools", verbose_name=_("office")
    )
    # Null only for a school created from a ministry export that carries its SMIS code alone
    # (the students-by-grade export); the registry's forms and its list import require it.
    ministry_code = models.CharField(
        _("ministry code"),
        max_length=10,
        unique=True,
        null=True,
        blank=True,
        validators=[ministry_code_validator],
        help_text=_("10 digits, for example 1050130001"),
    )
    smis_code = models.CharField(
        _("SMIS code"),
        max_length=8,
        unique=True,
        validators=[smis_code_validator],
        help_text=_("8 digits, for example 50010001"),
    )
    obec_code = models.CharField(
        _("OBEC code"),
        max_length=6,
        unique=True,
        null=True,
        blank=True,
        validators=[obec_code_validator],
        help_text=_("6 digits"),
    )
    name_th = models.CharField(_("name (Thai)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    name_sort = models.CharField(_("sort key"), max_length=410, editable=False, db_index=True)

    address_line = models.CharField(
        _("address"), max_length=255, blank=True, help_text=_("House number, village, road")
    )
    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("province")
    )
    district = models.ForeignKey(
        District, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("district")
    )
    sub_district = models.ForeignKey(
        SubDistrict,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("sub-district"),
    )
    postcode = models.CharField(
        _("postcode"), max_length=5, blank=True, validators=[postcode_validator]
    )
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=latitude_validators,
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=longitude_validators,
    )

    network_group = models.ForeignKey(
        NetworkGroup,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="schools",
        verbose_name=_("network group"),
    )
    kind = models.CharField(_("type"), max_length=16, choices=Kind.choices, blank=True)
    size = models.CharField(_("size"), max_length=16, choices=Size.choices, blank=True)
    dltv = models.BooleanField(_("uses DLTV"), default=False)

    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    director_name = models.CharField(_("director"), max_length=200, blank=True)

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = SchoolQuerySet.as_manager()

    class Meta:
        verbose_name = _("school")
        verbose_name_plural = _("schools")
        ordering = ["name_sort", "ministry_code"]
        indexes = [
            models.Index(fields=["office", "name_sort"], name="school_office_name"),
            # The DLTV schools of each office, counted without reading the table.
            models.Index(
                fields=["office", "id"], condition=Q(dltv=True), name="school_dltv_office"
            ),
            models.Index(fields=["district", "name_sort"], name="school_district_name"),
        ]
        # Imports write in bulk, past clean(): the database keeps the code lengths and the
        # coordinate pair honest too.
        constraints = [
            models.CheckConstraint(
                condition=Exact(Length("ministry_code"), 10), name="school_ministry_code_length"
            ),
            models.CheckConstraint(
                condition=Exact(Length("smis_code"), 8), name="school_smis_code_length"
            ),
            models.CheckConstraint(
                condition=Exact(Length("obec_code"), 6), name="school_obec_code_length"
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__isnull=False, longitude__isnull=False),
                name="school_coordinates_in_pairs",
            ),
        ]

    def __str__(self) -> str:
        return self.name_th

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.name_sort = thai_sort_key(self.name_th)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "name_th" in update_fields:
            kwargs["update_fields"] = {*update_fields, "name_sort"}
        super().save(*args, **kwargs)

    def clean(self) -> None:
        """The rules every way of saving a school shares (the form, the admin, the API)."""
        self.name_th = normalize_school_name(self.name_th)
        errors: dict[str, Any] = {}
        if self.district and self.province and self.district.province_id != self.province.pk:
            errors["district"] = _("This district is not in the chosen province.")
        if (
            self.sub_district
            and self.district
            and self.sub_district.district_id != self.district.pk
        ):
            errors["sub_district"] = _("This sub-district is not in the chosen district.")
        if (self.latitude is None) != (self.longitude is None):
            errors["longitude"] = _("Give both latitude and longitude, or neither.")
        if errors:
            raise ValidationError(errors)
        if self.sub_district and not self.postcode:
            self.postcode = self.sub_district.postcode

    @property
    def address_text(self) -> str:
        """The address as Thai letters write it."""
        bangkok = self.province is not None and self.province.code == BANGKOK_CODE
        parts = [self.address_line]
        if self.sub_district:
            parts.append(("แขวง" if bangkok else "ตำบล") + self.sub_district.name_th)
        if self.district:
            # Bangkok's district names already begin with เขต.
            parts.append(self.district.name_th if bangkok else f"อำเภอ{self.district.name_th}")
        if self.province:
            parts.append(self.province.name_th if bangkok else f"จังหวัด{self.province.name_th}")
        parts.append(self.postcode)
        return " ".join(part for part in parts if part)
