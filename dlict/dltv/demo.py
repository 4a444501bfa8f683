"""The demo office's DLTV classrooms: every DLTV school teaches อ.2–ป.6 with DLTV, five periods a
day, and the demo coordinator's school (บ้านห้วยทราย) is one of them."""

from __future__ import annotations

import random
import uuid
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from dlict.accounts.models import User
from dlict.dltv.calendar import school_days
from dlict.dltv.models import DltvClassroom, Finding, ProblemCategory, Rubric, UsageRecord, Visit
from dlict.dltv.services import (
    ItemScore,
    VisitInput,
    equipment_tally_refresh,
    rollups_rebuild,
    visit_plan,
    visit_receive,
)
from dlict.dltv.visit_selectors import term_range
from dlict.schools.models import Office, School

DEMO_GRADES = ("k2", "k3", "p1", "p2", "p3", "p4", "p5", "p6")


def demo_classrooms_exist(office: Office) -> bool:
    return DltvClassroom.objects.filter(school__office=office).exists()


@transaction.atomic
def load_demo_classrooms(office: Office) -> None:
    School.objects.filter(office=office, name_th="บ้านห้วยทราย").update(dltv=True)
    DltvClassroom.objects.bulk_create(
        DltvClassroom(school=school, grade=grade, periods_per_day=5)
        for school in School.objects.filter(office=office, dltv=True)
        for grade in DEMO_GRADES
    )
    equipment_tally_refresh(office.pk)


USAGE_DAYS = 45  # about two months of school days back from today


@transaction.atomic
def load_demo_usage(office: Office) -> None:
    """Records of the last weeks for most DLTV schools; a few never report, some have problems.
    The coordinator's own school is left for the demo coordinator to fill in."""
    rng = random.Random(2569)  # noqa: S311 - repeatable demo data, not secrets
    today = timezone.localdate()
    days = school_days([today - timedelta(days=n) for n in range(1, USAGE_DAYS)], set())
    problems = list(ProblemCategory.objects.filter(office__isnull=True))
    records = []
    for classroom in DltvClassroom.objects.filter(school__office=office).select_related("school"):
        school = classroom.school
        if school.name_th == "บ้านห้วยทราย" or school.pk % 9 == 0:
            continue
        for day in days:
            problem = rng.choice(problems) if rng.random() < 0.08 else None
            watched = rng.randint(0, 3) if problem else classroom.periods_per_day
            records.append(
                UsageRecord(
                    office=office,
                    school=school,
                    day=day,
                    grade=classroom.grade,
                    planned=classroom.periods_per_day,
                    watched=watched,
                    problem=problem,
                )
            )
    UsageRecord.objects.bulk_create(records, batch_size=2000)
    rollups_rebuild()


def demo_visits_exist(office: Office) -> bool:
    return Visit.objects.filter(office=office).exists()


DEMO_FINDINGS = [
    "ปรับมุมจานรับสัญญาณ ภาพกระตุกช่วงบ่าย",
    "จัดที่นั่งให้นักเรียนแถวหลังมองเห็นจอชัดเจน",
    "เตรียมใบงานล่วงหน้าตามแผนของครูต้นทาง",
    "ซ่อมลำโพงโทรทัศน์ชั้น ป.5",
    "จัดทำแผนสำรองเมื่อไฟฟ้าดับ",
]


def load_demo_visits(office: Office, supervisor: User) -> None:
    """Visits of this term by the demo supervisor, made through the same service as a phone's:
    scored, with findings, and a later visit that follows one up. Two more are planned."""
    rng = random.Random(2570)  # noqa: S311 - repeatable demo data, not secrets
    today = timezone.localdate()
    start, _end = term_range(today)
    days = school_days([start + timedelta(days=n) for n in range((today - start).days)], set())
    schools = list(School.objects.filter(office=office, dltv=True).order_by("name_sort")[:8])
    rubric = Rubric.objects.current_for(office.pk)
    if rubric is None or not days or not schools:
        return
    # The first school is visited again later: its findings are followed up.
    for number, school in enumerate(schools[:6] + schools[:1]):
        grades = list(DltvClassroom.objects.filter(school=school).values_list("grade", flat=True))
        scores = {item["code"]: ItemScore(rng.choice((3, 3, 2, 2, 1)), "") for item in rubric.items}
        earlier = Finding.objects.filter(school=school, resolved_in__isnull=True)
        visit_receive(
            user=supervisor,
            data=VisitInput(
                key=uuid.uuid4(),
                school_id=school.pk,
                rubric_id=rubric.pk,
                visited_on=days[min(number * 2, len(days) - 1)],
                scores=scores,
                informant="ครูผู้ประสานงาน DLTV",
                informant_position="ครู",
                grade=grades[number % len(grades)] if grades else "",
                subject=rng.choice(("คณิตศาสตร์", "ภาษาไทย", "วิทยาศาสตร์", "ภาษาอังกฤษ")),
                students_present=rng.randint(8, 25),
                channel="satellite",
                reception=rng.choice(("good", "good", "fair", "poor")),
                strengths="ครูปลายทางเตรียมการสอนล่วงหน้าและนักเรียนตั้งใจเรียน",
                suggestions="ควรใช้คำถามกระตุ้นการคิดหลังช่วงสำคัญของเทป",
                findings=tuple(rng.sample(DEMO_FINDINGS, 2)),
                follow_ups={f.pk: ("resolved", "") for f in earlier},
            ),
            photos=[],
        )
    for offset, school in enumerate(schools[6:8], start=1):
        visit_plan(user=supervisor, school=school, planned_on=today + timedelta(days=offset))
