from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from django.views.decorators.vary import vary_on_headers

from dlict.core import jobs, school_actions
from dlict.core.exports import export_response
from dlict.core.forms import thai_sorted_choices
from dlict.core.http import Request, parse_id
from dlict.core.models import AuditEntry, Job
from dlict.core.scoping import can, get_visible_or_404, scope_of
from dlict.core.shortcuts import attempt
from dlict.schools.exports import SchoolListExporter
from dlict.schools.forms import OfficeChoiceForm, SchoolFilterForm, SchoolForm, SchoolImportForm
from dlict.schools.imports import COLUMNS, SchoolListImporter
from dlict.schools.models import District, Office, School, SubDistrict
from dlict.schools.office_choice import office_for_page, offices_for_page
from dlict.schools.selectors import school_list
from dlict.schools.services import school_create, school_update

PAGE_SIZE = 50


@login_required
@require_GET
@vary_on_headers("HX-Request")  # the same address answers a page or, to htmx, only the results
def school_list_view(request: Request) -> HttpResponse:
    form = _filters(request)
    schools = school_list(user=request.user, filters=form.filters())
    page = Paginator(schools, PAGE_SIZE).get_page(request.GET.get("page"))
    # The office shown goes with the pages and downloads, even when it was remembered, not asked.
    query = form.params.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "office": form.shown_office,
        "page": page,
        "query": query.urlencode(),
        "show_office": "office" in form.fields,
        "can_add": Office.objects.restrict(request.user, "change").exists(),
        "can_import": can(request.user, "schools.import"),
        "can_export": can(request.user, "schools.export"),
    }
    if request.htmx and request.htmx.target == "school-results":
        return render(request, "schools/_school_results.html", context)
    return render(request, "schools/school_list.html", context)


def _filters(request: Request) -> SchoolFilterForm:
    office, offices = offices_for_page(request, "schools.view", every_office=True)
    return SchoolFilterForm(request.GET, user=request.user, office=office, offices=offices)


@login_required
@require_GET
def school_export(request: Request, fmt: str) -> HttpResponseBase:
    if not can(request.user, "schools.export"):
        raise PermissionDenied
    form = _filters(request)
    schools = school_list(user=request.user, filters=form.filters(), action="export")
    exporter = SchoolListExporter(schools, with_office="office" in form.fields)
    return export_response(exporter, fmt)


@login_required
@require_GET
def school_detail(request: Request, pk: int) -> HttpResponse:
    school = get_visible_or_404(School.objects.visible_to(request.user).with_places(), pk=pk)
    history = None
    if can(request.user, "audit.view", office_id=school.office_id):
        history = (
            AuditEntry.objects.visible_to(request.user)
            .for_object(school)
            .select_related("actor", "content_type")[:20]
        )
    return render(
        request,
        "schools/school_detail.html",
        {
            "school": school,
            "history": history,
            "can_edit": can(request.user, "schools.change", school=school),
            "actions": school_actions.actions_for(request.user, school),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def school_edit(request: Request, pk: int) -> HttpResponse:
    school = get_visible_or_404(School.objects.restrict(request.user, "change"), pk=pk)
    form = SchoolForm(
        request.POST or None, instance=school, office=school.office, user=request.user
    )
    if form.is_valid() and attempt(
        request,
        lambda: school_update(
            user=request.user,
            school=school,
            values=form.values(),
            group_name=form.cleaned_data["group_name"],
        ),
        form=form,
        success=_("The school's record was saved."),
    ):
        return redirect("schools:detail", pk=school.pk)
    return render(request, "schools/school_form.html", {"form": form, "school": school})


@login_required
@require_http_methods(["GET", "POST"])
def school_add(request: Request) -> HttpResponse:
    """Add a school; someone who keeps several offices' registries first says which office,
    starting from the office they chose last."""
    offices = Office.objects.restrict(request.user, "change").order_by("code")
    shown = office_for_page(request, list(offices), every_office=False)
    if shown is None:
        raise PermissionDenied
    chooser = OfficeChoiceForm(request.GET or None, offices=offices, initial={"office": shown})
    office = chooser.chosen()
    if office is None:
        return render(
            request, "schools/school_add_office.html", {"chooser": chooser, "office": shown}
        )
    form = SchoolForm(
        request.POST or None, instance=School(office=office), office=office, user=request.user
    )
    if form.is_valid() and (
        done := attempt(
            request,
            lambda: school_create(
                user=request.user,
                office=office,
                values=form.values(),
                group_name=form.cleaned_data["group_name"],
            ),
            form=form,
            success=_("The school was added to the registry."),
        )
    ):
        return redirect("schools:detail", pk=done.value.pk)
    return render(
        request, "schools/school_form.html", {"form": form, "school": None, "office": office}
    )


@login_required
@require_GET
def district_options(request: Request) -> HttpResponse:
    """<option>s of a province's districts, for the address part of the school form."""
    province = parse_id(request.GET.get("province"))
    districts = District.objects.filter(province_id=province) if province else []
    # The sub-district list belonged to the old district: empty it in the same response.
    return render(
        request,
        "schools/_options.html",
        {
            "options": thai_sorted_choices(districts, empty=_("Choose…")),
            "reset_sub_districts": True,
        },
    )


@login_required
@require_GET
def sub_district_options(request: Request) -> HttpResponse:
    district = parse_id(request.GET.get("district"))
    subs = SubDistrict.objects.filter(district_id=district) if district else []
    return render(
        request, "schools/_options.html", {"options": thai_sorted_choices(subs, empty=_("Choose…"))}
    )


@login_required
@require_http_methods(["GET", "POST"])
def school_import(request: Request) -> HttpResponse:
    if not can(request.user, SchoolListImporter.permission):
        raise PermissionDenied
    offices = Office.objects.restrict(request.user, "import").order_by("code")
    office = office_for_page(request, list(offices), every_office=False)
    form = SchoolImportForm(
        request.POST or None,
        request.FILES or None,
        user=request.user,
        initial={"office": office},
    )
    if request.method == "POST" and form.is_valid():
        job = jobs.job_start(
            kind=SchoolListImporter.kind,
            title=_("School list import: %(file)s") % {"file": form.cleaned_data["file"].name},
            user=request.user,
            office=form.chosen_office(),
            upload=form.cleaned_data["file"],
            stage=Job.Stage.CHECK,
        )
        return redirect("core:job", pk=job.pk)
    return render(
        request,
        "schools/school_import.html",
        {
            "form": form,
            "office": office,
            "columns": COLUMNS,
            "national": scope_of(request.user).national,
        },
    )
