"""The demo office's DLTV classrooms: every DLTV school teaches อ.2–ป.6 with DLTV, five periods a
day, and the demo coordinator's school (บ้านห้วยทราย) is one of them."""

from __future__ import annotations

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from dlict.core.calendar import school_days
from dlict.dltv.models import DltvClassroom, ProblemCategory, UsageRecord
from dlict.dltv.services import equipment_tally_refresh, rollups_rebuild
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
