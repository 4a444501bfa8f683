"""The dashboard panel: where each of the year's processes stands."""

from django.http import HttpRequest

from dlict.core.dashboard import Panel
from dlict.core.scoping import can, scope_of
from dlict.processes.selectors import approval_queue, current_fiscal_year, projects_overview


def projects_panel(request: HttpRequest) -> Panel | None:
    """Office roles see their office's projects of the current fiscal year (national
    administrators have the projects page instead: eleven rows per office would not fit)."""
    scope = scope_of(request.user)
    if scope.national or not can(request.user, "processes.view"):
        return None
    year = current_fiscal_year()
    projects = list(projects_overview(user=request.user).filter(fiscal_year=year))
    waiting = None
    if can(request.user, "processes.approve"):
        waiting = approval_queue(user=request.user).count()
    return Panel(
        "processes/panels/year.html",
        {
            "year": year,
            "projects": projects,
            "waiting": waiting,
            "can_start": can(request.user, "processes.change"),
        },
    )
