"""A worker killed in the middle of an import: a new worker recovers the job, and the database
holds all of the import's rows or none, never some, never one twice.

Real processes against a file SQLite database of their own (the test database lives in memory in
this process, out of the workers' reach): one pausing worker is killed with SIGKILL once it has
done its stage's work and before the stage ends (tests/crash_helper.py).
"""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings

from dlict.core.models import WORKER_STOPPED

SCHOOLS = 40
ROOT = Path(settings.BASE_DIR)
HEARTBEAT = 1  # seconds; a job is stale after 6 of them
WAIT = 90.0


@pytest.fixture(scope="module")
def migrated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated database, made once for the module and copied for each test."""
    folder = tmp_path_factory.mktemp("migrated")
    _run(_env(folder), "manage.py", "migrate", "-v", "0")
    return folder / "db.sqlite3"


@pytest.fixture
def env(migrated: Path, tmp_path: Path) -> dict[str, str]:
    shutil.copy(migrated, tmp_path / "db.sqlite3")
    return _env(tmp_path)


def _env(folder: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
        "DLICT_DATA_DIR": str(folder),
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        "JOB_HEARTBEAT_SECONDS": str(HEARTBEAT),
        "REDIS_URL": "",  # the file cache under DLICT_DATA_DIR, shared by this test's workers
        "DEBUG": "false",
        "LOG_LEVEL": "WARNING",
    }


def _run(env: dict[str, str], *args: str) -> str:
    command = [sys.executable, *args]
    done = subprocess.run(  # noqa: S603 — this project's own commands
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=180, check=False
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def _helper(env: dict[str, str], *args: str) -> str:
    return _run(env, "-m", "tests.crash_helper", *args)


@pytest.fixture
def workers() -> Iterator[list[subprocess.Popen[bytes]]]:
    started: list[subprocess.Popen[bytes]] = []
    yield started
    for process in started:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=30)


def _start(workers: list[subprocess.Popen[bytes]], env: dict[str, str], *args: str) -> None:
    quiet = subprocess.DEVNULL
    command = [sys.executable, *args]
    workers.append(subprocess.Popen(command, cwd=ROOT, env=env, stdout=quiet, stderr=quiet))  # noqa: S603


def _database(env: dict[str, str]) -> sqlite3.Connection:
    return sqlite3.connect(env["DATABASE_URL"].removeprefix("sqlite:///"), timeout=30)


def _job(env: dict[str, str], job_id: int) -> tuple[str, str, int, str, str]:
    with _database(env) as db:
        row = db.execute("SELECT status, stage, restarts, error, input_file FROM core_job "
                         "WHERE id = ?", [job_id]).fetchone()  # fmt: skip
    return row


def _imported(env: dict[str, str]) -> tuple[int, int]:
    """The import's schools in the registry, and how many distinct codes they have."""
    with _database(env) as db:
        return db.execute(
            "SELECT COUNT(*), COUNT(DISTINCT ministry_code) FROM schools_school "
            "WHERE ministry_code LIKE '109%'"
        ).fetchone()


def _wait_until(what: str, test: object) -> None:
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        if test():  # type: ignore[operator]
            return
        time.sleep(0.3)
    raise AssertionError(f"waited {WAIT:.0f} s for {what}")


def _kill_in(
    stage: str, env: dict[str, str], workers: list[subprocess.Popen[bytes]], flag: Path
) -> None:
    """A worker that does the stage's work and is killed before the stage ends."""
    _start(workers, env, "-m", "tests.crash_helper", "worker", stage, str(flag))
    _wait_until(f"the worker to reach the end of {stage}", flag.exists)
    workers[-1].send_signal(signal.SIGKILL)
    workers[-1].wait(timeout=30)


def _new_worker(env: dict[str, str], workers: list[subprocess.Popen[bytes]]) -> None:
    _start(workers, env, "manage.py", "run_worker", "--no-reload", "--no-startup-delay",
           "--interval", "0.2")  # fmt: skip


