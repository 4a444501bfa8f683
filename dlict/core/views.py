from collections.abc import Callable

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers

from dlict.core import jobs
from dlict.core.dashboard import panels_for
from dlict.core.exports import JobErrorsExporter, export_csv
from dlict.core.forms import AuditFilterForm
from dlict.core.http import Request
from dlict.core.models import Job
from dlict.core.navigation import public_links
from dlict.core.progress import read_progress
from dlict.core.scoping import can, get_visible_or_404
from dlict.core.selectors import audit_list, job_list
from dlict.core.shortcuts import attempt
from dlict.core.sqlite.base import brief_lock_wait, is_locked


@login_required
@require_GET
def dashboard(request: Request) -> HttpResponse:
    return render(request, "core/dashboard.html", {"panels": panels_for(request)})


@require_GET
def about(request: HttpRequest) -> HttpResponse:
    return render(request, "core/about.html", {"public_links": public_links()})


@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


@login_required
@require_GET
def job_list_view(request: Request) -> HttpResponse:
    page = Paginator(job_list(user=request.user), 30).get_page(request.GET.get("page"))
    return render(request, "core/job_list.html", {"page": page})


def _job(request: Request, pk: int) -> Job:
    return get_visible_or_404(job_list(user=request.user), pk=pk)


@login_required
@require_GET
@vary_on_headers("HX-Request")  # the page, or to htmx only the status card
def job_detail(request: Request, pk: int) -> HttpResponse:
    job = _job(request, pk)
    if not request.htmx:
        # A job whose worker stopped is queued again or failed here too, so the page never shows
        # a job running that nothing runs (no write for any other job). Once per page, not on
        # every poll, and without waiting on a busy database: the worker does it too.
        with brief_lock_wait():
            try:
                job = jobs.job_recover(job=job)
            except OperationalError as error:
                if not is_locked(error):
                    raise
    handler = jobs.handler_for(job.kind)
    upload_url_name = getattr(handler, "upload_url_name", None)
    context = {
        "job": job,
        "progress": read_progress(job.pk),
        "job_template": getattr(handler, "template", None),
        "upload_url": reverse(upload_url_name) if upload_url_name else None,
    }
    if request.htmx:
        return render(request, "core/_job_status.html", context)
    return render(request, "core/job_detail.html", context)


@login_required
@require_POST
def job_action(request: Request, pk: int, action: str) -> HttpResponse:
    job = _job(request, pk)
    actions: dict[str, Callable[..., Job]] = {
        "confirm": jobs.job_confirm,
        "retry": jobs.job_retry,
        "cancel": jobs.job_cancel,
    }
    notices = {
        "confirm": _("Saving has started."),
        "retry": _("The job was queued again."),
        "cancel": _("The job was cancelled; nothing was written."),
    }
    attempt(request, lambda: actions[action](job=job), success=notices[action])
    return redirect("core:job", pk=job.pk)


@login_required
@require_GET
def job_errors_csv(request: Request, pk: int) -> HttpResponseBase:
    """The rejected file's problems, as a spreadsheet to work through."""
    return export_csv(JobErrorsExporter(_job(request, pk)))


@login_required
@require_GET
def audit_view(request: Request) -> HttpResponse:
    if not can(request.user, "audit.view"):
        raise PermissionDenied
    form = AuditFilterForm(request.GET, user=request.user)
    form.is_valid()
    data = form.cleaned_data
    entries = audit_list(
        user=request.user,
        model=data.get("model"),
        action=int(data["action"]) if data.get("action") not in (None, "") else None,
        since=data.get("since"),
        until=data.get("until"),
        q=data.get("q") or "",
    )
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request, "core/audit_list.html", {"form": form, "page": page, "query": query.urlencode()}
    )
