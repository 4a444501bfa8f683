"""The demo office's projects: last fiscal year finished, this one under way.

Everything goes through the services, as a person would do it, so the demo shows real histories:
plans approved, returned and resubmitted, one waiting for the director, ICT work recorded.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from dlict.accounts.models import User
from dlict.core.thai import ce_year, fiscal_year
from dlict.processes import services
from dlict.processes.models import (
    IctDevelopment,
    PlanEvent,
    PlanRevision,
    Project,
    StepProgress,
    StepStatus,
)
from dlict.schools.demo import demo_office
from dlict.schools.models import Office

MEMBERS = [
    services.MemberInput("นายประเสริฐ ปัญญาวงศ์", "รองผู้อำนวยการสำนักงานเขตพื้นที่การศึกษา", "chair"),
    services.MemberInput("นางอรุณี อินทร์แก้ว", "ศึกษานิเทศก์", "member"),
    services.MemberInput("นายสุริยา ทองคำ", "ผู้อำนวยการโรงเรียนบ้านห้วยทราย", "member"),
    services.MemberInput("นางสาวกาญจนา ศรีสุข", "นักวิชาการคอมพิวเตอร์", "secretary"),
]


def demo_loaded() -> bool:
    return demo_projects_exist(demo_office())


def demo_load() -> None:
    load_demo_projects(
        office=demo_office(),
        staff=User.objects.get(username="staff"),
        director=User.objects.get(username="director"),
    )


def demo_projects_exist(office: Office) -> bool:
    return Project.objects.filter(office=office).exists()


def _plan(project: Project, budget: int) -> services.PlanInput:
    start = date(ce_year(project.fiscal_year) - 1, 10, 1)
    return services.PlanInput(
        objectives=list(project.process.objectives)[:2],
        targets=[
            {
                "target": "สถานศึกษาในสังกัดทุกแห่งได้รับการส่งเสริมตามแผน",
                "indicator": "ร้อยละของสถานศึกษาที่ได้รับการส่งเสริม",
                "goal": "ร้อยละ 90",
            },
            {
                "target": "ผู้เกี่ยวข้องพึงพอใจต่อการดำเนินงาน",
                "indicator": "ค่าเฉลี่ยความพึงพอใจ",
                "goal": "ไม่น้อยกว่า 4.00",
            },
        ],
        budget=Decimal(budget),
        budget_source="งบประมาณ สพฐ. (งบดำเนินงาน)",
        timeline=[
            {
                "activity": "แต่งตั้งคณะทำงานและวางแผน",
                "start": start.isoformat(),
                "end": (start + timedelta(days=30)).isoformat(),
            },
            {
                "activity": "ดำเนินการตามแผนและนิเทศ ติดตาม",
                "start": (start + timedelta(days=31)).isoformat(),
                "end": (start + timedelta(days=300)).isoformat(),
            },
            {
                "activity": "สรุปและรายงานผลต่อผู้อำนวยการเขตพื้นที่การศึกษา",
                "start": (start + timedelta(days=320)).isoformat(),
                "end": (start + timedelta(days=363)).isoformat(),
            },
        ],
    )


def _setup(project: Project, staff: User, budget: int, order_number: str) -> None:
    services.project_update(
        user=staff,
        project=project,
        title=project.process.title,
        responsible=staff,
        order_number=order_number,
        order_date=date(ce_year(project.fiscal_year) - 1, 10, 15),
        members=MEMBERS,
    )
    services.plan_save(user=staff, project=project, plan=_plan(project, budget))
    # The group is appointed and the plan studied before it goes to the director.
    _finish_steps(project, staff, 2, date(ce_year(project.fiscal_year) - 1, 10, 25))


def _approve(project: Project, staff: User, director: User) -> None:
    revision = services.plan_submit(user=staff, project=project)
    services.plan_decide(user=director, revision=revision, approve=True, comment="เห็นชอบ")


def _finish_steps(project: Project, staff: User, upto: int, last_day: date) -> None:
    progress = list(StepProgress.objects.filter(project=project).select_related("step"))
    for item in sorted(progress, key=lambda p: p.step.n):
        if item.step.n > upto or item.step.follows_approval:
            continue
        day = min(last_day, timezone.localdate())
        services.step_progress_update(
            user=staff,
            progress=item,
            status=StepStatus.DONE,
            started_on=day - timedelta(days=20),
            finished_on=day,
            note="",
        )


def _backdate_approvals(office: Office, year: int) -> None:
    """Last year's plans were approved in October of that year, not today."""
    approved_at = timezone.make_aware(datetime(ce_year(year) - 1, 10, 20, 10, 30))
    revisions = PlanRevision.objects.filter(project__office=office, project__fiscal_year=year)
    revisions.update(submitted_at=approved_at - timedelta(days=3), decided_at=approved_at)
    PlanEvent.objects.filter(revision__in=revisions).update(at=approved_at)
    StepProgress.objects.filter(
        project__office=office, project__fiscal_year=year, step__kind="propose_to_director"
    ).update(started_on=approved_at.date() - timedelta(days=3), finished_on=approved_at.date())


