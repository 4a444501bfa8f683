"""Live progress and heartbeat of a running job, shared between the worker and the web server.

The job's row holds its final state; while it runs, the worker may be inside one long transaction
(an all-or-nothing import) whose writes nobody else can see — and on SQLite that transaction holds
the database's only write lock, so no other connection could write the row either. Progress and
the heartbeat therefore go to the cache, which every process sees at once. The heartbeat also
reaches the job's row (``Job.heartbeat_at``) whenever the worker is outside such a transaction, so
a job's last sign of life survives an emptied cache.
"""

import time
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.utils import timezone

_TTL_SECONDS = 6 * 60 * 60
_MIN_INTERVAL = 0.25


def _key(job_id: int) -> str:
    return f"dlict:job-progress:{job_id}"


def _beat_key(job_id: int) -> str:
    return f"dlict:job-heartbeat:{job_id}"


def heartbeat_seconds() -> int:
    return int(settings.DLICT_JOB_HEARTBEAT_SECONDS)


def beat(job_id: int) -> None:
    """The job is alive: visible to every process through the cache, whatever the transaction."""
    cache.set(_beat_key(job_id), time.time(), _TTL_SECONDS)


def last_beat(job_id: int) -> float | None:
    """When the job last gave a sign of life through the cache (a Unix time), if it did."""
    value = cache.get(_beat_key(job_id))
    return float(value) if value is not None else None


def beat_in_row(job_id: int) -> None:
    """Write the heartbeat into the job's row, unless the worker is inside a transaction, where
    nobody would see it before the end (and on SQLite it would wait for the lock it holds)."""
    if connection.in_atomic_block:
        return
    from dlict.core.models import Job

    Job.objects.filter(pk=job_id, status=Job.Status.RUNNING).update(heartbeat_at=timezone.now())


class Progress:
    """Reports ``done`` of ``total`` for one job, at most four times a second; each report is
    also a heartbeat (into the row at most once per heartbeat interval)."""

    def __init__(self, job_id: int) -> None:
        self.job_id = job_id
        self._last = 0.0
        self._last_row_beat = time.monotonic()  # the job's row was written when it was claimed

    def update(self, done: int, total: int, message: str = "") -> None:
        now = time.monotonic()
        if done < total and now - self._last < _MIN_INTERVAL:
            return
        self._last = now
        cache.set(
            _key(self.job_id), {"done": done, "total": total, "message": message}, _TTL_SECONDS
        )
        beat(self.job_id)
        if now - self._last_row_beat >= heartbeat_seconds():
            self._last_row_beat = now
            beat_in_row(self.job_id)

    def clear(self) -> None:
        cache.delete_many([_key(self.job_id), _beat_key(self.job_id)])


def read_progress(job_id: int) -> dict[str, Any]:
    """``done``, ``total``, ``message`` and ``percent`` (0–100) of the job's current stage."""
    state = cache.get(_key(job_id)) or {"done": 0, "total": 0, "message": ""}
    total = state["total"]
    state["percent"] = min(100, round(100 * state["done"] / total)) if total else 0
    return state
