"""Reads for the manual and the yearly projects."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone

from dlict.accounts.models import User
from dlict.accounts.roles import Role
from dlict.core.scoping import get_visible_or_404
from dlict.core.thai import fiscal_year
from dlict.processes.models import (
    PlanEvent,
    PlanRevision,
    PlanStatus,
    Process,
    Project,
    StepProgress,
    StepStatus,
)
from dlict.schools.models import Office


def current_fiscal_year() -> int:
    return fiscal_year(timezone.localdate())


def manual_processes() -> QuerySet[Process]:
    return Process.objects.in_manual_order().prefetch_related(
        "steps", "definitions", "form_links__form"
    )


def projects_overview(*, user: Any, action: str = "view") -> QuerySet[Project]:
    """Projects with their plan's state and how many steps are done, in manual order."""
    latest = PlanRevision.objects.filter(project=OuterRef("pk")).order_by("-number")
    return (
        Project.objects.restrict(user, action)
        .select_related("process__section", "office", "responsible")
        .annotate(
            plan_status=Subquery(latest.values("status")[:1]),
            plan_number=Subquery(latest.values("number")[:1]),
            # A change to an approved plan waits while the approved one stays in force.
            plan_in_force=Exists(
                PlanRevision.objects.filter(project=OuterRef("pk"), status=PlanStatus.APPROVED)
            ),
            steps_total=Count("progress", distinct=True),
            steps_done=Count("progress", filter=Q(progress__status=StepStatus.DONE), distinct=True),
        )
        .order_by("office__code", "-fiscal_year", "process__section__number", "process__order")
    )


def offices_for(user: Any, action: str = "view") -> QuerySet[Office]:
    """Offices whose projects the user may read (or run, with action="change")."""
    return Office.objects.with_office_permission(user, f"processes.{action}").order_by("code")


def office_staff(office: Office) -> QuerySet[User]:
    """Who may be responsible for a project: the office's active staff and administrators."""
    return (
        User.objects.filter(
            is_active=True,
            memberships__office=office,
            memberships__role__in=[Role.OFFICE_STAFF, Role.OFFICE_ADMIN],
        )
        .distinct()
        .order_by("first_name", "last_name")
    )


def approval_queue(*, user: Any) -> QuerySet[PlanRevision]:
    return (
        PlanRevision.objects.restrict(user, "approve")
        .waiting()
        .select_related("project__process", "project__office", "project__responsible")
        .order_by("submitted_at")
    )


def project_page(*, user: Any, pk: int) -> Project:
    return get_visible_or_404(
        Project.objects.visible_to(user)
        .select_related("process__section", "office", "responsible")
        .prefetch_related(
            "members",
            Prefetch(
                "progress",
                queryset=StepProgress.objects.select_related("step", "updated_by")
                .prefetch_related("evidence")
                .order_by("step__n"),
            ),
            Prefetch(
                "revisions",
                queryset=PlanRevision.objects.select_related("decided_by").prefetch_related(
                    Prefetch("events", queryset=PlanEvent.objects.select_related("actor"))
                ),
            ),
        ),
        pk=pk,
    )


def approved_revision(project: Project) -> PlanRevision | None:
    """The plan in force (from the prefetched revisions when there are any)."""
    return next((r for r in project.revisions.all() if r.status == PlanStatus.APPROVED), None)


def open_revision(project: Project) -> PlanRevision | None:
    return next((r for r in project.revisions.all() if r.is_open), None)
