from __future__ import annotations

from datetime import date, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from dlict.core.http import Request, parse_id
from dlict.dltv import services
from dlict.dltv.selectors import problem_choices, recording_schools, week_grid


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
