"""Django's SQLite backend, with a write that could not get the lock in time tried again.

SQLite has one write lock for the whole database. The settings start every transaction with
``BEGIN IMMEDIATE`` (``transaction_mode``), so a transaction takes the lock when it begins, never
half-way (a DEFERRED one can be refused when it first writes, after it read, and no retry could
repair that), and each attempt waits up to ``timeout`` seconds in SQLite's busy handler.
When many writers queue (200 coordinators on the development server, a 10-second import holding the
lock), a writer can still wait past that timeout, and Django answers "database is locked": a 500,
and a week that was never saved.

A retry is safe at exactly two points, where nothing has been written yet:

* ``BEGIN IMMEDIATE`` itself (Django's ``_start_transaction_under_autocommit``, run by
  ``atomic()`` before it enters its block): when it fails, no transaction was opened, so beginning
  again is all that is needed;
* a statement run outside any transaction (autocommit): it is its own transaction, and a statement
  refused for the lock did nothing.

A statement inside a transaction is never retried: the transaction already holds the lock (it was
taken at BEGIN), and if SQLite refuses anyway, only the caller can know what to redo.

The retries go on, with a growing, jittered pause (so the waiting writers do not all poll in step),
until ``lock_retry_seconds`` (an entry of ``OPTIONS``, 300 by default) have passed since the first
attempt; then the error is raised as before. Raising the busy timeout alone would also wait
longer, but silently; here each new attempt is logged, so a database that is too busy shows in
the logs before it shows as errors.

The job worker goes through the same backend: django-tasks-db's worker claims its tasks in
``BEGIN EXCLUSIVE`` transactions, and the same retry keeps a busy database from ending it.
"""

from __future__ import annotations

import logging
import random
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from django.db import OperationalError, connection
from django.db.backends.sqlite3 import base

logger = logging.getLogger(__name__)

DEFAULT_RETRY_SECONDS = 300.0
FIRST_PAUSE = 0.05
LONGEST_PAUSE = 1.0

T = TypeVar("T")


def is_locked(error: BaseException) -> bool:
    """SQLite's "database is locked" (SQLITE_BUSY), as sqlite3 or Django raises it."""
    return isinstance(error, OperationalError | sqlite3.OperationalError) and (
        "database is locked" in str(error) or "database table is locked" in str(error)
    )


def retry_locked(attempt: Callable[[], T], *, seconds: float, what: str) -> T:
    """Call ``attempt`` until it does not fail for the lock, for up to ``seconds`` in all."""
    deadline = time.monotonic() + seconds
    pause = FIRST_PAUSE
    tries = 1
    while True:
        try:
            return attempt()
        except (OperationalError, sqlite3.OperationalError) as error:
            if not is_locked(error) or time.monotonic() + pause > deadline:
                raise
        logger.info("SQLite is locked: %s again (try %d)", what, tries + 1)
        time.sleep(pause * random.uniform(0.5, 1.5))  # noqa: S311 — spreading, not security
        pause = min(pause * 2, LONGEST_PAUSE)
        tries += 1


class RetryingCursor(base.SQLiteCursorWrapper):
    """Retries a statement refused for the lock when it runs outside any transaction: ``BEGIN
    IMMEDIATE`` itself (``atomic()`` runs it before it enters its block) or a lone statement."""

    wrapper: DatabaseWrapper

    def execute(self, query: str, params: Any = None) -> Any:
        if self.wrapper.in_atomic_block or not self.wrapper.autocommit:
            return super().execute(query, params)
        return retry_locked(
            lambda: super(RetryingCursor, self).execute(query, params),
            seconds=self.wrapper.lock_retry_seconds,
            what=" ".join(query.split()[:2]),
        )

    # executemany() is not retried: outside a transaction each of its rows commits on its own, so
    # a refusal half-way would leave the first rows written.


class DatabaseWrapper(base.DatabaseWrapper):
    lock_retry_seconds = DEFAULT_RETRY_SECONDS

    def get_connection_params(self) -> dict[str, Any]:
        params: dict[str, Any] = super().get_connection_params()
        # Ours, not sqlite3.connect's.
        self.lock_retry_seconds = float(params.pop("lock_retry_seconds", DEFAULT_RETRY_SECONDS))
        return params

    def create_cursor(self, name: str | None = None) -> Any:
        cursor = self.connection.cursor(factory=RetryingCursor)
        cursor.wrapper = self
        return cursor


@contextmanager
def brief_lock_wait(seconds: float = 1.0, *, using: Any = None) -> Iterator[bool]:
    """Within the block, a write on SQLite waits at most ``seconds`` for the lock (each attempt
    and all retries together), for housekeeping that can give up and be done later: a session's
    renewal, recovering a job from its page. Yields whether it applies (False on another
    database, where nothing changes). ``using``: a connection other than the default one."""
    wrapper = connection if using is None else using
    if not isinstance(wrapper, DatabaseWrapper):
        yield False
        return
    wrapper.ensure_connection()
    raw = wrapper.connection
    before_retry = wrapper.lock_retry_seconds
    (before_timeout,) = raw.execute("PRAGMA busy_timeout").fetchone()
    wrapper.lock_retry_seconds = seconds
    raw.execute(f"PRAGMA busy_timeout = {int(seconds * 1000)}")
    try:
        yield True
    finally:
        wrapper.lock_retry_seconds = before_retry
        raw.execute(f"PRAGMA busy_timeout = {int(before_timeout)}")
