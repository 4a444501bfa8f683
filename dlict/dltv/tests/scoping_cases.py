from typing import Any

from dlict.core.testing.walker import Case, Fixed
from dlict.dltv.models import DltvClassroom


def _foreign(world: Any) -> list[dict[str, Any]]:
    for school in (world.school_a, world.school_b, world.school_z):
        DltvClassroom.objects.get_or_create(school=school, grade="p1")
    return [
        {"school": world.school_z.pk},
        {"school": world.school_b.pk},
        {"school": world.school_z.pk, "week": "2026-11-02"},
    ]


def _foreign_schools(world: Any, persona: str) -> list[dict[str, Any]]:
    schools = [world.school_z]
    if persona == "coordinator_a":
        schools.append(world.school_b)
    return [{"pk": school.pk} for school in schools]


def _offices(world: Any) -> list[dict[str, Any]]:
    """Another office; the whole country (a national administrator's default, which a person of
    one office cannot choose); something that is no office."""
    return [{"office": world.office_z.pk}, {"office": ""}, {"office": "all"}]


CASES: dict[str, Any] = {
    "dltv:equipment": Case(own=lambda world: {"pk": world.school_a.pk}, foreign=_foreign_schools),
    "dltv:export": Fixed(
        kwargs=lambda world: {"table": "not-reporting"},
        queries=lambda world: [*_offices(world), *_foreign(world)],
    ),
}
PUBLIC: set[str] = set()
LIST_QUERIES = {
    "dltv:week": _foreign,
    "dltv:dashboard": lambda world: [*_offices(world), *_foreign(world)],
}
