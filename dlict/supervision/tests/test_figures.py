"""Supervision visits in the operations summary report and the annual report: the office's own
visits of the fiscal year (labels in English: see conftest)."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any
from unittest import mock

import pytest

from dlict.core.figures import figures_for
from dlict.dltv.services import classrooms_save
from dlict.supervision import services
from dlict.supervision.models import Rubric

pytestmark = pytest.mark.django_db

MONDAY = date(2026, 11, 2)  # fiscal year 2570


def _visit(person: Any, school: Any, rubric: Rubric) -> None:
    services.visit_receive(
        user=person,
        data=services.VisitInput(
            key=uuid.uuid4(),
            school_id=school.pk,
            rubric_id=rubric.pk,
            visited_on=MONDAY,
            scores={item["code"]: services.ItemScore(3) for item in rubric.items},
            findings=("ซ่อมโทรทัศน์",),
        ),
        photos=[],
    )


def test_the_reports_print_the_office_s_visits_of_the_year(world: Any) -> None:
    classrooms_save(user=world.staff_a, school=world.school_a, periods={"p1": 5})
    classrooms_save(user=world.staff_z, school=world.school_z, periods={"p1": 5})
    rubric = Rubric.objects.current_for(world.office_a.pk)
    assert rubric is not None
    with mock.patch("dlict.supervision.services.timezone.localdate", return_value=MONDAY):
        _visit(world.staff_a, world.school_a, rubric)
        _visit(world.staff_z, world.school_z, rubric)
    seen = {s.title: dict(s.items) for s in figures_for(world.office_a, 2570, "dl-1")}
    visits = seen["Supervision visits"]
    assert (visits["Visits recorded"], visits["Schools visited"]) == (1, 1)
    assert visits["Findings raised"] == 1
    quiet = {s.title for s in figures_for(world.office_a, 2568, "dl-1")}
    assert "Supervision visits" not in quiet
