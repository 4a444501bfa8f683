from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from dlict.core import jobs
from dlict.core.http import Request
from dlict.core.models import Job
from dlict.core.scoping import can, scope_of
from dlict.emis.forms import SchoolInfoImportForm, StudentImportForm
from dlict.emis.imports import COLUMNS, StudentCountImporter
from dlict.emis.models import DataRound
from dlict.emis.school_info import COLUMNS as SCHOOL_INFO_COLUMNS
from dlict.emis.school_info import SchoolInfoImporter
from dlict.schools.models import Office
from dlict.schools.office_choice import office_for_page


@login_required
@require_http_methods(["GET", "POST"])
def import_students(request: Request) -> HttpResponse:
    if not can(request.user, StudentCountImporter.permission):
        raise PermissionDenied
    national = scope_of(request.user).national
    offices = _import_offices(request)
    # A national administrator may leave the office to the file: that is "every office" here.
    office = office_for_page(request, list(offices), every_office=national)
    form = StudentImportForm(
        request.POST or None,
        request.FILES or None,
        offices=offices,
        national=national,
        office=office,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        job = jobs.job_start(
            kind=StudentCountImporter.kind,
            title=_("Students by grade %(year)d, round %(round)s: %(file)s")
            % {
                "year": data["academic_year"],
                "round": DataRound(data["data_round"]).label,
                "file": data["file"].name,
            },
            user=request.user,
            office=form.chosen_office(),
            params={
                "academic_year": data["academic_year"],
                "data_round": data["data_round"],
                "create_schools": data["create_schools"],
            },
            upload=data["file"],
            stage=Job.Stage.CHECK,
        )
        return redirect("core:job", pk=job.pk)
    grade_columns = [c for c in COLUMNS if c.key.startswith("k1_")]
    return render(
        request,
        "emis/import_students.html",
        {
            "form": form,
            "office": office,
            "leading": COLUMNS[:4],
            "grade_columns": grade_columns,
        },
    )


def _import_offices(request: Request) -> Any:
    return Office.objects.with_office_permission(request.user, "emis.import").order_by("code")


SCHOOL_INFO_SHOWN = (
    "ministry_code",
    "name_th",
    "teachers",
    "computers_teaching",
    "internet",
    "dltv",
)


@login_required
@require_http_methods(["GET", "POST"])
def import_schools(request: Request) -> HttpResponse:
    if not can(request.user, SchoolInfoImporter.permission):
        raise PermissionDenied
    offices = _import_offices(request)
    office = office_for_page(request, list(offices), every_office=False)
    form = SchoolInfoImportForm(
        request.POST or None,
        request.FILES or None,
        offices=offices,
        initial={"office": office},
    )
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        job = jobs.job_start(
            kind=SchoolInfoImporter.kind,
            title=_("School information: %(file)s") % {"file": upload.name},
            user=request.user,
            office=form.chosen_office(),
            params={"create_schools": form.cleaned_data["create_schools"]},
            upload=upload,
            stage=Job.Stage.CHECK,
        )
        return redirect("core:job", pk=job.pk)
    columns = [c for c in SCHOOL_INFO_COLUMNS if c.key in SCHOOL_INFO_SHOWN]
    return render(
        request,
        "emis/import_schools.html",
        {"form": form, "office": office, "columns": columns},
    )
