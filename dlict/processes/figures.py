"""The processes app's own figures for the reports (info-4: ICT development records)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Count, Sum
from django.utils.translation import gettext as _

from dlict.core.figures import FigureSection

if TYPE_CHECKING:
    from dlict.schools.models import Office


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
