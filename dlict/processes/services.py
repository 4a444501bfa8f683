"""Writes for the yearly projects: start the year, the working group, the plan and the director's
decision, progress on the steps, evidence, the evaluation, ICT development records.

Every service checks the user's permission for the project's office itself (a view's check is not
enough: the API and commands call these too), locks the rows it changes, and validates before it
writes, so a refused request leaves everything as it was.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dlict.core.scoping import can
from dlict.core.thai import fiscal_year
from dlict.core.uploads import check_upload, clean_photo
from dlict.processes.models import (
    OPEN_PLAN_STATUSES,
    CommitteeMember,
    CommitteeRole,
    Evidence,
    IctDevelopment,
    PlanEvent,
    PlanRevision,
    PlanStatus,
    Process,
    Project,
    StepKind,
    StepProgress,
    StepStatus,
)
from dlict.schools.models import Office

EVIDENCE_TYPES = {"pdf", "jpg", "png", "docx", "xlsx", "pptx", "doc", "xls"}
PHOTO_TYPES = {"jpg", "png"}


def _require(user: Any, permission: str, office_id: int) -> None:
    if not can(user, permission, office_id=office_id):
        raise PermissionDenied


def _locked(project: Project) -> Project:
    """The project row, locked until the transaction ends: two people saving the same plan queue
    up instead of both reading the old state."""
    return Project.objects.select_for_update().select_related("process").get(pk=project.pk)


# --- The year -------------------------------------------------------------------------------------


def fiscal_year_start(*, user: Any, office: Office, fiscal_year: int) -> list[Project]:
    """Create the year's project of every process the office has no project for yet."""
    _require(user, "processes.change", office.pk)
    created = []
    with transaction.atomic():
        Office.objects.select_for_update().get(pk=office.pk)
        existing = set(
            Project.objects.filter(office=office, fiscal_year=fiscal_year).values_list(
                "process_id", flat=True
            )
        )
        for process in Process.objects.in_manual_order().prefetch_related("steps"):
            if process.pk in existing:
                continue
            project = Project.objects.create(
                office=office,
                process=process,
                fiscal_year=fiscal_year,
                title=process.title,
                created_by=user,
            )
            StepProgress.objects.bulk_create(
                StepProgress(project=project, step=step) for step in process.steps.all()
            )
            created.append(project)
    return created


# --- The project and its working group ------------------------------------------------------------


@dataclass(frozen=True)
class MemberInput:
    name: str
    position: str
    role: str


def _check_committee(members: list[MemberInput]) -> None:
    if not members:
        return
    chairs = sum(1 for member in members if member.role == CommitteeRole.CHAIR)
    secretaries = sum(1 for member in members if member.role == CommitteeRole.SECRETARY)
    problems = []
    if chairs != 1:
        problems.append(_("A working group has exactly one chair (ประธาน)."))
    if secretaries != 1:
        problems.append(
            _("A working group has exactly one member and secretary (กรรมการและเลขานุการ).")
        )
    if problems:
        raise ValidationError(problems)


def project_update(
    *,
    user: Any,
    project: Project,
    title: str,
    responsible: Any,
    order_number: str,
    order_date: date | None,
    members: list[MemberInput],
) -> Project:
    _require(user, "processes.change", project.office_id)
    if responsible is not None and not can(
        responsible, "processes.change", office_id=project.office_id
    ):
        raise ValidationError(_("The responsible person must be a staff member of this office."))
    if order_date and order_date > timezone.localdate():
        raise ValidationError(_("The order's date cannot be in the future."))
    _check_committee(members)
    with transaction.atomic():
        project = _locked(project)
        project.title = title
        project.responsible = responsible
        project.order_number = order_number
        project.order_date = order_date
        project.save()
        project.members.all().delete()
        CommitteeMember.objects.bulk_create(
            CommitteeMember(
                project=project,
                order=index,
                name=member.name,
                position=member.position,
                role=member.role,
            )
            for index, member in enumerate(members)
        )
    return project


# --- The plan and the director's decision ---------------------------------------------------------


@dataclass(frozen=True)
class PlanInput:
    objectives: list[str]
    targets: list[dict[str, str]]  # {"target", "indicator", "goal"}
    budget: Decimal
    budget_source: str
    timeline: list[dict[str, str]]  # {"activity", "start", "end"} with ISO dates

    def as_fields(self) -> dict[str, Any]:
        return {
            "objectives": self.objectives,
            "targets": self.targets,
            "budget": self.budget,
            "budget_source": self.budget_source,
            "timeline": self.timeline,
        }


