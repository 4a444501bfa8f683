"""What a plan's new revision changes in the one in force, for the director to read before deciding
(the labels are English here: processes' tests run in English; the pages are checked in Thai)."""

import re
from typing import Any

from django.urls import reverse
from django.utils.html import strip_tags

from dlict.processes import services
from dlict.processes.selectors import PlanCell, PlanRowChange, plan_changes
from dlict.processes.tests.factories import a_plan, approved_project

TARGET = {"target": "โรงเรียน DLTV ทุกโรง", "indicator": "ร้อยละของห้องเรียน", "goal": "ร้อยละ 90"}
ACTIVITY = {"activity": "นิเทศติดตาม", "start": "2025-11-01", "end": "2026-02-28"}
BEFORE = {
    "objectives": ["เพื่อใช้ DLTV ครบทุกห้อง", "เพื่อซ่อมจานรับสัญญาณ"],
    "targets": [TARGET],
    "budget": "15000.00",
    "budget_source": "งบดำเนินงาน สพป.",
    "timeline": [ACTIVITY],
}


def _parts(after: dict[str, Any], before: dict[str, Any] = BEFORE) -> dict[str, Any]:
    return {part.part: part.rows for part in plan_changes(before, after)}


def test_the_same_plan_has_no_changes() -> None:
    assert plan_changes(BEFORE, dict(BEFORE)) == []


def test_objectives_added_removed_and_reworded() -> None:
    after = {
        **BEFORE,
        "objectives": ["เพื่อใช้ DLTV ครบทุกห้องเรียน", "เพื่อพัฒนาครูปลายทาง"],
    }
    rows = _parts(after)["objectives"]
    assert rows == (
        PlanRowChange("changed", "เพื่อใช้ DLTV ครบทุกห้อง", "เพื่อใช้ DLTV ครบทุกห้องเรียน"),
        # Written over with something else: one removed, one added, not "changed".
        PlanRowChange("added", "", "เพื่อพัฒนาครูปลายทาง"),
        PlanRowChange("removed", "เพื่อซ่อมจานรับสัญญาณ", ""),
    )
    only_added = _parts({**BEFORE, "objectives": [*BEFORE["objectives"], "เพื่อพัฒนาครู"]})
    assert only_added["objectives"] == (PlanRowChange("added", "", "เพื่อพัฒนาครู"),)
    only_removed = _parts({**BEFORE, "objectives": BEFORE["objectives"][1:]})
    assert only_removed["objectives"] == (PlanRowChange("removed", "เพื่อใช้ DLTV ครบทุกห้อง", ""),)


def test_a_targets_goal_changed_is_named_by_its_target_with_the_cell_before_and_after() -> None:
    new_target = {"target": "ครูทุกคน", "indicator": "ร้อยละที่ผ่านอบรม", "goal": "80"}
    after = {**BEFORE, "targets": [{**TARGET, "goal": "ร้อยละ 95"}, new_target]}

    changed, added = _parts(after)["targets"]

    assert changed.kind == "changed"
    assert changed.cells[0] == PlanCell("Target", TARGET["target"], TARGET["target"])
    assert [cell.label for cell in changed.cells if cell.changed] == ["Goal value"]
    assert changed.cells[2] == PlanCell("Goal value", "ร้อยละ 90", "ร้อยละ 95")
    assert added.kind == "added"
    assert [cell.after for cell in added.cells] == ["ครูทุกคน", "ร้อยละที่ผ่านอบรม", "80"]


def test_budget_source_and_timeline_dates() -> None:
    after = {
        **BEFORE,
        "budget": "20000",
        "budget_source": "งบอุดหนุน",
        "timeline": [{**ACTIVITY, "end": "2026-03-31"}],
    }
    parts = _parts(after)

    assert parts["budget"] == (PlanRowChange("changed", "15000.00", "20000.00"),)
    assert parts["budget_source"] == (PlanRowChange("changed", "งบดำเนินงาน สพป.", "งบอุดหนุน"),)
    (activity,) = parts["timeline"]
    assert [cell for cell in activity.cells if cell.changed] == [
        PlanCell("To", "2026-02-28", "2026-03-31", is_date=True)
    ]
    assert _parts({**BEFORE, "budget": "15000"}) == {}  # the same amount, written otherwise


def test_table_rows_are_matched_by_name_when_one_is_removed_and_another_added() -> None:
    meeting = {"activity": "ประชุมคณะทำงาน", "start": "2025-10-01", "end": ""}
    report = {"activity": "สรุปและรายงานผล", "start": "2026-08-17", "end": "2026-09-29"}
    training = {"activity": "อบรมครูปลายทาง", "start": "2026-01-15", "end": "2026-01-16"}
    before = {**BEFORE, "timeline": [meeting, ACTIVITY, report]}
    after = {**BEFORE, "timeline": [meeting, {**report, "end": "2026-09-30"}, training]}

    rows = _parts(after, before)["timeline"]

    assert [row.kind for row in rows] == ["changed", "added", "removed"]
    assert rows[0].cells[0].after == "สรุปและรายงานผล"
    assert [(c.before, c.after) for c in rows[0].cells if c.changed] == [
        ("2026-09-29", "2026-09-30")
    ]
    assert rows[1].cells[0].after == "อบรมครูปลายทาง"
    assert rows[2].cells[0].before == "นิเทศติดตาม"


def test_a_part_the_snapshot_gains_later_is_shown_too() -> None:
    parts = plan_changes(BEFORE, {**BEFORE, "risks": "ฝนตกหนัก"})
    assert [(part.part, part.rows) for part in parts] == [
        ("risks", (PlanRowChange("changed", "", "ฝนตกหนัก"),))
    ]


def _text(response: Any) -> str:
    html = re.sub(
        r"</?(?:p|li|ul|ol|div|section|h\d|summary)\b[^>]*>", " ", response.content.decode()
    )
    return re.sub(r"\s+", " ", strip_tags(html))


def _revision_2(world: Any) -> Any:
    project = approved_project(world.office_a, world.staff_a, world.director_a)
    targets = [{**a_plan().targets[0], "goal": "ร้อยละ 95"}]
    services.plan_save(
        user=world.staff_a, project=project, plan=a_plan(targets=targets, budget=20000)
    )
    services.plan_submit(user=world.staff_a, project=project)
    return project


def test_the_director_sees_what_revision_2_changes_before_deciding(world: Any) -> None:
    project = _revision_2(world)
    director = world.client_for(world.director_a)

    page = _text(director.get(reverse("processes:project", args=[project.pk])))
    queue = _text(director.get(reverse("processes:approvals")))

    for text in (page, queue):
        assert "สิ่งที่ฉบับที่ 2 เปลี่ยนจากฉบับที่ 1" in text
        assert "ค่าเป้าหมาย: ร้อยละ 90 → ร้อยละ 95" in text
        assert "งบประมาณ แก้ไข 15,000.00 บาท → 20,000.00 บาท" in text
    assert "สิ่งที่เปลี่ยนจากฉบับที่ 1" in page  # in the history, under the sending


def test_a_first_plan_shows_no_comparison(world: Any) -> None:
    project = approved_project(world.office_a, world.staff_a, world.director_a)

    page = _text(
        world.client_for(world.director_a).get(reverse("processes:project", args=[project.pk]))
    )

    assert "เปลี่ยนจากฉบับที่" not in page
