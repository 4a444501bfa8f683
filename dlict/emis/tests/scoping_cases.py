from decimal import Decimal
from typing import Any

from dlict.core.testing.walker import Fixed
from dlict.emis.models import SchoolProfile, StudentCount


def _figures_everywhere(world: Any) -> None:
    """Figures and coordinates for every school of the world, so a page or a spreadsheet that
    leaked another school's or office's rows would show their names."""
    for school in (world.school_a, world.school_b, world.school_z):
        for year in (2567, 2568):
            StudentCount.objects.get_or_create(
                school=school,
                academic_year=year,
                data_round=1,
                grade="p1",
                defaults={"office": school.office, "boys": 7, "girls": 6, "rooms": 1},
            )
        SchoolProfile.objects.get_or_create(school=school, defaults={"teachers": 2})
        if school.latitude is None:
            school.latitude, school.longitude = Decimal("18.8"), Decimal("98.9")
            school.save(update_fields=["latitude", "longitude"])


def _foreign_choices(world: Any) -> list[dict[str, Any]]:
    _figures_everywhere(world)
    office_z = world.office_z.pk
    return [
        {"office": office_z},
        {"office": office_z, "year": 2568, "round": 1},
        {"year": 2567, "round": 1},
        {"year": 2568, "round": 1},
    ]


CASES: dict[str, Any] = {
    # Each table is checked the same way in test_dashboards; the walker opens the one that names
    # every school.
    "emis:export": Fixed(kwargs=lambda world: {"table": "schools"}, queries=_foreign_choices),
}
PUBLIC: set[str] = {"emis:open-data", "emis:open-data-file"}
LIST_QUERIES = {
    "emis:dashboard": _foreign_choices,
    "emis:map": _foreign_choices,
    "emis:map-points": _foreign_choices,
    "emis:booklet": _foreign_choices,
}