def plan_version(project: Project) -> str:
    """What the plan looks like now, as a token a form carries: saving from a page opened before
    someone else's save or the director's decision is refused instead of overwriting it."""
    latest = project.revisions.order_by("-number").first()
    if latest is None:
        return "none"
    return f"{latest.number}:{latest.status}:{latest.updated_at.isoformat()}"


def _open_revision(project: Project) -> PlanRevision | None:
    return project.revisions.filter(status__in=OPEN_PLAN_STATUSES).first()


PLAN_WITH_DIRECTOR = gettext_lazy(
    "The plan is with the director. It can be changed after the decision."
)
PLAN_CHANGED = gettext_lazy(
    "The plan was changed (or decided) after you opened this page. Open it again to see the "
    "latest version; nothing was saved."
)


def plan_save(
    *, user: Any, project: Project, plan: PlanInput, expected_version: str | None = None
) -> PlanRevision:
    """Write the plan: into the revision being worked on, or as a new revision when the last one
    was approved (it goes to the director again; the approved one stays in force meanwhile)."""
    _require(user, "processes.change", project.office_id)
    with transaction.atomic():
        project = _locked(project)
        if expected_version is not None and expected_version != plan_version(project):
            raise ValidationError(PLAN_CHANGED)
        revision = _open_revision(project)
        if revision is not None and revision.status == PlanStatus.SUBMITTED:
            raise ValidationError(PLAN_WITH_DIRECTOR)
        if revision is None:
            approved = project.revisions.filter(status=PlanStatus.APPROVED).first()
            if approved is not None and _same_plan(approved, plan):
                raise ValidationError(_("Nothing was changed in the approved plan."))
            number = (project.revisions.aggregate(n=Max("number"))["n"] or 0) + 1
            revision = PlanRevision.objects.create(
                project=project, number=number, created_by=user, **plan.as_fields()
            )
            action = PlanEvent.Action.CREATED
        else:
            for name, value in plan.as_fields().items():
                setattr(revision, name, value)
            revision.status = PlanStatus.DRAFT
            revision.save()
            action = PlanEvent.Action.EDITED
        PlanEvent.objects.create(revision=revision, action=action, actor=user)
    return revision


def _same_plan(revision: PlanRevision, plan: PlanInput) -> bool:
    cents = Decimal("0.01")
    ours = {**plan.as_fields(), "budget": str(Decimal(plan.budget).quantize(cents))}
    theirs = {**revision.snapshot(), "budget": str(Decimal(revision.budget).quantize(cents))}
    return ours == theirs


def _steps_before_proposal(project: Project) -> list[int]:
    """Steps that must be done before the plan goes to the director: in an ordered process,
    every step before the one that proposes it (appointing the group, studying and planning)."""
    if not project.process.requires_order:
        return []
    proposal = project.progress.filter(step__kind=StepKind.PROPOSE_TO_DIRECTOR).first()
    if proposal is None:
        return []
    return list(
        project.progress.filter(step__n__lt=proposal.step.n)
        .exclude(status=StepStatus.DONE)
        .order_by("step__n")
        .values_list("step__n", flat=True)
    )


def plan_submit(*, user: Any, project: Project) -> PlanRevision:
    _require(user, "processes.change", project.office_id)
    with transaction.atomic():
        project = _locked(project)
        revision = _open_revision(project)
        if revision is None:
            latest = project.revisions.order_by("-number").first()
            if latest is not None and latest.status == PlanStatus.APPROVED:
                raise ValidationError(
                    _("This plan is already approved. Edit it to propose changes.")
                )
            raise ValidationError(_("Write the plan before sending it to the director."))
        if revision.status == PlanStatus.SUBMITTED:
            raise ValidationError(_("This plan has already been sent to the director."))
        problems = []
        if not revision.objectives:
            problems.append(_("The plan needs at least one objective."))
        if not revision.targets:
            problems.append(_("The plan needs at least one target with its indicator."))
        pending = _steps_before_proposal(project)
        if pending:
            problems.append(
                _("Record the steps before the proposal as done first (step %(steps)s).")
                % {"steps": ", ".join(str(n) for n in pending)}
            )
        if problems:
            raise ValidationError(problems)
        revision.status = PlanStatus.SUBMITTED
        revision.submitted_at = timezone.now()
        revision.save(update_fields=["status", "submitted_at", "updated_at"])
        PlanEvent.objects.create(
            revision=revision,
            action=PlanEvent.Action.SUBMITTED,
            actor=user,
            snapshot=revision.snapshot(),
        )
    return revision


