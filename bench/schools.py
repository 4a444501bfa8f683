"""The school registry with 30,000 schools: the list page, Thai search, and a 30,000-row import.

Targets (national scale): list page < 150 ms, search < 100 ms on SQLite and on PostgreSQL,
import of 30,000 rows < 20 s. BENCHMARKS.md holds the measured figures.
"""

from __future__ import annotations

import csv
import io
import random
import statistics
import time
from functools import partial

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count
from django.test import Client
from django.urls import reverse

from bench import names
from bench.generate import BENCH_USERNAME, SEED
from bench.measure import figure, median_ms, note, seconds
from bench.registry import Database, Scale
from dlict.accounts.models import User
from dlict.core.jobs import job_confirm, job_start
from dlict.core.models import Job
from dlict.schools.imports import SchoolListImporter
from dlict.schools.models import Office, Province, School, SubDistrict
from dlict.schools.selectors import SchoolFilters, school_list
from dlict.schools.views import PAGE_SIZE

BENCH = "schools"
LIST_REPEAT = 30
SEARCH_ROUNDS = 5
# What people type: village words that match hundreds of schools, rarer ones, a whole name, two
# words, code prefixes (ministry, SMIS, OBEC), and a word that matches nothing.
SEARCH_TERMS = ["ห้วย", "หนอง", "ทราย", "วัด", "บ้านนา", "บ้าน", "อนุบาล", "ชุมชน", "โคก", "ศรี",
                "วิทยาคม", "ปลาไหล", "บ้านห้วยทราย", "บ้าน หนอง", "แม่ ใหม่", "1030", "5002",
                "12345", "ไม่มีโรงเรียนนี้"]  # fmt: skip
IMPORT_ROWS = 30_000
IMPORT_PROVINCE = "30"  # Nakhon Ratchasima: the most districts and sub-districts to spread over
IMPORT_OFFICE_CODE = "30990000"  # no generated office uses a sequence number above 51
IMPORT_HEADERS = ["รหัสกระทรวง", "รหัส SMIS", "รหัส OBEC", "ชื่อโรงเรียน", "ที่อยู่", "ตำบล", "อำเภอ",
                  "จังหวัด", "รหัสไปรษณีย์", "กลุ่มเครือข่าย", "ประเภท", "ขนาด", "DLTV", "โทรศัพท์",
                  "ผู้อำนวยการ"]  # fmt: skip


def run(*, database: Database, scale: Scale) -> None:
    user = User.objects.get(username=BENCH_USERNAME)
    suffix = "" if database == "sqlite" else f"_{database}"
    _list_page(user, suffix)
    _search(user, database)
    _import(user, suffix)


# -- the list page ---------------------------------------------------------------------------------
def _list_page(user: User, suffix: str) -> None:
    """/schools/ as a national administrator, with filters, through the whole request cycle."""
    client = Client()
    client.force_login(user)
    office = Office.objects.annotate(n=Count("schools")).order_by("-n", "code").first()
    if office is None:
        raise RuntimeError("the benchmark database has no office")
    url = reverse("schools:list")
    filtered = {"office": str(office.pk), "dltv": "yes", "size": "small"}
    matches = School.objects.filter(office=office, dltv=True, size=School.Size.SMALL).count()
    note(f"list: {url}?office=<{office.name_th}>&dltv=yes&size=small ({matches} schools)")
    note(f"list_search: {url}?q=หนอง")
    figure(BENCH, f"list_median{suffix}", _page_ms(client, url, filtered), "ms")
    figure(BENCH, f"list_search_median{suffix}", _page_ms(client, url, {"q": "หนอง"}), "ms")
    client.logout()  # so runs do not pile up sessions in the benchmark database


def _page_ms(client: Client, url: str, query: dict[str, str]) -> float:
    def get() -> None:
        response = client.get(url, query)
        if response.status_code != 200:
            raise RuntimeError(f"{url} {query} answered {response.status_code}")

    return median_ms(get, repeat=LIST_REPEAT)


# -- search ----------------------------------------------------------------------------------------
def _search(user: User, database: Database) -> None:
    """The list's query alone: search, order, the count and the first page, as the view does."""
    for term in SEARCH_TERMS:  # warm the caches once
        _search_page(user, term)
    timings: dict[str, list[float]] = {term: [] for term in SEARCH_TERMS}
    # Round after round rather than term after term, so a passing hiccup spreads over all terms.
    for _ in range(SEARCH_ROUNDS):
        for term in SEARCH_TERMS:
            timings[term].append(seconds(partial(_search_page, user, term)) * 1000)
    every = [ms for samples in timings.values() for ms in samples]
    slowest = max(SEARCH_TERMS, key=lambda term: statistics.median(timings[term]))
    figure(BENCH, f"search_median_{database}", statistics.median(every), "ms")
    figure(BENCH, f"search_slowest_{database}", statistics.median(timings[slowest]), "ms")
    note(f"search: {len(SEARCH_TERMS)} terms × {SEARCH_ROUNDS}; slowest term “{slowest}”")


