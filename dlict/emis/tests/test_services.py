"""The EMIS services refuse a plan they cannot write whole, before writing anything."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError

from dlict.core.models import AuditEntry
from dlict.emis.models import SchoolProfile, StudentCount
from dlict.emis.services import (
    Plan,
    PlannedSchool,
    SchoolInfoPlan,
    school_info_write,
    student_counts_write,
)
from dlict.emis.tests.files import SchoolRow, students_csv
from dlict.emis.tests.test_student_import import _import
from dlict.schools.models import School

pytestmark = pytest.mark.django_db


def _plan(world: Any, **item: Any) -> Plan:
    values = {
        "row": 3,
        "smis_code": world.school_a.smis_code,
        "name": world.school_a.name_th,
        "office": world.office_a,
        "area_code": world.office_a.code,
        "area_name": world.office_a.name_th,
        "school": world.school_a,
        "counts": {"p1": (3, 4, 1)},
    }
    return Plan(schools=[PlannedSchool(**{**values, **item})], grades=["p1"])


def _write(plan: Plan, **params: Any) -> None:
    student_counts_write(
        plan=plan,
        academic_year=params.get("academic_year", 2568),
        data_round=params.get("data_round", 1),
        actor=None,
        job=None,
        file_name="students.csv",
    )


def test_a_plan_is_written_with_its_event(world: Any) -> None:
    _write(_plan(world))
    assert StudentCount.objects.get().girls == 4
    assert AuditEntry.objects.filter(additional_data__event="emis.students_import").count() == 1


@pytest.mark.parametrize(
    ("change", "params"),
    [
        ({}, {"academic_year": 2025}),
        ({}, {"data_round": 4}),
        ({"counts": {"p1": (-1, 4, 1)}}, {}),
        ({"school": None, "smis_code": "123"}, {}),
        ({"school": None, "smis_code": "59999999", "name": ""}, {}),
        ({"school": None, "smis_code": "59999999", "office": None, "area_code": "10990000"}, {}),
    ],
)
def test_a_plan_that_cannot_be_written_whole_is_refused_before_writing(
    world: Any, change: dict[str, Any], params: dict[str, Any]
) -> None:
    with pytest.raises(ValidationError):
        _write(_plan(world, **change), **params)
    assert not StudentCount.objects.exists()
    assert not School.objects.filter(smis_code="59999999").exists()
    assert not AuditEntry.objects.filter(additional_data__event="emis.students_import").exists()


def test_school_information_with_a_negative_count_is_refused_before_writing(world: Any) -> None:
    plan = SchoolInfoPlan(registry=[], new_groups=[], profiles={"1050000001": {"teachers": -2}})
    with pytest.raises(ValidationError):
        school_info_write(
            office=world.office_a, plan=plan, actor=None, job=None, file_name="info.csv"
        )
    assert not SchoolProfile.objects.exists()
    assert not AuditEntry.objects.filter(additional_data__event="emis.school_info_import").exists()


def test_a_new_school_without_a_name_is_a_row_error(world: Any) -> None:
    office = world.office_a
    rows = [SchoolRow(office.code, office.name_th, "59999999", "", {"p1": (1, 2, 1)})]
    job = _import(world, students_csv(rows), create_schools=True)
    messages = [e["message"] for e in job.result["errors"]]
    assert "A new school needs its name, of at most 200 characters." in messages
    assert not School.objects.filter(smis_code="59999999").exists()
