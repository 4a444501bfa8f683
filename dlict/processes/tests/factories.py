"""Projects as the services make them, for tests."""

from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from dlict.processes import services
from dlict.processes.models import IctDevelopment, Process, Project, StepProgress

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def project_for(
    office: Any,
    user: Any,
    *,
    code: str = "dl-1",
    year: int = 2569,
    title: str = "",
    ready: bool = False,
) -> Project:
    """The year's project of process ``code``; ``ready``: the steps before the proposal to the
    director are done, so its plan may be sent."""
    services.fiscal_year_start(user=user, office=office, fiscal_year=year)
    project = Project.objects.get(office=office, fiscal_year=year, process__code=code)
    if title:
        project.title = title
        project.save(update_fields=["title"])
    if ready:
        for progress in project.progress.select_related("step").order_by("step__n"):
            if progress.step.kind == "propose_to_director":
                break
            services.step_progress_update(
                user=user,
                progress=progress,
                status="done",
                started_on=None,
                finished_on=None,
                note="",
            )
    return project


def a_plan(**changes: Any) -> services.PlanInput:
    values: dict[str, Any] = {
        "objectives": ["เพื่อให้โรงเรียนปลายทางใช้ DLTV ได้ครบทุกห้องเรียน"],
        "targets": [
            {
                "target": "โรงเรียน DLTV ทุกโรง",
                "indicator": "ร้อยละของห้องเรียนที่รับชมได้",
                "goal": "ร้อยละ 90",
            }
        ],
        "budget": Decimal("15000.00"),
        "budget_source": "งบดำเนินงาน สพป.",
        "timeline": [{"activity": "นิเทศติดตาม", "start": "2025-11-01", "end": "2026-02-28"}],
    }
    values.update(changes)
    return services.PlanInput(**values)


def approved_project(office: Any, staff: Any, director: Any, **kwargs: Any) -> Project:
    project = project_for(office, staff, ready=True, **kwargs)
    services.plan_save(user=staff, project=project, plan=a_plan())
    revision = services.plan_submit(user=staff, project=project)
    services.plan_decide(user=director, revision=revision, approve=True)
    return project


def evidence_for(project: Project, user: Any, n: int = 1) -> Any:
    progress = StepProgress.objects.get(project=project, step__n=n)
    upload = SimpleUploadedFile("คำสั่ง.pdf", PDF_BYTES, content_type="application/pdf")
    return services.evidence_add(user=user, progress=progress, upload=upload)


def ict_record(office: Any, user: Any, title: str = "ระบบสารบรรณอิเล็กทรอนิกส์") -> IctDevelopment:
    from datetime import date

    return services.ict_development_save(
        user=user,
        office=office,
        values={
            "title": title,
            "kind": IctDevelopment.Kind.SYSTEM,
            "unit": "กลุ่มส่งเสริมการศึกษาทางไกลฯ",
            "started_on": date(2025, 11, 3),
            "finished_on": date(2026, 1, 15),
            "objective": "ลดการใช้กระดาษ",
            "description": "ติดตั้งและอบรมการใช้ระบบ",
            "budget": Decimal("5000"),
            "outcome": "ทุกกลุ่มใช้ระบบ",
            "users": "บุคลากร สพป.",
        },
    )


def processes_count() -> int:
    return Process.objects.count()
