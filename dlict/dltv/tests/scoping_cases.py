from typing import Any

from dlict.dltv.models import DltvClassroom


def _foreign(world: Any) -> list[dict[str, Any]]:
    for school in (world.school_a, world.school_b, world.school_z):
        DltvClassroom.objects.get_or_create(school=school, grade="p1")
    return [
        {"school": world.school_z.pk},
        {"school": world.school_b.pk},
        {"school": world.school_z.pk, "week": "2026-11-02"},
    ]


CASES: dict[str, Any] = {}
PUBLIC: set[str] = set()
LIST_QUERIES = {"dltv:week": _foreign}
