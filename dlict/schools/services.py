"""Writes to the school registry: one school through the form, many through an import."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, cast

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dlict.core.models import AuditEntry
from dlict.core.scoping import can
from dlict.core.thai import thai_sort_key
from dlict.schools.models import NetworkGroup, Office, School, network_group_key

BATCH = 500


def network_group_for(*, office: Office, name: str) -> NetworkGroup | None:
    """The office's group called ``name`` (spacing and case aside), made if it does not exist."""
    name = " ".join(name.split())
    if not name:
        return None
    key = network_group_key(name)
    for group in NetworkGroup.objects.filter(office=office):
        if network_group_key(group.name) == key:
            return group
    return NetworkGroup.objects.create(office=office, name=name)


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
    if not can(user, "schools.change", school=school):
        raise ValidationError(_("You may not change this school."))
    with transaction.atomic():
        return _save(school, values=values, group_name=group_name)


@dataclass
class PlannedSchool:
    """One checked row of an import: the school it updates (None: a new one) and its values."""

    row: int
    school: School | None
    values: dict[str, Any] = field(default_factory=dict)
    group_name: str | None = None  # None: the file has no network-group column
    changes: dict[str, tuple[str, str]] = field(default_factory=dict)  # for people to read
    old_raw: dict[str, str] = field(default_factory=dict)  # the trail's "before"

    @property
    def writes(self) -> bool:
        return self.school is None or bool(self.changes)


def school_bulk_upsert(
    *,
    office: Office,
    actor: Any,
    planned: list[PlannedSchool],
    new_groups: list[str],
    job_id: int | None = None,
    progress: Callable[[int], None] = lambda done: None,
) -> None:
    """Write a checked import: new network groups, new schools, changed schools, and one audit
    entry per school (bulk writes skip the audit signals). Call inside a transaction."""
    groups = {network_group_key(g.name): g for g in NetworkGroup.objects.filter(office=office)}
    for name in new_groups:
        group = NetworkGroup.objects.create(office=office, name=name)
        groups[network_group_key(name)] = group
    now = timezone.now()
    written = [item for item in planned if item.writes]
    fields: set[str] = {"name_sort", "updated_at"}
    new: list[School] = []
    changed: list[School] = []
    for item in written:
        school = item.school or School(office=office)
        for key, value in item.values.items():
            setattr(school, key, value)
        if item.group_name is not None:
            school.network_group = groups.get(network_group_key(item.group_name))
            fields.add("network_group")
        school.name_sort = thai_sort_key(school.name_th)
        school.updated_at = now
        if item.school is None:
            new.append(school)
            item.school = school
        else:
            changed.append(school)
            fields.update(item.values)

    for start in range(0, len(new), BATCH):
        School.objects.bulk_create(new[start : start + BATCH])
        progress(start + len(new[start : start + BATCH]))
    for start in range(0, len(changed), BATCH):
        School.objects.bulk_update(changed[start : start + BATCH], sorted(fields))
        progress(len(new) + start + len(changed[start : start + BATCH]))
    _audit_bulk(
        written, created={id(school) for school in new}, actor=actor, now=now, job_id=job_id
    )


def _audit_bulk(
    written: list[PlannedSchool], *, created: set[int], actor: Any, now: Any, job_id: int | None
) -> None:
    content_type = ContentType.objects.get_for_model(School)
    entries = []
    for item in written:
        school = cast(School, item.school)  # set for every written row by school_bulk_upsert
        entries.append(
            AuditEntry(
                content_type=content_type,
                object_pk=str(school.pk),
                object_id=school.pk,
                object_repr=str(school),
                action=AuditEntry.Action.CREATE
                if id(school) in created
                else AuditEntry.Action.UPDATE,
                changes={
                    key: [item.old_raw.get(key, "None"), audit_value(getattr(school, key))]
                    for key in item.changes
                },
                actor=actor,
                timestamp=now,
                office_id=school.office_id,
                additional_data={"office_id": school.office_id, "import_job": job_id},
            )
        )
    AuditEntry.objects.bulk_create(entries, batch_size=BATCH)


def audit_value(value: Any) -> str:
    """A value as the audit trail records it (see AUDITLOG_USE_FK_STRING_REPRESENTATION)."""
    return "None" if value is None else str(value)
