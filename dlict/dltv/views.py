from __future__ import annotations

from collections.abc import Callable
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
from dlict.core.exports import Exporter, export_response
from dlict.core.http import Request, parse_id
from dlict.core.scoping import can, get_visible_or_404, scope_of
from dlict.core.thai import MONTHS_TH_SHORT, be_year
from dlict.dltv import services
from dlict.dltv.exports import (
    ByGroupExporter,
    ByMonthExporter,
    ByOfficeExporter,
    BySchoolExporter,
    EquipmentExporter,
    NotReportingExporter,
    OpenFindingsExporter,
)
from dlict.dltv.models import (
    DLTV_GRADES,
    DltvClassroom,
    DltvSetup,
    Equipment,
    EquipmentChange,
    EquipmentSource,
    EquipmentStatus,
    RepairRequest,
    ViewingChannel,
)
from dlict.dltv.selectors import (
    DashboardScope,
    Day,
    equipment_summary,
    not_reporting,
    open_findings_of,
    problem_choices,
    rate_text,
    recording_schools,
    top_problems,
    usage_by_group,
    usage_by_month,
    usage_by_office,
    usage_by_school,
    week_grid,
    year_so_far,
)
from dlict.dltv.visit_selectors import visit_coverage
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


def _entries(data: QueryDict, grid: list[Day]) -> list[services.Entry]:
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


def _as_posted(grid: list[Day], data: QueryDict) -> None:
    """The week as the coordinator typed it, shown again with the reasons it was refused: the
    days ticked, and each number that can be read as one."""
    for day in grid:
        if not day.open:
            continue
        day.save = data.get(f"save-{day.day.isoformat()}") == "on"
        for cell in day.cells:
            key = f"{day.day.isoformat()}-{cell.grade}"
            for name in ("planned", "watched"):
                typed = _number(data.get(f"{name}-{key}"))
                if typed >= 0:
                    setattr(cell, name, typed)
            cell.problem_id = parse_id(data.get(f"problem-{key}"))
            cell.note = (data.get(f"note-{key}") or "").strip()


@login_required
@require_http_methods(["GET", "POST"])
def week(request: Request) -> HttpResponse:
    """A whole week of a school's DLTV use on one screen: every grade, every school day."""
    schools = list(recording_schools(request.user))
    wanted = parse_id(request.GET.get("school"))
    chosen = next((school for school in schools if school.pk == wanted), None)
    school = chosen or (schools[0] if schools else None)
    if school is None:
        raise PermissionDenied
    today = timezone.localdate()
    shown = _day(request.GET.get("week"), today)
    grid = week_grid(school, shown, today)
    errors: list[str] = []
    if request.method == "POST":
        try:
            result = services.usage_week_save(
                user=request.user, school=school, entries=_entries(request.POST, grid)
            )
        except ValidationError as error:
            errors = error.messages
            _as_posted(grid, request.POST)
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
            "schools": schools if len(schools) > 1 else None,
            "grid": grid,
            "errors": errors,
            "problems": problem_choices(school),
            "previous": (monday - timedelta(days=7)).isoformat(),
            "next": (monday + timedelta(days=7)).isoformat()
            if monday + timedelta(days=7) <= today
            else None,
        },
    )


def _office(request: Request) -> tuple[DashboardScope, list[Office]]:
    """Whose figures are shown, and the offices to choose from. A person whose scope is national
    sees every office at once unless they choose one; anyone else sees one of their offices, the
    first unless they choose another. An office the person may not see is taken as no choice, as
    on the student figures."""
    if not can(request.user, "dltv.view"):
        raise PermissionDenied
    offices = list(
        Office.objects.with_office_permission(request.user, "dltv.view")
        .only("pk", "code", "name_th")
        .order_by("code")
    )
    wanted = parse_id(request.GET.get("office"))
    office = next((o for o in offices if o.pk == wanted), None)
    if scope_of(request.user).national:
        return DashboardScope(request.user, office), offices
    office = office or (offices[0] if offices else None)
    if office is None:
        raise PermissionDenied
    return DashboardScope(request.user, office), offices


def _month_label(month: date) -> str:
    return f"{MONTHS_TH_SHORT[month.month - 1]} {be_year(month.year)}"


