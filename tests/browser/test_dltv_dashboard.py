"""The DLTV dashboard in a browser: an office's tables fit a phone and a desktop, and a national
administrator moves between the whole country and one office."""

import re
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from dlict.core.calendar import school_days
from dlict.dltv import services
from dlict.dltv.models import Equipment

pytestmark = pytest.mark.browser

Login = Callable[[Page, str], None]


def _page_width(page: Page) -> int:
    return int(page.evaluate("document.documentElement.scrollWidth"))


@pytest.fixture
def used(world: Any) -> Any:
    """Schools A, B and Z teach four grades with DLTV; A recorded its last two weeks."""
    grades = ("p1", "p2", "p3", "p4")
    for school in (world.school_a, world.school_b, world.school_z):
        staff = world.staff_z if school == world.school_z else world.staff_a
        services.classrooms_save(user=staff, school=school, periods=dict.fromkeys(grades, 5))
    Equipment.objects.create(school=world.school_a, kind="tv", grade="p1", status="broken")
    services.equipment_tally_refresh(world.office_a.pk)
    today = timezone.localdate()
    days = school_days([today - timedelta(days=n) for n in range(14)], set())
    entries = [
        services.Entry(day=day, grade=grade, planned=5, watched=4)
        for day in days
        for grade in grades
    ]
    services.usage_week_save(user=world.staff_a, school=world.school_a, entries=entries)
    return world


@pytest.mark.parametrize("screen", ["page", "phone"])
def test_an_office_dashboard_shows_its_tables_without_scrolling_sideways(
    used: Any, login: Login, live_server: Any, screen: str, request: pytest.FixtureRequest
) -> None:
    browser_page: Page = request.getfixturevalue(screen)
    width = browser_page.viewport_size["width"] if browser_page.viewport_size else 0
    login(browser_page, "staff_a")
    browser_page.goto(f"{live_server.url}/dltv/")
    expect(browser_page.get_by_role("heading", level=1)).to_have_text("การใช้งาน DLTV")
    main = browser_page.locator("main")
    # By month × grade, not reporting, equipment, by network group, by school: each downloadable;
    # and the supervision visits' open findings.
    expect(main.locator('a[href^="/dltv/export/"]')).to_have_count(5)
    expect(main.locator('a[href^="/dltv/open-findings.xlsx"]')).to_have_count(1)
    expect(main).to_contain_text("กลุ่มเครือข่ายเอ")
    expect(main).to_contain_text("บ้านลับบีบี")  # school B has not reported
    expect(main).to_contain_text("มีแต่ชำรุด")
    expect(main).not_to_contain_text("ลับแซดแซด")
    assert _page_width(browser_page) <= width


def test_a_national_administrator_moves_between_the_country_and_one_office(
    used: Any, page: Page, login: Login, live_server: Any
) -> None:
    login(page, "national")
    page.goto(f"{live_server.url}/dltv/")
    office = page.locator("#id_office")
    expect(office).to_have_value("")
    main = page.locator("main")
    expect(main.locator('a[href^="/dltv/export/by-office.xlsx"]')).to_be_visible()
    expect(main).to_contain_text("สพป.ลับแซด เขต 9")  # a row of the table by office
    expect(main).not_to_contain_text("บ้านลับบีบี")  # no list of schools for the whole country

    office.select_option(str(used.office_a.pk))  # choosing reloads the page
    expect(page).to_have_url(re.compile(rf"office={used.office_a.pk}$"))
    expect(office).to_have_value(str(used.office_a.pk))
    expect(main).to_contain_text("บ้านลับบีบี")
    expect(main.locator('a[href^="/dltv/export/by-school.xlsx"]')).to_be_visible()
    expect(main.locator('a[href^="/dltv/export/by-office.xlsx"]')).to_have_count(0)

    office.select_option("")
    expect(page).to_have_url(re.compile(r"office=$"))
    expect(main.locator('a[href^="/dltv/export/by-office.xlsx"]')).to_be_visible()