@transaction.atomic
def load_demo_projects(*, office: Office, staff: User, director: User) -> None:
    this_year = fiscal_year(timezone.localdate())
    last_year = this_year - 1
    services.fiscal_year_start(user=staff, office=office, fiscal_year=last_year)
    year_end = date(ce_year(last_year), 9, 30)
    for index, project in enumerate(
        Project.objects.filter(office=office, fiscal_year=last_year).select_related("process")
    ):
        _setup(project, staff, 10000 + 2500 * index, f"{120 + index}/{last_year - 1}")
        _approve(project, staff, director)
        _finish_steps(project, staff, 99, year_end)
        services.evaluation_save(
            user=staff,
            project=project,
            target_results=["ร้อยละ 94.5", "4.32"],
            outcome="ดำเนินงานครบทุกขั้นตอนตามแผน สถานศึกษาได้รับการส่งเสริมและติดตามอย่างต่อเนื่อง",
            problems="ระยะเวลาดำเนินงานบางกิจกรรมตรงกับช่วงสอบปลายภาค",
            suggestions="ควรจัดกิจกรรมในภาคเรียนที่ ๑ และใช้การประชุมออนไลน์เพิ่มขึ้น",
            budget_spent=Decimal(9000 + 2300 * index),
        )
    _backdate_approvals(office, last_year)

    services.fiscal_year_start(user=staff, office=office, fiscal_year=this_year)
    projects = {
        p.process.code: p
        for p in Project.objects.filter(office=office, fiscal_year=this_year).select_related(
            "process"
        )
    }
    # dl-1: approved, under way, and a change to the plan waiting for the director again.
    dltv = projects["dl-1"]
    _setup(dltv, staff, 45000, f"15/{this_year}")
    _approve(dltv, staff, director)
    _finish_steps(dltv, staff, 2, timezone.localdate() - timedelta(days=10))
    services.plan_save(user=staff, project=dltv, plan=_plan(dltv, 52000))
    services.plan_submit(user=staff, project=dltv)
    # dl-2 waits for the director; info-1 came back with a comment; dl-3 is a draft.
    _setup(projects["dl-2"], staff, 30000, f"16/{this_year}")
    services.plan_submit(user=staff, project=projects["dl-2"])
    _setup(projects["info-1"], staff, 12000, f"17/{this_year}")
    revision = services.plan_submit(user=staff, project=projects["info-1"])
    services.plan_decide(
        user=director,
        revision=revision,
        approve=False,
        comment="ขอให้เพิ่มตัวชี้วัดการนำข้อมูลไปใช้ของโรงเรียน และกำหนดช่วงเวลาเก็บข้อมูล DMC ให้ชัดเจน",
    )
    _setup(projects["dl-3"], staff, 8000, f"18/{this_year}")
    # info-4 runs, with its ICT development records.
    _setup(projects["info-4"], staff, 60000, f"19/{this_year}")
    _approve(projects["info-4"], staff, director)
    for title, kind, unit, days, budget in [
        ("ระบบสารบรรณอิเล็กทรอนิกส์ของสำนักงาน", IctDevelopment.Kind.SYSTEM, "ทุกกลุ่มใน สพป.", 40, 0),
        ("ปรับปรุงเครือข่ายไร้สายห้องประชุม", IctDevelopment.Kind.NETWORK, "ห้องประชุมชั้น ๒", 30, 18500),
        ("อบรมการใช้ Google Workspace for Education", IctDevelopment.Kind.TRAINING,
         "ครูโรงเรียนในสังกัด ๘๐ คน", 15, 6000),
    ]:  # fmt: skip
        started = timezone.localdate() - timedelta(days=days)
        services.ict_development_save(
            user=staff,
            office=office,
            values={
                "title": title,
                "kind": kind,
                "unit": unit,
                "started_on": started,
                "finished_on": started + timedelta(days=7),
                "objective": "เพื่อพัฒนาและประยุกต์ใช้ ICT ให้สอดคล้องกับระบบข้อมูลสารสนเทศของสำนักงาน",
                "description": f"{title}: สำรวจความต้องการ ออกแบบ ดำเนินการ และติดตามการใช้งาน",
                "budget": Decimal(budget),
                "outcome": "ใช้งานได้ครบตามเป้าหมาย ผู้ใช้พึงพอใจ",
                "users": unit,
            },
        )
