"""Services for background jobs: start, run, confirm, retry, cancel.

A job is started by a view (with the uploaded file, if any) and run by the worker through
``dlict.core.tasks.run_job``, which only passes the job's id. What a job does is decided by the
handler registered for its ``kind``.

A worker can die while it runs a job (killed, the machine restarted). A running job therefore
gives a sign of life every ``DLICT_JOB_HEARTBEAT_SECONDS`` (``dlict.core.progress``); one silent for
``STALE_BEATS`` intervals is stale. The worker (``manage.py run_worker``, at its start and
periodically) and the job's page find stale jobs: each is queued again, at most ``MAX_RESTARTS``
times, then failed with ``WORKER_STOPPED`` so that a person can retry or cancel it; its upload is
kept until it ends. Its data is whole either way: a stage that writes does it in one transaction,
which died with the worker's connection, and a stage run again is run whole.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

from auditlog.context import set_actor
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from dlict.core.models import WORKER_STOPPED, Job
from dlict.core.progress import Progress, beat, heartbeat_seconds, last_beat

logger = logging.getLogger(__name__)

STALE_BEATS = 6  # heartbeat intervals without a sign of life before a running job is stale
MAX_RESTARTS = 2  # a stale job is queued again this many times, then failed


@dataclass
class JobOutcome:
    status: str
    result: dict[str, Any] = field(default_factory=dict)
    next_stage: str | None = None
    # Already written by the handler, in the transaction of its own writes (job_settle).
    settled: bool = False


class JobTakenBack(Exception):
    """The job was given to another run (its worker looked dead) while this one still ran."""


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
        job.started_at = job.heartbeat_at = timezone.now()
        job.attempts += 1
        job.save(update_fields=["status", "started_at", "heartbeat_at", "attempts"])

    progress = Progress(job.pk)
    try:
        # Audited writes made by the job are recorded as made by the person who started it.
        with (
            Heartbeat(job.pk),
            translation.override(job.params.get("language", "th")),
            set_actor(job.created_by),
        ):
            outcome = _HANDLERS[job.kind].run(job, progress)
    except JobTakenBack:
        logger.warning(
            "Job %s was given to another run while this one ran; its work is undone", job.pk
        )
        return
    except Exception as error:
        logger.exception("Job %s (%s) failed", job.pk, job.kind)
        outcome = JobOutcome(Job.Status.FAILED)
        job.error = f"{type(error).__name__}: {error}"[:2000]
    else:
        job.error = ""
    if not (outcome.settled or job_settle(job, outcome)):
        logger.warning("Job %s was given to another run while this one ran", job.pk)
        return
    progress.clear()
    if outcome.status in (Job.Status.SUCCEEDED, Job.Status.REJECTED, Job.Status.CANCELLED):
        _discard_file(job)


def job_settle(job: Job, outcome: JobOutcome) -> bool:
    """Write a run's outcome, if the job is still this run's (False if it was queued again).

    A stage that writes calls this inside its own transaction, so that its rows and the job's
    "done" commit together: a worker that dies after the commit leaves no running job to redo.
    """
    job.status = outcome.status
    job.result = outcome.result
    if outcome.status != Job.Status.FAILED:
        job.error = ""
    if outcome.next_stage:
        job.stage = outcome.next_stage
    job.finished_at = timezone.now() if job.status in Job.FINISHED else None
    written = Job.objects.filter(
        pk=job.pk, status=Job.Status.RUNNING, attempts=job.attempts
    ).update(
        status=job.status,
        result=job.result,
        error=job.error,
        stage=job.stage,
        finished_at=job.finished_at,
    )
    outcome.settled = written == 1
    return outcome.settled


class Heartbeat:
    """A sign of life every heartbeat interval while the job runs, also through steps that report
    no progress (reading a large file, one long query). Through the cache only: this thread's
    own database connection could not write while the job's transaction holds SQLite's lock."""

    def __init__(self, job_id: int) -> None:
        self.job_id = job_id
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"job-{job_id}-heartbeat")
        self._thread.daemon = True

    def _run(self) -> None:
        while not self._stop.wait(heartbeat_seconds()):
            try:
                beat(self.job_id)
            except Exception:  # a cache hiccup must not end the job; the next beat may pass
                logger.warning("Job %s: heartbeat not written", self.job_id, exc_info=True)

    def __enter__(self) -> Heartbeat:
        try:
            beat(self.job_id)
        except Exception:  # as in the thread: the cache's absence must not fail a healthy job
            logger.warning("Job %s: heartbeat not written", self.job_id, exc_info=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=5)


def stale_after() -> timedelta:
    return timedelta(seconds=heartbeat_seconds() * STALE_BEATS)


def is_stale(job: Job) -> bool:
    """A running job whose worker gave no sign of life for ``stale_after()``: it has stopped."""
    if job.status != Job.Status.RUNNING:
        return False
    signs = [job.heartbeat_at or job.started_at or job.created_at]
    cached = last_beat(job.pk)
    if cached is not None:
        signs.append(datetime.fromtimestamp(cached, tz=UTC))
    return timezone.now() - max(signs) > stale_after()


def job_recover(*, job: Job) -> Job:
    """Queue a stale job again, or fail it once it was queued again ``MAX_RESTARTS`` times.

    The row is locked and looked at again first: on PostgreSQL a stage that writes holds its job's
    row (so a live one is skipped, whatever the cache says); on SQLite its transaction holds the
    write lock, and this waits until it ends.
    """
    if not is_stale(job):
        return job
    with transaction.atomic():
        locked = Job.objects.select_for_update(skip_locked=True).filter(pk=job.pk).first()
        if locked is None or not is_stale(locked):
            return locked or job
        job = locked
        if job.restarts < MAX_RESTARTS:
            job.status = Job.Status.QUEUED
            job.restarts += 1
            job.save(update_fields=["status", "restarts"])
            _enqueue(job)
            logger.warning("Job %s: its worker stopped; queued again (%d)", job.pk, job.restarts)
        else:
            _fail_stopped(job)
            logger.warning("Job %s: its worker stopped again; failed", job.pk)
    return job


def _fail_stopped(job: Job) -> None:
    job.status = Job.Status.FAILED
    job.error = WORKER_STOPPED
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "error", "finished_at"])


def jobs_recover_stale() -> int:
    """Find the running jobs whose worker stopped, and recover each (see ``job_recover``)."""
    cutoff = timezone.now() - stale_after()
    candidates = Job.objects.filter(status=Job.Status.RUNNING).filter(
        models.Q(heartbeat_at__lt=cutoff)
        | models.Q(heartbeat_at__isnull=True, started_at__lt=cutoff)
        | models.Q(heartbeat_at__isnull=True, started_at__isnull=True)
    )
    recovered = 0
    for job in candidates:
        if job_recover(job=job).status != Job.Status.RUNNING:
            recovered += 1
    return recovered


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
    """Queue a failed job again, at the stage where it failed (a job whose worker stopped too)."""
    with transaction.atomic():
        job = _locked(job)
        if job.status != Job.Status.FAILED and not is_stale(job):
            raise ValidationError(_("Only a failed job can be tried again."))
        job.status = Job.Status.QUEUED
        job.error = ""
        job.finished_at = None
        job.restarts = 0
        job.save(update_fields=["status", "error", "finished_at", "restarts"])
        _enqueue(job)
    return job


def job_cancel(*, job: Job) -> Job:
    """Drop a job that has not started or that waits for confirmation; nothing is written."""
    with transaction.atomic():
        job = _locked(job)
        cancellable = (Job.Status.QUEUED, Job.Status.WAITING, Job.Status.FAILED)
        if job.status not in cancellable and not is_stale(job):
            raise ValidationError(_("This job can no longer be cancelled."))
        job.status = Job.Status.CANCELLED
        job.finished_at = timezone.now()
        job.save(update_fields=["status", "finished_at"])
    _discard_file(job)
    return job
