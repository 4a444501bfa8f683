"""``manage.py run_worker``: django-tasks-db's ``db_worker``, kept alive through database errors,
recovering jobs whose worker stopped; ``--restart`` supervises it as ``make run`` does.

django-tasks-db's worker forgives a locked database in one place only (choosing a task); a lock
while it begins that transaction or while it marks a task done or failed ends the process, and
imports stop until someone starts it again. This worker catches a database error around the
whole loop, waits a little (longer each time, at most a minute) and goes on with fresh
connections. The job a task ran is not lost: its own state is in ``core.Job``, and if the error
came while it ran, the recovery of stale jobs (``dlict.core.jobs``) queues it again.

It also recovers stale jobs when it starts and every three heartbeat intervals after, in a thread
of its own. The options are ``db_worker``'s (``--batch``, ``--interval``, ``--max-tasks``...).

``--restart`` runs the worker as a child process and starts it again whenever it dies (a crash,
a kill, running out of memory), a few seconds later; SIGINT or SIGTERM stops the child and then
the supervisor, so Ctrl-C in ``make run`` ends both.
"""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import threading
import time
from argparse import ArgumentParser
from types import FrameType
from typing import Any

from django.conf import settings
from django.db import DatabaseError, InterfaceError, connections
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks_db.management.commands import db_worker

from dlict.core.jobs import jobs_recover_stale
from dlict.core.progress import heartbeat_seconds

logger = logging.getLogger("django_tasks_db")

LONGEST_PAUSE = 60.0
RESTART_DELAY = 2.0


def recover_stale_jobs() -> None:
    """One pass of the recovery; a database error is logged, and the next pass tries again."""
    try:
        recovered = jobs_recover_stale()
    except (DatabaseError, InterfaceError):
        logger.warning("Could not look for jobs whose worker stopped", exc_info=True)
    else:
        if recovered:
            logger.warning("Recovered %d jobs whose worker had stopped", recovered)


class SturdyWorker(db_worker.Worker):
    first_pause = 1.0

    def run(self) -> None:
        recover_stale_jobs()
        done = threading.Event()
        watcher = threading.Thread(target=self._watch, args=(done,), name="stale-jobs")
        watcher.daemon = True
        watcher.start()
        pause = self.first_pause
        try:
            while self.running:
                try:
                    super().run()
                    return  # --batch or --max-tasks reached
                except (DatabaseError, InterfaceError) as error:
                    if not self.running:
                        return
                    logger.warning("Database error in the worker (%s); on in %.1f s", error, pause)
                    connections.close_all()
                    time.sleep(pause)
                    pause = min(pause * 2, LONGEST_PAUSE)
                    self.startup_delay = False
        finally:
            done.set()

    def _watch(self, done: threading.Event) -> None:
        while not done.wait(heartbeat_seconds() * 3):
            recover_stale_jobs()
            connections.close_all()  # this thread's own connection


class Command(db_worker.Command):
    help = "Run the background job worker (django-tasks-db's, surviving database errors)"

    def add_arguments(self, parser: ArgumentParser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--restart",
            action="store_true",
            help="Run the worker as a child process and start it again whenever it dies.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["restart"]:
            self.supervise()
            return
        self.configure_logging(options["verbosity"])
        reload = options["reload"] and not options["batch"]
        queue_names = options["queue_name"].split(",")
        excluded = options["exclude_queues"].split(",") if options["exclude_queues"] else []
        worker = SturdyWorker(
            queue_names=queue_names,
            interval=options["interval"],
            batch=options["batch"],
            backend_name=options["backend_name"],
            startup_delay=options["startup_delay"],
            max_tasks=options["max_tasks"],
            worker_id=options["worker_id"],
            excluded_queue_names=excluded,
        )
        if reload:
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()  # only in the child that runs the worker
            run_with_reloader(worker.run)
        else:
            worker.configure_signals()
            worker.run()

    def supervise(self) -> None:
        # The same command line, less --restart (from a shell: manage.py run_worker [options]).
        given = [arg for arg in sys.argv[2:] if arg != "--restart"]
        command = [sys.executable, str(settings.BASE_DIR / "manage.py"), "run_worker", *given]
        stopping = False
        child: subprocess.Popen[bytes] | None = None

        def stop(signum: int, frame: FrameType | None) -> None:
            nonlocal stopping
            stopping = True
            if child is not None and child.poll() is None:
                child.terminate()

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        while not stopping:
            child = subprocess.Popen(command)  # noqa: S603 — our own command line
            self.stdout.write(f"Worker started (process {child.pid})")
            self.stdout.flush()
            code = child.wait()
            if stopping:
                break
            self.stderr.write(f"The worker stopped ({code}); starting it again")
            time.sleep(RESTART_DELAY)
        if child is not None and child.poll() is None:
            child.wait()
