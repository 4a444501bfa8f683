"""The operations manual as data, and the yearly projects that carry it out.

The manual's processes, steps and forms are the same for every office (loaded from
``data/manual.yaml`` by a migration). Each office runs every process once a fiscal year as a
project: a working group, a plan the director approves, progress on each step, an evaluation.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from dlict.core.models import OfficeAudited, private_storage
from dlict.core.scoping import ScopedQuerySet


class Section(models.Model):
    """One of the manual's two work areas: ๑ distance education, ๒ information."""

    code = models.SlugField(_("code"), max_length=16, unique=True)
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=300)

    class Meta:
        verbose_name = _("manual section")
        verbose_name_plural = _("manual sections")
        ordering = ["number"]

    def __str__(self) -> str:
        return self.title


class ProcessQuerySet(models.QuerySet["Process"]):
    def in_manual_order(self) -> ProcessQuerySet:
        return self.select_related("section").order_by("section__number", "order")


class Process(models.Model):
    """A process of the manual's Part 2 (dl-1 … dl-7, info-1 … info-4)."""

    code = models.SlugField(_("code"), max_length=16, unique=True)
    section = models.ForeignKey(
        Section, on_delete=models.PROTECT, related_name="processes", verbose_name=_("section")
    )
    order = models.PositiveSmallIntegerField(_("order in the section"))
    manual_number = models.PositiveSmallIntegerField(
        _("number in the manual"), help_text=_("The number of its heading: กระบวนการ ๓ …")
    )
    subjob_code = models.CharField(_("job number"), max_length=8)
    subjob_title = models.CharField(_("job title in Part 2's list"), max_length=400)
    title = models.CharField(_("title"), max_length=400)
    short_name = models.CharField(_("short name"), max_length=16, blank=True)
    job_name = models.CharField(_("job name"), max_length=400, blank=True)
    objectives = models.JSONField(_("objectives"), default=list)
    scope = models.TextField(_("scope"))
    references = models.JSONField(_("references"), default=list)
    requires_order = models.BooleanField(
        _("steps in order"),
        default=True,
        help_text=_("A step can be marked done only after the steps before it."),
    )
    forms: models.ManyToManyField[Form, ProcessForm] = models.ManyToManyField(
        "Form", through="ProcessForm", related_name="processes", verbose_name=_("forms")
    )

    objects = ProcessQuerySet.as_manager()

    class Meta:
        verbose_name = _("process")
        verbose_name_plural = _("processes")
        ordering = ["section__number", "order"]

    def __str__(self) -> str:
        return f"{self.heading} {self.title}"

    @property
    def heading(self) -> str:
        from dlict.core.thai import thai_digits

        return f"กระบวนการ {thai_digits(self.manual_number)}"

    @property
    def display_title(self) -> str:
        return f"{self.title} ({self.short_name})" if self.short_name else self.title


class Definition(models.Model):
    """A term the process defines (คำจำกัดความ), with its English name and source if given."""

    process = models.ForeignKey(
        Process, on_delete=models.CASCADE, related_name="definitions", verbose_name=_("process")
    )
    order = models.PositiveSmallIntegerField(_("order"))
    term = models.CharField(_("term"), max_length=200)
    term_en = models.CharField(_("English term"), max_length=200, blank=True)
    abbreviation = models.CharField(_("abbreviation"), max_length=32, blank=True)
    text = models.TextField(_("definition"))
    citation = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("definition")
        verbose_name_plural = _("definitions")
        ordering = ["process", "order"]
        constraints = [
            models.UniqueConstraint(fields=["process", "order"], name="definition_order_unique")
        ]

    def __str__(self) -> str:
        return self.term


class StepKind(models.TextChoices):
    """What a step does; the kinds that involve the director drive the approval loop."""

    APPOINT_COMMITTEE = "appoint_committee", _("Appoint the working group")
    STUDY_PLAN = "study_plan", _("Study, analyse and plan")
    SET_GOALS = "set_goals", _("Set goals")
    DESIGN_MONITORING = "design_monitoring", _("Design the monitoring")
    PROPOSE_TO_DIRECTOR = "propose_to_director", _("Propose the plan to the director")
    COORDINATE = "coordinate", _("Coordinate")
    PREPARE_RESOURCES = "prepare_resources", _("Prepare resources")
    EXECUTE = "execute", _("Carry out")
    SUPERVISE_MONITOR = "supervise_monitor", _("Supervise and monitor")
    IMPROVE = "improve", _("Improve")
    EVALUATE_SUMMARIZE = "evaluate_summarize", _("Evaluate and summarise")
    REPORT_TO_DIRECTOR = "report_to_director", _("Report to the director")
    PUBLISH = "publish", _("Present and publish")


