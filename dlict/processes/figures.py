"""The one extension point through which each module puts its figures into the reports.

The operations summary report of a project and the annual report show, beside the plan and its
progress, the year's figures of the work itself: DLTV use, supervision visits, trainees, tickets…
A module adds them by registering a provider for the process it serves, in its ``AppConfig.ready``::

    from dlict.processes import figures

    def dltv_figures(office, fiscal_year):
        return figures.FigureSection(title="การใช้งาน DLTV", items=[("โรงเรียนที่รายงาน", 120), ...])

    figures.register("dl-1", dltv_figures)

A provider receives the office and the B.E. fiscal year and returns a section (or None when it has
nothing for that year). It must only read that office's rows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Sum
from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from dlict.schools.models import Office


@dataclass
class FigureSection:
    title: str
    items: list[tuple[str, Any]] = field(default_factory=list)


FigureProvider = Callable[["Office", int], FigureSection | None]
_PROVIDERS: dict[str, list[FigureProvider]] = {}


def register(process_code: str, provider: FigureProvider) -> None:
    providers = _PROVIDERS.setdefault(process_code, [])
    if provider not in providers:
        providers.append(provider)


def figures_for(office: Office, fiscal_year: int, process_code: str) -> list[FigureSection]:
    sections = (provider(office, fiscal_year) for provider in _PROVIDERS.get(process_code, []))
    return [section for section in sections if section is not None]


def ict_development_figures(office: Office, fiscal_year: int) -> FigureSection | None:
    from dlict.processes.models import IctDevelopment

    totals = IctDevelopment.objects.filter(office=office, fiscal_year=fiscal_year).aggregate(
        count=Count("pk"), budget=Sum("budget")
    )
    if not totals["count"]:
        return None
    return FigureSection(
        title=_("ICT development records"),
        items=[
            (_("Pieces of work recorded"), totals["count"]),
            (_("Budget (baht)"), totals["budget"]),
        ],
    )
