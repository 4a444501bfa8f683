"""The director's approval in the browser: staff send a plan, the director returns it with a
comment from the queue, staff change it and send it again, the director approves it; staff change
the approved plan and the director approves the new revision; the page shows the whole history."""

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from dlict.processes import services
from dlict.processes.models import PlanStatus
from dlict.processes.tests.factories import a_plan, project_for

pytestmark = pytest.mark.browser

Login = Callable[[Page, str], None]


def test_director_returns_then_approves_a_plan(
    world: Any, browser: Any, page: Page, phone: Page, login: Login, live_server: Any
) -> None:
    project = project_for(
        world.office_a, world.staff_a, title="งาน DLTV ทดสอบเบราว์เซอร์", ready=True
    )
    services.plan_save(user=world.staff_a, project=project, plan=a_plan())

    # Staff send the plan from the project page.
    login(page, "staff_a")
    page.goto(f"{live_server.url}/processes/projects/{project.pk}/")
    page.get_by_role("button", name="เสนอผู้อำนวยการ").click()
    expect(page.locator(".messages")).to_contain_text("เสนอแผนงานต่อผู้อำนวยการแล้ว")

    # The director, on a phone, finds it in the queue and returns it with a comment.
    login(phone, "director_a")
    phone.goto(f"{live_server.url}/processes/approvals/")
    card = phone.locator("section.approval", has_text="งาน DLTV ทดสอบเบราว์เซอร์")
    card.get_by_role("button", name="ส่งกลับแก้ไข").click()
    expect(phone.locator(".messages")).to_contain_text("กรุณาระบุสิ่งที่ต้องแก้ไข")  # no comment
    card = phone.locator("section.approval", has_text="งาน DLTV ทดสอบเบราว์เซอร์")
    card.locator("textarea[name=comment]").fill("ขอเพิ่มตัวชี้วัดด้านการใช้งานของนักเรียน")
    card.get_by_role("button", name="ส่งกลับแก้ไข").click()
    expect(phone.locator(".messages")).to_contain_text("ส่งแผนงานกลับแก้ไขแล้ว")
    expect(phone.locator("main")).to_contain_text("ไม่มีแผนงานรอการพิจารณา")

    # Staff see the comment, add a target and send the plan again.
    page.goto(f"{live_server.url}/processes/projects/{project.pk}/")
    expect(page.locator("#plan")).to_contain_text("ขอเพิ่มตัวชี้วัดด้านการใช้งานของนักเรียน")
    page.get_by_role("link", name="แก้ไขแผนงาน").click()
    page.locator("[name='targets-1-target']").fill("นักเรียนเข้าชม DLTV สม่ำเสมอ")
    page.locator("[name='targets-1-indicator']").fill("ร้อยละของคาบที่รับชม")
    page.get_by_role("button", name="บันทึกและเสนอผู้อำนวยการ").click()
    expect(page.locator(".messages")).to_contain_text("เสนอแผนงานต่อผู้อำนวยการแล้ว")

    # The director approves it from the project page.
    phone.goto(f"{live_server.url}/processes/projects/{project.pk}/")
    phone.locator("#plan").get_by_role("button", name="อนุมัติ", exact=True).click()
    expect(phone.locator(".messages")).to_contain_text("อนุมัติแผนงานแล้ว")
    expect(phone.locator("#plan .badge")).to_have_text("อนุมัติแล้ว")

    history = phone.locator("#history")
    for action in ("จัดทำร่าง", "เสนอผู้อำนวยการ", "ส่งกลับแก้ไข", "แก้ไข", "อนุมัติแล้ว"):
        expect(history).to_contain_text(action)
    expect(history).to_contain_text("ขอเพิ่มตัวชี้วัดด้านการใช้งานของนักเรียน")
    revision = project.revisions.get()
    assert revision.status == PlanStatus.APPROVED
    assert len(revision.targets) == 2

    # Staff change the approved plan: it goes back to the director as revision 2, and the
    # approved one stays in force until the director approves the change.
    page.goto(f"{live_server.url}/processes/projects/{project.pk}/plan/")
    expect(page.locator("main")).to_contain_text("การแก้ไขจะเป็นฉบับใหม่")
    page.locator("[name='budget']").fill("20000")
    page.get_by_role("button", name="บันทึกและเสนอผู้อำนวยการ").click()
    expect(page.locator("#plan")).to_contain_text("ใช้แผนงานฉบับที่ 1 จนกว่าผู้อำนวยการจะอนุมัติฉบับที่ 2")
    phone.goto(f"{live_server.url}/processes/approvals/")
    phone.locator("section.approval").get_by_role("button", name="อนุมัติ", exact=True).click()
    expect(phone.locator(".messages")).to_contain_text("อนุมัติแผนงานแล้ว")
    statuses = dict(project.revisions.values_list("number", "status"))
    assert statuses == {1: PlanStatus.SUPERSEDED, 2: PlanStatus.APPROVED}
    phone.goto(f"{live_server.url}/processes/projects/{project.pk}/")
    expect(phone.locator("#history")).to_contain_text("ฉบับที่ 2")
    expect(phone.locator("#plan")).to_contain_text("20,000.00")
