from typing import Any

from dlict.core.testing.walker import Case, Fixed


def _foreign_schools(world: Any, persona: str) -> list[Any]:
    schools = [world.school_z]
    if persona == "coordinator_a":
        schools.append(world.school_b)
    return schools


def _school_case(**case: Any) -> Case:
    return Case(
        own=lambda world: {"pk": world.school_a.pk},
        foreign=lambda world, persona: [{"pk": s.pk} for s in _foreign_schools(world, persona)],
        **case,
    )


def _api_school(world: Any, persona: str) -> list[dict[str, Any]]:
    return [{"school_id": s.pk} for s in _foreign_schools(world, persona)]


def _foreign_filters(world: Any) -> list[dict[str, Any]]:
    group_z, _new = world.office_z.network_groups.get_or_create(name="กลุ่มลับแซดแซด")
    return [
        {"office": world.office_z.pk},
        {"network_group": group_z.pk},
        {"q": world.school_z.ministry_code},
        {"q": "ลับ"},
    ]


CASES: dict[str, Any] = {
    "schools:detail": _school_case(),
    "schools:edit": _school_case(),
    "schools:export": Fixed(kwargs=lambda world: {"fmt": "xlsx"}, queries=_foreign_filters),
    "api:school-detail": Case(
        own=lambda world: {"school_id": world.school_a.pk}, foreign=_api_school
    ),
}
PUBLIC: set[str] = set()
LIST_QUERIES = {
    "schools:list": _foreign_filters,
    "api:school-list": lambda world: [{"office_id": world.office_z.pk}, {"q": "ลับ"}],
}
