"""Lists in forms (the working group, a plan's objectives, targets and timeline) grow in the page:
"Add a row" gives a new blank row, and rows added so are saved with the rest in one go."""

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from dlict.processes.models import CommitteeMember
from dlict.processes.tests.factories import project_for

pytestmark = pytest.mark.browser

Login = Callable[[Page, str], None]


def test_two_working_group_rows_added_in_the_page_are_saved_at_once(
    page: Page, live_server: Any, world: Any, login: Login
) -> None:
    project = project_for(world.office_a, world.staff_a)
    login(page, "staff_a")
    page.goto(f"{live_server.url}/processes/projects/{project.pk}/edit/")

    rows = page.locator("[data-formset=members] .row-card")
    expect(rows).to_have_count(2)  # the blank rows a new list starts with
    expect(page.locator("[data-formset=members] [data-formset-hint]")).to_be_hidden()
    add = page.locator("[data-formset=members]").get_by_role("button", name="เพิ่มแถว")
    add.click()
    add.click()
    expect(rows).to_have_count(4)
    expect(page.locator("#id_members-3-name")).to_be_focused()

    people = [
        ("นายประเสริฐ ปัญญาวงศ์", "chair"),
        ("นางอรุณี อินทร์แก้ว", "member"),
        ("นายสุริยา ทองคำ", "member"),
        ("นางสาวกาญจนา ศรีสุข", "secretary"),
    ]
    for index, (name, role) in enumerate(people):
        page.locator(f"#id_members-{index}-name").fill(name)
        page.locator(f"#id_members-{index}-role").select_option(role)
    page.get_by_role("button", name="บันทึก", exact=True).click()

    expect(page.locator(".messages")).to_contain_text("บันทึก")
    saved = list(CommitteeMember.objects.filter(project=project).values_list("name", "role"))
    assert saved == people


def test_a_plan_gains_two_timeline_rows_in_the_page(
    page: Page, live_server: Any, world: Any, login: Login
) -> None:
    project = project_for(world.office_a, world.staff_a)
    login(page, "staff_a")
    page.goto(f"{live_server.url}/processes/projects/{project.pk}/plan/")

    timeline = page.locator("[data-formset=timeline]")
    timeline.get_by_role("button", name="เพิ่มแถว").click()
    timeline.get_by_role("button", name="เพิ่มแถว").click()
    expect(timeline.locator(".row-card")).to_have_count(4)

    activities = ["ประชุมคณะทำงาน", "จัดซื้ออุปกรณ์", "นิเทศติดตาม", "สรุปผล"]
    for index, activity in enumerate(activities):
        page.locator(f"#id_timeline-{index}-activity").fill(activity)
        page.locator(f"#id_timeline-{index}-start").fill(f"0{index + 1}/11/2568")
    page.locator("#id_budget").fill("1000")
    page.get_by_role("button", name="บันทึกร่าง").click()

    expect(page.locator("#plan")).to_contain_text("สรุปผล")
    revision = project.revisions.get()
    assert [row["activity"] for row in revision.timeline] == activities
    assert revision.timeline[3]["start"] == "2025-11-04"
