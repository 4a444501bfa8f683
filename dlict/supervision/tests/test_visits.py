"""Supervision visits: recorded once whatever the phone sends, refused whole with the reasons,
scored against the rubric version they began with."""

from __future__ import annotations

import io
import uuid
from datetime import date, timedelta
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from dlict.dltv.services import classrooms_save
from dlict.supervision import services
from dlict.supervision.models import Finding, FollowUp, Rubric, Visit, VisitPhoto
from dlict.supervision.tests.scoping_cases import a_two_level_rubric

pytestmark = pytest.mark.django_db


@pytest.fixture
def dltv_school(world: Any) -> Any:
    classrooms_save(user=world.staff_a, school=world.school_a, periods={"p1": 5, "p4": 5})
    world.school_a.refresh_from_db()
    return world.school_a


def _rubric() -> Rubric:
    rubric = Rubric.objects.current_for(0)
    assert rubric is not None
    return rubric


def _scores(rubric: Rubric, score: int = 3) -> dict[str, services.ItemScore]:
    return {item["code"]: services.ItemScore(score, "เห็นจริง") for item in rubric.items}


def _input(school: Any, **changes: Any) -> services.VisitInput:
    rubric = changes.pop("rubric", None) or _rubric()
    values: dict[str, Any] = {
        "key": uuid.uuid4(),
        "school_id": school.pk,
        "rubric_id": rubric.pk,
        "visited_on": timezone.localdate(),
        "scores": _scores(rubric),
        "grade": "p4",
        "informant": "นางมาลี ศรีสุข",
        "findings": ("ปรับมุมจานรับสัญญาณ", "จัดที่นั่งให้เห็นจอ"),
    }
    return services.VisitInput(**{**values, **changes})


def _photo(name: str = "class.jpg", size: tuple[int, int] = (40, 30)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, "navy").save(buffer, format="JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def test_a_planned_visit_is_recorded_once_however_often_it_is_sent(
    world: Any, dltv_school: Any
) -> None:
    planned = services.visit_plan(
        user=world.supervisor_a, school=dltv_school, planned_on=timezone.localdate()
    )
    data = _input(dltv_school, key=planned.key)
    first = services.visit_receive(
        user=world.supervisor_a, data=data, photos=[services.PhotoInput(_photo(), "ป.4")]
    )
    again = services.visit_receive(
        user=world.supervisor_a, data=data, photos=[services.PhotoInput(_photo(), "ป.4")]
    )
    assert first.created
    assert not again.created
    assert first.visit.pk == again.visit.pk == planned.pk
    visit = Visit.objects.get()
    assert (visit.status, visit.round, visit.grade) == (Visit.Status.RECORDED, 1, "p4")
    assert Finding.objects.count() == 2
    assert VisitPhoto.objects.get().caption == "ป.4"


def test_a_visit_not_planned_is_created_once_by_its_key(world: Any, dltv_school: Any) -> None:
    data = _input(dltv_school)
    services.visit_receive(user=world.supervisor_a, data=data, photos=[])
    services.visit_receive(user=world.supervisor_a, data=data, photos=[])
    second = services.visit_receive(user=world.staff_a, data=_input(dltv_school), photos=[])
    assert Visit.objects.count() == 2
    assert second.visit.round == 2


def test_a_photo_is_stored_without_its_exif(world: Any, dltv_school: Any) -> None:
    buffer = io.BytesIO()
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    Image.new("RGB", (20, 20), "red").save(buffer, format="JPEG", exif=exif)
    upload = SimpleUploadedFile("gps.jpg", buffer.getvalue(), content_type="image/jpeg")
    services.visit_receive(
        user=world.supervisor_a, data=_input(dltv_school), photos=[services.PhotoInput(upload)]
    )
    with VisitPhoto.objects.get().file.open("rb") as stored, Image.open(stored) as image:
        assert not image.getexif()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"visited_on": date.today() + timedelta(days=3)}, "has not come yet"),
        ({"grade": "m3"}, "does not teach M3"),
        ({"scores": {}}, "Score every item of the observation; not scored: 1.1, 1.2"),
        ({"scores": {"9.9": services.ItemScore(3)}}, "not in its rubric"),
        ({"students_present": 5000}, "Students present must be 0 to 999"),
        ({"findings": ("ก" * 301,)}, "each up to 300 characters"),
        ({"follow_ups": {999: ("resolved", "")}}, "a finding of another school"),
    ],
)
def test_a_wrong_visit_is_refused_whole(
    world: Any, dltv_school: Any, changes: dict[str, Any], message: str
) -> None:
    if "visited_on" in changes:
        changes["visited_on"] = timezone.localdate() + timedelta(days=3)
    planned = services.visit_plan(
        user=world.supervisor_a, school=dltv_school, planned_on=timezone.localdate()
    )
    with pytest.raises(ValidationError) as error:
        services.visit_receive(
            user=world.supervisor_a, data=_input(dltv_school, key=planned.key, **changes), photos=[]
        )
    assert any(message in text for text in error.value.messages)
    planned.refresh_from_db()
    assert planned.status == Visit.Status.PLANNED
    assert not Finding.objects.exists()


