"""Each applied DMC import is one event in the audit trail of each office it changed: who, which
file, how many schools and students. A refused or cancelled import leaves no event."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from dlict.core import jobs
from dlict.core.models import AuditEntry, Job
from dlict.emis.imports import StudentCountImporter
from dlict.emis.tests.files import SchoolRow, students_csv
from dlict.emis.tests.test_school_info_import import _file, _row
from dlict.emis.tests.test_school_info_import import _import as _import_info
from dlict.emis.tests.test_student_import import _import, _rows

pytestmark = pytest.mark.django_db


def _events(kind: str) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(additional_data__event=kind).order_by("pk"))


def test_an_applied_students_import_is_one_event_with_who_what_and_how_much(world: Any) -> None:
    job = _import(world, students_csv(_rows(world)))
    assert job.status == Job.Status.SUCCEEDED
    (event,) = _events("emis.students_import")
    assert event.actor == world.staff_a
    assert event.office_id == world.office_a.pk
    assert (event.content_type, event.object_pk) == (
        ContentType.objects.get_for_model(Job),
        str(job.pk),
    )
    assert event.additional_data["details"] == {
        "file": "students.csv",
        "academic_year": 2568,
        "round": "10 มิถุนายน",
        "schools": 2,
        "schools_changed": 2,
        "schools_created": 0,
        "figures_changed": 5,
        "students_before": 0,
        "students_after": 95,
    }


def test_a_second_import_records_what_it_changed(world: Any) -> None:
    _import(world, students_csv(_rows(world)))
    rows = _rows(world)
    rows[0].counts["p1"] = (11, 12, 1)
    _import(world, students_csv(rows))
    details = _events("emis.students_import")[-1].additional_data["details"]
    assert (details["schools_changed"], details["figures_changed"]) == (1, 1)
    assert (details["students_before"], details["students_after"]) == (95, 96)


def test_a_refused_import_records_no_event(world: Any) -> None:
    rows = _rows(world)
    rows.append(SchoolRow("", "", "12", "บ้านผิด", {"p1": (1, 1, 1)}))
    job = _import(world, students_csv(rows))
    assert job.status == Job.Status.REJECTED
    assert _events("emis.students_import") == []


def test_a_cancelled_import_records_no_event(world: Any) -> None:
    job = jobs.job_start(
        kind=StudentCountImporter.kind, title="t", user=world.staff_a, office=world.office_a,
        params={"academic_year": 2568, "data_round": 1},
        upload=SimpleUploadedFile("s.csv", students_csv(_rows(world))), stage=Job.Stage.CHECK,
    )  # fmt: skip
    job.refresh_from_db()
    assert job.status == Job.Status.WAITING
    jobs.job_cancel(job=job)
    assert _events("emis.students_import") == []


def test_a_national_file_records_one_event_in_each_office_it_changed(world: Any) -> None:
    zed = world.office_z
    rows = [*_rows(world), SchoolRow(zed.code, zed.name_th, world.school_z.smis_code, "ลับ",
                                     {"p1": (3, 4, 1)})]  # fmt: skip
    job = _import(world, students_csv(rows), user=world.national, office=None)
    assert job.status == Job.Status.SUCCEEDED, job.result
    events = {event.office_id: event for event in _events("emis.students_import")}
    assert set(events) == {world.office_a.pk, zed.pk}
    assert events[zed.pk].additional_data["details"]["students_after"] == 7
    assert events[world.office_a.pk].additional_data["details"]["students_after"] == 95
    assert {event.actor for event in events.values()} == {world.national}


def test_the_command_records_the_event_about_the_office(world: Any, tmp_path: Any) -> None:
    path = tmp_path / "students-2568.csv"
    path.write_bytes(students_csv(_rows(world)))
    call_command(
        "import_dmc_students", str(path), "--academic-year", "2568", "--round", "2",
        stdout=StringIO(),
    )  # fmt: skip
    (event,) = _events("emis.students_import")
    assert event.actor is None  # the server's console, not a person of the registry
    assert (event.content_type.model, event.object_pk) == ("office", str(world.office_a.pk))
    assert event.office_id == world.office_a.pk
    assert event.additional_data["details"]["file"] == "students-2568.csv"
    assert event.additional_data["details"]["round"] == "10 พฤศจิกายน"


def test_an_applied_school_information_import_is_one_event(world: Any) -> None:
    rows = [_row(world, world.school_a), _row(world, world.school_b, {"จำนวนครู": "3"})]
    job = _import_info(world, _file(rows))
    assert job.status == Job.Status.SUCCEEDED
    (event,) = _events("emis.school_info_import")
    assert (event.actor, event.office_id, event.object_pk) == (
        world.staff_a,
        world.office_a.pk,
        str(job.pk),
    )
    assert event.additional_data["details"] == {
        "file": "info.csv",
        "schools": 2,
        "schools_created": 0,
        "schools_changed": 2,
        "profiles_created": 2,
        "profiles_changed": 0,
        "students": 84 * 2,
        "teachers": 7 + 3,
    }


def test_a_refused_school_information_import_records_no_event(world: Any) -> None:
    job = _import_info(world, _file([_row(world, world.school_a, {"จำนวนครู": "เจ็ด"})]))
    assert job.status == Job.Status.REJECTED
    assert _events("emis.school_info_import") == []


def test_every_detail_of_the_events_has_words_in_the_trail() -> None:
    from dlict.core.audit import event_kind

    for kind in ("emis.students_import", "emis.school_info_import"):
        registered = event_kind(kind)
        assert registered is not None
        assert str(registered.label)
        assert all(str(label) for label in registered.details.values())
