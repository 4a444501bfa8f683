"""Thai by default, English on request, and back: on the login page and once signed in."""

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Locator, Page, expect

pytestmark = pytest.mark.browser

Login = Callable[[Page, str], None]


def button(page: Page, text: str) -> Locator:
    """The visible buttons labelled ``text`` (a page may hold a hidden copy, e.g. in the menu)."""
    return page.get_by_role("button", name=text, exact=True).filter(visible=True)


def switch_language(page: Page, button_text: str) -> None:
    """Press the language button and wait for the page it leads back to."""
    with page.expect_navigation():
        button(page, button_text).first.click()


def test_the_login_page_is_thai_and_switches_to_english_and_back(
    page: Page, live_server: Any, world: Any
) -> None:
    page.goto(f"{live_server.url}/login/")
    html = page.locator("html")
    heading = page.get_by_role("heading", level=1)

    expect(html).to_have_attribute("lang", "th")  # although the browser asks for English
    expect(heading).to_have_text("เข้าสู่ระบบ")

    switch_language(page, "English")
    expect(html).to_have_attribute("lang", "en")
    expect(heading).to_have_text("Log in")
    expect(page).to_have_url(f"{live_server.url}/login/")

    switch_language(page, "ภาษาไทย")
    expect(html).to_have_attribute("lang", "th")
    expect(heading).to_have_text("เข้าสู่ระบบ")


def test_signed_in_pages_switch_to_english_and_back(
    page: Page, live_server: Any, world: Any, login: Login
) -> None:
    login(page, "staff_a")
    html = page.locator("html")
    log_out = button(page, "Log out")
    any_log_out = page.get_by_role("button", name="Log out", include_hidden=True)
    expect(html).to_have_attribute("lang", "th")
    expect(button(page, "ออกจากระบบ").first).to_be_visible()
    expect(any_log_out).to_have_count(0)

    switch_language(page, "English")
    expect(html).to_have_attribute("lang", "en")
    expect(page).to_have_url(f"{live_server.url}/")  # back on the page where the switch was
    expect(log_out.first).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dashboard")

    # The choice sticks for the next pages.
    page.locator("#sidebar").get_by_role("link", name="School registry", exact=True).click()
    expect(page).to_have_url(f"{live_server.url}/schools/")
    expect(html).to_have_attribute("lang", "en")
    expect(log_out.first).to_be_visible()

    switch_language(page, "ภาษาไทย")
    expect(html).to_have_attribute("lang", "th")
    expect(page).to_have_url(f"{live_server.url}/schools/")
    expect(page.get_by_role("heading", level=1)).to_have_text("ทะเบียนโรงเรียน")
    expect(button(page, "ออกจากระบบ").first).to_be_visible()
    expect(any_log_out).to_have_count(0)
