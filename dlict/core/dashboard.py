"""The dashboard is a column of panels that apps contribute.

An app registers a function that receives the request and returns a panel (a template and its
context) or None when it has nothing for this user. Later modules (DLTV, training, service desk)
add their figures the same way.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest


@dataclass
class Panel:
    template: str
    context: dict[str, Any] = field(default_factory=dict)


PanelProvider = Callable[[HttpRequest], Panel | None]
_PROVIDERS: list[tuple[int, PanelProvider]] = []


def register_panel(order: int, provider: PanelProvider) -> None:
    if all(existing is not provider for _order, existing in _PROVIDERS):
        _PROVIDERS.append((order, provider))
        _PROVIDERS.sort(key=lambda pair: pair[0])


def panels_for(request: HttpRequest) -> list[Panel]:
    return [panel for _order, provider in _PROVIDERS if (panel := provider(request))]


# Pages of figures other than the home dashboard take sections from other modules the same way: the
# DLTV dashboard shows the supervision visits' coverage without knowing the visits app. A provider
# receives the request and the page's office (None: every office the person may see).
SectionProvider = Callable[[HttpRequest, Any], Panel | None]
_SECTIONS: dict[str, list[tuple[int, SectionProvider]]] = {}


def register_section(page: str, order: int, provider: SectionProvider) -> None:
    providers = _SECTIONS.setdefault(page, [])
    if all(existing is not provider for _order, existing in providers):
        providers.append((order, provider))
        providers.sort(key=lambda pair: pair[0])


def sections_for(page: str, request: HttpRequest, office: Any) -> list[Panel]:
    return [
        panel
        for _order, provider in _SECTIONS.get(page, [])
        if (panel := provider(request, office))
    ]
