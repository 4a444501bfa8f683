"""The data each printed document is made of, built as plain JSON-ready dicts.

The Typst templates in ``typst/`` lay them out (see ``dlict/core/pdf.py``); the text is formatted
here (B.E. dates, money, Thai numerals in the manual) so the templates only place it. A document
of an office is printed with the office's digits (``office_pdf``).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.utils import timezone

from dlict.accounts.roles import Role
from dlict.core import figures
from dlict.core.pdf import Verbatim, Whole, render_pdf, thai_document
from dlict.core.thai import (
    Digits,
    fiscal_year_range,
    format_date_long,
    format_date_short,
    thai_digits,
)
from dlict.processes.flowchart import flowchart_for
from dlict.processes.manual_data import front_matter, manual
from dlict.processes.models import (
    CommitteeRole,
    IctDevelopment,
    PlanStatus,
    Process,
    Project,
    StepStatus,
)
from dlict.processes.selectors import approved_revision, manual_processes, open_revision
from dlict.schools.models import Office

MANUAL_TEMPLATE = "processes/typst/manual.typ"
SUMMARY_TEMPLATE = "processes/typst/summary_report.typ"
ANNUAL_TEMPLATE = "processes/typst/annual_report.typ"
ICT_RECORD_TEMPLATE = "processes/typst/ict_record.typ"
ICT_REPORT_TEMPLATE = "processes/typst/ict_report.typ"

PLAN_STATUS_TH = {
    PlanStatus.DRAFT: "ร่าง",
    PlanStatus.SUBMITTED: "รอผู้อำนวยการพิจารณา",
    PlanStatus.RETURNED: "ส่งกลับแก้ไข",
    PlanStatus.APPROVED: "อนุมัติแล้ว",
    PlanStatus.SUPERSEDED: "มีฉบับใหม่แทน",
}
STEP_STATUS_TH = {
    StepStatus.NOT_STARTED: "ยังไม่เริ่ม",
    StepStatus.DOING: "กำลังดำเนินการ",
    StepStatus.DONE: "เสร็จแล้ว",
}
NO_PLAN_TH = "ยังไม่มีแผน"


def _date(value: date | None) -> str:
    return format_date_long(value) if value else ""


def _short(value: date | None) -> str:
    return format_date_short(value) if value else ""


def _iso_short(text: str) -> str:
    try:
        return format_date_short(date.fromisoformat(text))
    except (TypeError, ValueError):
        return text or ""


def _money(value: Decimal | int | None) -> str:
    return f"{value:,.2f}" if value is not None else ""


def _today() -> str:
    return format_date_long(timezone.localdate())


def _name(user: Any) -> Whole:
    """A person's name as printed: whole, a line breaks only between first name and surname."""
    return Whole(user.display_name if user else "")


def _person(user: Any, position: str) -> dict[str, str]:
    return {"name": _name(user), "position": position if user else ""}


def office_pdf(template: str, data: dict[str, Any], office: Office) -> bytes:
    """A document of ``office``, printed with the office's digits."""
    return render_pdf(template, data, digits=office.document_digits)


