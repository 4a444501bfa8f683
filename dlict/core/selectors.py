"""Reads of jobs and the audit trail."""

from datetime import date
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet

from dlict.core.models import AuditEntry, Job


def job_list(*, user: Any) -> QuerySet[Job]:
    return Job.objects.visible_to(user).select_related("created_by", "office")


def audit_list(
    *,
    user: Any,
    model: ContentType | None = None,
    action: int | None = None,
    since: date | None = None,
    until: date | None = None,
    q: str = "",
) -> QuerySet[AuditEntry]:
    entries = AuditEntry.objects.visible_to(user).select_related("actor", "content_type")
    if model is not None:
        entries = entries.filter(content_type=model)
    if action is not None:
        entries = entries.filter(action=action)
    if since:
        entries = entries.filter(timestamp__date__gte=since)
    if until:
        entries = entries.filter(timestamp__date__lte=until)
    if q:
        entries = entries.filter(object_repr__icontains=q)
    return entries.order_by("-timestamp", "-pk")


def audited_models(*, user: Any) -> QuerySet[ContentType]:
    """The kinds of record the user's trail holds, for the filter."""
    kinds = AuditEntry.objects.visible_to(user).values("content_type").distinct()
    return ContentType.objects.filter(pk__in=kinds)
