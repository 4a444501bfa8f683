"""Sessions: an idle timeout without a database write on every page view."""

from datetime import timedelta
from typing import Any

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import OperationalError, connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from dlict.core import jobs
from dlict.core.jobs import JobOutcome
from dlict.core.models import Job
from dlict.core.progress import Progress
from dlict.core.sessions import renew_interval


def _session_row(client: Any) -> Session:
    return Session.objects.get(session_key=client.cookies[settings.SESSION_COOKIE_NAME].value)


def _age_session(client: Any, seconds: float) -> Session:
    """Make the session's row look as if it was written ``seconds`` ago."""
    row = _session_row(client)
    written = timezone.now() - timedelta(seconds=seconds)
    row.expire_date = written + timedelta(seconds=settings.SESSION_COOKIE_AGE)
    row.save()
    return row


def test_a_series_of_page_views_writes_no_session_row(world: Any) -> None:
    client = world.client_for(world.staff_a)
    with CaptureQueriesContext(connection) as queries:
        for _ in range(3):
            assert client.get(reverse("core:dashboard")).status_code == 200
    writes = [
        q["sql"]
        for q in queries.captured_queries
        if "django_session" in q["sql"] and not q["sql"].lstrip().upper().startswith("SELECT")
    ]
    assert writes == []


def test_an_idle_session_ends_after_the_idle_period(world: Any) -> None:
    client = world.client_for(world.staff_a)
    _age_session(client, settings.SESSION_COOKIE_AGE + 1)
    response = client.get(reverse("core:dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_an_active_session_is_renewed_once_it_has_aged(world: Any) -> None:
    client = world.client_for(world.staff_a)
    before = _age_session(client, renew_interval() + 5).expire_date
    response = client.get(reverse("core:dashboard"))
    assert response.status_code == 200
    renewed = _session_row(client).expire_date
    assert renewed > before + timedelta(seconds=renew_interval())
    assert renewed >= timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE - 60)
    assert response.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == settings.SESSION_COOKIE_AGE


def test_a_session_written_a_moment_ago_is_not_written_again(world: Any) -> None:
    client = world.client_for(world.staff_a)
    before = _age_session(client, 30).expire_date
    response = client.get(reverse("core:dashboard"))
    assert response.status_code == 200
    assert _session_row(client).expire_date == before
    assert settings.SESSION_COOKIE_NAME not in response.cookies


class _Fails:
    """A job that failed, so the person can queue it again."""

    template = ""

    def run(self, job: Job, progress: Progress) -> JobOutcome:
        raise RuntimeError("disk was busy")


def test_a_save_is_not_answered_as_failed_when_only_the_session_renewal_is_locked_out(
    world: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    jobs.register("test.fails", _Fails())
    job = jobs.job_start(kind="test.fails", title="t", user=world.staff_a, office=world.office_a)
    client = world.client_for(world.staff_a)
    _age_session(client, renew_interval() + 5)
    # The retry's own run fails again at once (the immediate backend runs it in the request).
    monkeypatch.setattr(jobs, "_enqueue", lambda job: None)

    def locked(*args: Any, **kwargs: Any) -> None:
        raise OperationalError("database is locked")

    monkeypatch.setattr(Session, "save", locked)
    response = client.post(reverse("core:job-action", args=[job.pk, "retry"]))
    assert response.status_code == 302  # not SessionInterrupted's 400: the retry was saved
    job.refresh_from_db()
    assert job.status == Job.Status.QUEUED
