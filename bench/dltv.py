"""DLTV use: the dashboards over a year of records, saving a week, rebuilding the rollups, and
200 coordinators saving weeks at once through a real HTTP server.

national (PostgreSQL only): 245 offices, about 15,000 DLTV schools with six grades each (three in
a secondary school), 200 school days: about 16 million records (bench.generate.dltv_year). small:
one office, on SQLite and on PostgreSQL.

Targets at national scale: the whole country's dashboard < 100 ms median and one office's < 50 ms;
the list of schools not reporting < 50 ms; saving a school's week (6 grades × 5 days) with its
rollups < 100 ms; rebuilding every rollup < 60 s; 200 coordinators saving for 60 s: no error, no
row lost or duplicated, rollups equal to a recomputation. BENCHMARKS.md holds the figures.

The concurrent run goes through gunicorn; ``BENCH_SERVER=runserver`` sends the same load through
Django's development server instead (``manage.py runserver``: a thread and a connection per
client), as ``make run`` serves. ``BENCH_CPU_LOAD=1`` keeps every CPU busy with a busy-loop process
each for the length of that run, as another program on the same machine would. The figures'
names then carry ``_runserver`` and ``_busy``.

Everything this benchmark writes lies before the generated year's first month, and is deleted
at the end (and at the start, after an interrupted run), so the generated data stays as it was.
"""

from __future__ import annotations

import html
import http.client
import importlib
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import partial
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.db import connection
from django.db.models import Count, Exists, OuterRef, Q, Sum
from django.db.models.functions import TruncMonth
from django.test import Client
from django.utils import timezone

from bench import generate
from bench.database import ROOT, prepare_extra
from bench.generate import BENCH_USERNAME, SEED
from bench.measure import figure, median_ms, note, seconds
from bench.registry import Database, Scale
from dlict.accounts.models import User
from dlict.accounts.roles import Role
from dlict.accounts.services import membership_grant, user_create
from dlict.core.calendar import next_month, school_days, week_of
from dlict.core.models import AuditEntry
from dlict.dltv import services
from dlict.dltv.models import (
    DltvClassroom,
    Equipment,
    LastReport,
    OfficeRollup,
    UsageRecord,
    UsageRollup,
)
from dlict.dltv.selectors import (
    DashboardScope,
    last_school_days,
    not_reporting,
    top_problems,
    usage_by_month,
    year_so_far,
)
from dlict.schools.models import Office, School

BENCH = "dltv"
PAGE_REPEAT = 30
RAW_REPEAT = 3  # each national raw scan takes seconds
SAVE_REPEAT = 40
CLIENTS = 200
PAIRS = 20  # schools whose two coordinators save the same week at the same moment
DURATION = 60.0  # seconds of saving
# How long a coordinator waits for an answer, as a browser does (Chromium: 300 s). On a machine
# whose CPUs are taken by something else, the 200 requests of a round queue for minutes; a
# shorter wait would count the server's slowness as lost saves.
PATIENCE = 300.0
# The server: a bounded pool of threads, so PostgreSQL never sees more than 16 connections.
WORKERS, THREADS = 2, 8
STAFF_USERNAME = "bench-dltv-staff"
COORDINATOR_PREFIX = "bench-coordinator-"


def run(*, database: Database, scale: Scale) -> None:
    if database == "sqlite" and scale == "national":
        note("dltv: the national year runs on PostgreSQL only; SQLite is measured with one office")
        return
    prepare_extra("dltv", lambda: generate.dltv_year(seed=SEED))
    suffix = "" if database == "sqlite" else f"_{database}"
    today = timezone.localdate()
    if today != generate.YEAR_LAST_DAY:
        note(f"today is {today}, the generated year ends {generate.YEAR_LAST_DAY}: the dashboards "
             "show a month and 7 school days that the data may not fill")  # fmt: skip
    _clean()
    try:
        services.equipment_tallies_rebuild()  # data generated before the tallies existed
        _rollup_rebuild(suffix)
        _dashboards(suffix, today)
        _week_saves(suffix)
        _concurrent_saves(suffix)
    finally:
        _clean()


