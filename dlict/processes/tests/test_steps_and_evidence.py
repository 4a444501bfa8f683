"""Progress on the steps, in order, with evidence files that are what they say."""

from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from dlict.processes import services
from dlict.processes.models import Evidence, StepProgress, StepStatus
from dlict.processes.tests.factories import PDF_BYTES, approved_project, project_for

pytestmark = pytest.mark.django_db

PNG_BYTES = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489")


def _progress(project: Any, n: int) -> StepProgress:
    return StepProgress.objects.get(project=project, step__n=n)


def _mark(world: Any, project: Any, n: int, status: str = StepStatus.DONE, **dates: Any) -> Any:
    return services.step_progress_update(
        user=world.staff_a,
        progress=_progress(project, n),
        status=status,
        started_on=dates.get("started_on"),
        finished_on=dates.get("finished_on"),
        note="",
    )


def test_a_step_cannot_be_done_before_the_steps_before_it(world: Any) -> None:
    project = project_for(world.office_a, world.staff_a)
    with pytest.raises(ValidationError, match="steps before this one"):
        _mark(world, project, 2)
    assert _progress(project, 2).status == StepStatus.TODO


def test_steps_done_in_order_are_accepted(world: Any) -> None:
    project = approved_project(world.office_a, world.staff_a, world.director_a)
    _mark(world, project, 1)
    _mark(world, project, 2)
    # Step 3 (the proposal) was done by the approval; step 4 may follow.
    progress = _mark(world, project, 4)
    assert progress.status == StepStatus.DONE
    assert progress.finished_on == timezone.localdate()


def test_the_proposal_step_follows_the_directors_approval_only(world: Any) -> None:
    project = project_for(world.office_a, world.staff_a)
    _mark(world, project, 1)
    _mark(world, project, 2)
    with pytest.raises(ValidationError, match="director approves"):
        _mark(world, project, 3)


def test_a_done_step_cannot_reopen_while_later_steps_are_done(world: Any) -> None:
    project = project_for(world.office_a, world.staff_a)
    _mark(world, project, 1)
    _mark(world, project, 2)
    with pytest.raises(ValidationError, match="Later steps"):
        _mark(world, project, 1, StepStatus.DOING)


def test_dates_in_the_future_or_backwards_are_refused(world: Any) -> None:
    project = project_for(world.office_a, world.staff_a)
    today = timezone.localdate()
    with pytest.raises(ValidationError, match="future"):
        _mark(world, project, 1, finished_on=today + timedelta(days=3))
    with pytest.raises(ValidationError, match="before it starts"):
        _mark(world, project, 1, started_on=today, finished_on=today - timedelta(days=3))
    assert _progress(project, 1).status == StepStatus.TODO


def _upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def test_a_pdf_and_a_photo_are_kept_as_evidence(world: Any) -> None:
    project = project_for(world.office_a, world.staff_a)
    progress = _progress(project, 1)
    services.evidence_add(
        user=world.staff_a, progress=progress, upload=_upload("คำสั่ง.pdf", PDF_BYTES)
    )
    services.evidence_add(
        user=world.staff_a, progress=progress, upload=_upload("ภาพ.PNG", PNG_BYTES)
    )
    names = list(Evidence.objects.values_list("name", "content_type"))
    assert names == [("คำสั่ง.pdf", "application/pdf"), ("ภาพ.PNG", "image/png")]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("report.pdf", PNG_BYTES, "named .pdf but its content is a PNG"),
        ("photo.pdf", b"MZ\x90\x00\x03" + b"\x00" * 64, "content is not a PDF"),
        ("script.exe", b"MZ\x90\x00", "not accepted"),
        ("empty.pdf", b"", "empty"),
    ],
)
def test_a_file_that_is_not_what_its_name_says_is_refused(
    world: Any, name: str, content: bytes, message: str
) -> None:
    project = project_for(world.office_a, world.staff_a)
    with pytest.raises(ValidationError, match=message):
        services.evidence_add(
            user=world.staff_a, progress=_progress(project, 1), upload=_upload(name, content)
        )
    assert not Evidence.objects.exists()


def test_a_file_over_the_limit_is_refused_before_it_is_stored(world: Any, settings: Any) -> None:
    settings.DLICT_EVIDENCE_MAX_BYTES = 1024 * 1024
    project = project_for(world.office_a, world.staff_a)
    big = _upload("big.pdf", PDF_BYTES + b"0" * (2 * 1024 * 1024))
    with pytest.raises(ValidationError, match="largest accepted is 1 MB"):
        services.evidence_add(user=world.staff_a, progress=_progress(project, 1), upload=big)
    assert not Evidence.objects.exists()


def test_an_oversized_upload_through_the_page_gets_a_clear_thai_message(
    world: Any, settings: Any
) -> None:
    settings.DLICT_EVIDENCE_MAX_BYTES = 1024 * 1024
    project = project_for(world.office_a, world.staff_a)
    client = world.client_for(world.staff_a)
    big = _upload("scan.pdf", PDF_BYTES + b"0" * (3 * 1024 * 1024))
    response = client.post(f"/processes/projects/{project.pk}/steps/1/evidence/", {"file": big})
    assert response.status_code == 400
    assert "ไฟล์มีขนาด 3.0 MB" in response.content.decode()
    assert not Evidence.objects.exists()


def test_evaluation_records_results_against_the_approved_targets(world: Any) -> None:
    project = approved_project(world.office_a, world.staff_a, world.director_a)
    client = world.client_for(world.staff_a)
    response = client.post(
        f"/processes/projects/{project.pk}/evaluation/",
        {"result_0": "ร้อยละ 94", "outcome": "ดำเนินการครบ", "problems": "", "suggestions": "",
         "budget_spent": "12500"},
    )  # fmt: skip
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.target_results == ["ร้อยละ 94"]
    assert project.budget_spent == 12500
