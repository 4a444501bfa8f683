"""The side navigation, grouped by the two work areas of the operations manual.

Apps register their entries in ``AppConfig.ready``; an entry shows only to users who hold its
permission, so nobody meets a link that leads to a refusal. Pages open to everyone (open data) are
registered as public links, which the about page lists.
"""

from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from dlict.core.scoping import can, scope_of

# The manual's Part 1: ๑ งานส่งเสริมการจัดการศึกษาทางไกล, ๒ งานข้อมูลสารสนเทศเพื่อการบริหารและการจัดการศึกษา.
AREAS: list[tuple[str, Promise]] = [
    ("dl", _("Promoting distance education")),
    ("info", _("Information for administration and education")),
    ("office", _("Office administration")),
]


@dataclass(frozen=True)
class NavItem:
    area: str
    label: Promise | str
    url_name: str
    permission: str | None = None
    query: str = ""
    office_only: bool = False  # hidden from users who belong only to a school
    superuser_only: bool = False

    def url(self) -> str:
        path = reverse(self.url_name)
        return f"{path}?{self.query}" if self.query else path


_ITEMS: list[NavItem] = []


@dataclass(frozen=True)
class PublicLink:
    label: Promise | str
    url_name: str

    def url(self) -> str:
        return reverse(self.url_name)


_PUBLIC: list[PublicLink] = []


def register_public(*links: PublicLink) -> None:
    for link in links:
        if link not in _PUBLIC:
            _PUBLIC.append(link)


def public_links() -> list[PublicLink]:
    return list(_PUBLIC)


def register(*items: NavItem) -> None:
    for item in items:
        if item not in _ITEMS:
            _ITEMS.append(item)


def visible_items(user: Any) -> list[NavItem]:
    if not getattr(user, "is_authenticated", False):
        return []
    scope = scope_of(user)
    return [
        item
        for item in _ITEMS
        if (item.permission is None or can(user, item.permission))
        and not (item.office_only and scope.is_school_only)
        and not (item.superuser_only and not user.is_superuser)
    ]


def menu_for(user: Any, current_path: str, current_query: str) -> list[dict[str, Any]]:
    """The areas with the entries this user may open, marking the entry of the current page.

    When several entries lead to the same page (the registry, and the registry filtered to DLTV
    schools), the one whose query matches most of the current query is the current one.
    """
    items = visible_items(user)
    current = set(parse_qsl(current_query))
    matching = [
        item
        for item in items
        if reverse(item.url_name) == current_path and set(parse_qsl(item.query)) <= current
    ]
    active = max(matching, key=lambda item: len(item.query), default=None)
    menu = []
    for key, title in AREAS:
        entries = [
            {"label": item.label, "url": item.url(), "active": item == active}
            for item in items
            if item.area == key
        ]
        if entries:
            menu.append({"key": key, "title": title, "entries": entries})
    return menu
