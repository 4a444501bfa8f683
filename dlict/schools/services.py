"""Writes to the school registry."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from dlict.core.scoping import can
from dlict.schools.models import NetworkGroup, Office, School


def network_group_for(*, office: Office, name: str) -> NetworkGroup | None:
    """The office's network group called ``name`` (spacing aside), made if it does not exist."""
    name = " ".join(name.split())
    if not name:
        return None
    group, _created = NetworkGroup.objects.get_or_create(office=office, name=name)
    return group


def _save(school: School, *, values: dict[str, Any], group_name: str | None) -> School:
    for key, value in values.items():
        setattr(school, key, value)
    if group_name is not None:
        school.network_group = network_group_for(office=school.office, name=group_name)
    school.full_clean()
    school.save()
    return school


def school_create(
    *, user: Any, office: Office, values: dict[str, Any], group_name: str | None = None
) -> School:
    if not can(user, "schools.change", office_id=office.pk):
        raise ValidationError(_("You may not add schools to this office."))
    with transaction.atomic():
        return _save(School(office=office), values=values, group_name=group_name)


def school_update(
    *, user: Any, school: School, values: dict[str, Any], group_name: str | None = None
) -> School:
    if not can(user, "schools.change", office_id=school.office_id):
        raise ValidationError(_("You may not change this school."))
    with transaction.atomic():
        return _save(school, values=values, group_name=group_name)