# -- what the benchmark writes lies before the year ----------------------------------------------
def _before_year() -> date:
    """The first day of the generated year's first month: the benchmark writes only before it."""
    return generate.year_days()[0].replace(day=1)


def _weeks() -> list[date]:
    """The Mondays of the school weeks that end before the year: weeks nobody has recorded."""
    end = _before_year()
    monday = date(2025, 5, 19)  # the first full week of academic year 2568
    weeks = []
    while monday + timedelta(days=4) < end:
        if school_days(week_of(monday), set()):
            weeks.append(monday)
        monday += timedelta(days=7)
    return weeks


def _clean() -> None:
    """Delete what the benchmark saved, its audit entries, and its coordinators' sessions. The
    records go by plain DELETEs: through the ORM, each would first be logged as deleted."""
    before = _before_year()
    with connection.cursor() as cursor:
        for model, column in (
            (UsageRollup, "month"),
            (OfficeRollup, "month"),
            (LastReport, "day"),
            (UsageRecord, "day"),
        ):
            table = connection.ops.quote_name(model._meta.db_table)
            cursor.execute(f"DELETE FROM {table} WHERE {column} < %s", [before])  # noqa: S608
    # The generated records were written without the audit log: every entry is the benchmark's.
    AuditEntry.objects.filter(content_type=ContentType.objects.get_for_model(UsageRecord)).delete()
    users = User.objects.filter(username__startswith="bench-").values_list("pk", flat=True)
    ids = {str(pk) for pk in users}
    stale = [
        s.session_key for s in Session.objects.all() if s.get_decoded().get(SESSION_KEY) in ids
    ]
    Session.objects.filter(session_key__in=stale).delete()


# -- rollups -------------------------------------------------------------------------------------
def _rollup_rebuild(suffix: str) -> None:
    took = seconds(services.rollups_rebuild)
    figure(BENCH, f"rollup_rebuild{suffix}", took, "s")
    note(f"rollups: {UsageRollup.objects.count():,} from {UsageRecord.objects.count():,} records")
    if connection.vendor == "postgresql":
        # As autovacuum would after the rebuild's delete and insert (it is off on this server).
        with connection.cursor() as cursor:
            for model in (UsageRollup, OfficeRollup, LastReport):
                cursor.execute(f"VACUUM ANALYZE {model._meta.db_table}")


# -- dashboards ----------------------------------------------------------------------------------
def _dashboards(suffix: str, today: date) -> None:
    office = _busiest_office()
    staff = _office_staff(office)
    national = User.objects.get(username=BENCH_USERNAME)
    dltv_schools = DashboardScope(staff, office).schools().count()
    note(f"office dashboard: /dltv/ as office staff of {office.name_th} ({dltv_schools} DLTV "
         "schools, the most of any office)")  # fmt: skip
    figure(BENCH, f"office_dashboard_median{suffix}", _page_ms(staff, "/dltv/"), "ms")
    note(f"national dashboard: /dltv/ as a national administrator, every office "
         f"({Office.objects.count()} offices)")  # fmt: skip
    figure(BENCH, f"national_dashboard_median{suffix}", _page_ms(national, "/dltv/"), "ms")
    scope = DashboardScope(staff, office)
    listed = len(not_reporting(scope, today))
    note(f"not reporting: {office.name_th}'s list ({listed} schools), the query alone")
    silent = median_ms(lambda: not_reporting(scope, today), repeat=PAGE_REPEAT)
    figure(BENCH, f"not_reporting_median{suffix}", silent, "ms")
    _rawscan(national, today, suffix)


def _busiest_office() -> Office:
    counts = Counter(
        DltvClassroom.objects.values_list("school__office_id", "school_id").distinct().order_by()
    )
    offices = Counter(office_id for office_id, _school in counts)
    busiest = min(offices, key=lambda pk: (-offices[pk], pk))
    return Office.objects.get(pk=busiest)


def _office_staff(office: Office) -> User:
    """A member of the office's staff (made once, and kept with the generated data)."""
    user = User.objects.filter(username=STAFF_USERNAME).first()
    if user is None:
        user = user_create(username=STAFF_USERNAME, password=None, first_name="เจ้าหน้าที่")
        membership_grant(user=user, role=Role.OFFICE_STAFF, office=office)
    return user


