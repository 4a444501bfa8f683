"""Cross-cutting records: the audit trail and background jobs."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from auditlog.models import AbstractLogEntry, LogEntryManager
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import storages
from django.db import models
from django.utils.translation import gettext_lazy as _

from dlict.core.scoping import ScopedQuerySet, scope_of

if TYPE_CHECKING:
    from dlict.core.audit import Change


class OfficeAudited(models.Model):
    """A model whose changes the audit trail files under the office they belong to.

    Each audit entry keeps its office in a column (AuditEntry.office), so an office's trail is one
    indexed lookup and its people see only their office's changes. The model names where its
    office's id is, as attributes from the record::

        class Project(OfficeAudited):  # the default: audit_office = "office_id"
            ...

        class Evidence(OfficeAudited):
            audit_office = "progress.project.office_id"

    django-auditlog asks every record it logs for ``get_additional_data()``. It is an abstract
    model without fields, so it adds no column and no migration.
    """

    audit_office: ClassVar[str] = "office_id"

    class Meta:
        abstract = True

    def get_additional_data(self) -> dict[str, Any]:
        value: Any = self
        for name in self.audit_office.split("."):
            if value is None:
                break
            value = getattr(value, name)
        return {"office_id": value}


class AuditEntryQuerySet(ScopedQuerySet):
    permission_app = "audit"
    office_path = "office"
    school_path = None

    def for_object(self, instance: models.Model) -> AuditEntryQuerySet:
        content_type = ContentType.objects.get_for_model(instance)
        return self.filter(content_type=content_type, object_pk=str(instance.pk))


class AuditEntryManager(LogEntryManager.from_queryset(AuditEntryQuerySet)):  # type: ignore[misc]
    def create(self, **kwargs: Any) -> AuditEntry:
        # Every audited model says which office it belongs to through get_additional_data()
        # (OfficeAudited); keep it in a column so an office's trail is one indexed lookup.
        data = kwargs.get("additional_data") or {}
        kwargs.setdefault("office_id", data.get("office_id"))
        return super().create(**kwargs)


class AuditEntry(AbstractLogEntry):
    """One create, update or delete of a domain record, or an event (core.audit.audit_event):
    who, when, and what changed. The properties below are how the trail reads it."""

    # The base class comes from an untyped package, so the type checker needs the field's type;
    # core names no domain model, so it is any model.
    office: models.ForeignKey[models.Model | None, models.Model | None] = models.ForeignKey(
        "schools.Office",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("office"),
    )

    objects = AuditEntryManager()

    ACTION_LABELS = {
        AbstractLogEntry.Action.CREATE: _("Added"),
        AbstractLogEntry.Action.UPDATE: _("Changed"),
        AbstractLogEntry.Action.DELETE: _("Deleted"),
        AbstractLogEntry.Action.ACCESS: _("Viewed"),
    }
    # What the actor did, said of a record of some kind, and of the record whose page this is.
    HEADLINES = {
        AbstractLogEntry.Action.CREATE: (_("added the %(kind)s"), _("added the record")),
        AbstractLogEntry.Action.UPDATE: (_("changed the %(kind)s"), _("changed the record")),
        AbstractLogEntry.Action.DELETE: (_("deleted the %(kind)s"), _("deleted the record")),
        AbstractLogEntry.Action.ACCESS: (_("viewed the %(kind)s"), _("viewed the record")),
    }

    class Meta(AbstractLogEntry.Meta):
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit trail")
        indexes = [models.Index(fields=["office", "-timestamp"], name="audit_office_time")]

    @property
    def action_label(self) -> str:
        return str(self.ACTION_LABELS.get(self.action, self.action))

    @property
    def actor_name(self) -> str:
        if self.actor is not None:
            return str(self.actor.display_name)
        return self.actor_email or str(_("System"))

    @property
    def headline(self) -> str:
        """What was done to what kind of record: "แก้ไขข้อมูลโรงเรียน", or an event's label."""
        return self._headline(here=False)

    @property
    def headline_here(self) -> str:
        """The same on the record's own page (its history), where its kind goes without saying."""
        return self._headline(here=True)

    def _headline(self, *, here: bool) -> str:
        from dlict.core import audit

        event = audit.entry_event(self)
        if event is not None:
            return event[0]
        of_kind, of_this = self.HEADLINES.get(self.action, self.HEADLINES[self.Action.UPDATE])
        return str(of_this) if here else str(of_kind) % {"kind": audit.entry_kind(self)}

    @property
    def record_name(self) -> str:
        from dlict.core import audit

        return audit.entry_record(self)

    @property
    def event_details(self) -> list[tuple[str, str]]:
        from dlict.core import audit

        event = audit.entry_event(self)
        return event[1] if event else []

    @property
    def display_changes(self) -> list[Change]:
        """The changed fields as people read them, without a query per entry."""
        from dlict.core import audit

        return audit.entry_changes(self)


