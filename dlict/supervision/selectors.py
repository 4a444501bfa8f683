"""Reads for supervision visits: a visit's observation by section, the open findings of a school,
the term's visit coverage for the dashboards."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from dlict.core.thai import (
    TERM_2_START,
    academic_term,
    academic_year,
    academic_year_range,
)
from dlict.schools.models import Office, School
from dlict.supervision.models import Finding, FindingQuerySet, Rubric, Visit

Q_ = TypeVar("Q_", bound=QuerySet[Any])


def term_range(day: date) -> tuple[date, date]:
    """The school term ``day`` falls in: 16 May – 31 October, or 1 November – 15 May."""
    start, end = academic_year_range(academic_year(day))
    term_2 = date(start.year, *TERM_2_START)
    if academic_term(day) == 1:
        return start, date(term_2.year, 10, 31)
    return term_2, end


def term_label(day: date) -> str:
    return _("Term %(term)d, academic year %(year)d") % {
        "term": academic_term(day),
        "year": academic_year(day),
    }


@dataclass
class ItemRow:
    code: str
    text: str
    score: int | None
    evidence: str


@dataclass
class SectionRow:
    title: str
    items: list[ItemRow] = field(default_factory=list)
    score: int = 0
    maximum: int = 0
    band: str = ""


@dataclass
class ObservationSummary:
    sections: list[SectionRow]
    score: int
    maximum: int
    band: str


def observation(rubric: Rubric, scores: dict[str, Any]) -> ObservationSummary:
    """The visit's scores laid out by the sections of the rubric version it was recorded with,
    with each section's total and quality band."""
    top = max(rubric.values) if rubric.values else 0
    sections = []
    for number, section in enumerate(rubric.sections, start=1):
        row = SectionRow(title=f"{number}. {section['title']}")
        for item in section["items"]:
            given = scores.get(item["code"], {})
            score = given.get("score")
            row.items.append(ItemRow(item["code"], item["text"], score, given.get("evidence", "")))
            row.score += score or 0
            row.maximum += top
        row.band = rubric.band(row.score, row.maximum)
        sections.append(row)
    score = sum(s.score for s in sections)
    maximum = sum(s.maximum for s in sections)
    return ObservationSummary(sections, score, maximum, rubric.band(score, maximum))


def open_findings(school: School) -> list[Finding]:
    """Findings of the school's earlier visits that no visit has found resolved."""
    return list(Finding.objects.filter(school=school).still_open().select_related("visit"))


@dataclass
class Coverage:
    term: str
    schools: int  # DLTV schools in the scope
    visited: int  # of them, visited this term
    planned: int  # visits planned from today on
    open_findings: list[Finding]
    open_count: int

    @property
    def percent(self) -> float | None:
        return 100 * self.visited / self.schools if self.schools else None


@dataclass(frozen=True)
class VisitScope:
    """The visits, findings and DLTV schools of one office, or (``office`` None) of every office
    the person may see: each queryset starts from ``visible_to``."""

    user: Any
    office: Office | None

    def _of(self, queryset: Q_) -> Q_:
        return queryset.filter(office=self.office) if self.office is not None else queryset

    def visits(self) -> QuerySet[Visit]:
        return self._of(Visit.objects.visible_to(self.user))

    def findings(self) -> FindingQuerySet:
        return self._of(Finding.objects.visible_to(self.user))

    def schools(self) -> QuerySet[School]:
        return self._of(School.objects.visible_to(self.user)).filter(dltv=True)


def open_findings_of(scope: VisitScope) -> QuerySet[Finding]:
    """Every finding of the scope's visits that no visit has found resolved, oldest first."""
    return scope.findings().still_open().select_related("office", "school", "visit")


def visit_coverage(scope: VisitScope, today: date) -> Coverage:
    """DLTV schools visited this term, visits still planned, and the findings still open."""
    visits, findings, schools = scope.visits(), scope.findings(), scope.schools()
    start, end = term_range(today)
    recorded = visits.filter(
        status=Visit.Status.RECORDED, visited_on__gte=start, visited_on__lte=end
    )
    counts = schools.aggregate(
        n=Count("pk"), visited=Count("pk", filter=Q(pk__in=recorded.values("school_id")))
    )
    still_open = findings.still_open()
    return Coverage(
        term=term_label(today),
        schools=counts["n"],
        visited=counts["visited"],
        planned=visits.filter(status=Visit.Status.PLANNED, planned_on__gte=today).count(),
        open_findings=list(still_open.select_related("school", "visit")[:50]),
        open_count=still_open.count(),
    )
