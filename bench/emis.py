"""School information (EMIS): the national students-by-grade import, one office's dashboard and
its information booklet.

Targets: a national students-by-grade file (30,000 schools) imports in < 10 s on SQLite and on
PostgreSQL; the booklet of an office of 150 schools < 5 s; its dashboard page < 200 ms median.
"""

from __future__ import annotations

import random
import time

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models import Count
from django.test import Client

from bench.generate import BENCH_USERNAME, SEED
from bench.measure import figure, median_ms, note, seconds
from bench.registry import Database, Scale
from bench.schools import expect_job
from dlict.accounts.models import User
from dlict.core.jobs import job_confirm, job_start
from dlict.core.models import Job
from dlict.emis.booklet import booklet_pdf
from dlict.emis.demo import EXPANDED_GRADES, PRIMARY_GRADES, load_demo_figures
from dlict.emis.imports import StudentCountImporter
from dlict.emis.selectors import FigureScope, Period
from dlict.emis.tests.files import SchoolRow, students_csv
from dlict.schools.models import Office, School

BENCH = "emis"


def run(*, database: Database, scale: Scale) -> None:
    user = User.objects.get(username=BENCH_USERNAME)
    suffix = "" if database == "sqlite" else f"_{database}"
    _import(user, suffix)
    _office_pages(user, suffix)


def students_file(schools: list[School], rng: random.Random) -> bytes:
    """Every school's students by grade, as the data centre exports them: a primary school
    teaches อ.2–ป.6, an expansion school ม.1–ม.3 too."""
    rows = []
    for school in schools:
        grades = EXPANDED_GRADES if school.kind == School.Kind.EXPANDED else PRIMARY_GRADES
        counts = {}
        for grade in grades:
            size = rng.choice((4, 8, 12, 20, 30, 45))
            counts[grade] = (rng.randint(0, size), rng.randint(0, size), 1 + size // 40)
        office = school.office
        rows.append(
            SchoolRow(office.code, office.name_th, school.smis_code, school.name_th, counts)
        )
    return students_csv(rows, EXPANDED_GRADES)


def _import(user: User, suffix: str) -> None:
    """Check and apply the file through the job services, as the upload page does, inside a
    transaction rolled back afterwards so every run starts from the generated data."""
    schools = list(School.objects.select_related("office").order_by("pk"))
    data = students_file(schools, random.Random(SEED))
    note(f"import: {len(schools):,} schools, {len(data) / 1e6:.1f} MB of UTF-8 CSV")
    with transaction.atomic():
        upload = SimpleUploadedFile("bench-students.csv", data, content_type="text/csv")
        cpu = time.process_time()
        start = time.perf_counter()
        job = job_start(
            kind=StudentCountImporter.kind,
            title="Benchmark import",
            user=user,
            params={"academic_year": 2568, "data_round": 1},
            upload=upload,
            stage=Job.Stage.CHECK,
        )
        checked = time.perf_counter()
        try:
            expect_job(job, Job.Status.WAITING)
            job_confirm(job=job)
            applied = time.perf_counter()
            expect_job(job, Job.Status.SUCCEEDED)
        finally:
            if job.input_file.name and job.input_file.storage.exists(job.input_file.name):
                job.input_file.storage.delete(job.input_file.name)
        cpu = time.process_time() - cpu
        transaction.set_rollback(True)
    figure(BENCH, f"import_students_30k{suffix}", applied - start, "s")
    figure(BENCH, f"import_students_30k_check{suffix}", checked - start, "s")
    figure(BENCH, f"import_students_30k_apply{suffix}", applied - checked, "s")
    note(f"import: {cpu:.1f} s of this process's CPU time; {job.result['summary']['students']:,} "
         "students")  # fmt: skip


DASHBOARD_REPEAT = 30


def _office_pages(user: User, suffix: str) -> None:
    """The office nearest 150 schools gets two years of figures (rolled back afterwards); then
    its booklet is printed once, in a fresh compiler, and its dashboard opened 30 times."""
    office = min(
        Office.objects.annotate(n=Count("schools")),
        key=lambda o: abs(o.n - 150),  # type: ignore[attr-defined]
    )
    with transaction.atomic():
        load_demo_figures(office)
        schools = School.objects.filter(office=office).count()
        note(f"office {office.code}: {schools} schools with figures for 2567 and 2568")
        period = Period(2568, 1)
        booklet = seconds(
            lambda: booklet_pdf(
                figures=FigureScope(user=user, office=office),
                period=period,
                title_office=office.name_th,
            )
        )
        figure(BENCH, f"booklet_150{suffix}", booklet, "s", digits=2)
        client = Client()
        client.force_login(user)
        url = f"/emis/?office={office.pk}&year=2568&round=1"

        def page() -> None:
            response = client.get(url)
            if response.status_code != 200:
                raise RuntimeError(f"{url} answered {response.status_code}")

        figure(BENCH, f"dashboard_median{suffix}", median_ms(page, repeat=DASHBOARD_REPEAT), "ms")
        transaction.set_rollback(True)
