from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from dlict.core.exports import export_response
from dlict.core.http import Request, parse_id, stored_file_response
from dlict.core.pdf import pdf_response
from dlict.core.scoping import can, get_visible_or_404
from dlict.core.shortcuts import attempt
from dlict.processes import documents, services
from dlict.processes.exports import AnnualReportExporter, IctReportExporter, SummaryReportExporter
from dlict.processes.flowchart import flowchart_for
from dlict.processes.forms import (
    DecisionForm,
    EvaluationForm,
    EvidenceForm,
    IctDevelopmentForm,
    MemberFormSet,
    PlanForms,
    ProjectForm,
    StepProgressForm,
    YearForm,
    members_from,
    plan_initial,
)
from dlict.processes.models import (
    Evidence,
    IctDevelopment,
    PlanRevision,
    PlanStatus,
    Process,
    Project,
    StepProgress,
)
from dlict.processes.selectors import (
    approved_revision,
    current_fiscal_year,
    manual_processes,
    office_staff,
    offices_for,
    open_revision,
    plan_changes_since_approved,
    plan_history,
    project_page,
    projects_overview,
    waiting_plans,
)
from dlict.schools.office_choice import office_for_page

# --- The manual -----------------------------------------------------------------------------------


@login_required
@require_GET
def manual_view(request: Request) -> HttpResponse:
    processes = list(manual_processes())
    sections: dict[Any, list[Process]] = {}
    for process in processes:
        sections.setdefault(process.section, []).append(process)
    return render(request, "processes/manual.html", {"sections": sections})


@login_required
@require_GET
def process_detail(request: Request, code: str) -> HttpResponse:
    process = get_visible_or_404(manual_processes(), code=code)
    return render(
        request,
        "processes/process_detail.html",
        {"process": process, "chart": flowchart_for(list(process.steps.all()))},
    )


@login_required
@require_GET
def manual_pdf(request: Request) -> HttpResponse:
    offices = offices_for(request.user)
    office = offices.first() if offices.count() == 1 else None
    return pdf_response(documents.manual_pdf(office=office), "operations-manual.pdf")


# --- The year's projects --------------------------------------------------------------------------


def _year_form(request: Request, action: str = "view") -> YearForm:
    offices = offices_for(request.user, action)
    office = office_for_page(request, list(offices), every_office=False)
    if office is None:
        raise PermissionDenied
    form = YearForm(
        request.GET or None, offices=offices, office=office, default_year=current_fiscal_year()
    )
    if form.foreign_office:
        raise Http404
    return form


@login_required
@require_GET
def project_list(request: Request) -> HttpResponse:
    form = _year_form(request)
    office, year = form.chosen_office, form.chosen_year
    projects = list(projects_overview(user=request.user).filter(office=office, fiscal_year=year))
    return render(
        request,
        "processes/project_list.html",
        {
            "form": form,
            "office": office,
            "year": year,
            "projects": projects,
            "missing": Process.objects.count() - len(projects),
            "can_change": can(request.user, "processes.change", office_id=office.pk),
        },
    )


@login_required
@require_POST
def year_start(request: Request) -> HttpResponse:
    form = YearForm(
        request.POST,
        offices=offices_for(request.user, "change"),
        default_year=current_fiscal_year(),
    )
    if not form.is_valid() or form.chosen_office is None:
        raise PermissionDenied
    created = services.fiscal_year_start(
        user=request.user, office=form.chosen_office, fiscal_year=form.chosen_year
    )
    messages.success(
        request,
        _("%(count)d projects were started for fiscal year %(year)d.")
        % {"count": len(created), "year": form.chosen_year},
    )
    url = reverse("processes:projects")
    return redirect(f"{url}?year={form.chosen_year}&office={form.chosen_office.pk}")


@login_required
@require_GET
def project_detail(request: Request, pk: int) -> HttpResponse:
    project = project_page(user=request.user, pk=pk)
    revisions = list(project.revisions.all())
    current = open_revision(project)
    approved = approved_revision(project)
    can_change = can(request.user, "processes.change", office_id=project.office_id)
    can_approve = can(request.user, "processes.approve", office_id=project.office_id)
    return render(
        request,
        "processes/project_detail.html",
        {
            "project": project,
            "revisions": revisions,
            "current": current,
            "approved": approved,
            "shown": current or approved,
            "changes": plan_changes_since_approved(current, approved),
            "history": plan_history(revisions),
            "can_change": can_change,
            "can_approve": can_approve,
            "decision_form": DecisionForm(),
            "results": _results(project, approved),
        },
    )


