"""Events in the audit trail: work that is not one row's change.

An import that writes the figures of 30,000 schools in a few statements is one event, recorded
with who did it, on what, and how much it changed. An app names its kinds of event once, in its
``AppConfig.ready``, with the words the trail shows (the event's label and each detail's)::

    audit.register_event(
        "emis.students_import",
        _("Student figures imported"),
        details={"file": _("file"), "schools": _("schools changed")},
    )

and records one where the work is done, in the same transaction::

    audit.audit_event("emis.students_import", actor=user, office_id=office.pk, instance=job,
                      details={"file": "students.xlsx", "schools": 120})

The entry is an AuditEntry whose ``additional_data`` holds ``event`` (the kind), ``office_id``
and ``details``; its ``changes`` are empty.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from auditlog.cid import get_cid
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.functional import Promise

from dlict.core.models import AuditEntry


@dataclass(frozen=True)
class EventKind:
    label: Promise | str
    details: dict[str, Promise | str] = field(default_factory=dict)


_EVENTS: dict[str, EventKind] = {}


def register_event(
    kind: str, label: Promise | str, *, details: dict[str, Any] | None = None
) -> None:
    _EVENTS[kind] = EventKind(label, dict(details or {}))


def event_kind(kind: str) -> EventKind | None:
    return _EVENTS.get(kind)


def audit_event(
    kind: str,
    *,
    actor: Any,
    office_id: int | None,
    instance: models.Model,
    details: dict[str, str | int | float | None],
) -> AuditEntry:
    """Record that ``actor`` did ``kind`` to ``instance`` in ``office_id``'s data."""
    if kind not in _EVENTS:
        raise ValueError(f"audit event kind {kind!r} is not registered")
    pk = instance.pk
    return AuditEntry.objects.create(
        content_type=ContentType.objects.get_for_model(instance),
        object_pk=str(pk),
        object_id=pk if isinstance(pk, int) else None,
        object_repr=str(instance)[:500],
        action=AuditEntry.Action.UPDATE,
        changes={},
        actor=actor if getattr(actor, "pk", None) else None,
        cid=get_cid(),
        additional_data={"event": kind, "office_id": office_id, "details": details},
    )
