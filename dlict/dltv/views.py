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

from dlict.core.dashboard import sections_for
from dlict.core.exports import Exporter, export_response
from dlict.core.forms import form_messages
from dlict.core.http import Request, parse_id
from dlict.core.scoping import can, get_visible_or_404, scope_of
from dlict.core.shortcuts import attempt
from dlict.core.thai import MONTHS_TH_SHORT, be_year
from dlict.dltv import services
from dlict.dltv.choices import DLTV_GRADES
from dlict.dltv.exports import (
    ByGroupExporter,
    ByMonthExporter,
    ByOfficeExporter,
    BySchoolExporter,
    EquipmentExporter,
    NotReportingExporter,
)
from dlict.dltv.forms import ClassroomsForm, EquipmentForm
from dlict.dltv.models import (
    DltvClassroom,
    DltvSetup,
    Equipment,
    EquipmentChange,
    RepairRequest,
)
from dlict.dltv.selectors import (
    DashboardScope,
    Day,
    equipment_summary,
    not_reporting,
    problem_choices,
    rate_text,
    top_problems,
    usage_by_group,
    usage_by_month,
    usage_by_office,
    usage_by_school,
    week_bounds,
    week_grid,
    week_schools,
    year_so_far,
)
from dlict.schools.models import Office, School
from dlict.schools.office_choice import offices_for_page


def _week(text: str | None, today: date) -> date:
    """The Monday of the week asked for (``?week=`` in ISO), within the weeks that can be opened;
    this week's when it cannot be read."""
    first, last = week_bounds(today)
    try:
        asked = date.fromisoformat(text or "")
    except ValueError:
        return last
    return min(max(asked, first), last)


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
    available = week_schools(request.user)
    wanted = parse_id(request.GET.get("school"))
    school = (available.filter(pk=wanted).first() if wanted else None) or available.first()
    if school is None:
        raise PermissionDenied
    can_record = can(request.user, "dltv.record", school=school)
    if request.method == "POST" and not can_record:
        raise PermissionDenied
    today = timezone.localdate()
    first, _last = week_bounds(today)
    monday = _week(request.GET.get("week"), today)
    grid = week_grid(school, monday, today)
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
            return redirect(f"{url}?school={school.pk}&week={monday.isoformat()}")
    # A national administrator chooses among the schools of the shown school's office only.
    if scope_of(request.user).national:
        available = available.filter(office_id=school.office_id)
    schools = list(available)
    previous, following = monday - timedelta(days=7), monday + timedelta(days=7)
    return render(
        request,
        "dltv/week.html",
        {
            "school": school,
            "schools": schools if len(schools) > 1 else None,
            "grid": grid,
            "errors": errors,
            "can_record": can_record,
            "problems": problem_choices(school),
            "previous": previous.isoformat() if previous >= first else None,
            "next": following.isoformat() if following <= today else None,
        },
    )


def _office(request: Request) -> tuple[DashboardScope, list[Office]]:
    """Whose figures are shown, and the offices to choose from: every office at once or the one
    chosen, as on every page with a choice of office (``office_for_page``)."""
    if not can(request.user, "dltv.view"):
        raise PermissionDenied
    office, offices = offices_for_page(request, "dltv.view", every_office=True)
    if not offices:
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
        # Explicit, even for every office: the spreadsheet shows what the page shows, whatever
        # office another tab chose since.
        "query": f"office={scope.office.pk}" if scope.office else "office=",
        "sections": sections_for("dltv", request, scope.office),
        **_figures(scope),
    }
    return render(request, "dltv/dashboard.html", context)


# The tables of one office's dashboard and of the whole country's (where offices take the place
# of schools, and the silent schools are counts in the table by office).
OFFICE_TABLES = {"by-month", "by-group", "by-school", "not-reporting", "equipment"}
WHOLE_TABLES = {"by-month", "by-group", "by-office", "equipment"}


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
    }
    return export_response(exporters[table](), "xlsx")


@login_required
@require_http_methods(["GET", "POST"])
def equipment(request: Request, pk: int) -> HttpResponse:
    """A school's DLTV set: the grades taught with DLTV, the dish, and each classroom's receiver and
    TV, with their history. Two forms: the grades (``form=classrooms``), and the set."""
    school = get_visible_or_404(School.objects.restrict(request.user, "view"), pk=pk)
    if not can(request.user, "dltv.view", school=school):
        raise Http404
    can_change = can(request.user, "dltv.change", school=school)
    if request.method == "POST" and not can_change:
        raise PermissionDenied
    classrooms = list(DltvClassroom.objects.filter(school=school).order_by("grade"))
    posted = request.POST if request.method == "POST" else None
    grades_posted = posted is not None and posted.get("form") == "classrooms"
    grades_form = ClassroomsForm(
        posted if grades_posted else None,
        taught={c.grade: c.periods_per_day for c in classrooms},
        disabled=not can_change,
    )
    set_form = EquipmentForm(
        posted if posted is not None and not grades_posted else None,
        grades=[c.grade for c in classrooms],
        kept={(e.kind, e.grade): e for e in Equipment.objects.filter(school=school)},
        setup=DltvSetup.objects.filter(school=school).first(),
        disabled=not can_change,
    )
    if grades_form.is_valid() and attempt(
        request,
        lambda: services.classrooms_save(
            user=request.user, school=school, periods=grades_form.periods()
        ),
        form=grades_form,
        success=_("The grades taught with DLTV were saved."),
    ):
        return redirect("dltv:equipment", pk=school.pk)
    if set_form.is_valid() and attempt(
        request,
        lambda: services.equipment_save(
            user=request.user,
            school=school,
            items=set_form.items(),
            channels=set_form.cleaned_data["channels"],
            internet=set_form.cleaned_data["internet"].strip(),
        ),
        form=set_form,
        success=lambda changes: (
            _("The DLTV set was saved (%(n)d status changes).") % {"n": changes}
        ),
    ):
        return redirect("dltv:equipment", pk=school.pk)
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
            "grades_form": grades_form,
            "set_form": set_form,
            "grades_errors": form_messages(grades_form) if grades_form.is_bound else [],
            "set_errors": form_messages(set_form) if set_form.is_bound else [],
            "history": history,
            "can_change": can_change,
        },
    )