def _search_page(user: User, term: str) -> None:
    schools = school_list(user=user, filters=SchoolFilters(q=term))
    list(Paginator(schools, PAGE_SIZE).get_page(1).object_list)


# -- import ----------------------------------------------------------------------------------------
def _import(user: User, suffix: str) -> None:
    """Check and apply a 30,000-row CSV through the job services, as the import page does.

    It all runs in a transaction that is rolled back, so every run starts from the generated data
    even after a failure. The final COMMIT (milliseconds) is therefore not timed.
    """
    province = Province.objects.get(code=IMPORT_PROVINCE)
    data = _import_file(province, IMPORT_ROWS)
    note(f"import: {IMPORT_ROWS:,} new schools, {len(data) / 1e6:.1f} MB of UTF-8 CSV")
    with transaction.atomic():
        office = Office.objects.create(
            code=IMPORT_OFFICE_CODE,
            name_th="สพป.ทดสอบการนำเข้า",
            province=province,
            level=Office.Level.PRIMARY,
        )
        cpu = time.process_time()
        check, apply = _timed_import(user, office, data)
        cpu = time.process_time() - cpu
        transaction.set_rollback(True)
    figure(BENCH, f"import_30k{suffix}", check + apply, "s")
    figure(BENCH, f"import_30k_check{suffix}", check, "s")
    figure(BENCH, f"import_30k_apply{suffix}", apply, "s")
    # When this is far below the wall time, the machine was busy with something else. It does
    # not count PostgreSQL's own work, which runs in the server's processes.
    note(f"import: {cpu:.1f} s of this process's CPU time")


def _timed_import(user: User, office: Office, data: bytes) -> tuple[float, float]:
    """Seconds for the check stage and for the apply stage; the immediate backend runs both here."""
    upload = SimpleUploadedFile("bench-schools.csv", data, content_type="text/csv")
    start = time.perf_counter()
    job = job_start(
        kind=SchoolListImporter.kind,
        title="Benchmark import",
        user=user,
        office=office,
        upload=upload,
        stage="check",
    )
    checked = time.perf_counter()
    stored = job.input_file.name
    try:
        expect_job(job, Job.Status.WAITING)
        job_confirm(job=job)
        applied = time.perf_counter()
        expect_job(job, Job.Status.SUCCEEDED)
    finally:
        # A failed stage keeps the upload; the rollback does not remove files.
        if stored and job.input_file.storage.exists(stored):
            job.input_file.storage.delete(stored)
    created = job.result["summary"]["created"]
    if created != IMPORT_ROWS:
        raise RuntimeError(f"the import created {created} schools, not {IMPORT_ROWS}")
    return checked - start, applied - checked


def expect_job(job: Job, status: str) -> None:
    """Stop the benchmark if an import job did not reach ``status`` (with the job's reasons)."""
    job.refresh_from_db()
    if job.status != status:
        problems = job.error or str(job.result.get("errors", [])[:5])
        raise RuntimeError(f"import job is {job.status}, not {status}: {problems}")


def _import_file(province: Province, rows: int) -> bytes:
    """A school list as an office would upload it: new codes, Thai names and addresses, groups."""
    rng = random.Random(SEED)
    subs = list(
        SubDistrict.objects.filter(district__province=province)
        .select_related("district")
        .order_by("code")
    )
    # Eight network groups of neighbouring sub-districts; the import creates them.
    group = {
        sub.pk: f"กลุ่มเครือข่ายนำเข้า {index * 8 // len(subs) + 1}" for index, sub in enumerate(subs)
    }
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(IMPORT_HEADERS)
    for number in range(1, rows + 1):
        sub = rng.choice(subs)
        size = rng.choice(["เล็ก", "เล็ก", "กลาง", "กลาง", "ใหญ่"])
        writer.writerow([
            f"20{number:08d}", f"0{number:07d}", str(500_000 + number),
            names.primary_school(rng, sub), f"{rng.randint(1, 250)} หมู่ {rng.randint(1, 15)}",
            sub.name_th, sub.district.name_th, province.name_th, sub.postcode, group[sub.pk],
            rng.choice(["ประถมศึกษา", "ขยายโอกาส"]), size,
            "ใช่" if size == "เล็ก" and rng.random() < 0.7 else "ไม่ใช่",
            f"0{rng.randint(20, 99)}-{rng.randint(100000, 999999)}", names.director(rng),
        ])  # fmt: skip
    return out.getvalue().encode("utf-8")
