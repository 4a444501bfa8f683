"""Supervision visits: planned at the office, recorded at the school on a phone that may have no
connection, sent once, printed; and the office's observation rubric.

The record page works offline: a service worker keeps the visit pages and their static files, the
page keeps the form on the phone (IndexedDB) as it is filled in, and sends it when a connection
returns. Every form carries its visit's key, so a second send finds the visit already kept.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import FileResponse, Http404, HttpResponse, JsonResponse, QueryDict
from django.http.response import HttpResponseBase
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from dlict.core.exports import export_response
from dlict.core.forms import form_messages
from dlict.core.http import Request, parse_id, stored_file_response
from dlict.core.pdf import pdf_response
from dlict.core.scoping import can, get_visible_or_404
from dlict.core.shortcuts import attempt
from dlict.core.thai import format_date_numeric
from dlict.dltv.choices import DLTV_GRADES, ViewingChannel
from dlict.dltv.services import school_grades
from dlict.schools.models import Office, School
from dlict.schools.office_choice import offices_for_page
from dlict.supervision import services
from dlict.supervision.documents import visit_pdf
from dlict.supervision.exports import OpenFindingsExporter
from dlict.supervision.forms import RubricForm, VisitForm, VisitPlanForm, rubric_text
from dlict.supervision.models import FollowUp, Reception, Rubric, Visit, VisitPhoto
from dlict.supervision.selectors import (
    VisitScope,
    observation,
    open_findings,
    open_findings_of,
    term_range,
)


def _offices(request: Request) -> tuple[Office | None, list[Office]]:
    """The office whose visits or rubric are shown (the one chosen, on this page or an earlier one;
    else the first by code), and the offices the person may choose from."""
    return offices_for_page(request, "dltv.view", every_office=False)


def _supervised_schools(request: Request, office: Office | None) -> Any:
    """The DLTV schools of the office that the person may visit."""
    if office is None or not can(request.user, "dltv.supervise", office_id=office.pk):
        return School.objects.none()
    return School.objects.filter(office=office, dltv=True).order_by("name_sort")


@login_required
@require_http_methods(["GET", "POST"])
def visits(request: Request) -> HttpResponse:
    """The office's visits: those planned (with their offline forms) and those recorded this
    academic year; a supervisor plans a visit here."""
    if not can(request.user, "dltv.view"):
        raise PermissionDenied
    office, offices = _offices(request)
    shown = Visit.objects.visible_to(request.user).select_related("school", "supervisor")
    if office is not None:
        shown = shown.filter(office=office)
    schools = _supervised_schools(request, office)
    if "new" in request.GET:
        school = schools.filter(pk=parse_id(request.GET.get("new")) or 0).first()
        if school is None:
            raise Http404
        return redirect("supervision:visit_new", school_pk=school.pk)
    today = timezone.localdate()
    posted = request.POST if request.method == "POST" else None
    form = VisitPlanForm(posted, schools=schools, initial={"planned_on": today})
    if request.method == "POST" and not schools.exists():
        raise PermissionDenied
    if form.is_valid():
        school = form.cleaned_data["school"]
        done = attempt(
            request,
            lambda: services.visit_plan(
                user=request.user, school=school, planned_on=form.cleaned_data["planned_on"]
            ),
            form=form,
            success=_(
                "The visit to %(school)s is planned. Open its form once while online to use it "
                "offline."
            )
            % {"school": school.name_th},
        )
        if done:
            return redirect(f"{reverse('supervision:visits')}?office={school.office_id}")
    start, _end = term_range(today)
    planned = list(shown.filter(status=Visit.Status.PLANNED).order_by("planned_on", "pk"))
    mine = [v for v in planned if v.supervisor_id == request.user.pk]
    return render(
        request,
        "supervision/visits.html",
        {
            "office": office,
            "offices": offices if len(offices) > 1 else None,
            "planned": planned,
            "recorded": shown.filter(status=Visit.Status.RECORDED, visited_on__gte=start)
            .annotate(open=Count("findings", filter=Q(findings__resolved_in__isnull=True)))
            .order_by("-visited_on", "-pk")[:200],
            "schools": schools,
            "plan_form": form,
            "today": today,
            "offline_urls": [reverse("supervision:visit_record", args=[v.pk]) for v in mine],
            "config": _script_config(request),
        },
    )


def _visit(request: Request, pk: int) -> Visit:
    return get_visible_or_404(
        Visit.objects.visible_to(request.user).select_related(
            "school__district",
            "school__province",
            "school__network_group",
            "office",
            "supervisor",
            "rubric",
        ),
        pk=pk,
    )


# --- The record form ----------------------------------------------------------------------------


# The phone's cache of visit pages. app.js empties every "dlict-visit-pages-…" cache at the
# login page, and the worker drops those of its earlier versions.
PAGES_CACHE = "dlict-visit-pages-v1"


def _script_config(request: Request, **extra: Any) -> dict[str, Any]:
    """What the visit pages' script needs: whose phone store to use, where to send, the limits,
    its messages."""
    return {
        "user": request.user.pk,
        "pagesCache": PAGES_CACHE,
        "syncUrl": reverse("supervision:visit_sync"),
        "tokenUrl": reverse("supervision:visit_token"),
        "workerUrl": reverse("supervision:visit_worker"),
        "maxPhotoBytes": settings.DLICT_EVIDENCE_MAX_BYTES,
        "maxPhotos": services.MAX_PHOTOS,
        "text": _script_messages(),
        **extra,
    }


def _form_rubric(school: School, wanted: str | None, current: Rubric | None) -> Rubric:
    """The rubric version the form shows: the office's current one, or an earlier version a
    visit already begun on this phone uses (``?rubric=``)."""
    usable = Rubric.objects.usable_by(school.office_id)
    rubric = (usable.filter(pk=parse_id(wanted) or 0).first() if wanted else None) or current
    if rubric is None:
        raise Http404
    return rubric


def _form_context(
    request: Request, school: School, visit: Visit | None, data: QueryDict | None
) -> dict[str, Any]:
    """Everything the record page needs, with the values sent back when the server refused
    them (a browser without script posts the form itself)."""
    values = data if data is not None else QueryDict()
    wanted = values.get("rubric") if data is not None else request.GET.get("rubric")
    current = Rubric.objects.current_for(school.office_id)
    rubric = _form_rubric(school, wanted, current)
    sections = [
        {
            "title": section.title,
            "items": [
                {
                    "code": item.code,
                    "text": item.text,
                    "score": values.get(f"score-{item.code}", ""),
                    "evidence": values.get(f"evidence-{item.code}", ""),
                }
                for item in section.items
            ],
        }
        for section in observation(rubric, {}).sections
    ]
    findings = [
        {
            "finding": finding,
            "result": values.get(f"followup-{finding.pk}", ""),
            "note": values.get(f"followup-note-{finding.pk}", ""),
        }
        for finding in open_findings(school)
    ]
    grades = school_grades(school)
    # Without script the form posts this key; the script keeps its own key for each visit.
    key = values.get("key") or (str(visit.key) if visit else str(uuid.uuid4()))
    config = _script_config(
        request,
        key=str(visit.key) if visit else "",
        draft=f"visit-{visit.pk}" if visit else f"new-{school.pk}",
        rubric=rubric.pk,
    )
    return {
        "school": school,
        "visit": visit,
        "rubric": rubric,
        "older_rubric": current is not None and current != rubric,
        "sections": sections,
        "findings": findings,
        "results": FollowUp.Result.choices,
        "grades": [(code, label) for code, label in DLTV_GRADES if code in grades],
        "channels": ViewingChannel.choices,
        "receptions": Reception.choices,
        "values": values,
        "visited_on": values.get("visited_on") or format_date_numeric(timezone.localdate()),
        "findings_text": values.get("findings", ""),
        "config": config,
        "key": key,
        "max_photo_mb": settings.DLICT_EVIDENCE_MAX_BYTES // 2**20,
    }


def _script_messages() -> dict[str, Any]:
    """What the page's script says, in the page's language."""
    return {
        "saved": _("Kept on this phone."),
        "notSaved": _(
            "This phone could not keep the form (its storage may be full): do not close the page; "
            "free some space or remove a photo."
        ),
        "queued": _(
            "No connection: the visit is kept on this phone. It is sent when the connection "
            "returns while a visits page is open, or the next time you open the supervision "
            "visits page."
        ),
        "sending": _("Sending…"),
        "sent": _("The visit was sent and recorded."),
        "sentKept": _("The visits kept on this phone were sent and recorded."),
        "already": _("This visit had already been sent; it is recorded once."),
        "newerRubric": _(
            "The office changed its rubric after this form was opened; this visit keeps the "
            "version it was scored on."
        ),
        "login": _("Log in again to send the visit; it stays on this phone until then."),
        "refused": _("The visit was not recorded. Correct these and send it again:"),
        "failed": _(
            "The server could not take the visit now; it stays on this phone and will be "
            "sent again."
        ),
        "tooLargeRequest": _(
            "The photos together are too large to send: remove some and send again."
        ),
        "unscored": _("Score every item of the observation; not scored: %(items)s."),
        "notImage": _("%(name)s is not a JPG or PNG photo."),
        "tooLarge": _("%(name)s is %(size)s MB; the largest photo accepted is %(limit)s MB."),
        "tooMany": _("Up to %(n)s photos a visit."),
        "mine": _("On this phone: %(n)s of your visits not yet recorded."),
        "others": _("%(n)s visits of another person wait on this phone for them to log in."),
        "states": {
            "draft": _("draft, not sent"),
            "queued": _("waiting to be sent"),
            "refused": _("refused: open it to correct"),
        },
        "remove": _("Remove"),
        "removeDraft": _("Remove from this phone"),
        "confirmRemove": _("Remove this visit from the phone? What it holds is lost."),
        "caption": _("Caption"),
        "open": _("Open the visit"),
    }


@login_required
@require_GET
def visit_record(request: Request, pk: int) -> HttpResponse:
    """The record form of a planned visit (kept by the phone for use offline)."""
    visit = _visit(request, pk)
    if not can(request.user, "dltv.supervise", school=visit.school):
        raise Http404
    if visit.status == Visit.Status.RECORDED:
        return redirect("supervision:visit", pk=visit.pk)
    return render(
        request, "supervision/visit_form.html", _form_context(request, visit.school, visit, None)
    )


@login_required
@require_GET
def visit_new(request: Request, school_pk: int) -> HttpResponse:
    """The record form of a visit that was not planned."""
    school = get_visible_or_404(School.objects.restrict(request.user, "view"), pk=school_pk)
    if not can(request.user, "dltv.supervise", school=school):
        raise Http404
    return render(
        request, "supervision/visit_form.html", _form_context(request, school, None, None)
    )


def _wants_json(request: Request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


@login_required
@require_POST
def visit_sync(request: Request) -> HttpResponse:
    """Receive a recorded visit, from the phone's script (answered in JSON) or from the form
    posted by a browser without script (answered with a page)."""
    captions = request.POST.getlist("photo_caption")
    photos = [
        services.PhotoInput(upload, captions[n] if n < len(captions) else "")
        for n, upload in enumerate(request.FILES.getlist("photo"))
    ]
    form = VisitForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(form_messages(form))
        received = services.visit_receive(user=request.user, data=form.visit_input(), photos=photos)
    except PermissionDenied:
        if not _wants_json(request):
            raise
        message = _("You may not record visits at this school.")
        return JsonResponse({"errors": [message]}, status=403)
    except ValidationError as error:
        status = 409 if isinstance(error, services.VisitConflict) else 400
        if _wants_json(request):
            return JsonResponse({"errors": error.messages}, status=status)
        return _form_again(request, error.messages, status)
    url = reverse("supervision:visit", args=[received.visit.pk])
    if _wants_json(request):
        return JsonResponse(
            {"url": url, "created": received.created, "newer_rubric": received.newer_rubric}
        )
    messages.success(
        request,
        _("The visit was sent and recorded.")
        if received.created
        else _("This visit had already been sent; it is recorded once."),
    )
    return redirect(url)


def _is_uuid(text: str) -> bool:
    try:
        uuid.UUID(text)
    except ValueError:
        return False
    return True


def _form_again(request: Request, errors: list[str], status: int) -> HttpResponse:
    """The record form with what was posted and why it was refused (a browser without script)."""
    school = get_visible_or_404(
        School.objects.restrict(request.user, "view"),
        pk=parse_id(request.POST.get("school")) or 0,
    )
    key = request.POST.get("key") or ""
    planned = (
        Visit.objects.visible_to(request.user).filter(key=key, school=school).first()
        if _is_uuid(key)
        else None
    )
    context = _form_context(request, school, planned, request.POST)
    return render(
        request, "supervision/visit_form.html", {**context, "errors": errors}, status=status
    )


@login_required
@never_cache
@require_GET
def visit_token(request: Request) -> JsonResponse:
    """A fresh CSRF token for the phone's script before it sends what it kept offline (the page
    it kept may be older than the last login)."""
    return JsonResponse({"token": get_token(request)})


@require_GET
def visit_worker(request: Request) -> HttpResponse:
    """The service worker, served from the visits' path so that it may look after their pages."""
    context = {
        "pages_cache": PAGES_CACHE,
        "offline_text": _(
            "This page was not kept on this phone: open it once while online to use it "
            "without a connection."
        ),
    }
    response = render(
        request,
        "supervision/visit-worker.js",
        context,
        content_type="text/javascript; charset=utf-8",
    )
    response["Cache-Control"] = "no-cache"
    return response


