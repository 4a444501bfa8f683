"""The audit trail reads as Thai sentences: who did what to which record and when, then each change
as "field: before → after" with labels, choices, B.E. dates, yes/no, lists and names."""

import re
from datetime import UTC, datetime
from typing import Any

from auditlog.context import set_actor
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils.html import strip_tags

from dlict.core import audit
from dlict.core.models import AuditEntry
from dlict.processes.models import PlanRevision, Process
from dlict.processes.tests.factories import approved_project
from dlict.schools.models import School
from dlict.schools.services import school_update
from dlict.schools.tests.factories import NetworkGroupFactory

# 14:05 in Bangkok on 24 November 2026 (B.E. 2569).
AT = datetime(2026, 11, 24, 7, 5, tzinfo=UTC)


def _trail(world: Any, **params: Any) -> str:
    """The trail as its reader sees it: text only, blocks apart, spaces collapsed."""
    page = world.client_for(world.admin_a).get(reverse("core:audit"), params)
    assert page.status_code == 200
    html = re.sub(r"</?(?:p|li|ul|ol|div|section)\b[^>]*>", " ", page.content.decode())
    return re.sub(r"\s+", " ", strip_tags(html))


def _entry(world: Any, model: Any, action: int, changes: dict[str, Any], **fields: Any) -> Any:
    """An entry as django-auditlog (or a bulk write) stores it, for the shapes a service cannot
    easily make."""
    return AuditEntry.objects.create(
        content_type=ContentType.objects.get_for_model(model),
        object_pk="1",
        object_id=1,
        object_repr=fields.pop("name", "บันทึกทดสอบ"),
        action=action,
        changes=changes,
        actor=fields.pop("actor", world.staff_a),
        additional_data={"office_id": world.office_a.pk, **fields.pop("data", {})},
        timestamp=AT,
    )


def test_a_change_reads_as_a_sentence_with_choices_yes_no_and_names(world: Any) -> None:
    group = NetworkGroupFactory(office=world.office_a, name="กลุ่มเครือข่ายดอยสะเก็ด")
    with set_actor(world.staff_a):
        school_update(
            user=world.staff_a,
            school=world.school_a,
            values={"phone": "053-111111", "dltv": True, "size": School.Size.MEDIUM},
            group_name=group.name,
        )
    AuditEntry.objects.filter(object_pk=str(world.school_a.pk)).update(timestamp=AT)

    text = _trail(world)

    name = world.staff_a.display_name
    assert f"{name} แก้ไขข้อมูลโรงเรียน บ้านห้วยทราย 24 พ.ย. 2569 14:05 น." in text
    assert "โทรศัพท์: (ว่าง) → 053-111111" in text
    assert "ใช้ DLTV: ไม่ใช่ → ใช่" in text
    assert "กลุ่มเครือข่าย: กลุ่มเครือข่ายเอ → กลุ่มเครือข่ายดอยสะเก็ด" in text
    assert "→ ขนาดกลาง (121–600 คน)" in text
    for english in ("update", "create", "True", "False", "None", "medium", "Recorded by"):
        assert english not in text


def test_an_added_record_lists_its_values_without_the_empty_ones(world: Any) -> None:
    _entry(
        world,
        School,
        AuditEntry.Action.CREATE,
        {"name_th": [None, "บ้านใหม่"], "kind": [None, "primary"], "phone": [None, ""]},
        name="บ้านใหม่",
    )

    text = _trail(world)

    assert f"{world.staff_a.display_name} เพิ่มข้อมูลโรงเรียน บ้านใหม่" in text
    assert "ชื่อภาษาไทย: บ้านใหม่" in text
    assert "ประเภท: โรงเรียนประถมศึกษา" in text
    assert "โทรศัพท์" not in text.split("บ้านใหม่", 1)[1]


def test_a_deleted_record_shows_what_it_held(world: Any) -> None:
    _entry(
        world,
        School,
        AuditEntry.Action.DELETE,
        {"name_th": ["บ้านเก่า", None], "dltv": [True, None]},
        name="บ้านเก่า",
    )

    text = _trail(world)

    assert "ลบข้อมูลโรงเรียน บ้านเก่า" in text
    assert "ใช้ DLTV: ใช่" in text


def test_dates_and_datetimes_read_in_be_and_bangkok_time(world: Any) -> None:
    project = approved_project(world.office_a, world.staff_a, world.director_a)
    revision = project.revisions.get()
    _entry(
        world,
        PlanRevision,
        AuditEntry.Action.UPDATE,
        # As auditlog keeps them: a datetime in UTC without its zone; money as a decimal string.
        {"decided_at": [None, "2026-12-07 19:56:49.544987"], "budget": ["15000.00", "20000"]},
        name=str(revision),
    )
    _entry(
        world,
        type(project),
        AuditEntry.Action.UPDATE,
        {"order_date": ["2026-10-15", "2026-11-01"]},
        name="โครงการ 2026-10-01",
    )

    text = _trail(world)

    assert "วันที่พิจารณา: (ว่าง) → 8 ธ.ค. 2569 02:56 น." in text
    assert "งบประมาณ: 15,000.00 → 20,000.00" in text
    assert "วันที่ของคำสั่ง: 15 ต.ค. 2569 → 1 พ.ย. 2569" in text
    assert "โครงการ 1 ต.ค. 2569" in text  # an ISO date inside a record's name, too
    assert "2026-" not in text


