"""The operations manual as a PDF, and a one-page form.

Targets: the whole manual (about 30 pages, eleven flowcharts) < 3 s; a one-page form (the ICT
development record) < 150 ms median once warm. Both time everything a download does: reading the
data from the database, building the document's data, and Typst's rendering.
"""

from __future__ import annotations

import itertools
import subprocess
import tempfile
from datetime import date
from decimal import Decimal
from pathlib import Path

from django.db import transaction

from bench.generate import BENCH_USERNAME
from bench.measure import figure, median_ms, note, seconds
from bench.registry import Database, Scale
from dlict.accounts.models import User
from dlict.core.pdf import render_pdf
from dlict.core.thai import Digits
from dlict.processes import documents
from dlict.processes.models import IctDevelopment
from dlict.schools.models import Office

BENCH = "manual"
FORM_REPEAT = 30
MANUAL_REPEAT = 5


def run(*, database: Database, scale: Scale) -> None:
    pdf: bytes = b""
    runs = itertools.count(1)

    def manual() -> None:
        nonlocal pdf
        data = documents.manual_document()
        # Typst memoises layout: the same input twice would come from its cache. Each run prints
        # for another office, so the cover and every page header really are laid out again.
        data["office_name"] = f"สำนักงานเขตพื้นที่การศึกษาประถมศึกษาทดสอบ เขต {next(runs)}"
        pdf = render_pdf(documents.MANUAL_TEMPLATE, data, digits=Digits.THAI)

    figure(BENCH, "pdf", seconds(manual), "s", digits=2)  # the first: fonts load, caches are cold
    note(f"manual: {_pages(pdf)} pages, {len(pdf) // 1024} KB")
    warm = median_ms(manual, repeat=MANUAL_REPEAT, warmup=0) / 1000
    figure(BENCH, "pdf_warm_median", warm, "s", digits=2)
    with transaction.atomic():
        record = _record()

        def form() -> None:
            fresh = IctDevelopment.objects.select_related("office", "recorded_by").get(pk=record.pk)
            data = documents.ict_record_document(fresh)
            # Every form differs from the last: its own title, text and number.
            run = next(runs)
            for key in ("title", "description", "outcome", "objective"):
                data[key] = f"{data[key]} ({run})"
            data["number"] = f"{run}/2569"
            nonlocal pdf
            pdf = render_pdf(documents.ICT_RECORD_TEMPLATE, data, digits=Digits.THAI)

        figure(BENCH, "form_pdf_median", median_ms(form, repeat=FORM_REPEAT), "ms")
        note(f"form: {_pages(pdf)} page(s)")
        transaction.set_rollback(True)


def _record() -> IctDevelopment:
    office = Office.objects.order_by("code").first()
    assert office is not None, "the benchmark data has no office"
    user = User.objects.get(username=BENCH_USERNAME)
    return IctDevelopment.objects.create(
        office=office,
        fiscal_year=2569,
        number=1,
        title="ระบบสารบรรณอิเล็กทรอนิกส์ของสำนักงานเขตพื้นที่การศึกษา",
        kind=IctDevelopment.Kind.SYSTEM,
        unit="ทุกกลุ่มในสำนักงาน",
        started_on=date(2025, 11, 3),
        finished_on=date(2026, 1, 15),
        objective="เพื่อลดการใช้กระดาษและเร่งการเวียนหนังสือราชการ",
        description="สำรวจความต้องการ ติดตั้งระบบ นำเข้าข้อมูลผู้ใช้ และอบรมบุคลากรทุกกลุ่ม " * 3,
        budget=Decimal("18500"),
        outcome="บุคลากรทุกกลุ่มใช้ระบบรับส่งหนังสือราชการ ลดเวลาเวียนหนังสือลงร้อยละ 60",
        users="บุคลากรสำนักงานเขตพื้นที่การศึกษา ๘๕ คน",
        recorded_by=user,
    )


def _pages(pdf: bytes) -> str:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        Path(handle.name).write_bytes(pdf)
        try:
            info = subprocess.run(["pdfinfo", handle.name], capture_output=True, text=True)
        except FileNotFoundError:
            return "?"
    return next(
        (line.split()[-1] for line in info.stdout.splitlines() if line.startswith("Pages:")), "?"
    )
