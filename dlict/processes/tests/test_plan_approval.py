"""A plan goes to the director, comes back, goes again, is approved, changed and approved again."""

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from dlict.processes import services
from dlict.processes.models import PlanEvent, PlanRevision, PlanStatus, StepProgress, StepStatus
from dlict.processes.tests.factories import a_plan, approved_project, project_for

pytestmark = pytest.mark.django_db


def _actions(project: Any) -> list[tuple[int, str]]:
    return list(
        PlanEvent.objects.filter(revision__project=project)
        .order_by("at", "pk")
        .values_list("revision__number", "action")
    )


def test_submit_return_resubmit_approve_edit_reapprove_keeps_every_revision_and_decision(
    world: Any,
) -> None:
    staff, director = world.staff_a, world.director_a
    project = project_for(world.office_a, staff, ready=True)

    services.plan_save(user=staff, project=project, plan=a_plan())
    first = services.plan_submit(user=staff, project=project)
    services.plan_decide(user=director, revision=first, approve=False, comment="เพิ่มตัวชี้วัด")
    first.refresh_from_db()
    assert first.status == PlanStatus.RETURNED
    assert first.decision_comment == "เพิ่มตัวชี้วัด"

    targets = [*a_plan().targets, {"target": "ครูทุกคน", "indicator": "ร้อยละที่ผ่านอบรม", "goal": "80"}]
    same = services.plan_save(user=staff, project=project, plan=a_plan(targets=targets))
    assert same.pk == first.pk  # a returned plan is edited in place, as the same revision
    services.plan_submit(user=staff, project=project)
    services.plan_decide(user=director, revision=same, approve=True)

    second = services.plan_save(user=staff, project=project, plan=a_plan(budget=20000))
    assert second.number == 2
    assert second.status == PlanStatus.DRAFT
    assert PlanRevision.objects.get(pk=first.pk).status == PlanStatus.APPROVED  # still in force
    services.plan_submit(user=staff, project=project)
    services.plan_decide(user=director, revision=second, approve=True)

    statuses = dict(project.revisions.values_list("number", "status"))
    assert statuses == {1: PlanStatus.SUPERSEDED, 2: PlanStatus.APPROVED}
    assert _actions(project) == [
        (1, "created"),
        (1, "submitted"),
        (1, "returned"),
        (1, "edited"),
        (1, "submitted"),
        (1, "approved"),
        (2, "created"),
        (2, "submitted"),
        (2, "approved"),
    ]
    # What the director returned is still readable: the first submission's snapshot.
    first_submission = PlanEvent.objects.filter(revision=first, action="submitted").first()
    assert len(first_submission.snapshot["targets"]) == 1


def test_submitting_twice_is_refused_and_changes_nothing(world: Any) -> None:
    project = project_for(world.office_a, world.staff_a, ready=True)
    services.plan_save(user=world.staff_a, project=project, plan=a_plan())
    services.plan_submit(user=world.staff_a, project=project)
    with pytest.raises(ValidationError, match="already been sent"):
        services.plan_submit(user=world.staff_a, project=project)
    assert PlanEvent.objects.filter(action="submitted").count() == 1


def test_a_decided_revision_cannot_be_decided_again(world: Any) -> None:
    project = approved_project(world.office_a, world.staff_a, world.director_a)
    revision = project.revisions.get()
    with pytest.raises(ValidationError, match="no longer waiting"):
        services.plan_decide(user=world.director_a, revision=revision, approve=False, comment="x")
    revision.refresh_from_db()
    assert revision.status == PlanStatus.APPROVED


def test_returning_needs_a_comment(world: Any) -> None:
    project = project_for(world.office_a, world.staff_a, ready=True)
    services.plan_save(user=world.staff_a, project=project, plan=a_plan())
    revision = services.plan_submit(user=world.staff_a, project=project)
    with pytest.raises(ValidationError):
        services.plan_decide(user=world.director_a, revision=revision, approve=False, comment=" ")
    revision.refresh_from_db()
    assert revision.status == PlanStatus.SUBMITTED


def test_a_plan_waiting_for_the_director_cannot_be_edited(world: Any) -> None:
    project = project_for(world.office_a, world.staff_a, ready=True)
    services.plan_save(user=world.staff_a, project=project, plan=a_plan())
    services.plan_submit(user=world.staff_a, project=project)
    with pytest.raises(ValidationError, match="with the director"):
        services.plan_save(user=world.staff_a, project=project, plan=a_plan(budget=1))
    assert project.revisions.get().budget == 15000


def test_a_plan_without_targets_is_not_sent(world: Any) -> None:
    project = project_for(world.office_a, world.staff_a, ready=True)
    services.plan_save(user=world.staff_a, project=project, plan=a_plan(targets=[]))
    with pytest.raises(ValidationError, match="target"):
        services.plan_submit(user=world.staff_a, project=project)
    assert project.revisions.get().status == PlanStatus.DRAFT


