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