class JobQuerySet(ScopedQuerySet):
    permission_app = "jobs"
    office_path = "office"
    school_path = None

    def visible_to(self, user: Any) -> JobQuerySet:
        """The jobs of offices whose jobs you may follow, and your own jobs in offices you still
        belong to (a job shows that office's data)."""
        scope = scope_of(user)
        if not getattr(user, "is_authenticated", False):
            return self.none()
        own = self.filter(created_by=user).filter(
            models.Q(office__isnull=True) | models.Q(office__in=sorted(scope.office_ids))
        )
        return self.restrict(user, "view") | own


def private_storage() -> Any:
    """Where uploaded files live: outside MEDIA_ROOT, so no URL reaches them."""
    return storages["private"]


# Job.error of a job whose worker stopped while it ran (the page says so in Thai).
WORKER_STOPPED = "WorkerStopped: the worker stopped while the job was running"


class Job(models.Model):
    """Long work done by the worker (an import, a batch of documents): progress and outcome.

    Imports run in two stages: ``check`` reads and validates the file and stops at
    ``waiting`` with a preview; ``apply`` writes everything or nothing once the user confirms.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        WAITING = "waiting", _("Waiting for confirmation")
        SUCCEEDED = "succeeded", _("Done")
        REJECTED = "rejected", _("Rejected: the file has errors")
        FAILED = "failed", _("Failed")
        CANCELLED = "cancelled", _("Cancelled")

    class Stage(models.TextChoices):
        RUN = "run", _("Run")
        CHECK = "check", _("Check")
        APPLY = "apply", _("Apply")

    FINISHED = (Status.SUCCEEDED, Status.REJECTED, Status.FAILED, Status.CANCELLED)

    kind = models.CharField(_("kind"), max_length=64)
    stage = models.CharField(_("stage"), max_length=16, choices=Stage.choices, default=Stage.RUN)
    title = models.CharField(_("title"), max_length=200)
    office = models.ForeignKey(
        "schools.Office",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="jobs",
        verbose_name=_("office"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="jobs",
        verbose_name=_("started by"),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.QUEUED
    )
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    result = models.JSONField(_("result"), default=dict, blank=True)
    error = models.TextField(_("error"), blank=True)
    input_file = models.FileField(
        _("file"), storage=private_storage, upload_to="jobs/%Y/%m/", blank=True
    )
    input_name = models.CharField(_("file name"), max_length=255, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    # Runs queued again by the worker after the one running them stopped (dlict.core.jobs).
    restarts = models.PositiveSmallIntegerField(_("restarts after a stopped worker"), default=0)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    # The running job's last sign of life in the database; while it is inside its all-or-nothing
    # transaction its signs go to the cache only (dlict.core.progress).
    heartbeat_at = models.DateTimeField(_("last heartbeat"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        verbose_name = _("job")
        verbose_name_plural = _("jobs")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["office", "-created_at"], name="job_office_created")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_finished(self) -> bool:
        return self.status in self.FINISHED

    @property
    def worker_stopped(self) -> bool:
        """Failed because the worker running it stopped (killed, restarted), not by an error."""
        return self.status == self.Status.FAILED and self.error == WORKER_STOPPED


def audit(model: type[models.Model], *, exclude: tuple[str, ...] = ()) -> None:
    """Register ``model`` with the audit trail, tracking its own columns only.

    Left to itself django-auditlog also lists reverse relations and the id, which say nothing to
    the people reading the trail. Timestamps the database sets itself are left out too.
    """
    from auditlog.registry import auditlog

    skipped = {"id", "created_at", "updated_at", "date_joined", *exclude}
    fields = [field.name for field in model._meta.concrete_fields if field.name not in skipped]
    auditlog.register(model, include_fields=fields)