def _by_month(scope: DashboardScope, months: list[date]) -> dict[str, Any]:
    """The rate by month × grade, in columns for the grades that have figures."""
    rows = usage_by_month(scope.office_rollups(), months)
    grades = [(code, label) for code, label in DLTV_GRADES if any(code in r.by_grade for r in rows)]
    return {
        "grades": grades,
        "rows": [
            {
                "label": _month_label(row.month),
                "rates": [row.rate(code) for code, _label in grades],
                "texts": [rate_text(row.rate(code), 0) for code, _label in grades],
                "total": row.rate(),
                "total_text": rate_text(row.rate()),
            }
            for row in rows
        ],
    }


def _figures(scope: DashboardScope) -> dict[str, Any]:
    """Every table of the dashboard, by name. Rates come from the monthly rollups; the silent
    schools and the problems from the records. With every office at once, the offices take the
    place of the schools, and not reporting is a count for each office."""
    today = timezone.localdate()
    months, month = year_so_far(today)
    figures: dict[str, Any] = {
        "month": _month_label(month),
        "by_month": _by_month(scope, months),
        "problems": top_problems(scope, month),
        "equipment": equipment_summary(scope),
        "repairs": scope.repairs()
        .filter(status=RepairRequest.Status.OPEN)
        .select_related("school", "problem")[:50],
    }
    if scope.office is None:
        figures["by_office"] = usage_by_office(scope, month, today)
        figures["silent"] = sum(row.silent for row in figures["by_office"])
    else:
        figures["by_school"] = usage_by_school(scope, month)
        figures["by_group"] = usage_by_group(figures["by_school"], no_group=_("No network group"))
        figures["not_reporting"] = not_reporting(scope, today)
        figures["silent"] = len(figures["not_reporting"])
    figures["coverage"] = visit_coverage(scope.visits(), scope.findings(), scope.schools(), today)
    return figures


@login_required
@require_GET
def dashboard(request: Request) -> HttpResponse:
    """DLTV use: the rate by month × grade, by network group and by school (by office for the
    whole country), schools not reporting, equipment, top problems, open repair requests; every
    table also as XLSX."""
    scope, offices = _office(request)
    national = scope_of(request.user).national
    context = {
        "office": scope.office,
        "offices": offices if national or len(offices) > 1 else None,
        "national": national,
        "query": f"office={scope.office.pk}" if scope.office else "",
        **_figures(scope),
    }
    return render(request, "dltv/dashboard.html", context)


# The tables of one office's dashboard and of the whole country's (where offices take the place
# of schools, and the silent schools are counts in the table by office).
OFFICE_TABLES = {"by-month", "by-group", "by-school", "not-reporting", "equipment", "open-findings"}
WHOLE_TABLES = {"by-month", "by-group", "by-office", "equipment", "open-findings"}


@login_required
@require_GET
def dashboard_export(request: Request, table: str) -> HttpResponseBase:
    scope, _offices = _office(request)
    if table not in (OFFICE_TABLES if scope.office else WHOLE_TABLES):
        raise Http404
    today = timezone.localdate()
    months, month = year_so_far(today)
    code = scope.office.code if scope.office else "all"
    exporters: dict[str, Callable[[], Exporter]] = {
        "by-month": lambda: ByMonthExporter(_by_month(scope, months), code),
        "by-group": lambda: ByGroupExporter(
            usage_by_group(usage_by_school(scope, month), no_group=_("No network group")), code
        ),
        "by-school": lambda: BySchoolExporter(usage_by_school(scope, month), code),
        "by-office": lambda: ByOfficeExporter(usage_by_office(scope, month, today), code),
        "not-reporting": lambda: NotReportingExporter(not_reporting(scope, today), code),
        "equipment": lambda: EquipmentExporter(equipment_summary(scope), code),
        "open-findings": lambda: OpenFindingsExporter(open_findings_of(scope), code),
    }
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
    if request.method == "POST" and request.POST.get("form") == "classrooms":
        if not can_change:
            raise PermissionDenied
        periods = {
            code: _number(request.POST.get(f"periods-{code}"))
            for code, _label in DLTV_GRADES
            if request.POST.get(f"grade-{code}") == "on"
        }
        try:
            services.classrooms_save(user=request.user, school=school, periods=periods)
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(request, _("The grades taught with DLTV were saved."))
            return redirect("dltv:equipment", pk=school.pk)
    elif request.method == "POST":
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
    taught = {c.grade: c.periods_per_day for c in classrooms}
    return render(
        request,
        "dltv/equipment.html",
        {
            "school": school,
            "grades": [
                {"code": code, "label": label, "on": code in taught, "periods": taught.get(code, 5)}
                for code, label in DLTV_GRADES
            ],
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
