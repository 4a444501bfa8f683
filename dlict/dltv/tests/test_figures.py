"""DLTV in the operations summary report and the annual report: the office's own figures of the
fiscal year, nothing of another office's (labels in English: see conftest)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any
from unittest import mock

import pytest

from dlict.core.figures import figures_for
from dlict.dltv import services
from dlict.dltv.models import ProblemCategory

pytestmark = pytest.mark.django_db

MONDAY = date(2026, 11, 2)  # fiscal year 2570


def _figures(office: Any, year: int) -> dict[str, dict[str, Any]]:
    return {s.title: dict(s.items) for s in figures_for(office, year, "dl-1")}


@pytest.fixture
def used(world: Any) -> Any:
    for school, staff in ((world.school_a, world.staff_a), (world.school_b, world.staff_a),
                          (world.school_z, world.staff_z)):  # fmt: skip
        services.classrooms_save(user=staff, school=school, periods={"p1": 5})
    broken = ProblemCategory.objects.get(office__isnull=True, code="broken_tv").pk
    entries = [
        services.Entry(day=MONDAY + timedelta(days=n), grade="p1", planned=5, watched=4)
        for n in range(4)
    ] + [services.Entry(day=MONDAY + timedelta(days=4), grade="p1", planned=5, watched=0,
                        problem_id=broken)]  # fmt: skip
    services.usage_week_save(user=world.coordinator_a, school=world.school_a, entries=entries)
    services.usage_week_save(user=world.staff_z, school=world.school_z, entries=entries)
    return world


@pytest.fixture(autouse=True)
def _in_fiscal_year_2570() -> Any:
    with mock.patch("dlict.dltv.figures.timezone.localdate", return_value=date(2026, 11, 30)):
        yield


def test_the_reports_print_the_office_s_dltv_use_of_the_year(used: Any) -> None:
    use = _figures(used.office_a, 2570)["DLTV use"]
    assert use["DLTV schools"] == 2
    assert use["Schools that recorded their use"] == 1
    assert (use["Periods planned"], use["Periods watched"]) == (25, 16)
    assert use["Periods watched of those planned (%)"] == "64.0"
    assert use["Repair requests opened"] == 1


def test_a_past_year_prints_only_that_year_s_records(used: Any) -> None:
    # Fiscal 2569 had no records; the schools and equipment counted today are no past year's.
    assert "DLTV use" not in _figures(used.office_a, 2569)
    with mock.patch("dlict.dltv.figures.timezone.localdate", return_value=date(2027, 10, 5)):
        use = _figures(used.office_a, 2570)["DLTV use"]
    assert "DLTV schools" not in use
    assert "Receivers and TVs working" not in use
    assert use["Periods planned"] == 25
