from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, QueryDict
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from dlict.core import thai
from dlict.core.exports import export_response
from dlict.core.http import Request, parse_id
from dlict.core.scoping import can, get_visible_or_404
from dlict.core.thai import MONTHS_TH_SHORT, academic_year, academic_year_range, be_year
from dlict.dltv import services
from dlict.dltv.calendar import next_month
from dlict.dltv.exports import ByMonthExporter, BySchoolExporter, NotReportingExporter
from dlict.dltv.models import (
    DLTV_GRADES,
    DltvClassroom,
    DltvSetup,
    Equipment,
    EquipmentChange,
    EquipmentSource,
    EquipmentStatus,
    RepairRequest,
    UsageRecord,
    UsageRollup,
    ViewingChannel,
)
from dlict.dltv.selectors import (
    not_reporting,
    problem_choices,
    recording_schools,
    top_problems,
    usage_by_month,
    usage_by_school,
    week_grid,
)
from dlict.schools.models import Office, School


def _day(text: str | None, default: date) -> date:
    try:
        return date.fromisoformat(text or "")
    except ValueError:
        return default


def _number(text: str | None) -> int:
    """A count typed in a box; anything else is -1, which the service refuses with a message."""
    text = (text or "").strip()
    return int(text) if text.isdigit() and len(text) < 3 else -1


def _entries(data: QueryDict, grid: list, school_id: int) -> list[services.Entry]:
    entries = []
    for day in grid:
        if not day.open or data.get(f"save-{day.day.isoformat()}") != "on":
            continue
        for cell in day.cells:
            key = f"{day.day.isoformat()}-{cell.grade}"
            entries.append(
                services.Entry(
                    day=day.day,
                    grade=cell.grade,
                    planned=_number(data.get(f"planned-{key}")),
                    watched=_number(data.get(f"watched-{key}")),
                    problem_id=parse_id(data.get(f"problem-{key}")),
                    note=(data.get(f"note-{key}") or "").strip(),
                )
            )
    return entries


@login_required
@require_http_methods(["GET", "POST"])
def week(request: Request) -> HttpResponse:
    """A whole week of a school's DLTV use on one screen: every grade, every school day."""
    schools = recording_schools(request.user)
    school = schools.filter(pk=parse_id(request.GET.get("school")) or 0).first() or schools.first()
    if school is None:
        raise PermissionDenied
    today = timezone.localdate()
    shown = _day(request.GET.get("week"), today)
    grid = week_grid(school, shown, today)
    errors: list[str] = []
    if request.method == "POST":
        try:
            result = services.usage_week_save(
                user=request.user, school=school, entries=_entries(request.POST, grid, school.pk)
            )
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(
                request,
                _("Saved: %(saved)d records, %(unchanged)d unchanged.")
                % {"saved": result.saved, "unchanged": result.unchanged}
                + (
                    " " + _("%(n)d repair requests opened.") % {"n": result.repairs_opened}
                    if result.repairs_opened
                    else ""
                ),
            )
            url = reverse("dltv:week")
            return redirect(f"{url}?school={school.pk}&week={grid[0].day.isoformat()}")
    monday = grid[0].day
    return render(
        request,
        "dltv/week.html",
        {
            "school": school,
            "schools": schools if schools.count() > 1 else None,
            "grid": grid,
            "errors": errors,
            "problems": problem_choices(school),
            "previous": (monday - timedelta(days=7)).isoformat(),
            "next": (monday + timedelta(days=7)).isoformat()
            if monday + timedelta(days=7) <= today
            else None,
        },
    )


def _months(year_start: date, today: date) -> list[date]:
    """The months of the academic year so far (from May), the latest last."""
    months: list[date] = []
    month = year_start.replace(day=1)
    while month <= today and len(months) < 12:
        months.append(month)
        month = next_month(month)
    return months


def _office(request: Request) -> tuple[Office, Any]:
    """The office whose figures are shown (one the person may see), and the choices."""
    if not can(request.user, "dltv.view"):
        raise PermissionDenied
    offices = Office.objects.with_office_permission(request.user, "dltv.view").order_by("code")
    office = offices.filter(pk=parse_id(request.GET.get("office")) or 0).first() or offices.first()
    if office is None:
        raise PermissionDenied
    return office, offices