def submission_key(revision: PlanRevision) -> str:
    """Which sending of a revision the director is looking at (a returned revision is edited
    and sent again under the same number)."""
    return revision.submitted_at.isoformat() if revision.submitted_at else ""


def plan_decide(
    *,
    user: Any,
    revision: PlanRevision,
    approve: bool,
    comment: str = "",
    expected_submission: str | None = None,
) -> PlanRevision:
    """The director approves the revision or returns it with a comment. Only a revision that is
    waiting can be decided, once, and only as the director saw it."""
    project = revision.project
    _require(user, "processes.approve", project.office_id)
    comment = comment.strip()
    if not approve and not comment:
        raise ValidationError(_("Say what should change when you return a plan."))
    with transaction.atomic():
        project = _locked(project)
        revision = PlanRevision.objects.select_for_update().get(pk=revision.pk)
        if revision.status != PlanStatus.SUBMITTED:
            raise ValidationError(
                _("This revision is no longer waiting for a decision (it is now: %(status)s).")
                % {"status": revision.get_status_display()}
            )
        if expected_submission is not None and expected_submission != submission_key(revision):
            raise ValidationError(
                _("The plan was changed and sent again after you opened it. Read it again.")
            )
        sender = revision.events.filter(action=PlanEvent.Action.SUBMITTED).last()
        if sender is not None and sender.actor_id == user.pk:
            raise ValidationError(_("You sent this plan yourself; another person decides on it."))
        now = timezone.now()
        if approve:
            previous = project.revisions.filter(status=PlanStatus.APPROVED).first()
            if previous is not None:
                project.target_results = _results_for(previous, revision, project.target_results)
                project.save(update_fields=["target_results", "updated_at"])
                previous.status = PlanStatus.SUPERSEDED
                previous.save(update_fields=["status", "updated_at"])
            revision.status = PlanStatus.APPROVED
            _mark_proposal_done(project, revision, user, now)
        else:
            revision.status = PlanStatus.RETURNED
        revision.decided_at = now
        revision.decided_by = user
        revision.decision_comment = comment
        revision.save()
        PlanEvent.objects.create(
            revision=revision,
            action=PlanEvent.Action.APPROVED if approve else PlanEvent.Action.RETURNED,
            actor=user,
            comment=comment,
        )
    return revision


def _results_for(old: PlanRevision, new: PlanRevision, results: list[str]) -> list[str]:
    """Results recorded against the old plan's targets, moved to the same targets of the new plan
    (matched by their text); a new target starts without a result."""
    by_target = {
        target.get("target", ""): results[index]
        for index, target in enumerate(old.targets)
        if index < len(results)
    }
    return [by_target.get(target.get("target", ""), "") for target in new.targets]


def _mark_proposal_done(project: Project, revision: PlanRevision, user: Any, now: Any) -> None:
    """The manual's step "เสนอแผนงาน ผอ." is done when the director approves the plan."""
    decided_on = timezone.localdate(now)
    submitted_on = timezone.localdate(revision.submitted_at) if revision.submitted_at else None
    for progress in project.progress.filter(step__kind="propose_to_director"):
        progress.status = StepStatus.DONE
        progress.started_on = progress.started_on or submitted_on or decided_on
        progress.finished_on = decided_on
        progress.updated_by = user
        progress.save()


# --- Steps and evidence ---------------------------------------------------------------------------


def step_progress_update(
    *,
    user: Any,
    progress: StepProgress,
    status: str,
    started_on: date | None,
    finished_on: date | None,
    note: str,
) -> StepProgress:
    project = progress.project
    _require(user, "processes.change", project.office_id)
    today = timezone.localdate()
    with transaction.atomic():
        _locked(project)
        progress = StepProgress.objects.select_related("step", "project__process").get(
            pk=progress.pk
        )
        step = progress.step
        problems = []
        if step.follows_approval and status != progress.status:
            message = _(
                "This step is done when the director approves the plan; it cannot be set by hand."
            )
            problems.append(message)
        if status == StepStatus.DONE:
            finished_on = finished_on or today
            started_on = started_on or finished_on
            # Only a step becoming done is checked: a done step's note and dates stay editable.
            if project.process.requires_order and progress.status != StepStatus.DONE:
                pending = list(
                    project.progress.filter(step__n__lt=step.n)
                    .exclude(status=StepStatus.DONE)
                    .values_list("step__n", flat=True)
                    .order_by("step__n")
                )
                if pending:
                    problems.append(
                        _("Finish the steps before this one first (step %(steps)s).")
                        % {"steps": ", ".join(str(n) for n in pending)}
                    )
        else:
            finished_on = None
            if progress.status == StepStatus.DONE and project.process.requires_order:
                later_done = project.progress.filter(
                    step__n__gt=step.n, status=StepStatus.DONE
                ).exists()
                if later_done:
                    problems.append(
                        _("Later steps are already done; reopen them first, from the last one.")
                    )
        if status == StepStatus.DOING and started_on is None:
            started_on = today
        if status == StepStatus.NOT_STARTED:
            started_on = None
        if (started_on and started_on > today) or (finished_on and finished_on > today):
            problems.append(_("A step's dates cannot be in the future."))
        if started_on and finished_on and finished_on < started_on:
            problems.append(_("A step cannot finish before it starts."))
        if problems:
            raise ValidationError(problems)
        progress.status = status
        progress.started_on = started_on
        progress.finished_on = finished_on
        progress.note = note
        progress.updated_by = user
        progress.save()
    return progress


