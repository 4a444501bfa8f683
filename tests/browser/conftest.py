"""Fixtures for the browser tests: Playwright driving Debian's Chromium against the live server.

Chromium is never downloaded. Without /usr/bin/chromium the browser tests are skipped, unless
DLICT_REQUIRE_BROWSER=1 (as in CI), where a missing browser is an error.

The live server makes every test transactional: the database is emptied after each one, and with
it what migrations loaded: Thailand's provinces, districts and sub-districts, the operations manual,
the DLTV problem categories and the shipped observation rubric. The factories need Chiang Mai,
imports the sub-districts and projects the manual's processes, so they are loaded again before
each browser test, and once more after each browser module, for the tests that run next in the
same process (xdist hands out files by size, so a database test may follow a browser file).

Playwright's sync API keeps its event loop marked as running in the test's thread between calls, so
Django would refuse ORM calls there ("async context"); the check is relaxed while Playwright runs.
"""

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, Playwright, expect, sync_playwright

from dlict.core.testing.reference import reload_reference_data

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 360, "height": 740}
PASSWORD = "correct-horse-battery"  # UserFactory's
TIMEOUT_MS = 10_000

# The browser asks for English: the product is Thai first and must not follow Accept-Language.
BROWSER_LOCALE = "en-US"

Login = Callable[[Page, str], None]


@pytest.hookimpl(trylast=True)  # after pytest-django has sorted the database tests first
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Browser tests last, so other tests do not run beside Playwright's loop. (With xdist's
    ``--dist loadfile``, files are handed out by size and this order is not kept.)"""
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)


def pytest_runtest_setup(item: pytest.Item) -> None:
    """Before any fixture (the database, the live server) is set up for a browser test."""
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing (Debian's chromium package)"
        if os.environ.get("DLICT_REQUIRE_BROWSER") == "1":
            pytest.fail(f"DLICT_REQUIRE_BROWSER=1 but {message}", pytrace=False)
        pytest.skip(message)


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            yield playwright


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    browser = playwright.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=LAUNCH_ARGS
    )
    yield browser
    browser.close()


def _new_page(browser: Browser, **options: Any) -> Iterator[Page]:
    context = browser.new_context(locale=BROWSER_LOCALE, **options)
    context.set_default_timeout(TIMEOUT_MS)
    yield context.new_page()
    context.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh desktop browser window (no cookies) for one test."""
    yield from _new_page(browser, viewport=DESKTOP)


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    """A fresh phone-sized touch screen for one test."""
    yield from _new_page(browser, viewport=PHONE, is_mobile=True, has_touch=True)


@pytest.fixture(scope="module", autouse=True)
def _divisions_left_behind(django_db_blocker: Any) -> Iterator[None]:
    """After the module's last test (and the emptying of the database), reload the divisions."""
    yield
    with django_db_blocker.unblock():
        reload_reference_data()


@pytest.fixture(autouse=True)
def _divisions(transactional_db: Any) -> None:
    reload_reference_data()


@pytest.fixture
def login(live_server: Any) -> Login:
    """``login(page, username)``: sign in through the real login form, landing on the dashboard."""

    def _login(page: Page, username: str) -> None:
        page.goto(f"{live_server.url}/login/")
        page.locator("#id_username").fill(username)
        page.locator("#id_password").fill(PASSWORD)
        page.locator("form:has(#id_password) button[type=submit]").click()
        expect(page).to_have_url(f"{live_server.url}/")

    return _login


@pytest.fixture(scope="session", autouse=True)
def _end_server_sessions(django_db_setup: Any, django_db_blocker: Any) -> Iterator[None]:
    """The live server's request threads may still hold PostgreSQL sessions when the test
    database is dropped; end them first so the drop succeeds."""
    yield
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