# --- A recorded visit -----------------------------------------------------------------------------


@login_required
@require_GET
def visit_detail(request: Request, pk: int) -> HttpResponse:
    visit = _visit(request, pk)
    seen = observation(visit.rubric, visit.scores) if visit.rubric else None
    return render(
        request,
        "supervision/visit_detail.html",
        {
            "visit": visit,
            "observation": seen,
            "follow_ups": visit.follow_ups.select_related("finding__visit"),
            "findings": visit.findings.select_related("resolved_in"),
            "photos": visit.photos.all(),
            "can_supervise": can(request.user, "dltv.supervise", school=visit.school),
        },
    )


@login_required
@require_GET
def visit_print(request: Request, pk: int) -> HttpResponse:
    visit = _visit(request, pk)
    if visit.status != Visit.Status.RECORDED:
        raise Http404
    name = f"visit-{visit.school.smis_code}-{visit.visited_on}.pdf"
    return pdf_response(visit_pdf(visit), name)


@login_required
@require_POST
def visit_cancel(request: Request, pk: int) -> HttpResponse:
    visit = _visit(request, pk)
    if attempt(
        request,
        lambda: services.visit_cancel(user=request.user, visit=visit),
        success=_("The planned visit was cancelled."),
    ):
        return redirect(f"{reverse('supervision:visits')}?office={visit.office_id}")
    return redirect("supervision:visit", pk=visit.pk)


