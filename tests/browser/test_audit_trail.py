"""On a phone the audit trail reads down the screen: each entry's changes are listed under it,
inside the screen's width, however long the values are."""

from collections.abc import Callable
from typing import Any

import pytest
from auditlog.context import set_actor
from playwright.sync_api import Page, expect

from dlict.processes import services
from dlict.processes.tests.factories import a_plan, project_for
from dlict.schools.services import school_update

pytestmark = pytest.mark.browser

Login = Callable[[Page, str], None]
PHONE_WIDTH = 360

LONG_WORDS = "การพัฒนาปรับปรุงและประยุกต์ใช้เทคโนโลยีสารสนเทศเพื่อการศึกษาทางไกล" * 3


def _long_changes(world: Any) -> None:
    with set_actor(world.staff_a):
        school_update(
            user=world.staff_a,
            school=world.school_a,
            values={
                "address_line": LONG_WORDS,
                "website": "https://huaysai.example.org/" + "a" * 150,
                "director_name": "นายสมชาย ใจดีมากเป็นพิเศษยิ่งกว่าผู้ใดในอำเภอนี้",
                "dltv": True,
            },
        )
        project = project_for(world.office_a, world.staff_a, ready=True)
        services.plan_save(
            user=world.staff_a,
            project=project,
            plan=a_plan(objectives=[LONG_WORDS, "เพื่อให้ครู" + LONG_WORDS]),
        )


def _out_of_screen(page: Page, selector: str) -> list[str]:
    """The texts of ``selector`` that reach past the screen's right edge (or hide in a box that
    scrolls sideways)."""
    return list(
        page.locator(selector).evaluate_all(
            """(nodes, width) => nodes
                .filter(node => node.getBoundingClientRect().right > width + 1)
                .map(node => node.textContent.trim().slice(0, 60))""",
            PHONE_WIDTH,
        )
    )


def test_the_trail_fits_a_phone_with_long_changes(
    phone: Page, live_server: Any, world: Any, login: Login
) -> None:
    _long_changes(world)
    login(phone, "admin_a")

    phone.goto(f"{live_server.url}/audit/")

    expect(phone.locator("main .changes li").first).to_be_attached()
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE_WIDTH
    assert _out_of_screen(phone, "main .changes li") == []
    entry = phone.locator(".audit-entry", has_text="บ้านห้วยทราย").first
    expect(entry).to_contain_text("แก้ไขข้อมูลโรงเรียน")
    expect(entry.locator(".changes")).to_contain_text("ใช้ DLTV: ไม่ใช่ → ใช่")
    expect(phone.locator(".audit-entry", has_text="วัตถุประสงค์").first).to_be_visible()
    assert _out_of_screen(phone, "main .audit-line") == []


def test_a_schools_history_fits_a_phone(
    phone: Page, live_server: Any, world: Any, login: Login
) -> None:
    _long_changes(world)
    login(phone, "admin_a")

    phone.goto(f"{live_server.url}/schools/{world.school_a.pk}/")

    history = phone.locator("section", has=phone.get_by_role("heading", name="ประวัติการแก้ไข"))
    expect(history.locator(".changes li").first).to_be_attached()
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE_WIDTH
    assert _out_of_screen(phone, "main .changes li") == []
    expect(history).to_contain_text("ใช้ DLTV: ไม่ใช่ → ใช่")
