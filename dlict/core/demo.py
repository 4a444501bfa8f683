"""The demo installation, put together by the apps: each registers its part in ``AppConfig.ready``.

::

    from dlict.core import demo

    demo.register(
        demo.DemoPart(
            name="dltv",
            after=("schools",),
            loaded=dltv_demo.demo_classrooms_exist,
            load=dltv_demo.load_demo_dltv,
            message="Loaded the demo office's DLTV classrooms and use.",
        )
    )

``manage.py load_demo`` loads every part that is not loaded yet, each after the parts it names in
``after`` (and otherwise in the order the apps registered them), so a module added after a demo was
loaded fills in its part of it. It then prints every part's ``notes`` (the demo logins).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class DemoPart:
    name: str
    load: Callable[[], None]
    loaded: Callable[[], bool]
    message: str  # printed after loading, in English like the rest of manage.py's output
    after: tuple[str, ...] = ()
    notes: Callable[[], list[str]] | None = None  # printed on every run


_PARTS: list[DemoPart] = []


def register(part: DemoPart) -> None:
    if any(existing.name == part.name for existing in _PARTS):
        if part in _PARTS:
            return
        raise ImproperlyConfigured(f"Two demo parts are called {part.name!r}.")
    _PARTS.append(part)


def parts() -> list[DemoPart]:
    """Every part, each after the parts it depends on; otherwise in the order of registration."""
    names = {part.name for part in _PARTS}
    for part in _PARTS:
        unknown = set(part.after) - names
        if unknown:
            raise ImproperlyConfigured(
                f"The demo part {part.name!r} needs {', '.join(sorted(unknown))}, which no app "
                "registered."
            )
    ordered: list[DemoPart] = []
    waiting = list(_PARTS)
    while waiting:
        done = {part.name for part in ordered}
        ready = next((part for part in waiting if set(part.after) <= done), None)
        if ready is None:
            cycle = ", ".join(part.name for part in waiting)
            raise ImproperlyConfigured(f"The demo parts {cycle} wait for each other.")
        ordered.append(ready)
        waiting.remove(ready)
    return ordered
