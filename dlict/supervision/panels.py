"""What supervision adds to the DLTV dashboard: this term's visit coverage and open findings."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from dlict.core.dashboard import Panel
from dlict.supervision.selectors import VisitScope, visit_coverage


def coverage_section(request: HttpRequest, office: Any) -> Panel:
    scope = VisitScope(request.user, office)
    return Panel(
        "supervision/_coverage_section.html",
        {
            "coverage": visit_coverage(scope, timezone.localdate()),
            "query": f"office={office.pk}" if office is not None else "office=",
        },
    )