def test_a_score_outside_the_scale_is_refused(world: Any, dltv_school: Any) -> None:
    scores = _scores(_rubric(), score=5)
    with pytest.raises(ValidationError, match="Each item is scored 3 / 2 / 1"):
        services.visit_receive(
            user=world.supervisor_a, data=_input(dltv_school, scores=scores), photos=[]
        )


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("class.jpg", b"not a photo at all" * 10), "content is not a JPG"),
        (SimpleUploadedFile("big.jpg", b"\xff\xd8\xff" + b"0" * (40 * 2**20)), "is 40.0 MB"),
        (SimpleUploadedFile("notes.pdf", b"%PDF-1.4 fake"), "not accepted"),
    ],
)
def test_a_photo_that_is_not_one_or_too_large_refuses_the_visit(
    world: Any, dltv_school: Any, upload: SimpleUploadedFile, message: str
) -> None:
    with pytest.raises(ValidationError) as error:
        services.visit_receive(
            user=world.supervisor_a,
            data=_input(dltv_school),
            photos=[services.PhotoInput(_photo()), services.PhotoInput(upload)],
        )
    assert any(text.startswith("Photo 2") and message in text for text in error.value.messages)
    assert not Visit.objects.exists()
    assert not VisitPhoto.objects.exists()


def test_the_next_visit_follows_up_the_findings(world: Any, dltv_school: Any) -> None:
    first = services.visit_receive(user=world.supervisor_a, data=_input(dltv_school), photos=[])
    dish, seats = first.visit.findings.order_by("pk")
    follow_ups = {dish.pk: ("resolved", "ปรับแล้ว"), seats.pk: ("in_progress", "")}
    second = services.visit_receive(
        user=world.supervisor_a,
        data=_input(dltv_school, findings=(), follow_ups=follow_ups),
        photos=[],
    )
    dish.refresh_from_db()
    seats.refresh_from_db()
    assert dish.resolved_in == second.visit
    assert seats.resolved_in is None
    assert FollowUp.objects.filter(visit=second.visit).count() == 2
    # A form opened before the second visit resolved the finding still sends its follow-up: it
    # is kept, and the finding stays resolved where it was.
    third = services.visit_receive(
        user=world.supervisor_a,
        data=_input(dltv_school, follow_ups={dish.pk: ("not_started", "ยังไม่เห็น")}),
        photos=[],
    )
    dish.refresh_from_db()
    assert dish.resolved_in == second.visit
    assert third.visit.follow_ups.get().note == "ยังไม่เห็น"


def test_a_key_sent_again_with_other_content_keeps_the_first(
    world: Any, dltv_school: Any, settings: Any
) -> None:
    data = _input(dltv_school, subject="คณิตศาสตร์")
    services.visit_receive(user=world.supervisor_a, data=data, photos=[])
    changed = services.VisitInput(**{**data.__dict__, "subject": "ภาษาไทย"})
    with pytest.raises(services.VisitConflict, match="already recorded"):
        services.visit_receive(
            user=world.supervisor_a, data=changed, photos=[services.PhotoInput(_photo())]
        )
    assert Visit.objects.get().subject == "คณิตศาสตร์"
    assert not VisitPhoto.objects.exists()


def test_a_visit_refused_takes_its_stored_photos_away(world: Any, dltv_school: Any) -> None:
    from pathlib import Path

    from django.core.files.storage import storages

    root = Path(storages["private"].location)
    data = _input(dltv_school)
    services.visit_receive(user=world.supervisor_a, data=data, photos=[])
    # The same visit sent again with a photo: answered as received, the photo not kept.
    with pytest.raises(services.VisitConflict):
        services.visit_receive(
            user=world.supervisor_a, data=data, photos=[services.PhotoInput(_photo())]
        )
    assert not [path for path in root.rglob("*") if path.is_file()]


