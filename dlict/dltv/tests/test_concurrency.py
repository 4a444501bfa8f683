"""Saves that arrive at the same moment, on PostgreSQL (production's database): a week saved by
two phones at once, a visit sent twice at once. Nothing is lost, nothing doubled, nobody gets an
error. (SQLite runs one writer at a time, so there the same saves simply queue.)"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta
from threading import Barrier
from typing import Any, TypeVar

import pytest
from django.db import connection
from django.utils import timezone

from dlict.core.testing.reference import reload_reference_data
from dlict.dltv import services
from dlict.dltv.models import DltvClassroom, Finding, Rubric, UsageRecord, UsageRollup, Visit

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="concurrent writers need PostgreSQL"
    ),
]
T = TypeVar("T")
MONDAY = date(2026, 11, 2)
THREADS = 6


@pytest.fixture(autouse=True)
def _reference_data() -> None:
    reload_reference_data()


@pytest.fixture(scope="module", autouse=True)
def _reference_data_left_behind(django_db_blocker: Any) -> Iterator[None]:
    """Each test empties the database; the tests after this module expect the reference data."""
    yield
    with django_db_blocker.unblock():
        reload_reference_data()


def _at_once(action: Callable[[], T]) -> list[T]:
    """Run ``action`` in several threads released together; each closes its connection."""
    barrier = Barrier(THREADS)

    def run() -> T:
        try:
            barrier.wait()
            return action()
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        return [future.result() for future in [pool.submit(run) for _ in range(THREADS)]]


def test_a_week_saved_at_once_from_several_phones_is_kept_once(world: Any) -> None:
    for grade in ("p1", "p2"):
        DltvClassroom.objects.create(school=world.school_a, grade=grade)
    entries = [
        services.Entry(day=MONDAY + timedelta(days=n), grade=grade, planned=5, watched=4)
        for n in range(5)
        for grade in ("p1", "p2")
    ]
    results = _at_once(
        lambda: services.usage_week_save(
            user=world.coordinator_a, school=world.school_a, entries=entries
        )
    )
    assert sum(result.saved for result in results) == 10
    assert UsageRecord.objects.count() == 10
    rollups = sorted(UsageRollup.objects.values_list("grade", "days", "planned", "watched"))
    assert rollups == [("p1", 5, 25, 20), ("p2", 5, 25, 20)]


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
    results = _at_once(
        lambda: services.visit_receive(user=world.supervisor_a, data=data, photos=[])
    )
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

    _at_once(send)
    rounds = sorted(Visit.objects.values_list("round", flat=True))
    assert rounds == list(range(1, THREADS + 1))
