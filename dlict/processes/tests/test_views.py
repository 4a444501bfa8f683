"""The pages of the manual and the yearly projects, as each person uses them."""

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dlict.processes import services
from dlict.processes.models import PlanStatus, Project, StepProgress, StepStatus
from dlict.processes.tests.factories import a_plan, approved_project, project_for

pytestmark = pytest.mark.django_db


def test_anyone_logged_in_reads_the_manual(world: Any) -> None:
    client = world.client_for(world.teacher_a)
    response = client.get("/processes/manual/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "กระบวนการ ๑" in text
    assert "กระบวนการ ๖" in text
    assert text.count("/processes/manual/") >= 11


def test_a_process_lists_its_forms_by_their_thai_titles(world: Any) -> None:
    from dlict.processes.models import Process

    forms = [link.form for link in Process.objects.get(code="dl-1").form_links.all()]
    response = world.client_for(world.teacher_a).get("/processes/manual/dl-1/")

    text = response.content.decode()
    assert forms
    for form in forms:
        assert form.title_th in text
        assert form.title_en not in text


def test_in_english_a_process_shows_the_forms_english_titles_after_the_thai(world: Any) -> None:
    from django.conf import settings

    from dlict.processes.models import Process

    form = Process.objects.get(code="dl-1").form_links.first().form
    client = world.client_for(world.teacher_a)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    text = client.get("/processes/manual/dl-1/").content.decode()

    assert f'{form.title_th} <span class="muted">({form.title_en})</span>' in text


def test_an_unknown_process_is_not_found(world: Any) -> None:
    client = world.client_for(world.staff_a)
    assert client.get("/processes/manual/dl-99/").status_code == 404


def test_staff_start_the_year_with_a_project_for_every_process(world: Any) -> None:
    client = world.client_for(world.staff_a)
    response = client.post(
        "/processes/projects/start/", {"year": 2570, "office": world.office_a.pk}
    )
    assert response.status_code == 302
    projects = Project.objects.filter(office=world.office_a, fiscal_year=2570)
    assert projects.count() == 11
    assert StepProgress.objects.filter(project__in=projects).count() == 67
    # Starting again adds nothing.
    client.post("/processes/projects/start/", {"year": 2570, "office": world.office_a.pk})
    assert projects.count() == 11


def test_a_director_cannot_start_the_year(world: Any) -> None:
    client = world.client_for(world.director_a)
    response = client.post(
        "/processes/projects/start/", {"year": 2570, "office": world.office_a.pk}
    )
    assert response.status_code == 403
    assert not Project.objects.exists()


def test_the_year_page_lists_the_projects_without_a_query_per_row(world: Any) -> None:
    project_for(world.office_a, world.staff_a, year=2570)
    client = world.client_for(world.staff_a)
    client.get("/processes/projects/?year=2570")  # warm the session and caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/processes/projects/?year=2570")
    assert response.status_code == 200
    assert response.content.decode().count("/processes/projects/") >= 11
    assert len(queries) <= 12, [q["sql"] for q in queries]


def test_the_plan_form_saves_a_draft_and_sends_it(world: Any) -> None:
    project = project_for(world.office_a, world.staff_a, ready=True)
    client = world.client_for(world.staff_a)
    form = {
        "objectives-TOTAL_FORMS": 2, "objectives-INITIAL_FORMS": 0,
        "objectives-0-text": "ส่งเสริมการใช้ DLTV",
        "targets-TOTAL_FORMS": 2, "targets-INITIAL_FORMS": 0,
        "targets-0-target": "โรงเรียน DLTV", "targets-0-indicator": "ร้อยละที่รับชมได้",
        "targets-0-goal": "90",
        "timeline-TOTAL_FORMS": 2, "timeline-INITIAL_FORMS": 0,
        "timeline-0-activity": "นิเทศ", "timeline-0-start": "1/11/2568",
        "timeline-0-end": "28/2/2569",
        "budget": "15000", "budget_source": "งบดำเนินงาน",
        "submit": "1",
    }  # fmt: skip
    response = client.post(f"/processes/projects/{project.pk}/plan/", form)
    assert response.status_code == 302
    revision = project.revisions.get()
    assert revision.status == PlanStatus.SUBMITTED
    assert revision.timeline == [{"activity": "นิเทศ", "start": "2025-11-01", "end": "2026-02-28"}]


def test_a_half_filled_target_row_is_reported_and_nothing_is_saved(world: Any) -> None:
    project = project_for(world.office_a, world.staff_a)
    client = world.client_for(world.staff_a)
    form = {
        "objectives-TOTAL_FORMS": 1, "objectives-INITIAL_FORMS": 0, "objectives-0-text": "x",
        "targets-TOTAL_FORMS": 1, "targets-INITIAL_FORMS": 0, "targets-0-target": "ครบทุกโรง",
        "timeline-TOTAL_FORMS": 0, "timeline-INITIAL_FORMS": 0,
        "budget": "-5",
    }  # fmt: skip
    response = client.post(f"/processes/projects/{project.pk}/plan/", form)
    assert response.status_code == 200
    assert not project.revisions.exists()


def test_the_director_sees_the_queue_and_decides_from_it(world: Any) -> None:
    project = project_for(world.office_a, world.staff_a, title="งานทดสอบคิว", ready=True)
    services.plan_save(user=world.staff_a, project=project, plan=a_plan())
    revision = services.plan_submit(user=world.staff_a, project=project)
    client = world.client_for(world.director_a)
    queue = client.get("/processes/approvals/")
    assert "งานทดสอบคิว" in queue.content.decode()
    response = client.post(
        f"/processes/projects/{project.pk}/plan/decide/",
        {
            "revision": revision.pk,
            "submitted": revision.submitted_at.isoformat(),
            "decision": "return",
            "comment": "แก้งบประมาณ",
            "next": "queue",
        },
    )
    assert response["Location"] == "/processes/approvals/"
    revision.refresh_from_db()
    assert revision.status == PlanStatus.RETURNED
    again = client.post(
        f"/processes/projects/{project.pk}/plan/decide/",
        {
            "revision": revision.pk,
            "submitted": revision.submitted_at.isoformat(),
            "decision": "approve",
            "comment": "",
        },
        follow=True,
    )
    assert "ไม่ได้รอการพิจารณาแล้ว" in again.content.decode()
    revision.refresh_from_db()
    assert revision.status == PlanStatus.RETURNED


def test_staff_have_no_approval_queue(world: Any) -> None:
    assert world.client_for(world.staff_a).get("/processes/approvals/").status_code == 403


def test_a_step_done_out_of_order_is_refused_on_the_page_in_thai(world: Any) -> None:
    project = project_for(world.office_a, world.staff_a)
    client = world.client_for(world.staff_a)
    response = client.post(
        f"/processes/projects/{project.pk}/steps/2/", {"status": "done", "note": ""}
    )
    assert response.status_code == 200
    assert "ขั้นตอนก่อนหน้า" in response.content.decode()
    assert StepProgress.objects.get(project=project, step__n=2).status == StepStatus.NOT_STARTED


def test_the_project_page_shows_plan_steps_and_history(world: Any) -> None:
    project = approved_project(world.office_a, world.staff_a, world.director_a)
    response = world.client_for(world.director_a).get(f"/processes/projects/{project.pk}/")
    text = response.content.decode()
    assert response.status_code == 200
    assert "ร้อยละของห้องเรียนที่รับชมได้" in text
    assert "อนุมัติแล้ว" in text


def test_the_summary_report_downloads_as_pdf_and_xlsx(world: Any) -> None:
    project = approved_project(world.office_a, world.staff_a, world.director_a)
    client = world.client_for(world.staff_a)
    pdf = client.get(f"/processes/projects/{project.pk}/summary-report.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    xlsx = client.get(f"/processes/projects/{project.pk}/summary-report.xlsx")
    assert xlsx.status_code == 200
    from dlict.core.testing.walker import response_text

    assert "ร้อยละของห้องเรียนที่รับชมได้" in response_text(xlsx)


def test_the_annual_report_downloads_for_the_year(world: Any) -> None:
    approved_project(world.office_a, world.staff_a, world.director_a, year=2569)
    client = world.client_for(world.director_a)
    pdf = client.get("/processes/projects/annual-report.pdf?year=2569")
    assert pdf.content.startswith(b"%PDF")
    xlsx = client.get("/processes/projects/annual-report.xlsx?year=2569")
    from dlict.core.testing.walker import response_text

    text = response_text(xlsx)
    assert "กระบวนการ ๑" in text
    assert "อนุมัติแล้ว" in text


def test_ict_records_are_numbered_by_year_and_print(world: Any) -> None:
    client = world.client_for(world.staff_a)
    form = {
        "title": "ระบบจองห้องประชุม", "kind": "system", "unit": "สพป.", "started_on": "3/11/2568",
        "finished_on": "", "objective": "ลดการจองซ้ำ", "description": "พัฒนาระบบ",
        "budget": "0", "outcome": "", "users": "",
    }  # fmt: skip
    response = client.post(f"/processes/ict/add/?office={world.office_a.pk}", form)
    assert response.status_code == 302
    record = world.office_a.ict_developments.get()
    assert (record.fiscal_year, record.number) == (2569, 1)
    pdf = client.get(f"/processes/ict/{record.pk}/record.pdf")
    assert pdf.content.startswith(b"%PDF")
    report = client.get("/processes/ict/report.pdf?year=2569")
    assert report.content.startswith(b"%PDF")


def test_the_dashboard_shows_the_years_processes(world: Any) -> None:
    from dlict.processes.selectors import current_fiscal_year

    project_for(world.office_a, world.staff_a, year=current_fiscal_year())
    response = world.client_for(world.director_a).get("/")
    assert "กระบวนการ ๑" in response.content.decode()


@pytest.mark.parametrize(
    "url", ["/processes/projects/", "/processes/projects/annual-report.pdf", "/processes/ict/"]
)
def test_asking_for_another_offices_year_is_not_found(world: Any, url: str) -> None:
    client = world.client_for(world.staff_a)
    response = client.get(url, {"office": world.office_z.pk, "year": 2569})
    assert response.status_code == 404


def test_a_wrong_year_keeps_the_chosen_office(world: Any) -> None:
    client = world.client_for(world.national)
    response = client.get("/processes/projects/", {"office": world.office_z.pk, "year": "abc"})
    assert world.office_z.name_th in response.content.decode()


def test_the_printed_manual_has_every_flowchart_and_the_directors_loops(tmp_path: Any) -> None:
    from dlict.core.testing.pdf import require, run
    from dlict.processes.documents import manual_pdf

    require("pdftotext")
    path = tmp_path / "manual.pdf"
    path.write_bytes(manual_pdf())
    text = run("pdftotext", str(path), "-")
    assert text.count("(Flow Chart)") >= 11
    assert text.count("ไม่เห็นชอบ") == 6  # the processes that propose to the director
    for word in ("คำนำ", "สารบัญ", "ภาคผนวก", "งานจัดการศึกษาทางไกลผ่านดาวเทียม"):
        assert word in text