def _page_ms(user: User, url: str) -> float:
    client = Client()
    client.force_login(user)

    def get() -> None:
        response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"{url} answered {response.status_code}")

    try:
        return median_ms(get, repeat=PAGE_REPEAT)
    finally:
        client.logout()  # so runs do not pile up sessions in the benchmark database


def _rawscan(user: User, today: date, suffix: str) -> None:
    """The whole country's figures computed straight from the records, the tables of rates summed
    from them instead of from the rollups; the page's other figures (silent schools, problems,
    equipment) are read alike either way. Then a check that both sums agree."""
    scope = DashboardScope(user, None)
    months, _month = year_so_far(today)
    raw = median_ms(lambda: _raw_figures(scope, months, today), repeat=RAW_REPEAT, warmup=1)
    figure(BENCH, f"national_dashboard_rawscan_median{suffix}", raw, "ms")
    rollups = median_ms(lambda: _rollup_rates(scope, months), repeat=RAW_REPEAT)
    raw_rates = median_ms(lambda: _raw_rates(scope, months), repeat=RAW_REPEAT, warmup=1)
    ratio = raw_rates / rollups
    note(f"rawscan: the rates alone (by month × grade, by office) take {raw_rates:.0f} ms from "
         f"the records, {rollups:.0f} ms from the rollups ({ratio:.0f} times less)")  # fmt: skip
    if _rollup_rates(scope, months) != _raw_rates(scope, months):
        raise RuntimeError("the rollups differ from the records they sum")


def _rollup_rates(scope: DashboardScope, months: list[date]) -> tuple[Any, ...]:
    by_month = {
        (row.month, grade): sums
        for row in usage_by_month(scope.office_rollups(), months)
        for grade, sums in row.by_grade.items()
    }
    offices = (
        scope.office_rollups()
        .filter(month=months[-1])
        .values("office_id")
        .annotate(planned=Sum("planned"), watched=Sum("watched"))
        .order_by()
    )
    return by_month, {(r["office_id"], r["planned"], r["watched"]) for r in offices}


def _raw_rates(scope: DashboardScope, months: list[date]) -> tuple[Any, ...]:
    month = months[-1]
    records = scope.records()
    sums = (
        records.filter(day__gte=months[0], day__lt=next_month(month))
        .annotate(month=TruncMonth("day"))
        .values("month", "grade")
        .annotate(planned=Sum("planned"), watched=Sum("watched"))
        .order_by()
    )
    offices = (
        records.filter(day__gte=month, day__lt=next_month(month))
        .values("office_id")
        .annotate(planned=Sum("planned"), watched=Sum("watched"))
        .order_by()
    )
    return (
        {(r["month"], r["grade"]): (r["planned"], r["watched"]) for r in sums},
        {(r["office_id"], r["planned"], r["watched"]) for r in offices},
    )


def _raw_figures(scope: DashboardScope, months: list[date], today: date) -> tuple[Any, ...]:
    """What the whole country's page shows, from the records and the equipment themselves: the
    rates summed from the records, the silent schools probed in them, the equipment counted."""
    month = months[-1]
    recent = UsageRecord.objects.filter(school=OuterRef("pk"), day__in=last_school_days(today))
    silent = (
        scope.schools()
        .annotate(reported=Exists(recent))
        .values("office_id")
        .annotate(schools=Count("pk"), silent=Count("pk", filter=Q(reported=False)))
        .order_by()
    )
    equipment = Equipment.objects.values("kind", "status").annotate(n=Count("pk")).order_by()
    return (
        _raw_rates(scope, months),
        list(silent),
        top_problems(scope, month),
        list(equipment),
    )


# -- saving a week -------------------------------------------------------------------------------
def _entries(
    classrooms: list[tuple[str, int]], monday: date, rng: random.Random
) -> list[services.Entry]:
    return [
        services.Entry(day=day, grade=grade, planned=periods, watched=rng.randint(0, periods))
        for day in school_days(week_of(monday), set())
        for grade, periods in classrooms
    ]