@login_required
@require_GET
def visit_photo(request: Request, pk: int) -> FileResponse:
    photo = get_visible_or_404(VisitPhoto.objects.visible_to(request.user), pk=pk)
    return stored_file_response(photo.file, photo.content_type)


# --- The observation rubric -----------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def rubric(request: Request) -> HttpResponse:
    """The office's observation rubric: the version in use, its earlier versions, and (for the
    office's staff) the form that saves a new version."""
    office, offices = _offices(request)
    if office is None:
        raise PermissionDenied
    current = Rubric.objects.current_for(office.pk)
    if current is None:
        raise Http404
    can_change = can(request.user, "dltv.change", office_id=office.pk)
    if request.method == "POST" and not can_change:
        raise PermissionDenied
    posted = request.POST if request.method == "POST" else None
    form = RubricForm(posted, initial=rubric_text(current))
    if form.is_valid() and attempt(
        request,
        lambda: services.rubric_save(user=request.user, office_id=office.pk, **form.cleaned_data),
        form=form,
        success=_("The rubric was saved as a new version. Visits recorded before keep theirs."),
    ):
        return redirect(f"{reverse('supervision:rubric')}?office={office.pk}")
    versions = (
        Rubric.objects.usable_by(office.pk)
        .annotate(used=Count("visits", filter=Q(visits__office=office)))
        .order_by("-office", "-version")
    )
    return render(
        request,
        "supervision/rubric.html",
        {
            "office": office,
            "offices": offices if len(offices) > 1 else None,
            "rubric": current,
            "observation": observation(current, {}),
            "versions": versions,
            "form": form,
            "can_change": can_change,
        },
    )


@login_required
@require_GET
def rubric_version(request: Request, pk: int) -> HttpResponse:
    """One version of a rubric, as the visits recorded with it were scored."""
    version = get_visible_or_404(Rubric.objects.visible_to(request.user), pk=pk)
    return render(
        request,
        "supervision/rubric_version.html",
        {"rubric": version, "observation": observation(version, {})},
    )


# --- Figures for the DLTV dashboard ---------------------------------------------------------------


def _figures_office(request: Request) -> Office | None:
    """The office of the DLTV dashboard the figures belong to, or None for every office the person
    may see."""
    return offices_for_page(request, "dltv.view", every_office=True)[0]


@login_required
@require_GET
def findings_export(request: Request) -> HttpResponseBase:
    """The findings still open, of one office or of every office the person may see."""
    if not can(request.user, "dltv.view"):
        raise PermissionDenied
    office = _figures_office(request)
    scope = VisitScope(request.user, office)
    exporter = OpenFindingsExporter(open_findings_of(scope), office.code if office else "all")
    return export_response(exporter, "xlsx")
