"""Reads for the manual and the yearly projects."""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from difflib import SequenceMatcher
from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

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


# --- What changed between two versions of a plan ---------------------------------------------

# The parts of a plan's snapshot (PlanRevision.snapshot), in the order the plan reads.
PLAN_PARTS: dict[str, Any] = {
    "objectives": _("Objectives"),
    "targets": _("Targets and indicators"),
    "budget": _("Budget"),
    "budget_source": _("Source of funds"),
    "timeline": _("Timeline"),
}
# The cells of the parts that are tables; the first names the row.
PLAN_CELLS: dict[str, tuple[tuple[str, Any], ...]] = {
    "targets": (("target", _("Target")), ("indicator", _("Indicator")), ("goal", _("Goal value"))),
    "timeline": (("activity", _("Activity")), ("start", _("From")), ("end", _("To"))),
}
DATE_CELLS = frozenset({"start", "end"})


@dataclass(frozen=True)
class PlanCell:
    label: str
    before: str
    after: str
    is_date: bool = False

    @property
    def changed(self) -> bool:
        return self.before != self.after


@dataclass(frozen=True)
class PlanRowChange:
    """A row (an objective, a target, an activity) or a value (the budget) that was added,
    removed or changed. Table rows carry their cells, the changed ones marked."""

    kind: str  # "added", "removed" or "changed"
    before: str = ""
    after: str = ""
    cells: tuple[PlanCell, ...] = ()


@dataclass(frozen=True)
class PlanPartChange:
    part: str
    label: str
    rows: tuple[PlanRowChange, ...]

    @property
    def is_money(self) -> bool:
        return self.part == "budget"


def plan_changes(before: dict[str, Any], after: dict[str, Any]) -> list[PlanPartChange]:
    """What changed from one plan snapshot to another, part by part: the rows added, removed and
    changed (matched in order, as people edit a list), and the values changed."""
    parts = [*PLAN_PARTS, *sorted((set(before) | set(after)) - set(PLAN_PARTS))]
    changes = []
    for part in parts:
        old, new = before.get(part), after.get(part)
        if isinstance(old, list) or isinstance(new, list):
            rows = _list_changes(part, list(old or []), list(new or []))
        else:
            rows = _value_change(part, old, new)
        if rows:
            label = PLAN_PARTS.get(part, part.replace("_", " "))
            changes.append(PlanPartChange(part, str(label), tuple(rows)))
    return changes


def _value_change(part: str, old: Any, new: Any) -> list[PlanRowChange]:
    if part == "budget":
        old, new = _amount(old), _amount(new)
    old_text, new_text = _text(old), _text(new)
    if old_text == new_text:
        return []
    return [PlanRowChange("changed", before=old_text, after=new_text)]


def _list_changes(part: str, old: list[Any], new: list[Any]) -> list[PlanRowChange]:
    """Rows are matched as people edit a list: a row left as it was, then a row of the same name
    (a target, an activity) whose other cells changed, then a row written over another in the
    same place, if the two are still alike. What is left was added or removed."""
    before: dict[int, Any] = dict(enumerate(old))
    match: dict[int, int] = {}  # new index → old index
    for same in (_row_key, _row_name):
        for j, row in enumerate(new):
            if j in match or same(row) is None:
                continue
            i = next((i for i in before if same(before[i]) == same(row)), None)
            if i is not None:
                match[j] = i
                del before[i]
    left_old = sorted(before)
    left_new = [j for j in range(len(new)) if j not in match]
    for j, i in zip(left_new, left_old, strict=False):
        if _alike(old[i], new[j]):
            match[j] = i
            del before[i]
    rows = []
    for j, row in enumerate(new):
        if j not in match:
            rows.append(_row(part, "added", None, row))
        elif _row_key(old[match[j]]) != _row_key(row):
            rows.append(_row(part, "changed", old[match[j]], row))
    rows += [_row(part, "removed", old[i], None) for i in sorted(before)]
    return rows


def _row_name(row: Any) -> str | None:
    """The cell that names a table row (its first); plain rows have none."""
    if isinstance(row, dict) and row:
        return str(next(iter(row.values())) or "") or None
    return None


def _alike(old: Any, new: Any) -> bool:
    def text(row: Any) -> str:
        return " ".join(map(str, row.values())) if isinstance(row, dict) else str(row)

    return SequenceMatcher(a=text(old), b=text(new), autojunk=False).ratio() >= 0.5


def _row(part: str, kind: str, before: Any, after: Any) -> PlanRowChange:
    cells = PLAN_CELLS.get(part)
    if cells is None or not isinstance(before or after, dict):
        return PlanRowChange(kind, before=_text(before), after=_text(after))
    old, new = before or {}, after or {}
    return PlanRowChange(
        kind,
        cells=tuple(
            PlanCell(str(label), _text(old.get(key)), _text(new.get(key)), key in DATE_CELLS)
            for key, label in cells
        ),
    )


def _row_key(row: Any) -> str:
    return json.dumps(row, sort_keys=True, ensure_ascii=False, default=str)


def _amount(value: Any) -> Any:
    try:
        return Decimal(str(value)).quantize(Decimal("0.01"))
    except (ArithmeticError, ValueError):
        return value


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def plan_changes_since_approved(
    revision: PlanRevision | None, approved: PlanRevision | None
) -> list[PlanPartChange] | None:
    """What the revision waiting for the director changes in the plan in force (None when there
    is nothing to compare: no waiting revision, or no approved one)."""
    if revision is None or approved is None or revision.number <= approved.number:
        return None
    return plan_changes(approved.snapshot(), revision.snapshot())


@dataclass(frozen=True)
class PlanHistoryLine:
    """A line of a plan's history; a sending carries what it changed, against the plan then in
    force (``base`` its number) or, for a plan sent again after being returned, against what was
    sent before (``base`` None)."""

    event: PlanEvent
    changes: list[PlanPartChange] | None = None
    base: int | None = None


def plan_history(revisions: list[PlanRevision]) -> list[PlanHistoryLine]:
    """Every event of the plan, newest first (from the prefetched revisions and events)."""
    numbered = {revision.number: revision for revision in revisions}
    lines = []
    for revision in revisions:
        sent_before: dict[str, Any] | None = None
        in_force = numbered.get(revision.number - 1)
        for event in revision.events.all():
            if event.action != PlanEvent.Action.SUBMITTED or not event.snapshot:
                lines.append(PlanHistoryLine(event))
                continue
            if sent_before is not None:
                lines.append(PlanHistoryLine(event, plan_changes(sent_before, event.snapshot)))
            elif in_force is not None:
                changes = plan_changes(in_force.snapshot(), event.snapshot)
                lines.append(PlanHistoryLine(event, changes, in_force.number))
            else:
                lines.append(PlanHistoryLine(event))
            sent_before = event.snapshot
    return sorted(lines, key=lambda line: (line.event.at, line.event.pk), reverse=True)


def waiting_plans(*, user: Any) -> list[tuple[PlanRevision, list[PlanPartChange] | None]]:
    """The director's queue, each plan with what it changes in the plan in force."""
    queue = approval_queue(user=user).prefetch_related(
        Prefetch(
            "project__revisions",
            queryset=PlanRevision.objects.filter(status=PlanStatus.APPROVED),
            to_attr="approved",
        )
    )
    return [
        (
            revision,
            plan_changes_since_approved(revision, _first(revision.project, "approved")),
        )
        for revision in queue
    ]


def _first(instance: Any, attribute: str) -> Any:
    return next(iter(getattr(instance, attribute, [])), None)
