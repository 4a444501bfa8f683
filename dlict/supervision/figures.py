"""Supervision's figures in the operations summary report and the annual report (process dl-1)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Count
from django.utils.translation import gettext as _

from dlict.core.figures import FigureSection
from dlict.core.thai import fiscal_year_range
from dlict.supervision.models import Finding, Visit

if TYPE_CHECKING:
    from dlict.schools.models import Office


def supervision_figures(office: Office, fiscal_year: int) -> FigureSection | None:
    """The visits recorded in the fiscal year, the schools they reached, the findings they raised
    and how many of those were resolved by a later visit; None for a year without visits."""
    start, end = fiscal_year_range(fiscal_year)
    visits = Visit.objects.filter(
        office=office, status=Visit.Status.RECORDED, visited_on__range=(start, end)
    )
    counts = visits.aggregate(n=Count("pk"), schools=Count("school", distinct=True))
    if not counts["n"]:
        return None
    raised = Finding.objects.filter(visit__in=visits)
    return FigureSection(
        title=_("Supervision visits"),
        items=[
            (_("Visits recorded"), counts["n"]),
            (_("Schools visited"), counts["schools"]),
            (_("Findings raised"), raised.count()),
            (
                _("Of them, resolved at a later visit"),
                raised.filter(resolved_in__isnull=False).count(),
            ),
        ],
    )
