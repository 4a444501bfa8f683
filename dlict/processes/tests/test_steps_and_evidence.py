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


def _png() -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "blue").save(buffer, format="PNG")
    return buffer.getvalue()


PNG_BYTES = _png()


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
    assert _progress(project, 2).status == StepStatus.NOT_STARTED


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
    assert _progress(project, 1).status == StepStatus.NOT_STARTED


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


def test_a_done_steps_note_and_the_proposals_note_stay_editable(world: Any) -> None:
    project = approved_project(world.office_a, world.staff_a, world.director_a)
    for n in (1, 3):
        progress = _progress(project, n)
        services.step_progress_update(
            user=world.staff_a,
            progress=progress,
            status=progress.status,
            started_on=progress.started_on,
            finished_on=progress.finished_on,
            note="แนบคำสั่งแล้ว",
        )
        assert _progress(project, n).note == "แนบคำสั่งแล้ว"


def test_photos_are_kept_without_their_location(world: Any) -> None:
    import io

    from PIL import Image

    image = Image.new("RGB", (40, 30), "red")
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # the camera's maker; GPS sits in the same EXIF block
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    assert b"PhoneMaker" in buffer.getvalue()
    project = project_for(world.office_a, world.staff_a)
    evidence = services.evidence_add(
        user=world.staff_a,
        progress=_progress(project, 1),
        upload=_upload("ภาพ.jpg", buffer.getvalue()),
    )
    stored = evidence.file.open("rb").read()
    assert b"PhoneMaker" not in stored
    assert Image.open(io.BytesIO(stored)).size == (40, 30)
    assert evidence.size == len(stored)


def test_a_broken_photo_is_refused(world: Any) -> None:
    project = project_for(world.office_a, world.staff_a)
    broken = bytes.fromhex("ffd8ffe000104a46494600") + b"\x00" * 50
    with pytest.raises(ValidationError, match="photo cannot be read"):
        services.evidence_add(
            user=world.staff_a, progress=_progress(project, 1), upload=_upload("x.jpg", broken)
        )
    assert not Evidence.objects.exists()


def test_a_missing_stored_file_answers_not_found(world: Any) -> None:
    from dlict.processes.tests.factories import evidence_for

    project = project_for(world.office_a, world.staff_a)
    evidence = evidence_for(project, world.staff_a)
    evidence.file.delete(save=False)
    response = world.client_for(world.staff_a).get(f"/processes/evidence/{evidence.pk}/")
    assert response.status_code == 404


def test_an_ict_record_stays_in_its_office_and_its_year(world: Any) -> None:
    from datetime import date

    from django.core.exceptions import PermissionDenied

    from dlict.processes.tests.factories import ict_record

    record = ict_record(world.office_z, world.staff_z)
    values = {"title": "x", "started_on": date(2025, 11, 3)}
    with pytest.raises(PermissionDenied):
        services.ict_development_save(
            user=world.staff_a, office=world.office_a, values=values, record=record
        )
    with pytest.raises(ValidationError, match="belongs to fiscal year 2569"):
        services.ict_development_save(
            user=world.staff_z,
            office=world.office_z,
            values={"started_on": date(2026, 10, 5)},
            record=record,
        )
    record.refresh_from_db()
    assert (record.title, record.number, record.fiscal_year) != ("x", 0, 2570)


def test_a_100_mb_file_is_refused_without_being_read(world: Any) -> None:
    from django.core.files.uploadedfile import TemporaryUploadedFile

    size = 100 * 1024 * 1024
    upload = TemporaryUploadedFile("scan.pdf", "application/pdf", size, None)
    upload.write(PDF_BYTES)
    upload.truncate(size)  # a sparse 100 MB file, as Django would have spooled it
    upload.seek(0)
    project = project_for(world.office_a, world.staff_a)
    with pytest.raises(ValidationError, match=r"100\.0 MB; the largest accepted is 20 MB"):
        services.evidence_add(user=world.staff_a, progress=_progress(project, 1), upload=upload)
    upload.close()
    assert not Evidence.objects.exists()
