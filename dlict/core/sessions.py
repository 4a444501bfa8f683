"""Sessions in the database, written only when they change or when their expiry needs renewing.

A session ends ``SESSION_COOKIE_AGE`` seconds (``SESSION_IDLE_SECONDS``) after its row was last
written. Django's ``SESSION_SAVE_EVERY_REQUEST`` keeps that idle timeout by rewriting the row on
every request, so every page view took SQLite's single write lock: 200 coordinators opening pages
queued behind each other and saves failed with "database is locked". This store renews the row
only once it has aged by ``renew_interval()`` (a tenth of the idle period, at most five minutes):
an active person's session is written at most every few minutes, a series of page views writes
nothing, and a session still ends after the idle period (less at most that interval).

A renewal is housekeeping, not the person's work: if it cannot be written (the database stayed
locked past every retry), the request's answer stands — its own saves have committed — and the
session keeps its earlier expiry, still at least ``SESSION_COOKIE_AGE - renew_interval()`` away.
Django would turn that failure into ``SessionInterrupted``, a 400 for a save that happened.
"""

from __future__ import annotations

import copy
import logging
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.sessions.backends.base import UpdateError
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.db import OperationalError
from django.utils import timezone

from dlict.core.sqlite.base import brief_lock_wait, is_locked

logger = logging.getLogger(__name__)

MAX_RENEW_INTERVAL = 5 * 60


def renew_interval() -> int:
    """Seconds a session row may age before a request writes it again."""
    return min(MAX_RENEW_INTERVAL, settings.SESSION_COOKIE_AGE // 10)


class SessionStore(DatabaseSessionStore):
    _stored_expiry: datetime | None = None
    _stored_data: dict[str, Any] | None = None

    def _get_session_from_db(self) -> Any:
        row = super()._get_session_from_db()  # type: ignore[misc]  # not in django-stubs
        if row is not None:
            self._stored_expiry = row.expire_date
        return row

    def load(self) -> dict[str, Any]:
        data = super().load()
        # A session given an expiry of its own (set_expiry) keeps it; none is set here today.
        if self._stored_expiry is not None and "_session_expiry" not in data:
            self._stored_data = copy.deepcopy(data)
            written = self._stored_expiry - timedelta(seconds=settings.SESSION_COOKIE_AGE)
            if timezone.now() - written >= timedelta(seconds=renew_interval()):
                # Django's SessionMiddleware saves a modified session and sets its cookie again.
                self.modified = True
        return data

    def _renewal_only(self) -> bool:
        data = getattr(self, "_session_cache", None)
        return self._stored_data is not None and data == self._stored_data

    def save(self, must_create: bool = False) -> None:
        if must_create or not self._renewal_only():
            super().save(must_create=must_create)
            return
        try:
            # Housekeeping waits a moment for SQLite's lock, not the minutes a person's save may.
            with brief_lock_wait():
                super().save()
        except UpdateError as error:
            # Django raises UpdateError for any database error; only the lock is ours to forgive.
            cause = error.__context__
            if cause is None or not is_locked(cause):
                raise  # the row is gone (logged out elsewhere): Django's own answer stands
            logger.warning("A session's renewal was not written (%s); it keeps its expiry", cause)
        except OperationalError as error:
            if not is_locked(error):
                raise
            logger.warning("A session's renewal was not written (%s); it keeps its expiry", error)