def test_a_worker_killed_while_checking_leaves_a_job_that_a_new_worker_checks_again(
    env: dict[str, str], workers: list[subprocess.Popen[bytes]], tmp_path: Path
) -> None:
    job_id = int(_helper(env, "setup", str(SCHOOLS)))
    _kill_in("check", env, workers, tmp_path / "paused")
    assert _job(env, job_id)[:2] == ("running", "check")

    _new_worker(env, workers)
    _wait_until("the check to be done again", lambda: _job(env, job_id)[0] == "waiting")
    status, stage, restarts, _error, upload = _job(env, job_id)
    assert (status, stage, restarts) == ("waiting", "check", 1)
    assert upload  # kept for the apply stage
    assert _imported(env) == (0, 0)

    _helper(env, "confirm", str(job_id))
    _wait_until("the import to be saved", lambda: _job(env, job_id)[0] == "succeeded")
    assert _imported(env) == (SCHOOLS, SCHOOLS)


def test_a_worker_killed_while_saving_leaves_no_row_and_the_job_can_be_retried(
    env: dict[str, str], workers: list[subprocess.Popen[bytes]], tmp_path: Path
) -> None:
    job_id = int(_helper(env, "setup", str(SCHOOLS)))
    _new_worker(env, workers)
    _wait_until("the check", lambda: _job(env, job_id)[0] == "waiting")
    workers[-1].terminate()
    workers[-1].wait(timeout=30)
    _helper(env, "confirm", str(job_id))

    _kill_in("apply", env, workers, tmp_path / "paused")
    assert _job(env, job_id)[:2] == ("running", "apply")
    assert _imported(env) == (0, 0)  # every row was written, and rolled back with the process

    # The worker stopped at this job twice before: the next worker fails it instead.
    with _database(env) as db:
        db.execute("UPDATE core_job SET restarts = 2 WHERE id = ?", [job_id])
    _new_worker(env, workers)
    _wait_until("the job to fail", lambda: _job(env, job_id)[0] == "failed")
    status, stage, _restarts, error, upload = _job(env, job_id)
    assert (status, stage, error) == ("failed", "apply", WORKER_STOPPED)
    assert upload
    assert (Path(env["DLICT_DATA_DIR"]) / "private" / upload).exists()
    assert _imported(env) == (0, 0)

    _helper(env, "retry", str(job_id))
    _wait_until("the retried import", lambda: _job(env, job_id)[0] == "succeeded")
    assert _imported(env) == (SCHOOLS, SCHOOLS)
    assert not _job(env, job_id)[4]  # the upload goes once the job has ended


def _started(log: Path) -> list[int]:
    text = log.read_text() if log.exists() else ""
    return [int(line.rsplit(" ", 1)[1].rstrip(")")) for line in text.splitlines()
            if line.startswith("Worker started")]  # fmt: skip


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True  # the supervisor waits for its worker, so a dead one is never left a zombie


def test_make_run_starts_the_worker_again_when_it_dies_and_stops_both_on_a_signal(
    env: dict[str, str], tmp_path: Path
) -> None:
    log = tmp_path / "supervisor.log"
    command = [sys.executable, "manage.py", "run_worker", "--restart", "--no-reload",
               "--no-startup-delay"]  # fmt: skip
    with log.open("wb") as out:
        supervisor = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out)  # noqa: S603
    try:
        _wait_until("the worker", lambda: len(_started(log)) == 1)
        first = _started(log)[0]
        os.kill(first, signal.SIGKILL)
        _wait_until("a new worker", lambda: len(_started(log)) == 2)
        second = _started(log)[1]
        assert second != first
        assert _alive(second)
        supervisor.send_signal(signal.SIGINT)  # Ctrl-C
        assert supervisor.wait(timeout=60) == 0
        _wait_until("the worker to stop with it", lambda: not _alive(second))
    finally:
        if supervisor.poll() is None:
            supervisor.kill()