def evidence_add(*, user: Any, progress: StepProgress, upload: UploadedFile) -> Evidence:
    _require(user, "processes.change", progress.project.office_id)
    checked = check_upload(
        upload, allowed=EVIDENCE_TYPES, max_bytes=settings.DLICT_EVIDENCE_MAX_BYTES
    )
    with transaction.atomic():
        evidence = Evidence(
            progress=progress,
            name=checked.name,
            content_type=checked.content_type,
            size=checked.size,
            uploaded_by=user,
        )
        content: Any = upload
        if checked.extension in PHOTO_TYPES:
            content = clean_photo(upload, checked.extension)
            evidence.size = content.size
        # The stored name is the storage's own; the person's file name is kept in `name`.
        evidence.file.save(f"{progress.pk}.{checked.extension}", content, save=False)
        try:
            evidence.save()
        except Exception:
            evidence.file.delete(save=False)
            raise
    return evidence


def evidence_delete(*, user: Any, evidence: Evidence) -> None:
    _require(user, "processes.change", evidence.progress.project.office_id)
    with transaction.atomic():
        evidence.delete()
        transaction.on_commit(lambda: evidence.file.delete(save=False))


# --- Evaluation -----------------------------------------------------------------------------------


def evaluation_save(
    *,
    user: Any,
    project: Project,
    target_results: list[str],
    outcome: str,
    problems: str,
    suggestions: str,
    budget_spent: Decimal | None,
) -> Project:
    _require(user, "processes.change", project.office_id)
    with transaction.atomic():
        project = _locked(project)
        project.target_results = target_results
        project.outcome = outcome
        project.problems = problems
        project.suggestions = suggestions
        project.budget_spent = budget_spent
        project.save()
    return project


# --- ICT development records (info-4) -------------------------------------------------------------


ICT_FIELDS = (
    "title", "kind", "unit", "started_on", "finished_on", "objective", "description", "budget",
    "outcome", "users",
)  # fmt: skip


def ict_development_save(
    *, user: Any, office: Office, values: dict[str, Any], record: IctDevelopment | None = None
) -> IctDevelopment:
    """Create a record, numbered in its office's fiscal year without gaps, or change one.

    ``values`` holds the fields of ICT_FIELDS only; the office, fiscal year and number are the
    service's. A record keeps its fiscal year: moving it to another year would leave a gap in
    that year's numbers.
    """
    unknown = set(values) - set(ICT_FIELDS)
    if unknown:
        raise ValueError(f"not fields of an ICT development record: {sorted(unknown)}")
    if record is not None and record.office_id != office.pk:
        raise PermissionDenied
    _require(user, "processes.change", office.pk)
    started_on = values["started_on"]
    finished_on = values.get("finished_on")
    if finished_on and finished_on < started_on:
        raise ValidationError(_("The work cannot finish before it starts."))
    year = fiscal_year(started_on)
    if record is not None and record.fiscal_year != year:
        raise ValidationError(
            _(
                "Record %(number)s belongs to fiscal year %(year)d; its start date must stay in "
                "that year (1 October – 30 September)."
            )
            % {"number": record.display_number, "year": record.fiscal_year}
        )
    with transaction.atomic():
        Office.objects.select_for_update().get(pk=office.pk)
        if record is None:
            last = IctDevelopment.objects.filter(office=office, fiscal_year=year).aggregate(
                n=Max("number")
            )["n"]
            record = IctDevelopment(
                office=office, fiscal_year=year, number=(last or 0) + 1, recorded_by=user
            )
        else:
            record = IctDevelopment.objects.select_for_update().get(pk=record.pk)
        for name, value in values.items():
            setattr(record, name, value)
        record.save()
    return record