def test_lists_read_as_items_added_and_removed_not_as_python(world: Any) -> None:
    _entry(
        world,
        PlanRevision,
        AuditEntry.Action.UPDATE,
        {
            "objectives": [["เพื่อพัฒนาครู", "เพื่อจัดหาสื่อ"], ["เพื่อพัฒนาครู", "เพื่อนิเทศ"]],
            # A JSON field recorded as the text of a Python literal (a bulk write, older entries).
            "targets": [
                "[{'target': 'ครูทุกคน', 'indicator': 'ร้อยละที่ผ่านอบรม', 'goal': '80'}]",
                "[]",
            ],
            "timeline": [
                [],
                [{"activity": "อบรม", "start": "2026-11-01", "end": ""}],
            ],
        },
    )

    text = _trail(world)

    assert "วัตถุประสงค์: เพิ่ม เพื่อนิเทศ นำออก เพื่อจัดหาสื่อ" in text
    assert "เป้าหมายและตัวชี้วัด: นำออก ครูทุกคน · ร้อยละที่ผ่านอบรม · 80" in text
    assert "ระยะเวลาดำเนินการ: เพิ่ม อบรม · 1 พ.ย. 2569" in text
    for raw in ("[", "{", "'target'", "2026-11-01"):
        assert raw not in text


def test_many_to_many_changes_and_long_lists_are_summed_up(world: Any) -> None:
    names = [f"แบบบันทึกที่ {n}" for n in range(1, 9)]
    _entry(
        world,
        Process,
        AuditEntry.Action.UPDATE,
        {"forms": {"type": "m2m", "operation": "add", "objects": names}},
    )

    text = _trail(world)

    assert "แบบฟอร์ม: เพิ่ม แบบบันทึกที่ 1 เพิ่ม แบบบันทึกที่ 2" in text
    assert "เพิ่ม แบบบันทึกที่ 5" in text
    assert "แบบบันทึกที่ 6" not in text
    assert "และอีก 3 รายการ" in text
    assert "m2m" not in text


def test_long_text_is_shortened(world: Any) -> None:
    _entry(world, School, AuditEntry.Action.UPDATE, {"address_line": ["", "ก" * 500]})

    text = _trail(world)

    assert "ก" * 100 in text
    assert "ก" * 200 not in text
    assert "…" in text


def test_an_event_reads_with_its_label_and_details(world: Any, monkeypatch: Any) -> None:
    monkeypatch.setattr(audit, "_EVENTS", {})
    audit.register_event(
        "tests.students_import",
        "นำเข้าข้อมูลนักเรียน",
        details={"file": "ไฟล์", "schools": "โรงเรียนที่เปลี่ยน"},
    )
    with set_actor(world.staff_a):
        audit.audit_event(
            "tests.students_import",
            actor=world.staff_a,
            office_id=world.office_a.pk,
            instance=world.school_a,
            details={"file": "students.xlsx", "schools": 1200},
        )

    text = _trail(world)

    name = world.staff_a.display_name
    assert f"{name} นำเข้าข้อมูลนักเรียน บ้านห้วยทราย: ไฟล์ students.xlsx, โรงเรียนที่เปลี่ยน 1,200" in text


def test_the_filter_names_actions_and_kinds_in_thai_in_dictionary_order(world: Any) -> None:
    for school in (world.school_a, world.school_b):
        school_update(user=world.staff_a, school=school, values={"phone": "053-000000"})
    approved_project(world.office_a, world.staff_a, world.director_a)
    page = world.client_for(world.admin_a).get(reverse("core:audit")).content.decode()

    action_select = page.split('name="action"')[1].split("</select>")[0]
    actions = re.findall(r'<option value="\d">([^<]+)</option>', action_select)
    assert actions == ["เพิ่ม", "แก้ไข", "ลบ"]
    kinds_select = page.split('name="model"')[1].split("</select>")[0]
    kinds = re.findall(r'<option value="\d+">([^<]+)</option>', kinds_select)
    assert "โรงเรียน" in kinds
    from dlict.core.thai import thai_sort_key

    assert kinds == sorted(kinds, key=thai_sort_key)
    assert kinds != sorted(kinds)  # โรงเรียน sorts under ร, not after every other kind


def test_every_audited_field_has_a_thai_label(db: Any) -> None:
    """A field declared without a verbose name would show Django's English ("recorded by")."""
    from auditlog.registry import auditlog
    from django.utils import translation

    with translation.override("th"):
        for model in auditlog.get_models():
            included = auditlog.get_model_fields(model)["include_fields"]
            kind = ContentType.objects.get_for_model(model)
            for field in model._meta.concrete_fields:
                if field.name not in included or not field.editable:
                    continue
                entry = AuditEntry(content_type=kind, action=1, changes={field.name: ["", "1"]})
                label = audit.entry_changes(entry)[0].label
                assert not re.fullmatch(r"[A-Za-z _-]+", label), (model, field.name, label)