class Step(models.Model):
    """One step of a process, numbered as in the manual."""

    process = models.ForeignKey(
        Process, on_delete=models.CASCADE, related_name="steps", verbose_name=_("process")
    )
    n = models.PositiveSmallIntegerField(_("number"))
    text = models.TextField(_("step"))
    kind = models.CharField(_("kind"), max_length=32, choices=StepKind.choices)

    class Meta:
        verbose_name = _("step")
        verbose_name_plural = _("steps")
        ordering = ["process", "n"]
        constraints = [models.UniqueConstraint(fields=["process", "n"], name="step_n_unique")]

    def __str__(self) -> str:
        return f"{self.n}. {self.text}"

    @property
    def follows_approval(self) -> bool:
        """The proposal step is done when the director approves the plan, not by hand."""
        return self.kind == StepKind.PROPOSE_TO_DIRECTOR


class Form(models.Model):
    """One of the manual's ten forms."""

    key = models.SlugField(_("key"), max_length=64, unique=True)
    order = models.PositiveSmallIntegerField(_("order"))
    title_th = models.CharField(_("Thai title"), max_length=300)
    title_en = models.CharField(_("English title"), max_length=300)

    class Meta:
        verbose_name = _("form")
        verbose_name_plural = _("forms")
        ordering = ["order"]

    def __str__(self) -> str:
        return self.title_th


