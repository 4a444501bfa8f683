"""The manual in the database is the manual's data, exactly."""

from typing import Any

import pytest

from dlict.processes.flowchart import flowchart_for
from dlict.processes.manual_data import manual, manual_load
from dlict.processes.models import Definition, Form, Process, ProcessForm, Step

pytestmark = pytest.mark.django_db


def test_the_manual_has_eleven_processes_sixty_seven_steps_and_ten_forms() -> None:
    assert Process.objects.count() == 11
    assert Step.objects.count() == 67
    assert Form.objects.count() == 10


def test_every_process_is_stored_as_the_manual_writes_it() -> None:
    for item in manual()["processes"]:
        process = Process.objects.get(code=item["code"])
        assert process.title == item["title_th"]
        assert process.short_name == (item.get("short_name") or "")
        assert process.objectives == item["objectives"]
        assert process.scope == item["scope_th"]
        assert process.references == item["references"]
        assert process.manual_number == item["manual_number"]
        steps = [(s.n, s.text, s.kind) for s in process.steps.order_by("n")]
        assert steps == [(s["n"], s["text_th"], s["kind"]) for s in item["steps"]]
        definitions = [(d.term, d.text) for d in process.definitions.order_by("order")]
        assert definitions == [(d["term_th"], d["text_th"]) for d in item["definitions"]]
        forms = [(link.n, link.form.key) for link in process.form_links.order_by("n")]
        assert forms == [(f["n"], f["key"]) for f in item["forms"]]


def test_forms_keep_their_thai_and_english_titles() -> None:
    for item in manual()["forms"]:
        form = Form.objects.get(key=item["key"])
        assert (form.title_th, form.title_en) == (item["title_th"], item["title_en"])
        linked = set(form.process_links.values_list("process__code", flat=True))
        assert linked == set(item["processes"])


def test_loading_the_manual_again_changes_nothing() -> None:
    from django.apps import apps

    before = (Process.objects.count(), Step.objects.count(), Definition.objects.count())
    manual_load(apps.get_model)
    after = (Process.objects.count(), Step.objects.count(), Definition.objects.count())
    assert before == after
    assert ProcessForm.objects.count() == 22


@pytest.mark.parametrize("code", [p["code"] for p in manual()["processes"]])
def test_every_process_has_a_flowchart_with_the_directors_loop_where_it_proposes(code: str) -> None:
    process = Process.objects.get(code=code)
    steps = list(process.steps.order_by("n"))
    chart = flowchart_for(steps)
    kinds = [node.kind for node in chart.nodes]
    assert kinds[0] == "start"
    assert kinds[-1] == "end"
    assert kinds.count("step") == len(steps)
    proposing = [s for s in steps if s.kind == "propose_to_director"]
    assert len(chart.loops) == len(proposing) == kinds.count("decision")
    for loop, step in zip(chart.loops, proposing, strict=True):
        assert loop.decision == f"d{step.n}"
        assert loop.back_to == f"s{step.n - 1}"  # back to the planning step before the proposal


def test_the_page_groups_the_loop_with_the_steps_it_returns_over(client: Any, world: Any) -> None:
    client.force_login(world.staff_a)
    response = client.get("/processes/manual/dl-1/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "flow-loop" in text
    assert "flow-decision" in text
    assert "ไม่เห็นชอบ / ส่งกลับแก้ไข" in text
    assert "เสนอแผนงาน ผอ.สพป./สพม." in text
