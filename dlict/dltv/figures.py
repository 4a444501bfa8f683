"""DLTV's figures in the operations summary report and the annual report (process dl-1)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _

from dlict.core.figures import FigureSection
from dlict.core.thai import fiscal_year_range
from dlict.dltv.models import Equipment, EquipmentStatus, RepairRequest, UsageRollup
from dlict.dltv.selectors import rate_text

if TYPE_CHECKING:
    from dlict.schools.models import Office


def dltv_figures(office: Office, fiscal_year: int) -> FigureSection | None:
    """The office's DLTV schools, the periods they watched of those planned in the fiscal year
    (from the monthly rollups), the schools that recorded nothing in it, the receivers and TVs by
    state today, and the repair requests the year's records opened. None for a year with
    neither records nor DLTV schools."""
    from dlict.schools.models import School

    start, end = fiscal_year_range(fiscal_year)
    rollups = UsageRollup.objects.filter(office=office, month__gte=start, month__lte=end)
    totals = rollups.aggregate(
        planned=Sum("planned"), watched=Sum("watched"), schools=Count("school", distinct=True)
    )
    dltv_schools = School.objects.filter(office=office, dltv=True).count()
    if not dltv_schools and not totals["planned"]:
        return None
    planned, watched = totals["planned"] or 0, totals["watched"] or 0
    kit = Equipment.objects.filter(school__office=office, kind__in=["receiver", "tv"]).aggregate(
        working=Count("pk", filter=Q(status=EquipmentStatus.WORKING)),
        broken=Count("pk", filter=Q(status=EquipmentStatus.BROKEN)),
    )
    repairs = RepairRequest.objects.filter(office=office, reported_on__range=(start, end))
    return FigureSection(
        title=_("DLTV use"),
        items=[
            (_("DLTV schools"), dltv_schools),
            (_("Schools that recorded their use"), totals["schools"]),
            (_("Periods planned"), planned),
            (_("Periods watched"), watched),
            (
                _("Periods watched of those planned (%)"),
                rate_text(100 * watched / planned if planned else None),
            ),
            (_("Receivers and TVs working"), kit["working"]),
            (_("Receivers and TVs broken"), kit["broken"]),
            (_("Repair requests opened"), repairs.count()),
            (
                _("Repair requests still open"),
                repairs.filter(status=RepairRequest.Status.OPEN).count(),
            ),
        ],
    )
