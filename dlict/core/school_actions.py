"""Buttons on a school's page that lead into other modules (its DLTV set, …).

The school registry knows no module above it: a module registers its actions in its
``AppConfig.ready``, and the school page shows those the user may open::

    school_actions.register(
        school_actions.SchoolAction(
            label=_("DLTV set"),
            url_name="dltv:equipment",  # takes the school's pk
            allowed=lambda user, school: school.dltv and can(user, "dltv.view", school=school),
        )
    )

``allowed`` must answer exactly as the page it leads to does, so nobody meets a button that ends
in a refusal.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.functional import Promise


@dataclass(frozen=True)
class SchoolAction:
    label: Promise | str
    url_name: str
    allowed: Callable[[Any, Any], bool]


@dataclass(frozen=True)
class Link:
    label: Promise | str
    url: str


_ACTIONS: list[SchoolAction] = []


def register(action: SchoolAction) -> None:
    if action not in _ACTIONS:
        _ACTIONS.append(action)


def actions_for(user: Any, school: Any) -> list[Link]:
    """The registered actions ``user`` may open for ``school``, in the order of registration."""
    return [
        Link(action.label, reverse(action.url_name, kwargs={"pk": school.pk}))
        for action in _ACTIONS
        if action.allowed(user, school)
    ]
