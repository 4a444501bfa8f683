"""The school registry narrows its list as you type, without reloading the page."""

from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page, Response, expect

pytestmark = pytest.mark.browser

Login = Callable[[Page, str], None]


def query_of(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def is_search_for(text: str) -> Callable[[Response], bool]:
    def check(response: Response) -> bool:
        return (
            urlsplit(response.url).path == "/schools/"
            and query_of(response.url).get("q") == [text]
            and response.request.headers.get("hx-request") == "true"
        )

    return check


def test_typing_in_the_search_box_narrows_the_list_in_place(
    page: Page, live_server: Any, world: Any, login: Login
) -> None:
    login(page, "staff_a")
    page.goto(f"{live_server.url}/schools/")
    results = page.locator("#school-results")
    expect(results).to_contain_text("บ้านห้วยทราย")
    expect(results).to_contain_text("บ้านลับบีบี")  # same office: staff see it
    expect(results).not_to_contain_text("บ้านลับแซดแซด")  # another office
    page.evaluate("window.notReloaded = true")  # gone if the whole page were loaded again

    with page.expect_response(is_search_for("ห้วย")) as search:
        page.locator('input[name="q"]').press_sequentially("ห้วย")
    assert search.value.ok

    expect(results.locator("tbody tr")).to_have_count(1)
    expect(results).to_contain_text("บ้านห้วยทราย")
    expect(results).not_to_contain_text("บ้านลับบีบี")
    page.wait_for_url(lambda url: query_of(url).get("q") == ["ห้วย"])
    assert page.evaluate("window.notReloaded") is True
    expect(page.locator('input[name="q"]')).to_have_value("ห้วย")
