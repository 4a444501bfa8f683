"""The supervision visits' tables as spreadsheets."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dlict.core.exports import Exporter
from dlict.core.thai import format_date_short
from dlict.supervision.models import Finding


class OpenFindingsExporter(Exporter):
    sheet_title = gettext_lazy("Open findings")

    def __init__(self, findings: Iterable[Finding], code: str) -> None:
        self.findings = findings
        self.filename = f"dltv-open-findings-{code}"

    def headers(self) -> list[str]:
        return [
            _("Office code"),
            _("School"),
            _("Finding to follow up"),
            _("Visit round"),
            _("Visited on"),
        ]

    def rows(self) -> Iterable[list[Any]]:
        for finding in self.findings:
            visit = finding.visit
            yield [finding.office.code, finding.school.name_th, finding.text, visit.round,
                   format_date_short(visit.visited_on) if visit.visited_on else ""]  # fmt: skip
