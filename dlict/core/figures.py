"""The one extension point through which each module puts its figures into the reports.

The operations summary report of a project and the annual report show, beside the plan and its
progress, the year's figures of the work itself: DLTV use, supervision visits, trainees, tickets…
A module adds them by registering a provider for the process it serves, in its ``AppConfig.ready``::

    from dlict.core import figures

    def dltv_figures(office, fiscal_year):
        return figures.FigureSection(_("DLTV use"), [(_("Schools reporting"), 120), ...])

    figures.register("dl-1", dltv_figures)

A provider receives the office and the B.E. fiscal year and returns a section (or None when it has
nothing for that year). It must only read that office's rows. The operations summary report
of a process and the annual report print every section registered for the process.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass
class FigureSection:
    title: str
    items: list[tuple[str, Any]] = field(default_factory=list)


FigureProvider = Callable[[Any, int], FigureSection | None]
_PROVIDERS: dict[str, list[FigureProvider]] = {}


def register(process_code: str, provider: FigureProvider) -> None:
    providers = _PROVIDERS.setdefault(process_code, [])
    if provider not in providers:
        providers.append(provider)


def figures_for(office: Any, fiscal_year: int, process_code: str) -> list[FigureSection]:
    sections = (provider(office, fiscal_year) for provider in _PROVIDERS.get(process_code, []))
    return [section for section in sections if section is not None]
