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
from dlict.emis.forms import StudentImportForm
from dlict.emis.imports import COLUMNS, StudentCountImporter
from dlict.emis.models import DataRound
from dlict.schools.models import Office


@login_required
@require_http_methods(["GET", "POST"])
def import_students(request: Request) -> HttpResponse:
    if not can(request.user, StudentCountImporter.permission):
        raise PermissionDenied
    national = scope_of(request.user).national
    offices = (
        Office.objects.filter(
            pk__in=sorted(scope_of(request.user).offices_with(StudentCountImporter.permission))
        )
        if not national
        else Office.objects.all()
    )
    form = StudentImportForm(
        request.POST or None, request.FILES or None, offices=offices, national=national
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
        {"form": form, "leading": COLUMNS[:4], "grade_columns": grade_columns},
    )