def test_a_visit_begun_before_the_rubric_changed_keeps_its_version(
    world: Any, dltv_school: Any
) -> None:
    old = _rubric()
    started = _input(dltv_school, rubric=old)
    new = services.rubric_save(
        user=world.staff_a,
        office_id=world.office_a.pk,
        name="แบบสังเกตของเขต",
        scale=[{"value": 4, "label": "ดีมาก"}, {"value": 1, "label": "ปรับปรุง"}],
        sections=[{"title": "ห้องเรียน", "items": ["จอชัด", "เสียงชัด"]}],
        bands=[{"min_percent": 50, "label": "ผ่าน"}, {"min_percent": 0, "label": "ไม่ผ่าน"}],
    )
    assert (new.version, new.office_id) == (2, world.office_a.pk)
    assert Rubric.objects.current_for(world.office_a.pk) == new
    received = services.visit_receive(user=world.supervisor_a, data=started, photos=[])
    assert received.newer_rubric
    assert received.visit.rubric == old
    assert Rubric.objects.get(pk=old.pk).sections == old.sections
    # A visit begun on the new version is scored on its scale.
    scores = {"1.1": services.ItemScore(4), "1.2": services.ItemScore(1)}
    fresh = services.visit_receive(
        user=world.supervisor_a, data=_input(dltv_school, rubric=new, scores=scores), photos=[]
    )
    assert fresh.visit.rubric == new
    assert not fresh.newer_rubric


def test_another_office_cannot_use_an_office_rubric(world: Any, dltv_school: Any) -> None:
    theirs = a_two_level_rubric(world.staff_z, world.office_z, "ของเขตอื่น")
    with pytest.raises(ValidationError, match="not one of this office"):
        services.visit_receive(
            user=world.supervisor_a,
            data=_input(dltv_school, rubric=theirs, scores={"1.1": services.ItemScore(2)}),
            photos=[],
        )


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"scale": [{"value": 1, "label": "ก"}]}, "2 to 6 levels"),
        ({"scale": [{"value": 1, "label": "ก"}, {"value": 3, "label": "ข"}]}, "highest first"),
        ({"sections": []}, "at least one section"),
        ({"bands": [{"min_percent": 50, "label": "ผ่าน"}]}, "down to 0"),
        ({"name": " "}, "has a name"),
    ],
)
def test_a_wrong_rubric_is_refused(world: Any, changes: dict[str, Any], message: str) -> None:
    values: dict[str, Any] = {
        "name": "แบบใหม่",
        "scale": [{"value": 3, "label": "มาก"}, {"value": 1, "label": "น้อย"}],
        "sections": [{"title": "ก", "items": ["ข"]}],
        "bands": [{"min_percent": 0, "label": "ผล"}],
    }
    with pytest.raises(ValidationError, match=message):
        services.rubric_save(
            user=world.staff_a, office_id=world.office_a.pk, **{**values, **changes}
        )
    assert not Rubric.objects.filter(office=world.office_a).exists()


def test_only_people_who_supervise_the_school_record_visits(world: Any, dltv_school: Any) -> None:
    for person in (world.coordinator_a, world.director_a, world.staff_z):
        with pytest.raises(PermissionDenied):
            services.visit_receive(user=person, data=_input(dltv_school), photos=[])
        with pytest.raises(PermissionDenied):
            services.visit_plan(user=person, school=dltv_school, planned_on=timezone.localdate())
    with pytest.raises(PermissionDenied):
        services.rubric_save(
            user=world.supervisor_a,
            office_id=world.office_a.pk,
            name="x",
            scale=[],
            sections=[],
            bands=[],
        )


def test_a_recorded_visit_cannot_be_cancelled(world: Any, dltv_school: Any) -> None:
    received = services.visit_receive(user=world.supervisor_a, data=_input(dltv_school), photos=[])
    with pytest.raises(ValidationError, match="cannot be cancelled"):
        services.visit_cancel(user=world.supervisor_a, visit=received.visit)
    planned = services.visit_plan(
        user=world.supervisor_a, school=dltv_school, planned_on=timezone.localdate()
    )
    with pytest.raises(ValidationError, match="already planned for that day"):
        services.visit_plan(user=world.staff_a, school=dltv_school, planned_on=timezone.localdate())
    services.visit_cancel(user=world.supervisor_a, visit=planned)
    assert Visit.objects.count() == 1
    with pytest.raises(ValidationError, match="today or a later day"):
        services.visit_plan(
            user=world.supervisor_a,
            school=dltv_school,
            planned_on=timezone.localdate() - timedelta(days=1),
        )