def _classrooms(school_ids: list[int]) -> dict[int, list[tuple[str, int]]]:
    found: dict[int, list[tuple[str, int]]] = {}
    for school_id, grade, periods in (
        DltvClassroom.objects.filter(school_id__in=school_ids)
        .order_by("school_id", "grade")
        .values_list("school_id", "grade", "periods_per_day")
    ):
        found.setdefault(school_id, []).append((grade, periods))
    return found


def _week_saves(suffix: str) -> None:
    """A school's whole week through the service, committed, as the week screen saves it: the
    records, their rollups and the audit log. Each save is a new school and week."""
    rng = random.Random(SEED)
    user = User.objects.get(username=BENCH_USERNAME)
    six = (
        DltvClassroom.objects.values("school_id")
        .annotate(n=Count("pk"))
        .filter(n=6)
        .order_by("school_id")
        .values_list("school_id", flat=True)
    )
    chosen = rng.sample(list(six), SAVE_REPEAT + 3)
    schools = School.objects.in_bulk(chosen)
    classrooms = _classrooms(chosen)
    weeks = [monday for monday in _weeks() if len(school_days(week_of(monday), set())) == 5]
    timings = []
    for pk in chosen:
        entries = _entries(classrooms[pk], rng.choice(weeks), rng)
        save = partial(services.usage_week_save, user=user, school=schools[pk], entries=entries)
        timings.append(seconds(save) * 1000)
    note(f"week save: {len(entries)} records a save, {SAVE_REPEAT} schools after 3 warm-up ones")
    figure(BENCH, f"week_save_median{suffix}", statistics.median(timings[3:]), "ms")


# -- many coordinators at once -------------------------------------------------------------------
@dataclass
class Coordinator:
    """One person's session saving their school's weeks, one after another, in a thread."""

    number: int
    session: str
    school: int
    classrooms: list[tuple[str, int]]
    together: threading.Barrier | None = None  # shared with the school's other coordinators
    saved: dict[tuple[date, str], int] = field(default_factory=dict)  # the last values sent
    requests: int = 0
    errors: list[str] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)


def _concurrent_saves(suffix: str) -> None:
    coordinators = _coordinators()
    weeks = _weeks()
    port = _free_port()
    runserver = os.environ.get("BENCH_SERVER", "gunicorn") == "runserver"
    busy = os.environ.get("BENCH_CPU_LOAD", "") not in ("", "0")
    suffix += ("_runserver" if runserver else "") + ("_busy" if busy else "")
    server = _start_runserver(port) if runserver else _start_server(port)
    loads: list[subprocess.Popen[bytes]] = []
    try:
        _wait_for(port)
        loads = _busy_loops() if busy else []
        deadline = time.monotonic() + DURATION
        threads = [
            threading.Thread(target=_save_weeks, args=(c, port, weeks, deadline), daemon=True)
            for c in coordinators
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=DURATION + PATIENCE + 60)
    finally:
        for process in [server, *loads]:
            process.terminate()
        for process in [server, *loads]:
            process.wait(timeout=30)
    errors = sum(len(c.errors) for c in coordinators)
    requests = sum(c.requests for c in coordinators)
    latencies = sorted(ms for c in coordinators for ms in c.latencies)
    note(f"concurrent: {len(coordinators)} coordinators of {len({c.school for c in coordinators})} "
         f"schools (each school's coordinators send the same week together), {DURATION:.0f} s, "
         f"{'runserver' if runserver else f'gunicorn gthread {WORKERS}×{THREADS}'}"
         f"{f', {len(loads)} busy-loop processes beside it' if busy else ''}; "
         f"{requests:,} requests, {len(latencies):,} week "
         f"saves, a save's response p50 {_quantile(latencies, 0.5):.0f} ms, "
         f"p95 {_quantile(latencies, 0.95):.0f} ms")  # fmt: skip
    for message in Counter(e for c in coordinators for e in c.errors).most_common(5):
        note(f"concurrent error: {message[0]} ×{message[1]}")
    lost, duplicated, mismatched = _verify(coordinators)
    figure(BENCH, f"concurrent_errors{suffix}", errors, "count", digits=0)
    figure(BENCH, f"lost_rows{suffix}", lost, "count", digits=0)
    figure(BENCH, f"duplicated_rows{suffix}", duplicated, "count", digits=0)
    figure(BENCH, f"rollup_mismatches{suffix}", mismatched, "count", digits=0)


