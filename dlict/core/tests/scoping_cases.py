from typing import Any

from dlict.core.models import Job
from dlict.core.testing.walker import Case


def _job(world: Any, creator: str, office: Any) -> Job:
    return Job.objects.create(
        kind="schools.import",
        title=f"นำเข้า {office.name_th}",
        office=office,
        created_by=getattr(world, creator),
        status=Job.Status.FAILED,
        result={"errors": [{"row": 2, "column": "x", "message": office.name_th}]},
    )


def _foreign_jobs(world: Any, persona: str) -> list[Job]:
    jobs = [_job(world, "staff_z", world.office_z)]
    if persona == "coordinator_a":
        jobs.append(_job(world, "staff_a", world.office_a))
    return jobs


def _job_case(**extra: Any) -> Case:
    return Case(
        own=lambda world: {"pk": _job(world, "staff_a", world.office_a).pk, **extra},
        foreign=lambda world, persona: [
            {"pk": job.pk, **extra} for job in _foreign_jobs(world, persona)
        ],
        own_method="POST" if extra else "GET",
        own_status=302 if extra else 200,
    )


CASES: dict[str, Any] = {
    "core:job": _job_case(),
    "core:job-errors": _job_case(),
    "core:job-action": _job_case(action="retry"),
}
PUBLIC = {"core:about", "healthz", "admin:login", "admin:logout", "logout"}
LIST_QUERIES: dict[str, Any] = {}