# --- Through the pages ----------------------------------------------------------------------------


def _post(rubric: Rubric, school: Any, key: str, **extra: str) -> dict[str, Any]:
    data = {
        "key": key,
        "school": str(school.pk),
        "rubric": str(rubric.pk),
        "visited_on": timezone.localdate().isoformat(),
        "grade": "p1",
        "informant": "นางมาลี",
        "findings": "ซ่อมโทรทัศน์ ป.1\n\n",
    }
    for item in rubric.items:
        data[f"score-{item['code']}"] = "2"
        data[f"evidence-{item['code']}"] = "มีใบงาน"
    return {**data, **extra}


def test_the_phone_sends_twice_and_gets_one_visit(world: Any, dltv_school: Any) -> None:
    client = world.client_for(world.supervisor_a)
    data = _post(_rubric(), dltv_school, str(uuid.uuid4()))
    url = reverse("supervision:visit_sync")
    first = client.post(url, data, HTTP_ACCEPT="application/json")
    second = client.post(url, data, HTTP_ACCEPT="application/json")
    assert first.status_code == second.status_code == 200
    assert first.json()["created"]
    assert not second.json()["created"]
    assert first.json()["url"] == second.json()["url"]
    visit = Visit.objects.get()
    assert visit.findings.get().text == "ซ่อมโทรทัศน์ ป.1"
    assert visit.scores["1.1"] == {"score": 2, "evidence": "มีใบงาน"}


def test_a_refused_send_answers_in_thai_and_keeps_nothing(world: Any, dltv_school: Any) -> None:
    client = world.client_for(world.supervisor_a)
    data = _post(_rubric(), dltv_school, str(uuid.uuid4()), **{"score-2.3": ""})
    response = client.post(reverse("supervision:visit_sync"), data, HTTP_ACCEPT="application/json")
    assert response.status_code == 400
    assert "ยังไม่ได้ให้คะแนน: 2.3" in " ".join(response.json()["errors"])
    assert not Visit.objects.exists()


