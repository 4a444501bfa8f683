"""The scoping walker's cases for supervision visits and the observation rubric."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

from django.core.files.base import ContentFile
from django.utils import timezone

from dlict.core.testing.walker import Case
from dlict.supervision import services
from dlict.supervision.models import Rubric, Visit, VisitPhoto


def _recorded(school: Any, user: Any) -> Visit:
    rubric = Rubric.objects.current_for(school.office_id)
    assert rubric is not None
    data = services.VisitInput(
        key=uuid.uuid4(),
        school_id=school.pk,
        rubric_id=rubric.pk,
        visited_on=timezone.localdate(),
        scores={item["code"]: services.ItemScore(2) for item in rubric.items},
        informant=f"ครูของ{school.name_th}",
        findings=(f"ประเด็นของ{school.name_th}",),
    )
    visit = services.visit_receive(user=user, data=data, photos=[]).visit
    photo = VisitPhoto(visit=visit, content_type="image/png", size=3, caption=school.name_th)
    photo.file.save("walker.png", ContentFile(b"png"), save=True)
    return visit


def _planned(school: Any, user: Any) -> Visit:
    """A planned visit on a day of its own (one school is not planned twice for a day)."""
    later = timedelta(days=Visit.objects.filter(school=school).count())
    return services.visit_plan(user=user, school=school, planned_on=timezone.localdate() + later)


def _foreign_visits(make: Any) -> Any:
    def foreign(world: Any, persona: str) -> list[dict[str, Any]]:
        visits = [make(world.school_z, world.staff_z)]
        if persona == "coordinator_a":
            visits.append(make(world.school_b, world.staff_a))
        return [{"pk": visit.pk} for visit in visits]

    return foreign


def _own_photo(world: Any) -> dict[str, Any]:
    return {"pk": _recorded(world.school_a, world.staff_a).photos.get().pk}


def _foreign_photos(world: Any, persona: str) -> list[dict[str, Any]]:
    visits = _foreign_visits(_recorded)(world, persona)
    return [{"pk": Visit.objects.get(pk=v["pk"]).photos.get().pk} for v in visits]


def a_two_level_rubric(user: Any, office: Any, name: str, item: str = "จอชัด") -> Rubric:
    """An office's own rubric of one section and one item, scored 2 or 1."""
    return services.rubric_save(
        user=user,
        office_id=office.pk,
        name=name,
        scale=[{"value": 2, "label": "ได้"}, {"value": 1, "label": "ไม่ได้"}],
        sections=[{"title": name, "items": [item]}],
        bands=[{"min_percent": 0, "label": "ผล"}],
    )


def _foreign_rubrics(world: Any, persona: str) -> list[dict[str, Any]]:
    theirs = a_two_level_rubric(
        world.staff_z, world.office_z, "แบบสังเกตของสพป.ลับแซด", "ข้อของโรงเรียนลับแซดแซด"
    )
    return [{"pk": theirs.pk}]


def _foreign_schools(world: Any, persona: str) -> list[dict[str, Any]]:
    schools = [world.school_z] + ([world.school_b] if persona == "coordinator_a" else [])
    return [{"school_pk": school.pk} for school in schools]


CASES: dict[str, Any] = {
    "supervision:visit": Case(
        own=lambda world: {"pk": _recorded(world.school_a, world.staff_a).pk},
        foreign=_foreign_visits(_recorded),
    ),
    "supervision:visit_pdf": Case(
        own=lambda world: {"pk": _recorded(world.school_a, world.staff_a).pk},
        foreign=_foreign_visits(_recorded),
    ),
    "supervision:visit_record": Case(
        own=lambda world: {"pk": _planned(world.school_a, world.staff_a).pk},
        foreign=_foreign_visits(_planned),
    ),
    "supervision:visit_cancel": Case(
        own=lambda world: {"pk": _planned(world.school_a, world.staff_a).pk},
        foreign=_foreign_visits(_planned),
        own_method="POST",
        own_status=302,
    ),
    "supervision:visit_photo": Case(own=_own_photo, foreign=_foreign_photos),
    "supervision:visit_new": Case(
        own=lambda world: {"school_pk": world.school_a.pk}, foreign=_foreign_schools
    ),
    "supervision:rubric_version": Case(
        own=lambda world: {"pk": Rubric.objects.current_for(world.office_a.pk).pk},  # type: ignore[union-attr]
        foreign=_foreign_rubrics,
    ),
}
# The service worker's script holds no data: the browser fetches it without a session.
PUBLIC = {"supervision:visit_worker"}
LIST_QUERIES = {
    "supervision:visits": lambda world: [
        {"office": world.office_z.pk},
        {"new": world.school_z.pk},
        {"office": world.office_z.pk, "new": world.school_z.pk},
    ],
    "supervision:rubric": lambda world: [{"office": world.office_z.pk}],
    "supervision:findings-export": lambda world: [
        {"office": world.office_z.pk},
        {"office": ""},
        {"office": "all"},
    ],
}