def _results(project: Project, approved: PlanRevision | None) -> list[tuple[dict[str, str], str]]:
    if approved is None:
        return []
    results = list(project.target_results or [])
    return [
        (target, results[index] if index < len(results) else "")
        for index, target in enumerate(approved.targets)
    ]


def _project_to_change(request: Request, pk: int) -> Project:
    return get_visible_or_404(
        Project.objects.restrict(request.user, "change").select_related("process", "office"),
        pk=pk,
    )


@login_required
@require_http_methods(["GET", "POST"])
def project_edit(request: Request, pk: int) -> HttpResponse:
    project = _project_to_change(request, pk)
    staff = office_staff(project.office)
    initial = {
        "title": project.title,
        "responsible": project.responsible,
        "order_number": project.order_number,
        "order_date": project.order_date,
    }
    form = ProjectForm(request.POST or None, initial=initial, staff=staff)
    members = MemberFormSet(
        request.POST or None,
        prefix="members",
        initial=[
            {"name": m.name, "position": m.position, "role": m.role} for m in project.members.all()
        ],
    )
    if (
        form.is_valid()
        and members.is_valid()
        and attempt(
            request,
            lambda: services.project_update(
                user=request.user,
                project=project,
                members=members_from(members),
                **form.cleaned_data,
            ),
            form=form,
            success=_("The project and its working group were saved."),
        )
    ):
        return redirect("processes:project", pk=project.pk)
    return render(
        request,
        "processes/project_form.html",
        {"project": project, "form": form, "members": members},
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan_edit(request: Request, pk: int) -> HttpResponse:
    project = _project_to_change(request, pk)
    revisions = list(project.revisions.all())
    current = next((r for r in revisions if r.is_open), None)
    if current is not None and current.status == PlanStatus.SUBMITTED:
        messages.error(request, str(services.PLAN_WITH_DIRECTOR))
        return redirect("processes:project", pk=project.pk)
    base = current or next((r for r in revisions if r.status == PlanStatus.APPROVED), None)
    forms = PlanForms(request.POST or None, initial=plan_initial(base))
    version = request.POST.get("version") or services.plan_version(project)
    error = None
    if request.method == "POST" and forms.is_valid():
        try:
            services.plan_save(
                user=request.user, project=project, plan=forms.value(), expected_version=version
            )
        except ValidationError as problem:
            error = problem
        else:
            if "submit" in request.POST:
                return _submit(request, project)
            messages.success(request, _("The plan was saved as a draft."))
            return redirect("processes:project", pk=project.pk)
    return render(
        request,
        "processes/plan_form.html",
        {
            "project": project,
            "forms": forms,
            "error": error,
            "base": base,
            "version": version,
            "new_revision": base is not None and base.status == PlanStatus.APPROVED,
        },
    )


def _submit(request: Request, project: Project) -> HttpResponse:
    attempt(
        request,
        lambda: services.plan_submit(user=request.user, project=project),
        success=_("The plan was sent to the director."),
    )
    return redirect("processes:project", pk=project.pk)


@login_required
@require_POST
def plan_submit(request: Request, pk: int) -> HttpResponse:
    return _submit(request, _project_to_change(request, pk))


@login_required
@require_POST
def plan_decide(request: Request, pk: int) -> HttpResponse:
    project = get_visible_or_404(Project.objects.restrict(request.user, "approve"), pk=pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The decision could not be read. Please try again."))
        return redirect("processes:project", pk=project.pk)
    revision = get_visible_or_404(
        PlanRevision.objects.restrict(request.user, "approve").filter(project=project),
        pk=form.cleaned_data["revision"],
    )
    approve = form.cleaned_data["decision"] == "approve"
    attempt(
        request,
        lambda: services.plan_decide(
            user=request.user,
            revision=revision,
            approve=approve,
            comment=form.cleaned_data["comment"],
            expected_submission=form.cleaned_data["submitted"],
        ),
        success=_("The plan was approved.") if approve else _("The plan was returned for changes."),
    )
    if request.POST.get("next") == "queue":
        return redirect("processes:approvals")
    return redirect("processes:project", pk=project.pk)


@login_required
@require_GET
def approvals(request: Request) -> HttpResponse:
    if not can(request.user, "processes.approve"):
        raise PermissionDenied
    return render(
        request,
        "processes/approvals.html",
        {"queue": waiting_plans(user=request.user), "decision_form": DecisionForm()},
    )


# --- Steps, evidence, evaluation ------------------------------------------------------------------


def _progress(request: Request, pk: int, step: int, action: str) -> StepProgress:
    project = get_visible_or_404(Project.objects.restrict(request.user, action), pk=pk)
    progress = StepProgress.objects.select_related("step", "project__process", "project__office")
    return get_visible_or_404(progress.filter(project=project), step__n=step)


@login_required
@require_http_methods(["GET", "POST"])
def step_edit(request: Request, pk: int, step: int) -> HttpResponse:
    progress = _progress(request, pk, step, "change")
    form = StepProgressForm(request.POST or None, initial=_step_initial(progress))
    if form.is_valid() and attempt(
        request,
        lambda: services.step_progress_update(
            user=request.user, progress=progress, **form.cleaned_data
        ),
        form=form,
        success=_("Step %(n)d was saved.") % {"n": progress.step.n},
    ):
        return redirect("processes:project", pk=pk)
    return _step_page(request, progress, form, EvidenceForm())


def _step_initial(progress: StepProgress) -> dict[str, Any]:
    return {
        "status": progress.status,
        "started_on": progress.started_on,
        "finished_on": progress.finished_on,
        "note": progress.note,
    }


def _step_page(
    request: Request, progress: StepProgress, form: Any, evidence_form: Any, status: int = 200
) -> HttpResponse:
    context = {
        "progress": progress,
        "project": progress.project,
        "form": form,
        "evidence_form": evidence_form,
        "evidence": progress.evidence.select_related("uploaded_by"),
    }
    return render(request, "processes/step_form.html", context, status=status)


@login_required
@require_POST
def evidence_upload(request: Request, pk: int, step: int) -> HttpResponse:
    progress = _progress(request, pk, step, "change")
    form = EvidenceForm(request.POST, request.FILES)
    if form.is_valid() and attempt(
        request,
        lambda: services.evidence_add(
            user=request.user, progress=progress, upload=form.cleaned_data["file"]
        ),
        form=form,
        field="file",
        success=_("The evidence file was added."),
    ):
        return redirect("processes:step", pk=pk, step=step)
    status_form = StepProgressForm(initial=_step_initial(progress))
    return _step_page(request, progress, status_form, form, status=400)


def _evidence(request: Request, pk: int, action: str) -> Evidence:
    return get_visible_or_404(
        Evidence.objects.restrict(request.user, action).select_related(
            "progress__project", "progress__step"
        ),
        pk=pk,
    )


@login_required
@require_GET
def evidence_download(request: Request, pk: int) -> FileResponse:
    evidence = _evidence(request, pk, "view")
    return stored_file_response(
        evidence.file,
        evidence.content_type,
        # Photos open in the browser; documents download, so nothing uploaded runs in our origin.
        as_attachment=not evidence.content_type.startswith("image/"),
        filename=evidence.name,
    )


@login_required
@require_POST
def evidence_delete(request: Request, pk: int) -> HttpResponse:
    evidence = _evidence(request, pk, "change")
    progress = evidence.progress
    services.evidence_delete(user=request.user, evidence=evidence)
    messages.success(request, _("The evidence file was removed."))
    return redirect("processes:step", pk=progress.project_id, step=progress.step.n)


@login_required
@require_http_methods(["GET", "POST"])
def evaluation_edit(request: Request, pk: int) -> HttpResponse:
    project = _project_to_change(request, pk)
    approved = approved_revision(project)
    targets = list(approved.targets) if approved else []
    results = list(project.target_results or [])
    initial: dict[str, Any] = {
        "outcome": project.outcome,
        "problems": project.problems,
        "suggestions": project.suggestions,
        "budget_spent": project.budget_spent,
    }
    initial.update({f"result_{i}": text for i, text in enumerate(results[: len(targets)])})
    form = EvaluationForm(request.POST or None, initial=initial, targets=targets)
    if request.method == "POST" and form.is_valid():
        services.evaluation_save(
            user=request.user,
            project=project,
            target_results=form.target_results(),
            outcome=form.cleaned_data["outcome"],
            problems=form.cleaned_data["problems"],
            suggestions=form.cleaned_data["suggestions"],
            budget_spent=form.cleaned_data["budget_spent"],
        )
        messages.success(request, _("The evaluation summary was saved."))
        return redirect("processes:project", pk=project.pk)
    return render(
        request,
        "processes/evaluation_form.html",
        {"project": project, "form": form, "approved": approved},
    )


# --- Reports --------------------------------------------------------------------------------------


@login_required
@require_GET
def summary_report(request: Request, pk: int, fmt: str) -> HttpResponseBase:
    project = project_page(user=request.user, pk=pk)
    data = documents.summary_report_document(project)
    name = f"summary-report-{project.process.code}-{project.fiscal_year}"
    if fmt == "pdf":
        pdf = documents.office_pdf(documents.SUMMARY_TEMPLATE, data, project.office)
        return pdf_response(pdf, f"{name}.pdf")
    return export_response(SummaryReportExporter(data, filename=name), fmt)


def _year_projects(request: Request, form: YearForm) -> list[Project]:
    approved = PlanRevision.objects.filter(status=PlanStatus.APPROVED)
    projects: list[Project] = list(
        projects_overview(user=request.user)
        .filter(office=form.chosen_office, fiscal_year=form.chosen_year)
        .prefetch_related(Prefetch("revisions", queryset=approved, to_attr="approved_list"))
    )
    for project in projects:
        project.approved = next(iter(project.approved_list), None)  # type: ignore[attr-defined]
    return projects


@login_required
@require_GET
def annual_report(request: Request, fmt: str) -> HttpResponseBase:
    form = _year_form(request)
    data = documents.annual_report_document(
        office=form.chosen_office,
        fiscal_year=form.chosen_year,
        projects=_year_projects(request, form),
        reporter=request.user,
    )
    name = f"annual-report-{form.chosen_office.code}-{form.chosen_year}"
    if fmt == "pdf":
        pdf = documents.office_pdf(documents.ANNUAL_TEMPLATE, data, form.chosen_office)
        return pdf_response(pdf, f"{name}.pdf")
    return export_response(AnnualReportExporter(data, filename=name), fmt)


# --- ICT development records (info-4) -------------------------------------------------------------


@login_required
@require_GET
def ict_list(request: Request) -> HttpResponse:
    form = _year_form(request)
    records = (
        IctDevelopment.objects.visible_to(request.user)
        .filter(office=form.chosen_office, fiscal_year=form.chosen_year)
        .select_related("recorded_by")
        .order_by("number")
    )
    return render(
        request,
        "processes/ict_list.html",
        {
            "form": form,
            "office": form.chosen_office,
            "year": form.chosen_year,
            "records": records,
            "can_change": can(request.user, "processes.change", office_id=form.chosen_office.pk),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def ict_add(request: Request) -> HttpResponse:
    offices = list(offices_for(request.user, "change"))
    wanted = parse_id(request.GET.get("office"))
    if wanted and wanted not in {office.pk for office in offices}:
        raise Http404
    office = office_for_page(request, offices, every_office=False)
    if office is None:
        raise PermissionDenied
    return _ict_form(request, office, None)


@login_required
@require_http_methods(["GET", "POST"])
def ict_edit(request: Request, pk: int) -> HttpResponse:
    record = get_visible_or_404(
        IctDevelopment.objects.restrict(request.user, "change").select_related("office"), pk=pk
    )
    return _ict_form(request, record.office, record)


def _ict_form(request: Request, office: Any, record: IctDevelopment | None) -> HttpResponse:
    form = IctDevelopmentForm(request.POST or None, instance=record)
    if form.is_valid() and (
        done := attempt(
            request,
            lambda: services.ict_development_save(
                user=request.user, office=office, values=form.values(), record=record
            ),
            form=form,
            success=_("The ICT development record was saved."),
        )
    ):
        return redirect("processes:ict", pk=done.value.pk)
    return render(
        request, "processes/ict_form.html", {"form": form, "record": record, "office": office}
    )


@login_required
@require_GET
def ict_detail(request: Request, pk: int) -> HttpResponse:
    record = get_visible_or_404(
        IctDevelopment.objects.visible_to(request.user).select_related("office", "recorded_by"),
        pk=pk,
    )
    return render(
        request,
        "processes/ict_detail.html",
        {
            "record": record,
            "can_change": can(request.user, "processes.change", office_id=record.office_id),
        },
    )


@login_required
@require_GET
def ict_record_pdf(request: Request, pk: int) -> HttpResponse:
    record = get_visible_or_404(
        IctDevelopment.objects.visible_to(request.user).select_related("office", "recorded_by"),
        pk=pk,
    )
    data = documents.ict_record_document(record)
    pdf = documents.office_pdf(documents.ICT_RECORD_TEMPLATE, data, record.office)
    return pdf_response(pdf, f"ict-record-{record.fiscal_year}-{record.number}.pdf")


@login_required
@require_GET
def ict_report(request: Request, fmt: str) -> HttpResponseBase:
    form = _year_form(request)
    records = list(
        IctDevelopment.objects.visible_to(request.user)
        .filter(office=form.chosen_office, fiscal_year=form.chosen_year)
        .order_by("number")
    )
    data = documents.ict_report_document(
        office=form.chosen_office,
        fiscal_year=form.chosen_year,
        records=records,
        reporter=request.user,
    )
    name = f"ict-report-{form.chosen_office.code}-{form.chosen_year}"
    if fmt == "pdf":
        pdf = documents.office_pdf(documents.ICT_REPORT_TEMPLATE, data, form.chosen_office)
        return pdf_response(pdf, f"{name}.pdf")
    return export_response(IctReportExporter(data, filename=name), fmt)
