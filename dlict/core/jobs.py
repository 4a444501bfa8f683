"""Services for background jobs: start, run, confirm, retry, cancel.

A job is started by a view (with the uploaded file, if any) and run by the worker through
``dlict.core.tasks.run_job``, which only passes the job's id. What a job does is decided by the
handler registered for its ``kind``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any, Protocol

from auditlog.context import set_actor
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from dlict.core.models import Job
from dlict.core.progress import Progress

logger = logging.getLogger(__name__)


@dataclass
class JobOutcome:
    status: str
    result: dict[str, Any] = field(default_factory=dict)
    next_stage: str | None = None


class JobHandler(Protocol):
    """Does a kind of job. ``template`` shows the kind's own results on the job page (a preview
    to confirm, a summary); the generic page shows progress, errors and the retry button."""

    template: str

    def run(self, job: Job, progress: Progress) -> JobOutcome: ...


_HANDLERS: dict[str, JobHandler] = {}


def register(kind: str, handler: JobHandler) -> None:
    _HANDLERS[kind] = handler


def handler_for(kind: str) -> JobHandler | None:
    return _HANDLERS.get(kind)


def _enqueue(job: Job) -> None:
    from dlict.core.tasks import run_job

    run_job.enqueue(job.pk)


def job_start(
    *,
    kind: str,
    title: str,
    user: Any,
    office: Any = None,
    params: dict[str, Any] | None = None,
    upload: UploadedFile | None = None,
    stage: str = Job.Stage.RUN,
) -> Job:
    """Record a job and queue it for the worker."""
    if kind not in _HANDLERS:
        raise ValueError(f"no handler registered for job kind {kind!r}")
    params = {"language": translation.get_language() or "th", **(params or {})}
    with transaction.atomic():
        job = Job.objects.create(
            kind=kind, title=title, office=office, created_by=user, params=params, stage=stage
        )
        if upload is not None:
            job.input_name = upload.name or ""
            job.input_file.save(f"job-{job.pk}", upload, save=False)
            job.save(update_fields=["input_name", "input_file"])
        _enqueue(job)
    return job


def job_execute(*, job_id: int) -> None:
    """Run the job's current stage. Called by the worker; safe to call twice for the same job."""
    with transaction.atomic():
        job = Job.objects.select_for_update().filter(pk=job_id).first()
        if job is None or job.status != Job.Status.QUEUED:
            return  # cancelled, or already taken by another delivery of the same task
        job.status = Job.Status.RUNNING
        job.started_at = timezone.now()
        job.attempts += 1
        job.save(update_fields=["status", "started_at", "attempts"])

    progress = Progress(job.pk)
    try:
        # Audited writes made by the job are recorded as made by the person who started it.
        with translation.override(job.params.get("language", "th")), set_actor(job.created_by):
            outcome = _HANDLERS[job.kind].run(job, progress)
    except Exception as error:
        logger.exception("Job %s (%s) failed", job.pk, job.kind)
        job.status = Job.Status.FAILED
        job.error = f"{type(error).__name__}: {error}"[:2000]
    else:
        job.status = outcome.status
        job.result = outcome.result
        job.error = ""
        if outcome.next_stage:
            job.stage = outcome.next_stage
    job.finished_at = timezone.now() if job.status in Job.FINISHED else None
    job.save(update_fields=["status", "result", "error", "stage", "finished_at"])
    progress.clear()
    if job.status in (Job.Status.SUCCEEDED, Job.Status.REJECTED, Job.Status.CANCELLED):
        _discard_file(job)


def _discard_file(job: Job) -> None:
    """The uploaded file is only needed until the job ends; don't keep copies of people's data."""
    if job.input_file:
        job.input_file.delete(save=False)
        Job.objects.filter(pk=job.pk).update(input_file="")


def _locked(job: Job) -> Job:
    return Job.objects.select_for_update().get(pk=job.pk)


def job_confirm(*, job: Job, stage: str = Job.Stage.APPLY) -> Job:
    """Go on to the next stage of a job that waits for the user's confirmation."""
    with transaction.atomic():
        job = _locked(job)
        if job.status != Job.Status.WAITING:
            raise ValidationError(_("This job is not waiting for confirmation any more."))
        job.stage = stage
        job.status = Job.Status.QUEUED
        job.save(update_fields=["stage", "status"])
        _enqueue(job)
    return job


def job_retry(*, job: Job) -> Job:
    """Queue a failed job again, at the stage where it failed."""
    with transaction.atomic():
        job = _locked(job)
        if job.status != Job.Status.FAILED:
            raise ValidationError(_("Only a failed job can be tried again."))
        job.status = Job.Status.QUEUED
        job.error = ""
        job.finished_at = None
        job.save(update_fields=["status", "error", "finished_at"])
        _enqueue(job)
    return job


def job_cancel(*, job: Job) -> Job:
    """Drop a job that has not started or that waits for confirmation; nothing is written."""
    with transaction.atomic():
        job = _locked(job)
        if job.status not in (Job.Status.QUEUED, Job.Status.WAITING, Job.Status.FAILED):
            raise ValidationError(_("This job can no longer be cancelled."))
        job.status = Job.Status.CANCELLED
        job.finished_at = timezone.now()
        job.save(update_fields=["status", "finished_at"])
    _discard_file(job)
    return job
