"""On a phone the side navigation is a drawer behind the menu button; no page scrolls sideways."""

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

Login = Callable[[Page, str], None]
PHONE_WIDTH = 360


def page_width(page: Page) -> int:
    return int(page.evaluate("document.documentElement.scrollWidth"))


def test_the_menu_button_opens_the_navigation_on_a_phone(
    phone: Page, live_server: Any, world: Any, login: Login
) -> None:
    login(phone, "staff_a")
    menu = phone.locator(".topbar [data-nav-toggle]")
    sidebar = phone.locator("#sidebar")
    registry = sidebar.locator('a[href="/schools/"]')

    expect(phone.get_by_role("heading", level=1)).to_be_visible()
    assert page_width(phone) <= PHONE_WIDTH
    expect(menu).to_be_visible()
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(sidebar).not_to_be_in_viewport()
    expect(registry).not_to_be_in_viewport()

    menu.tap()
    expect(menu).to_have_attribute("aria-expanded", "true")
    expect(sidebar).to_be_in_viewport()
    expect(registry).to_be_in_viewport(ratio=1)
    expect(registry).to_have_text("ทะเบียนโรงเรียน")

    registry.tap()
    expect(phone).to_have_url(f"{live_server.url}/schools/")
    expect(phone.get_by_role("heading", level=1)).to_have_text("ทะเบียนโรงเรียน")
    expect(phone.locator("#school-results")).to_contain_text("บ้านห้วยทราย")
    expect(sidebar).not_to_be_in_viewport()  # closed again on the new page
    assert page_width(phone) <= PHONE_WIDTH
