"""Saves that arrive at the same moment, on PostgreSQL (production's database): a week saved by
two phones at once. Nothing is lost, nothing doubled, nobody gets an error. (SQLite runs one
writer at a time, so there the same saves simply queue.)"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.db import connection

from dlict.core.testing.concurrency import (  # noqa: F401 - fixtures
    at_once,
    reference_data,
    reference_data_left_behind,
)
from dlict.dltv import services
from dlict.dltv.models import DltvClassroom, UsageRecord, UsageRollup

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="concurrent writers need PostgreSQL"
    ),
]
MONDAY = date(2026, 11, 2)


def test_a_week_saved_at_once_from_several_phones_is_kept_once(world: Any) -> None:
    for grade in ("p1", "p2"):
        DltvClassroom.objects.create(school=world.school_a, grade=grade)
    entries = [
        services.Entry(day=MONDAY + timedelta(days=n), grade=grade, planned=5, watched=4)
        for n in range(5)
        for grade in ("p1", "p2")
    ]
    results = at_once(
        lambda: services.usage_week_save(
            user=world.coordinator_a, school=world.school_a, entries=entries
        )
    )
    assert sum(result.saved for result in results) == 10
    assert UsageRecord.objects.count() == 10
    rollups = sorted(UsageRollup.objects.values_list("grade", "days", "planned", "watched"))
    assert rollups == [("p1", 5, 25, 20), ("p2", 5, 25, 20)]
