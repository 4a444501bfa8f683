"""Jobs whose worker stopped are queued again or failed; the worker outlives database errors."""

from contextlib import contextmanager
from datetime import timedelta
from io import StringIO
from typing import Any

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import OperationalError
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.management.commands import db_worker

from dlict.core import jobs
from dlict.core.jobs import MAX_RESTARTS, JobOutcome
from dlict.core.management.commands import run_worker
from dlict.core.models import WORKER_STOPPED, Job
from dlict.core.progress import Progress, beat


class _Counts:
    """Succeeds, counting its runs."""

    template = ""
    runs = 0

    def run(self, job: Job, progress: Progress) -> JobOutcome:
        _Counts.runs += 1
        progress.update(1, 1, "done")
        return JobOutcome(Job.Status.SUCCEEDED)


@pytest.fixture
def counts() -> Any:
    _Counts.runs = 0
    jobs.register("test.counts", _Counts())
    return _Counts


@pytest.fixture(autouse=True)
def _no_heartbeats_of_other_tests() -> None:
    cache.clear()  # a rolled-back job's id comes again in the next test, on SQLite


@pytest.fixture
def queued(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Queue without running: the immediate backend of the tests would run the job at once."""
    queued: list[int] = []
    monkeypatch.setattr(jobs, "_enqueue", lambda job: queued.append(job.pk))
    return queued


def _running(world: Any, *, silent_for: float, restarts: int = 0) -> Job:
    """A job whose worker last gave a sign of life ``silent_for`` seconds ago."""
    then = timezone.now() - timedelta(seconds=silent_for)
    return Job.objects.create(
        kind="test.counts", title="t", office=world.office_a, created_by=world.staff_a,
        status=Job.Status.RUNNING, stage=Job.Stage.APPLY, attempts=restarts + 1,
        restarts=restarts, started_at=then, heartbeat_at=then,
    )  # fmt: skip


def _stale_seconds() -> float:
    return jobs.stale_after().total_seconds()


def test_a_job_whose_worker_stopped_is_queued_again_at_the_same_stage(
    world: Any, counts: Any, queued: list[int]
) -> None:
    job = _running(world, silent_for=_stale_seconds() + 5)
    assert jobs.jobs_recover_stale() == 1
    job.refresh_from_db()
    assert (job.status, job.stage, job.restarts) == (Job.Status.QUEUED, Job.Stage.APPLY, 1)
    assert queued == [job.pk]


def test_a_job_that_gave_a_sign_of_life_through_the_cache_is_left_running(
    world: Any, counts: Any, queued: list[int]
) -> None:
    # Inside its all-or-nothing transaction a job's signs of life reach the cache only.
    job = _running(world, silent_for=_stale_seconds() + 5)
    beat(job.pk)
    assert jobs.jobs_recover_stale() == 0
    job.refresh_from_db()
    assert job.status == Job.Status.RUNNING
    assert queued == []


def test_a_job_whose_worker_stops_again_and_again_fails_with_a_thai_message_and_can_be_retried(
    world: Any, counts: Any, queued: list[int], settings: Any
) -> None:
    job = _running(world, silent_for=_stale_seconds() + 5, restarts=MAX_RESTARTS)
    client = world.client_for(world.staff_a)
    page = client.get(reverse("core:job", args=[job.pk])).content.decode()
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert job.error == WORKER_STOPPED
    assert job.worker_stopped
    assert "ระบบประมวลผลเบื้องหลังหยุดทำงาน" in page
    assert "ไม่มีข้อมูลถูกบันทึกไว้ครึ่ง ๆ กลาง ๆ" in page
    assert "ลองใหม่" in page
    assert queued == []

    client.post(reverse("core:job-action", args=[job.pk, "retry"]))
    job.refresh_from_db()
    assert (job.status, job.restarts, job.error) == (Job.Status.QUEUED, 0, "")
    assert queued == [job.pk]


def test_a_job_whose_worker_stopped_can_be_cancelled_and_its_file_goes(
    world: Any, counts: Any, queued: list[int]
) -> None:
    job = _running(world, silent_for=_stale_seconds() + 5, restarts=MAX_RESTARTS)
    job.input_file.save("job-upload", ContentFile(b"a,b\n"), save=True)
    assert job.input_file.storage.exists(job.input_file.name)
    name = job.input_file.name
    jobs.job_cancel(job=job)
    job.refresh_from_db()
    assert job.status == Job.Status.CANCELLED
    assert not job.input_file
    assert not Job.input_file.field.storage.exists(name)


def test_a_running_job_is_not_taken_back_while_its_worker_is_alive(
    world: Any, counts: Any, queued: list[int]
) -> None:
    job = _running(world, silent_for=5)
    with pytest.raises(ValidationError):
        jobs.job_retry(job=job)
    assert jobs.jobs_recover_stale() == 0


def test_a_run_writes_heartbeats_and_its_outcome_only_while_the_job_is_its_own(
    world: Any, counts: Any, queued: list[int]
) -> None:
    job = jobs.job_start(kind="test.counts", title="t", user=world.staff_a, office=world.office_a)
    jobs.job_execute(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED
    assert job.heartbeat_at is not None
    # A late outcome of a run whose job was queued again in the meantime is dropped.
    job.status = Job.Status.QUEUED
    job.save()
    stale_run = Job.objects.get(pk=job.pk)
    stale_run.status = Job.Status.RUNNING
    assert not jobs.job_settle(stale_run, JobOutcome(Job.Status.FAILED))
    job.refresh_from_db()
    assert job.status == Job.Status.QUEUED


@contextmanager
def _never_closed(monkeypatch: pytest.MonkeyPatch) -> Any:
    """The worker closes connections; inside this test's transaction (PostgreSQL) it must not."""
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    monkeypatch.setattr(run_worker.connections, "close_all", lambda: None)
    yield


def test_the_worker_goes_on_after_the_database_was_locked(
    world: Any, counts: Any, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    job = jobs.job_start(kind="test.counts", title="t", user=world.staff_a, office=world.office_a)
    real = db_worker.exclusive_transaction
    refusals = [OperationalError("database is locked")] * 2

    @contextmanager
    def locked_twice(using: Any = None) -> Any:
        # As BEGIN EXCLUSIVE fails when another process keeps the lock past the timeout.
        if refusals:
            raise refusals.pop()
        with real(using):
            yield

    monkeypatch.setattr(db_worker, "exclusive_transaction", locked_twice)
    monkeypatch.setattr(run_worker.SturdyWorker, "first_pause", 0.01)
    with _never_closed(monkeypatch):
        call_command("run_worker", batch=True, startup_delay=False, reload=False,
                     stdout=StringIO(), stderr=StringIO())  # fmt: skip
    assert refusals == []
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED
    assert counts.runs == 1


def test_the_worker_recovers_stopped_jobs_when_it_starts(
    world: Any, counts: Any, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    job = _running(world, silent_for=_stale_seconds() + 5)
    with _never_closed(monkeypatch):
        call_command("run_worker", batch=True, startup_delay=False, reload=False,
                     stdout=StringIO(), stderr=StringIO())  # fmt: skip
    job.refresh_from_db()
    assert (job.status, job.restarts, counts.runs) == (Job.Status.SUCCEEDED, 1, 1)
