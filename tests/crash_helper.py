"""Driven by test_worker_crash.py in processes of their own, against a file SQLite database.

    python -m tests.crash_helper setup SCHOOLS   # an office, a person, a queued import
    python -m tests.crash_helper worker STAGE FLAG   # a worker that stops in STAGE
    python -m tests.crash_helper confirm|retry JOB

The pausing worker lets the school-list import do its stage's work (check every row; or write
every row, inside the all-or-nothing transaction) and then, before the stage ends, writes FLAG and
waits to be killed: what a worker killed at that moment leaves behind is what the test sees.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Any


def _setup(count: int) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from dlict.accounts.roles import Role
    from dlict.accounts.services import membership_grant
    from dlict.accounts.tests.factories import UserFactory
    from dlict.core import jobs
    from dlict.core.models import Job
    from dlict.schools.imports import SchoolListImporter
    from dlict.schools.tests.factories import OfficeFactory

    office = OfficeFactory(name_th="สพป.ทดสอบ เขต 1")
    person = UserFactory(username="staff")
    membership_grant(user=person, role=Role.OFFICE_STAFF, office=office)
    lines = ["รหัสกระทรวง,รหัส SMIS,รหัส OBEC,ชื่อโรงเรียน"]
    lines += [f"{1090000000 + n},{90000000 + n},{900000 + n},บ้านทดสอบ {n}" for n in range(count)]
    upload = SimpleUploadedFile("schools.csv", ("\n".join(lines) + "\n").encode())
    job = jobs.job_start(kind=SchoolListImporter.kind, title="import", user=person,
                         office=office, upload=upload, stage=Job.Stage.CHECK)  # fmt: skip
    print(job.pk)


def _pausing_worker(stage: str, flag: Path) -> None:
    from django.core.management import call_command

    from dlict.schools.imports import SchoolListImporter

    def pause() -> None:
        flag.write_text(str(os.getpid()))
        while True:
            time.sleep(1)  # killed here

    method = "check_rows" if stage == "check" else "apply_plan"
    original = getattr(SchoolListImporter, method)

    def paused(self: Any, *args: Any) -> Any:
        result = original(self, *args)
        pause()
        return result

    setattr(SchoolListImporter, method, paused)
    call_command("run_worker", reload=False, startup_delay=False, interval=0.2)


def _act(action: str, job_id: int) -> None:
    from dlict.core import jobs
    from dlict.core.models import Job

    job = Job.objects.get(pk=job_id)
    {"confirm": jobs.job_confirm, "retry": jobs.job_retry}[action](job=job)


def main(argv: list[str]) -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    command, *rest = argv
    if command == "setup":
        _setup(int(rest[0]))
    elif command == "worker":
        _pausing_worker(rest[0], Path(rest[1]))
    else:
        _act(command, int(rest[0]))


if __name__ == "__main__":
    main(sys.argv[1:])
