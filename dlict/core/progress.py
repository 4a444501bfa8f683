"""Live progress of a running job, shared between the worker and the web server through the cache.

The job's row holds its final state; while it runs, the worker may be inside one long transaction
(an all-or-nothing import) whose writes nobody else can see, so progress goes to the cache instead.
"""

import time
from typing import Any

from django.core.cache import cache

_TTL_SECONDS = 6 * 60 * 60
_MIN_INTERVAL = 0.25


def _key(job_id: int) -> str:
    return f"dlict:job-progress:{job_id}"


class Progress:
    """Reports ``done`` of ``total`` for one job, at most four times a second."""

    def __init__(self, job_id: int) -> None:
        self.job_id = job_id
        self._last = 0.0

    def update(self, done: int, total: int, message: str = "") -> None:
        now = time.monotonic()
        if done < total and now - self._last < _MIN_INTERVAL:
            return
        self._last = now
        cache.set(
            _key(self.job_id), {"done": done, "total": total, "message": message}, _TTL_SECONDS
        )

    def clear(self) -> None:
        cache.delete(_key(self.job_id))


def read_progress(job_id: int) -> dict[str, Any]:
    """``done``, ``total``, ``message`` and ``percent`` (0–100) of the job's current stage."""
    state = cache.get(_key(job_id)) or {"done": 0, "total": 0, "message": ""}
    total = state["total"]
    state["percent"] = min(100, round(100 * state["done"] / total)) if total else 0
    return state