def office_director(office: Office) -> dict[str, str]:
    """Who signs for the office: its director (the first one named), or an empty line to sign."""
    director = (
        office.memberships.filter(role=Role.DIRECTOR, user__is_active=True)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return {
        "name": _name(director.user if director else None),
        "position": f"ผู้อำนวยการ{office.name_th}",
    }


# --- The manual -----------------------------------------------------------------------------------


def _process_data(process: Process) -> dict[str, Any]:
    steps = list(process.steps.all())
    return {
        "code": process.code,
        "heading": process.heading,
        "section_number": thai_digits(process.section.number),
        "section_title": process.section.title,
        "title": process.title,
        "short_name": process.short_name,
        "job_name": process.job_name,
        "objectives": list(process.objectives),
        "scope": process.scope,
        "definitions": [
            {
                "term": d.term,
                "term_en": d.term_en,
                "abbreviation": d.abbreviation,
                "text": d.text,
                "citation": d.citation,
            }
            for d in process.definitions.all()
        ],
        "steps": [
            {"n": s.n, "number": thai_digits(s.n), "text": s.text, "kind": s.kind} for s in steps
        ],
        "flowchart": flowchart_for(steps).as_data(),
        "forms": [
            {"number": thai_digits(link.n), "title": link.form.title_th}
            for link in process.form_links.all()
        ],
        "references": list(process.references),
    }


@thai_document
def manual_document(*, office: Office | None = None) -> dict[str, Any]:
    """The whole manual. Printed for an office, it names that office wherever the original names
    its own (the cover, the preface and its signature); without one it is the manual as written
    (with its author)."""
    data = manual()
    info = data["office"]
    extra = front_matter()
    processes = list(manual_processes())
    by_code = {p.code: p for p in processes}
    own = office is None
    office_name = office.name_th if office is not None else info["office_name_th"]

    def named(text: str) -> str:
        return text.replace(info["office_name_th"], office_name)

    return {
        "title": info["manual_title_th"],
        "group_name": info["group_name_th"],
        "office_name": office_name,
        "author": Whole(info["author_th"] if own else ""),
        "author_position": info["author_position_th"] if own else "",
        "website": Verbatim(info["website"] if own else (office.website if office else "")),
        "contact": f"ติดต่อ : {info['contact_th']}" if own else "",
        "generated_on": _today(),
        "preface": [named(text) for text in extra["preface"]],
        "preface_signature": [Whole(info["author_th"]), info["office_name_th"]]
        if own
        else [office_name],
        "concept": [named(text) for text in extra["concept"]],
        "office_powers": [named(text) for text in extra["office_powers"]],
        "office_groups": [named(text) for text in extra["office_groups"]],
        "duties_intro": named(extra["duties_intro"]),
        "duties": [{"letter": d["letter_th"], "text": d["text_th"]} for d in data["duties"]],
        "sections": [
            {
                "number": section["manual_number_th"],
                "title": section["title_th"],
                "subjobs": [
                    {
                        "number": sub["manual_number_th"],
                        "title": sub["title_th"],
                        "short_name": sub.get("short_name") or "",
                    }
                    for sub in section["subjobs"]
                ],
            }
            for section in data["sections"]
        ],
        "processes": [_process_data(p) for p in processes],
        "forms": [
            {
                "number": thai_digits(index),
                "title": form["title_th"],
                "title_en": form["title_en"],
                "processes": [by_code[code].heading for code in form["processes"]],
            }
            for index, form in enumerate(data["forms"], start=1)
        ],
    }


def manual_pdf(*, office: Office | None = None) -> bytes:
    """The manual as a PDF; printed without an office, in Thai numerals as the original."""
    digits = office.document_digits if office is not None else Digits.THAI
    return render_pdf(MANUAL_TEMPLATE, manual_document(office=office), digits=digits)


# --- The operations summary report of a project ---------------------------------------------------


def _figures(office: Office, year: int, process_code: str) -> list[dict[str, Any]]:
    return [
        {
            "section": section.title,
            "items": [
                {"label": label, "value": _figure_value(value)} for label, value in section.items
            ],
        }
        for section in figures.figures_for(office, year, process_code)
    ]


def _figure_value(value: Any) -> str:
    if isinstance(value, Decimal):
        return _money(value)
    if isinstance(value, int):
        return f"{value:,}"
    return "" if value is None else str(value)


def _plan_data(project: Project) -> dict[str, Any]:
    plan = approved_revision(project) or open_revision(project)
    if plan is None:
        return {
            "revision": "",
            "status": NO_PLAN_TH,
            "approved_on": "",
            "approved_by": "",
            "objectives": [],
            "targets": [],
            "budget": "",
            "budget_spent": _money(project.budget_spent),
            "budget_source": "",
            "timeline": [],
        }
    results = list(project.target_results or [])
    approved = plan.status == PlanStatus.APPROVED
    return {
        "revision": str(plan.number),
        "status": PLAN_STATUS_TH[PlanStatus(plan.status)],
        "approved_on": _date(timezone.localdate(plan.decided_at))
        if approved and plan.decided_at
        else "",
        "approved_by": _name(plan.decided_by if approved else None),
        "objectives": list(plan.objectives),
        "targets": [
            {
                "target": target.get("target", ""),
                "indicator": target.get("indicator", ""),
                "goal": target.get("goal", ""),
                "result": results[index] if index < len(results) else "",
            }
            for index, target in enumerate(plan.targets)
        ],
        "budget": _money(plan.budget),
        "budget_spent": _money(project.budget_spent),
        "budget_source": plan.budget_source,
        "timeline": [
            {
                "activity": row.get("activity", ""),
                "start": _iso_short(row.get("start", "")),
                "end": _iso_short(row.get("end", "")),
            }
            for row in plan.timeline
        ],
    }


@thai_document
def summary_report_document(project: Project) -> dict[str, Any]:
    """แบบรายงานสรุปผลการดำเนินงาน of one project; ``project`` comes from ``project_page``."""
    process = project.process
    roles = dict(CommitteeRole.choices)
    return {
        "form_title": "แบบรายงานสรุปผลการดำเนินงาน",
        "office_name": project.office.name_th,
        "group_name": manual()["office"]["group_name_th"],
        "fiscal_year": str(project.fiscal_year),
        "process": {
            "heading": process.heading,
            "title": process.display_title,
            "code": process.code,
        },
        "project_title": project.title,
        "responsible": _name(project.responsible),
        "committee": {
            "order_number": project.order_number,
            "order_date": _date(project.order_date),
            "members": [
                {"name": Whole(m.name), "position": m.position, "role": str(roles[m.role])}
                for m in project.members.all()
            ],
        },
        "plan": _plan_data(project),
        "steps": [
            {
                "number": str(p.step.n),
                "text": p.step.text,
                "status": STEP_STATUS_TH[StepStatus(p.status)],
                "started": _short(p.started_on),
                "finished": _short(p.finished_on),
                "note": p.note,
                "evidence": str(len(p.evidence.all())),
            }
            for p in project.progress.all()
        ],
        "evaluation": {
            "outcome": project.outcome,
            "problems": project.problems,
            "suggestions": project.suggestions,
        },
        "figures": _figures(project.office, project.fiscal_year, process.code),
        "reporter": _person(project.responsible, "ผู้รับผิดชอบงาน/โครงการ"),
        "director": office_director(project.office),
        "printed_on": _today(),
    }


# --- The annual report ----------------------------------------------------------------------------


def annual_rows(projects: list[Project]) -> list[dict[str, Any]]:
    """One row per project of the year (``projects`` from ``projects_overview``, with the
    approved revision attached as ``approved``)."""
    rows = []
    for project in projects:
        approved = getattr(project, "approved", None)
        status = project.plan_status  # type: ignore[attr-defined]
        rows.append(
            {
                "heading": project.process.heading,
                "title": project.title,
                "process_title": project.process.display_title,
                "responsible": _name(project.responsible),
                "plan_status": PLAN_STATUS_TH[PlanStatus(status)] if status else NO_PLAN_TH,
                "approved_on": _short(timezone.localdate(approved.decided_at))
                if approved and approved.decided_at
                else "",
                "steps_done": str(project.steps_done),  # type: ignore[attr-defined]
                "steps_total": str(project.steps_total),  # type: ignore[attr-defined]
                "budget": _money(approved.budget) if approved else "",
                "budget_spent": _money(project.budget_spent),
                "outcome": project.outcome,
                "problems": project.problems,
                "suggestions": project.suggestions,
            }
        )
    return rows


def _complete(project: Any) -> bool:
    return bool(project.steps_total) and project.steps_done == project.steps_total


@thai_document
def annual_report_document(
    *, office: Office, fiscal_year: int, projects: list[Project], reporter: Any
) -> dict[str, Any]:
    start, end = fiscal_year_range(fiscal_year)
    approved = [p.approved for p in projects if getattr(p, "approved", None)]  # type: ignore[attr-defined]
    budget = sum((revision.budget for revision in approved), Decimal(0))
    spent = sum((p.budget_spent or Decimal(0) for p in projects), Decimal(0))
    sections = []
    for project in projects:
        sections += _figures(office, fiscal_year, project.process.code)
    return {
        "form_title": "แบบรายงานสรุปผลการดำเนินงานในรอบปี",
        "office_name": office.name_th,
        "group_name": manual()["office"]["group_name_th"],
        "fiscal_year": str(fiscal_year),
        "period": f"{_date(start)} – {_date(end)}",
        "projects": annual_rows(projects),
        "totals": {
            "projects": str(len(projects)),
            "approved": str(len(approved)),
            "completed": str(len([p for p in projects if _complete(p)])),
            "budget": _money(budget),
            "budget_spent": _money(spent),
        },
        "figures": sections,
        "reporter": _person(reporter, "หัวหน้ากลุ่มส่งเสริมการศึกษาทางไกล เทคโนโลยีสารสนเทศและการสื่อสาร"),
        "director": office_director(office),
        "printed_on": _today(),
    }


# --- info-4: ICT development records --------------------------------------------------------------


def _period(record: IctDevelopment) -> str:
    if record.finished_on and record.finished_on != record.started_on:
        return f"{_short(record.started_on)} – {_short(record.finished_on)}"
    return _short(record.started_on)


@thai_document
def ict_record_document(record: IctDevelopment) -> dict[str, Any]:
    return {
        "form_title": "แบบบันทึกพัฒนา ปรับปรุง และประยุกต์ใช้ ICT",
        "office_name": record.office.name_th,
        "fiscal_year": str(record.fiscal_year),
        "number": record.display_number,
        "title": record.title,
        "unit": record.unit,
        "kind": str(record.get_kind_display()),
        "started_on": _date(record.started_on),
        "finished_on": _date(record.finished_on),
        "objective": record.objective,
        "description": record.description,
        "budget": _money(record.budget),
        "outcome": record.outcome,
        "users": record.users,
        "recorder": _person(record.recorded_by, "ผู้บันทึก"),
        "printed_on": _today(),
    }


@thai_document
def ict_report_document(
    *, office: Office, fiscal_year: int, records: list[IctDevelopment], reporter: Any
) -> dict[str, Any]:
    return {
        "form_title": "แบบรายงานผลการพัฒนา ปรับปรุง และประยุกต์ใช้ ICT",
        "office_name": office.name_th,
        "fiscal_year": str(fiscal_year),
        "records": [
            {
                "number": r.display_number,
                "title": r.title,
                "unit": r.unit,
                "kind": str(r.get_kind_display()),
                "period": _period(r),
                "budget": _money(r.budget),
                "outcome": r.outcome,
            }
            for r in records
        ],
        "totals": {
            "count": str(len(records)),
            "budget": _money(sum((r.budget for r in records), Decimal(0))),
        },
        "reporter": _person(reporter, "ผู้รายงาน"),
        "director": office_director(office),
        "printed_on": _today(),
    }
