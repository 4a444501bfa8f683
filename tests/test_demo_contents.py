"""`load_demo` builds the same demo office whoever loads it: every app's part, counted.

The counts were taken from the demo as it was before each app registered its own part; a change to
how the demo is put together must not change what a newcomer finds in it.
"""

from __future__ import annotations

import zoneinfo
from collections.abc import Iterator
from datetime import datetime
from io import StringIO
from typing import Any

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db.models import Sum

from dlict.core.testing.reference import reload_reference_data

# A fixed moment inside a term, so the weeks of DLTV use and this term's visits are always the same.
NOW = datetime(2026, 1, 15, 10, 0, tzinfo=zoneinfo.ZoneInfo("Asia/Bangkok"))
DEMO_APPS = ("accounts", "schools", "processes", "emis", "dltv", "supervision", "core")

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _reference_data(transactional_db: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    # An empty database with every id counting from 1 again (the demo skips schools by their id),
    # whatever the tests before left behind.
    call_command("flush", interactive=False, verbosity=0)
    reload_reference_data()
    monkeypatch.setattr("django.utils.timezone.now", lambda: NOW)


@pytest.fixture(scope="module", autouse=True)
def _reference_data_left_behind(django_db_blocker: Any) -> Iterator[None]:
    """Each test empties the database; the tests after this module expect the reference data."""
    yield
    with django_db_blocker.unblock():
        reload_reference_data()


def _rows_per_model() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label in DEMO_APPS and model._default_manager.exists()
    }


def _rows_added_by(action: Any) -> dict[str, int]:
    before = _rows_per_model()
    action()
    after = _rows_per_model()
    return {
        label: count - before.get(label, 0)
        for label, count in after.items()
        if count != before.get(label, 0)
    }


def test_the_demo_holds_the_same_offices_people_projects_dltv_and_figures() -> None:
    out = StringIO()
    added = _rows_added_by(lambda: call_command("load_demo", stdout=out))

    User = apps.get_model("accounts", "User")
    School = apps.get_model("schools", "School")
    StudentCount = apps.get_model("emis", "StudentCount")
    UsageRecord = apps.get_model("dltv", "UsageRecord")
    Project = apps.get_model("processes", "Project")
    Visit = apps.get_model("supervision", "Visit")
    people = {
        user.username: sorted(
            (m.role, m.office.code if m.office else "", m.school.name_th if m.school else "")
            for m in user.memberships.select_related("office", "school")
        )
        for user in User.objects.prefetch_related("memberships")
    }
    assert people == EXPECTED_PEOPLE
    assert added == EXPECTED_ROWS
    assert {
        code: (School.objects.filter(office__code=code).count(),
               School.objects.filter(office__code=code, dltv=True).count())
        for code in ("50010000", "50020000")
    } == EXPECTED_SCHOOLS  # fmt: skip
    assert (
        sorted(
            Project.objects.values_list(
                "fiscal_year", "process__code", "revisions__number", "revisions__status"
            )
        )
        == EXPECTED_PROJECTS
    )
    assert sorted(Visit.objects.values_list("school__name_th", "status")) == EXPECTED_VISITS
    assert UsageRecord.objects.aggregate(Sum("planned"), Sum("watched")) == EXPECTED_USAGE
    assert StudentCount.objects.aggregate(Sum("boys"), Sum("girls")) == EXPECTED_STUDENTS
    for username in people:
        assert f"  {username} " in out.getvalue()


def test_a_second_run_changes_nothing_and_says_the_demo_is_there() -> None:
    call_command("load_demo", stdout=StringIO())
    before = _rows_per_model()
    out = StringIO()
    call_command("load_demo", "--quiet-if-loaded", stdout=out)
    assert _rows_per_model() == before
    assert "Loaded" not in out.getvalue()
    assert "coordinator2" in out.getvalue()  # the logins are printed every time


EXPECTED_PEOPLE = {
    "admin": [("office_admin", "50010000", "")],
    "coordinator": [("school_coordinator", "", "บ้านห้วยทราย")],
    "coordinator2": [("school_coordinator", "", "ชุมชนบ้านขี้เหล็ก")],
    "director": [("director", "50010000", "")],
    "national": [("national_admin", "", "")],
    "staff": [("office_staff", "50010000", "")],
    "supervisor": [("supervisor", "50010000", "")],
    "teacher": [("teacher", "", "บ้านห้วยทราย")],
}
EXPECTED_ROWS = {  # rows the demo adds, by model
    "accounts.Membership": 8,
    "accounts.User": 8,
    "core.AuditEntry": 257,
    "dltv.DltvClassroom": 336,
    "dltv.LastReport": 37,
    "dltv.OfficeEquipment": 1,
    "dltv.OfficeRollup": 16,
    "dltv.UsageRecord": 7992,
    "dltv.UsageRollup": 592,
    "emis.SchoolProfile": 120,
    "emis.StudentCount": 2016,
    "processes.CommitteeMember": 64,
    "processes.IctDevelopment": 3,
    "processes.PlanEvent": 47,
    "processes.PlanRevision": 17,
    "processes.Project": 22,
    "processes.StepProgress": 134,
    "schools.NetworkGroup": 9,
    "schools.Office": 2,
    "schools.School": 160,
    "supervision.Finding": 14,
    "supervision.FollowUp": 2,
    "supervision.Visit": 9,
}
EXPECTED_SCHOOLS = {"50010000": (120, 42), "50020000": (40, 14)}
EXPECTED_PROJECTS = [
    *[(2568, code, 1, "approved") for code in
      ("dl-1", "dl-2", "dl-3", "dl-4", "dl-5", "dl-6", "dl-7", "info-1", "info-2", "info-3",
       "info-4")],
    (2569, "dl-1", 1, "approved"),
    (2569, "dl-1", 2, "submitted"),
    (2569, "dl-2", 1, "submitted"),
    (2569, "dl-3", 1, "draft"),
    *[(2569, code, None, None) for code in ("dl-4", "dl-5", "dl-6", "dl-7")],
    (2569, "info-1", 1, "returned"),
    (2569, "info-2", None, None),
    (2569, "info-3", None, None),
    (2569, "info-4", 1, "approved"),
]  # fmt: skip
EXPECTED_VISITS = [
    ("ชุมชนบ้านขี้เหล็ก", "recorded"),
    ("ชุมชนบ้านขี้เหล็ก", "recorded"),
    ("ชุมชนบ้านสง่าบ้าน", "recorded"),
    ("ชุมชนบ้านสันกำแพง", "recorded"),
    ("ชุมชนบ้านหนองจ๊อม", "recorded"),
    ("ชุมชนบ้านแม่สา", "recorded"),
    ("บ้านช่อแล", "recorded"),
    ("บ้านดอนม่วง", "planned"),
    ("บ้านดอนโจ้", "planned"),
]
EXPECTED_USAGE = {"planned__sum": 39960, "watched__sum": 37791}
EXPECTED_STUDENTS = {"boys__sum": 41325, "girls__sum": 42514}
