"""DLTV's figures in the operations summary report and the annual report (process dl-1)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from dlict.core.figures import FigureSection
from dlict.core.thai import fiscal_year as thai_fiscal_year
from dlict.core.thai import fiscal_year_range
from dlict.dltv.models import Equipment, EquipmentStatus, RepairRequest, UsageRollup
from dlict.dltv.selectors import rate_text

if TYPE_CHECKING:
    from dlict.schools.models import Office


def dltv_figures(office: Office, fiscal_year: int) -> FigureSection | None:
    """The periods the office's DLTV schools watched of those planned in the fiscal year (from
    the monthly rollups), the schools that recorded, and the repair requests the year's records
    opened. For the fiscal year under way, also the DLTV schools and the receivers and TVs by
    state: the registry and the equipment keep only today's state, which is no past year's.
    None for a year with nothing to show."""
    from dlict.schools.models import School

    start, end = fiscal_year_range(fiscal_year)
    rollups = UsageRollup.objects.filter(office=office, month__gte=start, month__lte=end)
    totals = rollups.aggregate(
        planned=Sum("planned"), watched=Sum("watched"), schools=Count("school", distinct=True)
    )
    planned, watched = totals["planned"] or 0, totals["watched"] or 0
    under_way = fiscal_year == thai_fiscal_year(timezone.localdate())
    dltv_schools = School.objects.filter(office=office, dltv=True).count() if under_way else 0
    if not planned and not dltv_schools:
        return None
    repairs = RepairRequest.objects.filter(office=office, reported_on__range=(start, end))
    items: list[tuple[str, object]] = []
    if under_way:
        items.append((_("DLTV schools"), dltv_schools))
    items += [
        (_("Schools that recorded their use"), totals["schools"]),
        (_("Periods planned"), planned),
        (_("Periods watched"), watched),
        (
            _("Periods watched of those planned (%)"),
            rate_text(100 * watched / planned if planned else None),
        ),
    ]
    if under_way:
        kit = Equipment.objects.filter(
            school__office=office, kind__in=["receiver", "tv"]
        ).aggregate(
            working=Count("pk", filter=Q(status=EquipmentStatus.WORKING)),
            broken=Count("pk", filter=Q(status=EquipmentStatus.BROKEN)),
        )
        items += [
            (_("Receivers and TVs working"), kit["working"]),
            (_("Receivers and TVs broken"), kit["broken"]),
        ]
    items += [
        (_("Repair requests opened"), repairs.count()),
        (_("Repair requests still open"), repairs.filter(status=RepairRequest.Status.OPEN).count()),
    ]
    return FigureSection(title=_("DLTV use"), items=items)
