"""A school coordinator sees their own school, and nothing of the schools around it."""

from typing import Any

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

OWN_SCHOOL = "บ้านห้วยทราย"
FOREIGN_SCHOOLS = ("บ้านลับบีบี", "บ้านลับแซดแซด")


def assert_no_foreign_school(page: Page) -> None:
    html = page.content()
    for name in FOREIGN_SCHOOLS:
        assert name not in html, f"{name} leaked into {page.url}"


def test_a_coordinator_sees_their_own_school_on_the_dashboard(
    page: Page, live_server: Any, world: Any, login: Any
) -> None:
    login(page, "coordinator_a")

    expect(page.locator("html")).to_have_attribute("lang", "th")
    expect(page.get_by_role("heading", level=1)).to_have_text("ภาพรวม")
    expect(page.locator("main")).to_contain_text(OWN_SCHOOL)
    assert_no_foreign_school(page)


def test_a_coordinator_finds_only_their_own_school_in_the_registry(
    page: Page, live_server: Any, world: Any, login: Any
) -> None:
    login(page, "coordinator_a")
    page.goto(f"{live_server.url}/schools/")

    expect(page.get_by_role("heading", level=1)).to_have_text("ทะเบียนโรงเรียน")
    rows = page.locator("#school-results tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text(OWN_SCHOOL)
    assert_no_foreign_school(page)


def test_a_coordinator_opening_another_school_gets_not_found(
    page: Page, live_server: Any, world: Any, login: Any
) -> None:
    login(page, "coordinator_a")
    response = page.goto(f"{live_server.url}/schools/{world.school_b.pk}/")

    assert response is not None
    assert response.status == 404
    expect(page.locator("html")).to_have_attribute("lang", "th")
    expect(page.locator("a.btn[href='/']")).to_be_visible()  # the 404 page's way back
    assert_no_foreign_school(page)

    # The same address for their own school opens it: the 404 is about scope, not the URL.
    response = page.goto(f"{live_server.url}/schools/{world.school_a.pk}/")
    assert response is not None
    assert response.status == 200
    expect(page.get_by_role("heading", level=1)).to_contain_text(OWN_SCHOOL)