@pytest.mark.parametrize("person", ["staff_a", "supervisor_a", "staff_z"])
def test_only_the_offices_director_decides(world: Any, person: str) -> None:
    project = project_for(world.office_a, world.staff_a, ready=True)
    services.plan_save(user=world.staff_a, project=project, plan=a_plan())
    revision = services.plan_submit(user=world.staff_a, project=project)
    with pytest.raises(PermissionDenied):
        services.plan_decide(user=getattr(world, person), revision=revision, approve=True)
    revision.refresh_from_db()
    assert revision.status == PlanStatus.SUBMITTED


def test_staff_of_another_office_cannot_write_this_offices_plan(world: Any) -> None:
    project = project_for(world.office_a, world.staff_a)
    with pytest.raises(PermissionDenied):
        services.plan_save(user=world.staff_z, project=project, plan=a_plan())
    assert not project.revisions.exists()


def test_approval_marks_the_proposal_step_done(world: Any) -> None:
    project = approved_project(world.office_a, world.staff_a, world.director_a)
    proposal = StepProgress.objects.get(project=project, step__kind="propose_to_director")
    assert proposal.status == StepStatus.DONE
    assert proposal.finished_on is not None


def test_a_plan_is_not_sent_before_the_group_is_appointed_and_the_plan_studied(
    world: Any,
) -> None:
    project = project_for(world.office_a, world.staff_a)
    services.plan_save(user=world.staff_a, project=project, plan=a_plan())
    with pytest.raises(ValidationError, match=r"steps before the proposal .*step 1, 2"):
        services.plan_submit(user=world.staff_a, project=project)
    assert project.revisions.get().status == PlanStatus.DRAFT


def test_the_director_cannot_approve_a_plan_changed_since_they_opened_it(world: Any) -> None:
    staff, director = world.staff_a, world.director_a
    project = project_for(world.office_a, staff, ready=True)
    services.plan_save(user=staff, project=project, plan=a_plan())
    revision = services.plan_submit(user=staff, project=project)
    seen = services.submission_key(revision)  # the page the director opened
    services.plan_decide(user=director, revision=revision, approve=False, comment="ลดงบ")
    services.plan_save(user=staff, project=project, plan=a_plan(budget=999999))
    services.plan_submit(user=staff, project=project)
    with pytest.raises(ValidationError, match="sent again after you opened it"):
        services.plan_decide(
            user=director, revision=revision, approve=True, expected_submission=seen
        )
    revision.refresh_from_db()
    assert revision.status == PlanStatus.SUBMITTED


def test_a_plan_saved_from_a_page_opened_before_a_change_is_refused(world: Any) -> None:
    project = project_for(world.office_a, world.staff_a)
    services.plan_save(user=world.staff_a, project=project, plan=a_plan())
    opened = services.plan_version(project)
    services.plan_save(user=world.staff_a, project=project, plan=a_plan(budget=1000))
    with pytest.raises(ValidationError, match="after you opened this page"):
        services.plan_save(
            user=world.staff_a, project=project, plan=a_plan(budget=5), expected_version=opened
        )
    assert project.revisions.get().budget == 1000


def test_whoever_sent_a_plan_cannot_decide_on_it(world: Any) -> None:
    project = project_for(world.office_a, world.national, ready=True)
    services.plan_save(user=world.national, project=project, plan=a_plan())
    revision = services.plan_submit(user=world.national, project=project)
    with pytest.raises(ValidationError, match="another person decides"):
        services.plan_decide(user=world.national, revision=revision, approve=True)
    services.plan_decide(user=world.director_a, revision=revision, approve=True)


def test_saving_the_approved_plan_unchanged_makes_no_new_revision(world: Any) -> None:
    project = approved_project(world.office_a, world.staff_a, world.director_a)
    with pytest.raises(ValidationError, match="Nothing was changed"):
        services.plan_save(user=world.staff_a, project=project, plan=a_plan(budget=15000))
    assert project.revisions.count() == 1


def test_results_follow_their_targets_into_the_next_approved_revision(world: Any) -> None:
    project = approved_project(world.office_a, world.staff_a, world.director_a)
    project.target_results = ["ร้อยละ 94"]
    project.save()
    first = a_plan().targets[0]
    new_first = {"target": "ครูทุกคนใช้ DLTV", "indicator": "ร้อยละ", "goal": "80"}
    services.plan_save(user=world.staff_a, project=project, plan=a_plan(targets=[new_first, first]))
    revision = services.plan_submit(user=world.staff_a, project=project)
    services.plan_decide(user=world.director_a, revision=revision, approve=True)
    project.refresh_from_db()
    assert project.target_results == ["", "ร้อยละ 94"]