def _quantile(values: list[float], share: float) -> float:
    return values[min(len(values) - 1, int(len(values) * share))] if values else 0.0


def _coordinators() -> list[Coordinator]:
    """200 coordinators, each with a session of their own: one for each of 180 schools and a
    second one for 20 of them (at the small scale, two or three for each of its fewer schools).
    A school's coordinators save the same weeks at the same moments. The users are made once and
    kept with the generated data."""
    schools = sorted(
        DltvClassroom.objects.values_list("school_id", flat=True).distinct().order_by()
    )
    chosen = random.Random(SEED + 1).sample(schools, min(CLIENTS - PAIRS, len(schools)))
    classrooms = _classrooms(chosen)
    people = []
    for number in range(CLIENTS):
        school = chosen[number % len(chosen)]
        username = f"{COORDINATOR_PREFIX}{number:03d}"
        user = User.objects.filter(username=username).first()
        if user is None:
            user = user_create(username=username, password=None, first_name="ครูผู้ประสานงาน")
            membership_grant(
                user=user, role=Role.SCHOOL_COORDINATOR, school=School.objects.get(pk=school)
            )
        people.append(Coordinator(number, _session(user), school, classrooms[school]))
    for school in chosen:
        together = [person for person in people if person.school == school]
        if len(together) > 1:
            barrier = threading.Barrier(len(together))
            for person in together:
                person.together = barrier
    return people


def _session(user: User) -> str:
    """A logged-in session, as the login page would leave it."""
    engine = importlib.import_module(settings.SESSION_ENGINE)
    session = engine.SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    return str(session.session_key)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _start_server(port: int) -> subprocess.Popen[bytes]:
    """gunicorn with threads: the requests of 200 people share 16 threads and so at most 16
    database connections (PostgreSQL allows 100 here), each kept for a minute."""
    command = [sys.executable, "-m", "gunicorn", "config.wsgi:application",
               "--bind", f"127.0.0.1:{port}", "--worker-class", "gthread",
               "--workers", str(WORKERS), "--threads", str(THREADS), "--backlog", "2048",
               "--timeout", "120", "--keep-alive", "75", "--log-level", "warning"]  # fmt: skip
    env = {**os.environ, "DATABASE_CONN_MAX_AGE": "60"}
    return subprocess.Popen(command, cwd=ROOT, env=env)


def _start_runserver(port: int) -> subprocess.Popen[bytes]:
    """Django's development server as ``make run`` starts it (threaded, DEBUG on, a connection
    per request thread), where the locked saves were first seen."""
    command = [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"]
    env = {**os.environ, "DEBUG": "true"}
    log = (ROOT / "var" / "bench" / "runserver.log").open("wb")  # a line per request
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)


def _busy_loops() -> list[subprocess.Popen[bytes]]:
    """One process per CPU that only spins: another program keeping the machine busy."""
    spin = [sys.executable, "-c", "while True: pass"]
    return [subprocess.Popen(spin) for _ in range(os.cpu_count() or 2)]


def _wait_for(port: int) -> None:
    deadline = time.monotonic() + 120  # the development server runs its checks first
    while time.monotonic() < deadline:
        try:
            probe = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            probe.request("GET", "/healthz")
            if probe.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"the server on port {port} did not start")


TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _save_weeks(person: Coordinator, port: int, weeks: list[date], deadline: float) -> None:
    """Open the week screen, tick every day, send it, follow the redirect; week after week."""
    rng = random.Random(person.number)
    http_ = http.client.HTTPConnection("127.0.0.1", port, timeout=PATIENCE)
    cookies = {"sessionid": person.session}

    def call(method: str, url: str, body: str | None = None) -> tuple[int, str, str]:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        person.requests += 1
        http_.request(method, url, body=body, headers=headers)
        response = http_.getresponse()
        text = response.read().decode("utf-8", errors="replace")
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status, response.headers.get("Location", ""), text

    index = person.school % len(weeks)  # the school's coordinators start on the same week
    while time.monotonic() < deadline:
        monday = weeks[index % len(weeks)]
        index += 1
        url = f"/dltv/week/?school={person.school}&week={monday.isoformat()}"
        try:
            status, _location, page = call("GET", url)
            token = TOKEN.search(page)
            if status != 200 or token is None:
                person.errors.append(f"GET week: {status}")
                time.sleep(0.5)
                continue
            data: dict[str, str] = {"csrfmiddlewaretoken": html.unescape(token.group(1))}
            values: dict[tuple[date, str], int] = {}
            for day in school_days(week_of(monday), set()):
                data[f"save-{day.isoformat()}"] = "on"
                for grade, periods in person.classrooms:
                    key = f"{day.isoformat()}-{grade}"
                    values[(day, grade)] = rng.randint(0, periods)
                    data |= {f"planned-{key}": str(periods), f"problem-{key}": "",
                             f"watched-{key}": str(values[(day, grade)])}  # fmt: skip
            if person.together is not None:
                try:
                    person.together.wait(timeout=10)  # they send the same week at once
                except threading.BrokenBarrierError:
                    person.together = None
            start = time.perf_counter()
            status, location, _page = call("POST", url, urlencode(data))
            person.latencies.append((time.perf_counter() - start) * 1000)
            if status != 302:
                person.errors.append(f"POST week: {status}")
                time.sleep(0.5)
                continue
            person.saved |= values
            status, _location, _page = call("GET", location)
            if status != 200:
                person.errors.append(f"GET after saving: {status}")
        except (OSError, http.client.HTTPException) as error:
            person.errors.append(f"{type(error).__name__}: {error}")
            http_.close()
            time.sleep(0.5)
    if person.together is not None:
        person.together.abort()  # the others must not wait for a week this one never sends
    http_.close()


def _verify(people: list[Coordinator]) -> tuple[int, int, int]:
    """Every record a coordinator saved is there once, holding the last value sent (one of its
    coordinators' last values, for a school that several save together), and the rollups equal a
    recomputation."""
    expected: dict[tuple[int, date, str], set[int]] = {}
    for person in people:
        for (day, grade), watched in person.saved.items():
            expected.setdefault((person.school, day, grade), set()).add(watched)
    schools = sorted({person.school for person in people})
    before = _before_year()
    records = UsageRecord.objects.filter(school_id__in=schools, day__lt=before)
    found: dict[tuple[int, date, str], list[int]] = {}
    for school, day, grade, watched in records.values_list("school_id", "day", "grade", "watched"):
        found.setdefault((school, day, grade), []).append(watched)
    lost = sum(1 for key, sent in expected.items() if not set(found.get(key, [])) & sent)
    duplicated = (
        records.values("school_id", "day", "grade").annotate(n=Count("pk")).filter(n__gt=1).count()
    )
    kept = {
        (r.school_id, r.month, r.grade): (r.days, r.planned, r.watched, r.problem_days)
        for r in UsageRollup.objects.filter(school_id__in=schools, month__lt=before)
    }
    recomputed = {
        (r["school_id"], r["month"], r["grade"]): (
            r["days"],
            r["planned"],
            r["watched"],
            r["problem_days"],
        )
        for r in records.annotate(month=TruncMonth("day"))
        .values("school_id", "month", "grade")
        .annotate(
            days=Count("pk"),
            planned=Sum("planned"),
            watched=Sum("watched"),
            problem_days=Count("pk", filter=Q(problem__isnull=False)),
        )
        .order_by()
    }
    mismatched = len(set(kept.items()) ^ set(recomputed.items()))
    rows = sum(map(len, found.values()))
    note(
        f"verify: {len(expected):,} records saved by the coordinators; those schools hold {rows:,} "
        "before the year (the single saves above included)"
    )
    return lost, duplicated, mismatched