def test_without_script_the_form_posts_and_shows_its_errors(world: Any, dltv_school: Any) -> None:
    client = world.client_for(world.supervisor_a)
    key = str(uuid.uuid4())
    data = _post(_rubric(), dltv_school, key, **{"score-1.1": "", "subject": "คณิตศาสตร์"})
    response = client.post(reverse("supervision:visit_sync"), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "ยังไม่ได้ให้คะแนน: 1.1" in page
    assert 'value="คณิตศาสตร์"' in page
    assert key in page
    response = client.post(reverse("supervision:visit_sync"), {**data, "score-1.1": "3"})
    visit = Visit.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("supervision:visit", args=[visit.pk])
    page = client.get(response["Location"]).content.decode()
    assert "บันทึกการนิเทศแล้ว" in page or "ส่งและบันทึก" in page


def test_the_pages_of_a_visit(world: Any, dltv_school: Any) -> None:
    client = world.client_for(world.supervisor_a)
    response = client.post(
        reverse("supervision:visits"),
        {"school": dltv_school.pk, "planned_on": timezone.localdate().isoformat()},
    )
    assert response.status_code == 302
    planned = Visit.objects.get()
    listing = client.get(reverse("supervision:visits")).content.decode()
    assert reverse("supervision:visit_record", args=[planned.pk]) in listing
    form = client.get(reverse("supervision:visit_record", args=[planned.pk]))
    assert form.status_code == 200
    assert str(planned.key) in form.content.decode()
    assert "ตอนที่ 2" in form.content.decode()
    services.visit_receive(
        user=world.supervisor_a, data=_input(dltv_school, key=planned.key), photos=[]
    )
    assert client.get(reverse("supervision:visit_record", args=[planned.pk])).status_code == 302
    detail = client.get(reverse("supervision:visit", args=[planned.pk])).content.decode()
    assert "ปรับมุมจานรับสัญญาณ" in detail
    pdf = client.get(reverse("supervision:visit_pdf", args=[planned.pk]))
    assert pdf.status_code == 200
    assert pdf.content.startswith(b"%PDF")
    worker = client.get(reverse("supervision:visit_worker"))
    assert worker["Content-Type"].startswith("text/javascript")
    assert client.get(reverse("supervision:visit_token")).json()["token"]


def test_a_school_coordinator_sees_only_their_school_s_visits(world: Any, dltv_school: Any) -> None:
    services.visit_receive(user=world.supervisor_a, data=_input(dltv_school), photos=[])
    classrooms_save(user=world.staff_a, school=world.school_b, periods={"p4": 5})
    theirs = services.visit_receive(user=world.supervisor_a, data=_input(world.school_b), photos=[])
    client = world.client_for(world.coordinator_a)
    assert client.get(reverse("supervision:visit", args=[theirs.visit.pk])).status_code == 404
    assert client.get(reverse("supervision:visit_new", args=[dltv_school.pk])).status_code == 404


def test_the_office_saves_its_rubric_as_a_new_version(world: Any) -> None:
    client = world.client_for(world.staff_a)
    page = client.get(reverse("supervision:rubric")).content.decode()
    assert "# ความพร้อมก่อนเริ่มใช้เทป" in page
    response = client.post(
        reverse("supervision:rubric"),
        {
            "name": "แบบของเขต",
            "scale": "3 | ดี | เห็นชัด\n2 | พอใช้\n1 | ปรับปรุง",
            "sections": "# การใช้สื่อ\nเปิดตรงเวลา\nนักเรียนทำใบงาน\n# สรุป\nสรุปบทเรียน",
            "bands": "80 | ดี\n0 | ปรับปรุง",
        },
    )
    assert response.status_code == 302
    rubric = Rubric.objects.get(office=world.office_a)
    assert [i["code"] for i in rubric.items] == ["1.1", "1.2", "2.1"]
    assert rubric.scale[0] == {"value": 3, "label": "ดี", "description": "เห็นชัด"}
    bad = client.post(
        reverse("supervision:rubric"),
        {"name": "x", "scale": "สาม | ดี", "sections": "ข้อแรก", "bands": "0 | ผล"},
    )
    assert "บรรทัด 1" in bad.content.decode()
    assert Rubric.objects.filter(office=world.office_a).count() == 1
    assert (
        world.client_for(world.supervisor_a).post(reverse("supervision:rubric"), {}).status_code
        == 403
    )


def test_refusals_answer_the_phone_in_json(world: Any, dltv_school: Any) -> None:
    url = reverse("supervision:visit_sync")
    data = _post(_rubric(), dltv_school, str(uuid.uuid4()))
    supervisor = world.client_for(world.supervisor_a)
    assert supervisor.post(url, data, HTTP_ACCEPT="application/json").status_code == 200
    conflict = supervisor.post(url, {**data, "subject": "อื่น"}, HTTP_ACCEPT="application/json")
    assert conflict.status_code == 409
    assert "บันทึกไว้แล้ว" in conflict.json()["errors"][0]
    other = world.client_for(world.staff_z).post(
        url, {**data, "key": str(uuid.uuid4())}, HTTP_ACCEPT="application/json"
    )
    assert other.status_code == 403
    assert other.json()["errors"]
    odd = supervisor.post(
        url,
        {**data, "key": str(uuid.uuid4()), "score-1.1": "²", "students_present": "12345678"},
        HTTP_ACCEPT="application/json",
    )
    assert odd.status_code == 400
    assert len(odd.json()["errors"]) == 2
    empty_day = supervisor.post(url, {**data, "visited_on": ""}, HTTP_ACCEPT="application/json")
    assert empty_day.json()["errors"] == ["วันที่นิเทศ: ต้องระบุ"]


def test_a_school_coordinator_reads_the_rubric_of_their_visits(
    world: Any, dltv_school: Any
) -> None:
    own = a_two_level_rubric(world.staff_a, world.office_a, "แบบของเขต")
    visit = services.visit_receive(
        user=world.supervisor_a,
        data=_input(dltv_school, rubric=own, scores={"1.1": services.ItemScore(2)}),
        photos=[],
    ).visit
    client = world.client_for(world.coordinator_a)
    assert client.get(reverse("supervision:visit", args=[visit.pk])).status_code == 200
    assert client.get(reverse("supervision:rubric_version", args=[own.pk])).status_code == 200
    assert (
        world.client_for(world.coordinator_b)
        .get(reverse("supervision:rubric_version", args=[own.pk]))
        .status_code
        == 404
    )


# --- Values refused with a message, never cut or dropped ------------------------------------------


def test_a_visit_is_planned_on_a_be_date_and_a_date_that_cannot_be_read_is_refused(
    world: Any, dltv_school: Any
) -> None:
    client = world.client_for(world.supervisor_a)
    url = reverse("supervision:visits")
    bad = client.post(url, {"school": dltv_school.pk, "planned_on": "31/02/2569"})
    assert bad.status_code == 200
    assert "24/11/2569" in bad.content.decode()  # the message shows how to write a date
    assert not Visit.objects.exists()
    tomorrow = timezone.localdate() + timedelta(days=1)
    be = f"{tomorrow.day:02d}/{tomorrow.month:02d}/{tomorrow.year + 543}"
    assert client.post(url, {"school": dltv_school.pk, "planned_on": be}).status_code == 302
    assert Visit.objects.get().planned_on == tomorrow
    page = client.get(url).content.decode()
    assert 'type="date"' not in page  # the B.E. date box, not the browser's Gregorian picker


def test_an_over_long_value_refuses_the_visit_instead_of_being_cut(
    world: Any, dltv_school: Any
) -> None:
    with pytest.raises(ValidationError, match="up to 200 characters"):
        services.visit_receive(
            user=world.supervisor_a, data=_input(dltv_school, subject="ข" * 201), photos=[]
        )
    client = world.client_for(world.supervisor_a)
    data = _post(_rubric(), dltv_school, str(uuid.uuid4()), informant="ก" * 201)
    response = client.post(reverse("supervision:visit_sync"), data, HTTP_ACCEPT="application/json")
    assert response.status_code == 400
    assert response.json()["errors"] == ["ผู้ให้ข้อมูล: ยาวได้ไม่เกิน 200 ตัวอักษร (ขณะนี้มี 201)"]
    assert not Visit.objects.exists()


def test_a_visit_day_is_typed_in_be(world: Any, dltv_school: Any) -> None:
    today = timezone.localdate()
    data = _post(_rubric(), dltv_school, str(uuid.uuid4()))
    data["visited_on"] = f"{today.day}/{today.month}/{today.year + 543}"
    response = world.client_for(world.supervisor_a).post(
        reverse("supervision:visit_sync"), data, HTTP_ACCEPT="application/json"
    )
    assert response.status_code == 200
    assert Visit.objects.get().visited_on == today
    form = world.client_for(world.supervisor_a).get(
        reverse("supervision:visit_new", args=[dltv_school.pk])
    )
    assert f'value="{today.day:02d}/{today.month:02d}/{today.year + 543}"' in form.content.decode()


def test_a_rubric_name_too_long_is_refused_not_cut(world: Any) -> None:
    client = world.client_for(world.staff_a)
    response = client.post(
        reverse("supervision:rubric"),
        {"name": "ก" * 201, "scale": "3 | ดี\n1 | ปรับปรุง", "sections": "# ก\nข", "bands": "0 | ผล"},
    )
    assert response.status_code == 200
    assert "200" in response.content.decode()
    assert not Rubric.objects.filter(office=world.office_a).exists()


def test_the_visit_pdf_prints_its_photos(world: Any, dltv_school: Any, tmp_path: Any) -> None:
    from dlict.core.testing.pdf import require, run
    from dlict.supervision.documents import visit_pdf

    require("pdfimages")
    photos = [
        services.PhotoInput(_photo("wide.jpg", (3000, 2000)), "นักเรียนทำใบงาน"),
        services.PhotoInput(_photo("tall.jpg", (600, 900)), ""),
    ]
    received = services.visit_receive(
        user=world.supervisor_a, data=_input(dltv_school), photos=photos
    )
    path = tmp_path / "visit.pdf"
    path.write_bytes(visit_pdf(received.visit))
    images = run("pdfimages", "-list", str(path)).splitlines()[2:]
    # Both printed, the large one no more than 1,600 pixels wide.
    assert [line.split()[3:5] for line in images] == [["1600", "1067"], ["600", "900"]]
    # A photo whose file has gone is left out; the visit still prints.
    VisitPhoto.objects.filter(caption="").update(file="visits/gone.jpg")
    path.write_bytes(visit_pdf(received.visit))
    assert len(run("pdfimages", "-list", str(path)).splitlines()[2:]) == 1


def test_the_visit_prints_in_thai_whatever_language_the_site_is_read_in(
    world: Any, dltv_school: Any
) -> None:
    """The tests here run in English; the form is the office's Thai form all the same."""
    from dlict.supervision.documents import visit_document

    received = services.visit_receive(
        user=world.supervisor_a, data=_input(dltv_school, reception="fair"), photos=[]
    )
    document = visit_document(received.visit)
    assert document["visit"]["term"].startswith("ภาคเรียนที่")
    assert ["คุณภาพการรับสัญญาณ", "ปานกลาง"] in document["context"]
