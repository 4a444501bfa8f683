"""The demo office's supervision visits: this term's, by the demo supervisor."""

from __future__ import annotations

import random
import uuid
from datetime import timedelta
from typing import Any

from django.utils import timezone

from dlict.core.calendar import school_days
from dlict.dltv.services import school_grades
from dlict.schools.models import Office, School
from dlict.supervision.models import Finding, Rubric, Visit
from dlict.supervision.selectors import term_range
from dlict.supervision.services import ItemScore, VisitInput, visit_plan, visit_receive


def demo_visits_exist(office: Office) -> bool:
    return Visit.objects.filter(office=office).exists()


DEMO_FINDINGS = [
    "ปรับมุมจานรับสัญญาณ ภาพกระตุกช่วงบ่าย",
    "จัดที่นั่งให้นักเรียนแถวหลังมองเห็นจอชัดเจน",
    "เตรียมใบงานล่วงหน้าตามแผนของครูต้นทาง",
    "ซ่อมลำโพงโทรทัศน์ชั้น ป.5",
    "จัดทำแผนสำรองเมื่อไฟฟ้าดับ",
]


def load_demo_visits(office: Office, supervisor: Any) -> None:
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
        grades = sorted(school_grades(school))
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
