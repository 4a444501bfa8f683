"""The SQLite backend waits for the write lock past its timeout instead of failing a save."""

import sqlite3
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from django.db import OperationalError
from django.db.utils import ConnectionHandler

HOLD_SECONDS = 1.0


def _connection(path: Path, *, retry_seconds: float) -> Any:
    handler = ConnectionHandler(
        {
            "default": {
                "ENGINE": "dlict.core.sqlite",
                "NAME": str(path),
                "OPTIONS": {
                    "init_command": "PRAGMA journal_mode=WAL;",
                    "transaction_mode": "IMMEDIATE",
                    "timeout": 0.1,  # far shorter than the other connection holds the lock
                    "lock_retry_seconds": retry_seconds,
                },
            }
        }
    )
    return handler["default"]


@pytest.fixture(autouse=True)
def _own_database(django_db_blocker: Any) -> Any:
    """These tests open their own file, never the test database."""
    with django_db_blocker.unblock():
        yield


@pytest.fixture
def database(tmp_path: Path) -> Path:
    path = tmp_path / "locks.sqlite3"
    with sqlite3.connect(path) as setup:
        setup.execute("PRAGMA journal_mode=WAL")
        setup.execute("CREATE TABLE saved (week TEXT)")
    return path


def _hold_the_write_lock(path: Path, seconds: float) -> threading.Event:
    """Another process's long write: it takes the lock, keeps it ``seconds``, then commits."""
    taken = threading.Event()

    def hold() -> None:
        other = sqlite3.connect(path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        other.execute("INSERT INTO saved VALUES ('held')")
        taken.set()
        time.sleep(seconds)
        other.execute("COMMIT")
        other.close()

    threading.Thread(target=hold, daemon=True).start()
    assert taken.wait(5)
    return taken


def _saved(path: Path) -> list[str]:
    with sqlite3.connect(path) as reader:
        return [week for (week,) in reader.execute("SELECT week FROM saved ORDER BY week")]


def test_a_transaction_that_waits_past_the_timeout_begins_again_and_commits(
    database: Path,
) -> None:
    waiting = _connection(database, retry_seconds=20)
    _hold_the_write_lock(database, HOLD_SECONDS)
    start = time.monotonic()
    # What atomic() does on entering: BEGIN IMMEDIATE, which must wait for the other writer.
    waiting.set_autocommit(False, force_begin_transaction_with_broken_autocommit=True)
    waiting.in_atomic_block = True
    with waiting.cursor() as cursor:
        cursor.execute("INSERT INTO saved VALUES (%s)", ["week 1"])
    waiting.in_atomic_block = False
    waiting.commit()
    waiting.set_autocommit(True)
    waiting.close()
    assert time.monotonic() - start >= HOLD_SECONDS * 0.9
    assert _saved(database) == ["held", "week 1"]


def test_a_lone_statement_that_waits_past_the_timeout_is_sent_again_once(database: Path) -> None:
    waiting = _connection(database, retry_seconds=20)
    _hold_the_write_lock(database, HOLD_SECONDS)
    with waiting.cursor() as cursor:
        cursor.execute("INSERT INTO saved VALUES (%s)", ["week 2"])
    waiting.close()
    assert _saved(database) == ["held", "week 2"]


def test_the_retries_end_with_the_error_after_their_time(database: Path) -> None:
    waiting = _connection(database, retry_seconds=0.3)
    _hold_the_write_lock(database, 3)
    start = time.monotonic()
    with pytest.raises(OperationalError, match="locked"), waiting.cursor() as cursor:
        cursor.execute("INSERT INTO saved VALUES (%s)", ["week 3"])
    assert time.monotonic() - start < 2.5
    waiting.close()


def test_sqlite_settings_use_the_retrying_backend() -> None:
    from config import settings

    if settings.DATABASES["default"]["NAME"].endswith(".sqlite3") or "sqlite" in str(
        settings.DATABASES["default"]["ENGINE"]
    ):
        assert settings.DATABASES["default"]["ENGINE"] == "dlict.core.sqlite"


def test_housekeeping_gives_up_on_the_lock_after_a_moment(database: Path) -> None:
    """A session's renewal waits about a second, not the minutes a person's save may."""
    from dlict.core.sqlite.base import brief_lock_wait

    waiting = _connection(database, retry_seconds=60)
    _hold_the_write_lock(database, 3)
    start = time.monotonic()
    with brief_lock_wait(0.3, using=waiting), pytest.raises(OperationalError, match="locked"):
        waiting.cursor().execute("INSERT INTO saved VALUES ('renewal')")
    assert time.monotonic() - start < 1.5
    assert waiting.lock_retry_seconds == 60  # as it was, after the block
    waiting.close()
