"""Background jobs: the database worker, progress, retry, cancel."""

from io import StringIO
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from dlict.core import jobs
from dlict.core.jobs import JobOutcome
from dlict.core.models import Job
from dlict.core.progress import Progress, read_progress
from dlict.core.testing import queries_to_open


class _Flaky:
    """Fails on its first run, succeeds on the next: a job that can be retried."""

    runs = 0

    def run(self, job: Job, progress: Progress) -> JobOutcome:
        _Flaky.runs += 1
        progress.update(1, 2, "half way")
        if _Flaky.runs == 1:
            raise RuntimeError("disk was busy")
        return JobOutcome(
            Job.Status.SUCCEEDED, {"summary": {"created": 0, "updated": 0, "unchanged": 0}}
        )


@pytest.fixture
def flaky() -> Any:
    _Flaky.runs = 0
    jobs.register("test.flaky", _Flaky())
    return _Flaky


def test_the_database_worker_runs_a_queued_job(
    world: Any, settings: Any, flaky: Any, monkeypatch: Any
) -> None:
    # The worker closes connections between tasks; inside this test's transaction that would
    # end the test's own connection (on PostgreSQL), so keep it open.
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    job = jobs.job_start(kind="test.flaky", title="t", user=world.staff_a, office=world.office_a)
    assert Job.objects.get(pk=job.pk).status == Job.Status.QUEUED
    call_command(
        "db_worker",
        batch=True,
        startup_delay=False,
        reload=False,
        stdout=StringIO(),
        stderr=StringIO(),
    )
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert "disk was busy" in job.error


def test_a_failed_job_can_be_retried_and_then_succeeds(world: Any, flaky: Any) -> None:
    job = jobs.job_start(kind="test.flaky", title="t", user=world.staff_a, office=world.office_a)
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    client = world.client_for(world.staff_a)
    page = client.get(reverse("core:job", args=[job.pk])).content.decode()
    assert "ลองใหม่" in page
    client.post(reverse("core:job-action", args=[job.pk, "retry"]))
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED
    assert job.attempts == 2


def test_a_job_runs_once_even_if_the_task_is_delivered_twice(world: Any, flaky: Any) -> None:
    job = jobs.job_start(kind="test.flaky", title="t", user=world.staff_a, office=world.office_a)
    jobs.job_execute(job_id=job.pk)
    assert flaky.runs == 1


def test_only_waiting_jobs_can_be_confirmed(world: Any, flaky: Any) -> None:
    job = jobs.job_start(kind="test.flaky", title="t", user=world.staff_a, office=world.office_a)
    with pytest.raises(ValidationError):
        jobs.job_confirm(job=job)


def test_progress_is_shared_through_the_cache(world: Any) -> None:
    progress = Progress(12345)
    progress.update(30, 120, "กำลังตรวจสอบ")
    assert read_progress(12345) == {
        "done": 30,
        "total": 120,
        "message": "กำลังตรวจสอบ",
        "percent": 25,
    }
    progress.clear()
    assert read_progress(12345)["percent"] == 0


def test_a_running_job_page_polls_and_shows_a_progress_bar(world: Any) -> None:
    job = Job.objects.create(kind="schools.import", title="t", office=world.office_a,
                             created_by=world.staff_a, status=Job.Status.RUNNING)  # fmt: skip
    Progress(job.pk).update(50, 100, "กำลังบันทึก")
    client = world.client_for(world.staff_a)
    page = client.get(reverse("core:job", args=[job.pk]), HTTP_HX_REQUEST="true").content.decode()
    assert 'hx-trigger="every 1s"' in page
    assert '<progress max="100" value="50"' in page
    assert "<html" not in page


def test_people_see_their_own_jobs_and_their_office_jobs_only(world: Any) -> None:
    mine = Job.objects.create(
        kind="k", title="mine", office=world.office_a, created_by=world.staff_a
    )
    other = Job.objects.create(
        kind="k", title="theirs", office=world.office_z, created_by=world.staff_z
    )
    assert set(Job.objects.visible_to(world.staff_a)) == {mine}
    assert set(Job.objects.visible_to(world.admin_a)) == {mine}
    assert set(Job.objects.visible_to(world.coordinator_a)) == set()
    assert set(Job.objects.visible_to(world.national)) == {mine, other}


def test_the_jobs_page_makes_the_same_number_of_queries_for_2_or_20_jobs(world: Any) -> None:
    client = world.client_for(world.staff_a)

    for _ in range(2):
        Job.objects.create(kind="k", title="t", office=world.office_a, created_by=world.staff_a)
    few = queries_to_open(client, reverse("core:jobs"))
    for _ in range(18):
        Job.objects.create(kind="k", title="t", office=world.office_a, created_by=world.admin_a)
    assert queries_to_open(client, reverse("core:jobs")) == few
