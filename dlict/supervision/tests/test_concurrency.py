"""Visits that arrive at the same moment, on PostgreSQL: one visit sent from two tabs at once is
recorded once; different visits to one school at once each get their own round."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from django.db import connection
from django.utils import timezone

from dlict.core.testing.concurrency import (  # noqa: F401 - fixtures
    THREADS,
    at_once,
    reference_data,
    reference_data_left_behind,
)
from dlict.supervision import services
from dlict.supervision.models import Finding, Rubric, Visit

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="concurrent writers need PostgreSQL"
    ),
]


def test_a_visit_sent_at_once_from_two_tabs_is_recorded_once(world: Any) -> None:
    rubric = Rubric.objects.current_for(world.office_a.pk)
    assert rubric is not None
    data = services.VisitInput(
        key=uuid.uuid4(),
        school_id=world.school_a.pk,
        rubric_id=rubric.pk,
        visited_on=timezone.localdate(),
        scores={item["code"]: services.ItemScore(3) for item in rubric.items},
        findings=("ซ่อมเครื่องรับสัญญาณ",),
    )
    results = at_once(lambda: services.visit_receive(user=world.supervisor_a, data=data, photos=[]))
    assert [result.created for result in results].count(True) == 1
    assert len({result.visit.pk for result in results}) == 1
    assert Visit.objects.count() == 1
    assert Finding.objects.count() == 1


def test_different_visits_to_one_school_at_once_get_their_own_rounds(world: Any) -> None:
    rubric = Rubric.objects.current_for(world.office_a.pk)
    assert rubric is not None

    def send() -> services.VisitReceived:
        data = services.VisitInput(
            key=uuid.uuid4(),
            school_id=world.school_a.pk,
            rubric_id=rubric.pk,
            visited_on=timezone.localdate(),
            scores={item["code"]: services.ItemScore(2) for item in rubric.items},
        )
        return services.visit_receive(user=world.supervisor_a, data=data, photos=[])

    at_once(send)
    rounds = sorted(Visit.objects.values_list("round", flat=True))
    assert rounds == list(range(1, THREADS + 1))
