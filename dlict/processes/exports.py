"""The reports as spreadsheets: the same data the PDFs are printed from. Headings and labels are
English here and Thai in the catalogue, like every other word of the interface."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from dlict.core.exports import Exporter


class _DocumentExporter(Exporter):
    title: Promise  # the sheet's name

    def __init__(self, data: dict[str, Any], *, filename: str) -> None:
        self.data = data
        self.filename = filename
        self.sheet_title = str(self.title)


class SummaryReportExporter(_DocumentExporter):
    """แบบรายงานสรุปผลการดำเนินงาน as rows of (part, item, value, detail)."""

    title = gettext_lazy("Performance summary")

    def headers(self) -> list[str]:
        return [
            pgettext("report column", "Part"),
            pgettext("report column", "Item"),
            pgettext("report column", "Value"),
            pgettext("report column", "Details"),
        ]

    def rows(self) -> Iterable[list[Any]]:
        data = self.data
        plan = data["plan"]
        general, committee_part = _("General information"), _("Working group")
        yield [general, _("Office"), data["office_name"], ""]
        yield [general, _("Fiscal year"), data["fiscal_year"], ""]
        yield [general, data["process"]["heading"], data["process"]["title"], ""]
        yield [general, _("Project"), data["project_title"], ""]
        yield [general, _("Responsible staff"), data["responsible"], ""]
        committee = data["committee"]
        yield [
            committee_part,
            _("Order number"),
            committee["order_number"],
            committee["order_date"],
        ]
        for member in committee["members"]:
            yield [committee_part, member["role"], member["name"], member["position"]]
        yield [_("Plan"), _("Status"), plan["status"], plan["approved_on"]]
        for objective in plan["objectives"]:
            yield [_("Plan"), _("Objective"), objective, ""]
        for target in plan["targets"]:
            yield [_("Target"), target["target"], target["goal"], target["indicator"]]
            yield [_("Result against the target"), target["target"], target["result"], ""]
        yield [_("Budget"), _("Planned"), plan["budget"], plan["budget_source"]]
        yield [_("Budget"), pgettext("budget", "Spent"), plan["budget_spent"], ""]
        for row in plan["timeline"]:
            yield [_("Timeline"), row["activity"], row["start"], row["end"]]
        for step in data["steps"]:
            dates = " – ".join(value for value in (step["started"], step["finished"]) if value)
            yield [_("Steps"), f"{step['number']}. {step['text']}", step["status"], dates]
        for section in data["figures"]:
            for item in section["items"]:
                yield [section["section"], item["label"], item["value"], ""]
        evaluation = data["evaluation"]
        yield [_("Summary"), _("Results"), evaluation["outcome"], ""]
        yield [_("Summary"), _("Problems and obstacles"), evaluation["problems"], ""]
        yield [_("Summary"), _("Suggestions"), evaluation["suggestions"], ""]


class AnnualReportExporter(_DocumentExporter):
    title = gettext_lazy("Year's summary")

    def headers(self) -> list[str]:
        return [
            _("Process"), _("Project"), _("Responsible staff"), _("Plan status"),
            _("Approved on"), _("Steps done"), _("Steps in all"), _("Planned budget"),
            _("Budget spent"), _("Results"), _("Problems and obstacles"), _("Suggestions"),
        ]  # fmt: skip

    def rows(self) -> Iterable[list[Any]]:
        for row in self.data["projects"]:
            yield [
                row["heading"], row["title"], row["responsible"], row["plan_status"],
                row["approved_on"], int(row["steps_done"]), int(row["steps_total"]),
                row["budget"], row["budget_spent"], row["outcome"], row["problems"],
                row["suggestions"],
            ]  # fmt: skip


class IctReportExporter(_DocumentExporter):
    title = gettext_lazy("ICT development")

    def headers(self) -> list[str]:
        return [
            _("No."),
            pgettext("ICT development", "Work"),
            pgettext("ICT development", "Unit"),
            _("Type"),
            _("Period"),
            _("Budget"),
            pgettext("ICT development", "Outcome"),
        ]

    def rows(self) -> Iterable[list[Any]]:
        for r in self.data["records"]:
            yield [
                r["number"],
                r["title"],
                r["unit"],
                r["kind"],
                r["period"],
                r["budget"],
                r["outcome"],
            ]
