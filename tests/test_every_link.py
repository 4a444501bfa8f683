"""Every link on every page, followed as each demo person: none leads to a refusal.

A link that works for office staff was a 403 for the director and a 404 for a teacher: a page
showed a link its reader may not open. Here each demo account walks the demo office from the
dashboard, following every link of every page it reaches (each kind of page a few times, with
different arguments), and no link may answer 403, 404 or a server error.
"""

from __future__ import annotations

import html
import re
from collections import Counter, deque
from collections.abc import Iterator
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import Resolver404, resolve

from dlict.accounts.models import User

# The demo's accounts (dlict/schools/demo.py), one of each role.
ROLES = ["national", "admin", "staff", "director", "supervisor", "coordinator", "coordinator2",
         "teacher"]  # fmt: skip
# Each kind of page (URL name) is opened this many times at most, with different arguments.
PER_PAGE = 3
HREF = re.compile(r'\bhref="([^"]*)"')
# Not pages of the product: files served as they are, and the language switch (a form).
SKIPPED = ("/static/", "/media/", "/i18n/", "/logout/")


@pytest.fixture(scope="module")
def demo(django_db_setup: Any, django_db_blocker: Any) -> Iterator[None]:
    """The demo installation, loaded once for the module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", stdout=_Quiet())
        yield
        transaction.set_rollback(True)


class _Quiet:
    def write(self, text: str) -> None:
        """The command's printed logins are not wanted here."""


def _links(page: str, base: str) -> list[str]:
    found = []
    for raw in HREF.findall(page):
        href = html.unescape(raw)
        if href.startswith(("#", "mailto:", "tel:", "javascript:")):
            continue
        url = urlsplit(urljoin(base, href))
        if url.netloc not in ("", "testserver"):
            continue  # another site (OpenStreetMap, the DLTV foundation)
        path = url.path + (f"?{url.query}" if url.query else "")
        if not path.startswith(SKIPPED):
            found.append(path)
    return found


def _kind(path: str) -> str:
    try:
        match = resolve(urlsplit(path).path)
    except Resolver404:
        return path
    return match.view_name or match.route


def walk(client: Client) -> tuple[list[tuple[str, str, int]], int]:
    """Follow every link from the dashboard; the links that lead to a refusal, and the number of
    pages opened."""
    seen: set[str] = set()
    opened: Counter[str] = Counter()
    queue: deque[tuple[str, str]] = deque([("/", "(start)")])
    refused = []
    while queue:
        path, came_from = queue.popleft()
        kind = _kind(path)
        if path in seen or opened[kind] >= PER_PAGE:
            continue
        seen.add(path)
        opened[kind] += 1
        response = client.get(path, follow=True)
        if response.status_code in (403, 404) or response.status_code >= 500:
            refused.append((came_from, path, response.status_code))
            continue
        if response.get("Content-Type", "").startswith("text/html"):
            final = response.redirect_chain[-1][0] if response.redirect_chain else path
            page = response.content.decode("utf-8", errors="replace")
            queue.extend((link, final) for link in _links(page, final) if link not in seen)
    return refused, sum(opened.values())


@pytest.mark.django_db
@pytest.mark.parametrize("username", ROLES)
def test_no_link_leads_a_demo_person_to_a_refusal(demo: None, username: str) -> None:
    client = Client()
    client.force_login(User.objects.get(username=username))
    refused, opened = walk(client)
    assert opened > 5, f"{username} reached only {opened} pages"
    report = "\n".join(
        f"{status} {path}  (linked from {origin})" for origin, path, status in refused
    )
    assert not refused, f"{username} meets links that refuse:\n{report}"
