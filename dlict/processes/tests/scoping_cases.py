from typing import Any

from dlict.core.testing.walker import Case, Fixed
from dlict.processes.tests.factories import evidence_for, ict_record, project_for

SECRET = "งานลับแซดแซด"


def _own_project(world: Any) -> Any:
    return project_for(world.office_a, world.staff_a)


def _foreign_project(world: Any) -> Any:
    return project_for(world.office_z, world.staff_z, title=SECRET)


def _foreign_projects(world: Any, persona: str) -> list[Any]:
    projects = [_foreign_project(world)]
    if persona == "coordinator_a":
        projects.append(
            _own_project(world)
        )  # a school's people have no business in the office's work
    return projects


def _project_case(
    *, owner: str = "staff_a", method: str = "GET", status: int = 200, **extra: Any
) -> Case:
    return Case(
        own=lambda world: {"pk": _own_project(world).pk, **extra},
        foreign=lambda world, persona: [
            {"pk": project.pk, **extra} for project in _foreign_projects(world, persona)
        ],
        owner=owner,
        own_method=method,
        own_status=status,
    )


def _evidence_case(**case: Any) -> Case:
    def foreign(world: Any, persona: str) -> list[dict[str, Any]]:
        return [
            {
                "pk": evidence_for(
                    project, world.staff_z if project.office == world.office_z else world.staff_a
                ).pk
            }
            for project in _foreign_projects(world, persona)
        ]

    return Case(
        own=lambda world: {"pk": evidence_for(_own_project(world), world.staff_a).pk},
        foreign=foreign,
        **case,
    )


def _ict_case(**case: Any) -> Case:
    def foreign(world: Any, persona: str) -> list[dict[str, Any]]:
        records = [ict_record(world.office_z, world.staff_z, title=SECRET)]
        if persona == "coordinator_a":
            records.append(ict_record(world.office_a, world.staff_a))
        return [{"pk": record.pk} for record in records]

    return Case(
        own=lambda world: {"pk": ict_record(world.office_a, world.staff_a).pk},
        foreign=foreign,
        **case,
    )


def _office_z_queries(world: Any) -> list[dict[str, Any]]:
    _foreign_project(world)
    ict_record(world.office_z, world.staff_z, title=SECRET)
    return [{"office": world.office_z.pk}, {"office": world.office_z.pk, "year": 2569}]


CASES: dict[str, Any] = {
    "processes:process": Fixed(kwargs=lambda world: {"code": "dl-1"}),
    "processes:project": _project_case(),
    "processes:project-edit": _project_case(),
    "processes:plan": _project_case(),
    "processes:plan-submit": _project_case(method="POST", status=302),
    "processes:plan-decide": _project_case(owner="director_a", method="POST", status=302),
    "processes:evaluation": _project_case(),
    "processes:summary-report": _project_case(fmt="pdf"),
    "processes:step": _project_case(step=2),
    "processes:evidence-add": _project_case(step=1, method="POST", status=400),
    "processes:evidence": _evidence_case(),
    "processes:evidence-delete": _evidence_case(own_method="POST", own_status=302),
    "processes:annual": Fixed(kwargs=lambda world: {"fmt": "xlsx"}, queries=_office_z_queries),
    "processes:ict": _ict_case(),
    "processes:ict-edit": _ict_case(),
    "processes:ict-pdf": _ict_case(),
    "processes:ict-report": Fixed(kwargs=lambda world: {"fmt": "xlsx"}, queries=_office_z_queries),
}
PUBLIC: set[str] = set()
LIST_QUERIES = {
    "processes:projects": _office_z_queries,
    "processes:ict-list": _office_z_queries,
    "processes:approvals": _office_z_queries,
    "processes:manual-pdf": lambda world: [],
}