class ProcessForm(models.Model):
    """A form as a process lists it (its number in that process's list)."""

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="form_links")
    form = models.ForeignKey(Form, on_delete=models.CASCADE, related_name="process_links")
    n = models.PositiveSmallIntegerField(_("number"))

    class Meta:
        ordering = ["process", "n"]
        constraints = [
            models.UniqueConstraint(fields=["process", "n"], name="process_form_n_unique"),
            models.UniqueConstraint(fields=["process", "form"], name="process_form_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.process.code} {self.n}. {self.form}"


# --- Yearly projects ------------------------------------------------------------------------------


class ProjectQuerySet(ScopedQuerySet["Project"]):
    permission_app = "processes"
    office_path = "office"
    school_path = None

    def for_fiscal_year(self, year: int) -> ProjectQuerySet:
        return self.filter(fiscal_year=year)


class Project(OfficeAudited):
    """An office's work on one process in one fiscal year (งาน/โครงการ)."""

    office = models.ForeignKey(
        "schools.Office",
        on_delete=models.CASCADE,
        related_name="projects",
        verbose_name=_("office"),
    )
    process = models.ForeignKey(
        Process, on_delete=models.PROTECT, related_name="projects", verbose_name=_("process")
    )
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year"))
    title = models.CharField(_("project title"), max_length=400)
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="responsible_projects",
        verbose_name=_("responsible staff"),
    )
    order_number = models.CharField(
        _("order number"), max_length=50, blank=True, help_text=_("For example ๑๒๓/๒๕๖๙")
    )
    order_date = models.DateField(_("order date"), null=True, blank=True)
    # The evaluation summary (steps "สรุปประเมินผลการดำเนินงาน").
    target_results = models.JSONField(_("results per target"), default=list, blank=True)
    outcome = models.TextField(_("results"), blank=True)
    problems = models.TextField(_("problems and obstacles"), blank=True)
    suggestions = models.TextField(_("suggestions"), blank=True)
    budget_spent = models.DecimalField(
        _("budget spent"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["office", "-fiscal_year", "process__section__number", "process__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["office", "process", "fiscal_year"], name="project_once_a_year"
            ),
            models.CheckConstraint(
                condition=Q(budget_spent__gte=0) | Q(budget_spent__isnull=True),
                name="project_budget_spent_not_negative",
            ),
        ]
        indexes = [models.Index(fields=["office", "fiscal_year"], name="project_office_year")]

    def __str__(self) -> str:
        return self.title


class CommitteeRole(models.TextChoices):
    """The roles an appointment order names. They are the words of Thai official documents and
    print as such in every language, so they are not translated."""

    CHAIR = "chair", pgettext_lazy("working group", "Chair")
    MEMBER = "member", pgettext_lazy("working group", "Member")
    SECRETARY = "secretary", pgettext_lazy("working group", "Member and secretary")


class CommitteeMember(OfficeAudited):
    """A member of the working group appointed by the project's order (คำสั่งแต่งตั้งคณะทำงาน)."""

    audit_office = "project.office_id"

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="members", verbose_name=_("project")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    name = models.CharField(_("name"), max_length=200)
    position = models.CharField(_("position"), max_length=200, blank=True)
    role = models.CharField(_("role in the group"), max_length=16, choices=CommitteeRole.choices)

    class Meta:
        verbose_name = _("working-group member")
        verbose_name_plural = _("working-group members")
        ordering = ["project", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["project"], condition=Q(role="chair"), name="committee_one_chair"
            ),
            models.UniqueConstraint(
                fields=["project"], condition=Q(role="secretary"), name="committee_one_secretary"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class PlanStatus(models.TextChoices):
    """Where a plan revision stands: worked on (draft, returned), waiting, decided."""

    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Waiting for the director")
    RETURNED = "returned", _("Returned for changes")
    APPROVED = "approved", _("Approved")
    SUPERSEDED = "superseded", _("Replaced by a later revision")


OPEN_PLAN_STATUSES = (PlanStatus.DRAFT, PlanStatus.SUBMITTED, PlanStatus.RETURNED)


class PlanRevisionQuerySet(ScopedQuerySet["PlanRevision"]):
    permission_app = "processes"
    office_path = "project__office"
    school_path = None

    def waiting(self) -> PlanRevisionQuerySet:
        return self.filter(status=PlanStatus.SUBMITTED)


class PlanRevision(OfficeAudited):
    """One version of a project's plan. Once approved it never changes: editing an approved plan
    starts the next revision, which goes to the director again."""

    audit_office = "project.office_id"

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="revisions", verbose_name=_("project")
    )
    number = models.PositiveSmallIntegerField(_("revision"))
    status = models.CharField(
        _("status"), max_length=16, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    objectives = models.JSONField(_("objectives"), default=list)
    targets = models.JSONField(_("targets and indicators"), default=list)
    budget = models.DecimalField(_("budget"), max_digits=12, decimal_places=2, default=0)
    budget_source = models.CharField(_("source of funds"), max_length=200, blank=True)
    timeline = models.JSONField(_("timeline"), default=list)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decision_comment = models.TextField(_("director's comment"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = PlanRevisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("plan revision")
        verbose_name_plural = _("plan revisions")
        ordering = ["project", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["project", "number"], name="plan_revision_number"),
            # At most one revision is being worked on or waiting at a time.
            models.UniqueConstraint(
                fields=["project"],
                condition=Q(status__in=["draft", "submitted", "returned"]),
                name="plan_one_open_revision",
            ),
            models.UniqueConstraint(
                fields=["project"], condition=Q(status="approved"), name="plan_one_approved"
            ),
            models.CheckConstraint(condition=Q(budget__gte=0), name="plan_budget_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.project} ({self.number})"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_PLAN_STATUSES

    @property
    def is_editable(self) -> bool:
        return self.status in (PlanStatus.DRAFT, PlanStatus.RETURNED)

    def snapshot(self) -> dict[str, Any]:
        """The plan as it stood, for the history (so a returned plan's old text stays readable)."""
        return {
            "objectives": list(self.objectives),
            "targets": list(self.targets),
            "budget": str(self.budget),
            "budget_source": self.budget_source,
            "timeline": list(self.timeline),
        }


class PlanEvent(models.Model):
    """A line of a plan's history: written, submitted, returned, approved."""

    class Action(models.TextChoices):
        CREATED = "created", _("Drafted")
        EDITED = "edited", _("Edited")
        SUBMITTED = "submitted", _("Submitted to the director")
        RETURNED = "returned", _("Returned for changes")
        APPROVED = "approved", _("Approved")

    revision = models.ForeignKey(
        PlanRevision, on_delete=models.CASCADE, related_name="events", verbose_name=_("revision")
    )
    action = models.CharField(_("action"), max_length=16, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(_("when"), auto_now_add=True)
    comment = models.TextField(_("comment"), blank=True)
    snapshot = models.JSONField(_("plan at the time"), default=dict, blank=True)

    class Meta:
        verbose_name = _("plan event")
        verbose_name_plural = _("plan history")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.revision} {self.action}"


class StepStatus(models.TextChoices):
    """Where a project stands on a step."""

    NOT_STARTED = "todo", _("Not started")
    DOING = "doing", _("In progress")
    DONE = "done", _("Done")


class StepProgress(OfficeAudited):
    """Where a project stands on one step of its process."""

    audit_office = "project.office_id"

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="progress", verbose_name=_("project")
    )
    step = models.ForeignKey(
        Step, on_delete=models.PROTECT, related_name="progress", verbose_name=_("step")
    )
    status = models.CharField(
        _("status"), max_length=8, choices=StepStatus.choices, default=StepStatus.NOT_STARTED
    )
    started_on = models.DateField(_("started on"), null=True, blank=True)
    finished_on = models.DateField(_("finished on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("step progress")
        verbose_name_plural = _("step progress")
        ordering = ["project", "step__n"]
        constraints = [
            models.UniqueConstraint(fields=["project", "step"], name="progress_once_per_step"),
            models.CheckConstraint(
                condition=Q(finished_on__isnull=True)
                | Q(started_on__isnull=True)
                | Q(finished_on__gte=models.F("started_on")),
                name="progress_finishes_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project} · {self.step}"


class EvidenceQuerySet(ScopedQuerySet["Evidence"]):
    permission_app = "processes"
    office_path = "progress__project__office"
    school_path = None


class Evidence(OfficeAudited):
    """A file that shows a step was done: an order, minutes, photos, a report."""

    audit_office = "progress.project.office_id"

    progress = models.ForeignKey(
        StepProgress, on_delete=models.CASCADE, related_name="evidence", verbose_name=_("step")
    )
    file = models.FileField(_("file"), storage=private_storage, upload_to="evidence/%Y/%m/")
    name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveIntegerField(_("size"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    objects = EvidenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.name


# --- info-4: ICT development records --------------------------------------------------------------


class IctDevelopmentQuerySet(ScopedQuerySet["IctDevelopment"]):
    permission_app = "processes"
    office_path = "office"
    school_path = None

    def for_fiscal_year(self, year: int) -> IctDevelopmentQuerySet:
        return self.filter(fiscal_year=year)


class IctDevelopment(OfficeAudited):
    """แบบบันทึกพัฒนา ปรับปรุง และประยุกต์ใช้ ICT: one piece of ICT work (process info-4)."""

    class Kind(models.TextChoices):
        SYSTEM = "system", _("Information system or software")
        NETWORK = "network", _("Network and internet")
        HARDWARE = "hardware", _("Computers and equipment")
        WEBSITE = "website", _("Website and online services")
        DATA = "data", _("Data and databases")
        TRAINING = "training", _("Training and support")
        OTHER = "other", _("Other")

    office = models.ForeignKey(
        "schools.Office",
        on_delete=models.CASCADE,
        related_name="ict_developments",
        verbose_name=_("office"),
    )
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year"))
    number = models.PositiveIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    unit = models.CharField(
        _("where"),
        max_length=300,
        help_text=_("The office's group, or the school, where the work was done."),
    )
    started_on = models.DateField(_("started on"))
    finished_on = models.DateField(_("finished on"), null=True, blank=True)
    objective = models.TextField(_("objective"))
    description = models.TextField(_("what was developed, improved or applied"))
    budget = models.DecimalField(_("budget"), max_digits=12, decimal_places=2, default=0)
    outcome = models.TextField(_("results"), blank=True)
    users = models.CharField(_("users and beneficiaries"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = IctDevelopmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("ICT development record")
        verbose_name_plural = _("ICT development records")
        ordering = ["office", "-fiscal_year", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["office", "fiscal_year", "number"], name="ict_number_unique"
            ),
            models.CheckConstraint(condition=Q(budget__gte=0), name="ict_budget_not_negative"),
            models.CheckConstraint(
                condition=Q(finished_on__isnull=True) | Q(finished_on__gte=models.F("started_on")),
                name="ict_finishes_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def display_number(self) -> str:
        return f"{self.number}/{self.fiscal_year}"