def _figures(request: Request, office: Office) -> dict[str, Any]:
    """Every table of the dashboard. All but the silent schools and the problems come from the
    monthly rollups."""
    today = timezone.localdate()
    start, _end = academic_year_range(academic_year(today))
    months = _months(start, today)
    rollups = UsageRollup.objects.visible_to(request.user).filter(office=office)
    records = UsageRecord.objects.visible_to(request.user).filter(office=office)
    schools = School.objects.visible_to(request.user).filter(office=office)
    month = months[-1] if months else today.replace(day=1)
    return {
        "grades": DLTV_GRADES,
        "by_month": [
            {
                "label": f"{MONTHS_TH_SHORT[row.month.month - 1]} {be_year(row.month.year)}",
                "rates": [row.rate(code) for code, _label in DLTV_GRADES],
                "total": row.rate(),
            }
            for row in usage_by_month(rollups, months)
        ],
        "by_school": usage_by_school(rollups, month),
        "month": f"{MONTHS_TH_SHORT[month.month - 1]} {be_year(month.year)}",
        "not_reporting": not_reporting(schools, records, today),
        "problems": top_problems(records, month),
        "repairs": RepairRequest.objects.visible_to(request.user)
        .filter(office=office, status=RepairRequest.Status.OPEN)
        .select_related("school", "problem")[:50],
    }


@login_required
@require_GET
def dashboard(request: Request) -> HttpResponse:
    """The office's DLTV use: rate by month × grade, by school this month, schools not reporting,
    top problems, open repair requests; every table also as XLSX."""
    office, offices = _office(request)
    context = {
        "office": office,
        "offices": offices if offices.count() > 1 else None,
        **_figures(request, office),
    }
    return render(request, "dltv/dashboard.html", context)


@login_required
@require_GET
def dashboard_export(request: Request, table: str) -> HttpResponseBase:
    office, _offices = _office(request)
    figures = _figures(request, office)
    exporters = {
        "by-month": lambda: ByMonthExporter(figures["by_month"], office.code),
        "by-school": lambda: BySchoolExporter(figures["by_school"], office.code),
        "not-reporting": lambda: NotReportingExporter(figures["not_reporting"], office.code),
    }
    if table not in exporters:
        raise Http404
    return export_response(exporters[table](), "xlsx")


def _date(text: str | None) -> date | None:
    try:
        return thai.parse_date(text) if text and text.strip() else None
    except ValueError:
        return None


@login_required
@require_http_methods(["GET", "POST"])
def equipment(request: Request, pk: int) -> HttpResponse:
    """A school's DLTV set: the dish, and each classroom's receiver and TV, with their history."""
    school = get_visible_or_404(School.objects.restrict(request.user, "view"), pk=pk)
    if not can(request.user, "dltv.view", school=school):
        raise Http404
    can_change = can(request.user, "dltv.change", school=school)
    classrooms = list(DltvClassroom.objects.filter(school=school).order_by("grade"))
    kept = {(e.kind, e.grade): e for e in Equipment.objects.filter(school=school)}
    errors: list[str] = []
    if request.method == "POST":
        if not can_change:
            raise PermissionDenied
        data = request.POST
        size = data.get("dish-size", "").strip()
        items = [
            services.EquipmentInput(
                kind=Equipment.Kind.DISH,
                grade="",
                status=data.get("dish-status", ""),
                source=data.get("dish-source", ""),
                warranty_end=_date(data.get("dish-warranty")),
                band=data.get("dish-band", ""),
                size_cm=int(size) if size.isdigit() and len(size) < 5 else None,
                mount=data.get("dish-mount", "")[:100],
            )
        ]
        for classroom in classrooms:
            for kind in (Equipment.Kind.RECEIVER, Equipment.Kind.TV):
                key = f"{kind}-{classroom.grade}"
                items.append(
                    services.EquipmentInput(
                        kind=kind,
                        grade=classroom.grade,
                        status=data.get(f"{key}-status", ""),
                        source=data.get(f"{key}-source", ""),
                        warranty_end=_date(data.get(f"{key}-warranty")),
                    )
                )
        try:
            changes = services.equipment_save(
                user=request.user,
                school=school,
                items=items,
                channels=data.getlist("channels"),
                internet=data.get("internet", ""),
            )
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(
                request, _("The DLTV set was saved (%(n)d status changes).") % {"n": changes}
            )
            return redirect("dltv:equipment", pk=school.pk)
    rows = [
        {
            "classroom": classroom,
            "receiver": kept.get((Equipment.Kind.RECEIVER, classroom.grade)),
            "tv": kept.get((Equipment.Kind.TV, classroom.grade)),
        }
        for classroom in classrooms
    ]
    history = (
        EquipmentChange.objects.filter(equipment__school=school)
        .select_related("equipment", "changed_by")
        .order_by("-changed_on", "-pk")[:30]
    )
    return render(
        request,
        "dltv/equipment.html",
        {
            "school": school,
            "dish": kept.get((Equipment.Kind.DISH, "")),
            "setup": DltvSetup.objects.filter(school=school).first(),
            "channels": ViewingChannel.choices,
            "rows": rows,
            "statuses": EquipmentStatus.choices,
            "sources": EquipmentSource.choices,
            "bands": Equipment.Band.choices,
            "history": history,
            "errors": errors,
            "can_change": can_change,
        },
    )
