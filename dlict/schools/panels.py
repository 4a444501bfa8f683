"""The registry's panels on the dashboard."""

from django.http import HttpRequest

from dlict.core.dashboard import Panel
from dlict.core.scoping import scope_of
from dlict.schools.models import School
from dlict.schools.selectors import offices_overview, own_schools, registry_summary


def registry_panel(request: HttpRequest) -> Panel | None:
    """National administrators see every office; office roles see their office's registry;
    school roles see their own school."""
    scope = scope_of(request.user)
    if scope.national:
        offices = offices_overview(request.user)
        summary = registry_summary(School.objects.visible_to(request.user))
        return Panel(
            "schools/panels/national.html",
            {"offices": offices[:50], "office_count": offices.count(), "summary": summary},
        )
    if scope.office_roles:
        offices = offices_overview(request.user)
        summary = registry_summary(
            School.objects.visible_to(request.user).filter(office__in=sorted(scope.office_roles))
        )
        return Panel("schools/panels/office.html", {"offices": offices, "summary": summary})
    if scope.school_roles:
        return Panel("schools/panels/own_school.html", {"schools": own_schools(request.user)})
    return None
