"""The figures dashboard, its spreadsheets, and the map of the schools.

Each page reads the same three choices from the query string: the office (for people who may see
several), the academic year and the round. The office follows the rule of every page with a choice
of office (``dlict.schools.office_choice``): the one asked for, else the one chosen on an earlier
page, else every office at once. A year or round left out, or one the person may not see, falls
back to the latest round that has figures.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    JsonResponse,
    QueryDict,
    StreamingHttpResponse,
)
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from dlict.core.exports import export_csv, export_response
from dlict.core.http import Request
from dlict.core.pdf import pdf_response
from dlict.core.scoping import can, scope_of
from dlict.emis import selectors
from dlict.emis.booklet import booklet_pdf
from dlict.emis.exports import EXPORTERS
from dlict.emis.models import DataRound
from dlict.emis.open_data import DATASETS, DatasetExporter, as_json, dataset_rows
from dlict.emis.open_data import published_rounds as open_data_rounds
from dlict.emis.selectors import FigureScope, Period
from dlict.schools.models import Office, School
from dlict.schools.office_choice import offices_for_page


def _number(text: str | None) -> int | None:
    return int(text) if text and text.isdigit() and len(text) < 6 else None


class FigureChoiceForm(forms.Form):
    """The office, academic year and round whose figures a page shows. It is never bound: it
    renders the choices in effect, which :meth:`__init__` has already settled from the query."""

    office = forms.ChoiceField(label=_("Office"), required=False)
    year = forms.ChoiceField(label=_("Academic year"), required=False)
    round = forms.ChoiceField(label=_("Round"), required=False, choices=DataRound.choices)

    def __init__(
        self, query: QueryDict, *, user: Any, office: Office | None, offices: list[Office]
    ) -> None:
        """``office`` is the one shown (None: every office the person may see, or a school's own
        figures), ``offices`` those the person may choose from."""
        self.figures = FigureScope(user=user, office=office)
        self.periods = selectors.periods_with_figures(self.figures)
        self.period = self._period(_number(query.get("year")), _number(query.get("round")))
        super().__init__(
            initial={
                "office": office.pk if office else "",
                "year": self.period.academic_year if self.period else "",
                "round": self.period.data_round if self.period else "",
            }
        )
        # Another office or year offers other rounds: changing one reloads the page without
        # the choices that depended on it.
        self.fields["office"].widget.attrs["data-reload-form"] = "year,round"
        self.fields["year"].widget.attrs["data-reload-form"] = "round"
        self.fields["round"].widget.attrs["data-reload-form"] = ""
        if len(offices) > 1:
            field = self.fields["office"]
            assert isinstance(field, forms.ChoiceField)  # noqa: S101 - for the type checker
            field.choices = [("", _("All offices")), *((o.pk, o.name_th) for o in offices)]
        else:
            del self.fields["office"]
        years = {p.academic_year for p in self.periods}
        if self.period:
            years.add(self.period.academic_year)  # asked for, though it has no figures
        year_field = self.fields["year"]
        assert isinstance(year_field, forms.ChoiceField)  # noqa: S101 - for the type checker
        year_field.choices = [(year, year) for year in sorted(years, reverse=True)]

    def _period(self, year: int | None, data_round: int | None) -> Period | None:
        """The round asked for; without one, the latest that has figures (in the year asked for,
        when there is one)."""
        if year and data_round in DataRound.values:
            return Period(year, data_round)
        for period in self.periods:
            if year in (None, period.academic_year):
                return period
        return Period(year, DataRound.JUNE) if year else None

    @property
    def query(self) -> str:
        """The choices in effect, for links to the spreadsheets and the map's points."""
        values: dict[str, Any] = {}
        if self.figures.office is not None:
            values["office"] = self.figures.office.pk
        elif "office" in self.fields:
            values["office"] = ""  # every office, whatever another page chose since
        if self.period is not None:
            values["year"] = self.period.academic_year
            values["round"] = self.period.data_round
        return urlencode(values)


def _choice(request: Request) -> FigureChoiceForm:
    if not can(request.user, "emis.view"):
        raise PermissionDenied
    office, offices = offices_for_page(request, "emis.view", every_office=True)
    return FigureChoiceForm(request.GET, user=request.user, office=office, offices=offices)


def _heading(request: Request, form: FigureChoiceForm) -> str:
    if form.figures.office is not None:
        return form.figures.office.name_th
    scope = scope_of(request.user)
    if scope.is_school_only:
        schools = School.objects.visible_to(request.user).filter(pk__in=sorted(scope.school_roles))
        return ", ".join(school.name_th for school in schools)
    return str(_("All offices"))


@login_required
@require_GET
def dashboard(request: Request) -> HttpResponse:
    form = _choice(request)
    by_area = not scope_of(request.user).is_school_only
    figures = (
        selectors.dashboard(form.figures, form.period, by_area=by_area) if form.period else None
    )
    return render(
        request,
        "emis/dashboard.html",
        {
            "form": form,
            "office": form.figures.office,
            "heading": _heading(request, form),
            "figures": figures,
            "by_area": by_area,
            "query": form.query,
            "small_max": selectors.SMALL_SCHOOL_MAX,
            "can_import": can(request.user, "emis.import"),
        },
    )


@login_required
@require_GET
def dashboard_export(request: Request, table: str) -> HttpResponseBase:
    exporter = EXPORTERS.get(table)
    form = _choice(request)
    if exporter is None or form.period is None:
        raise Http404
    return export_response(exporter(form.figures, form.period), "xlsx")


@login_required
@require_GET
def school_map(request: Request) -> HttpResponse:
    form = _choice(request)
    return render(
        request,
        "emis/map.html",
        {
            "form": form,
            "office": form.figures.office,
            "heading": _heading(request, form),
            "query": form.query,
            "sizes": School.Size.choices,
            "registry_url": reverse("schools:list"),
        },
    )


@login_required
@require_GET
def map_points(request: Request) -> JsonResponse:
    form = _choice(request)
    return JsonResponse(selectors.map_points(form.figures, form.period))


@login_required
@require_GET
def booklet(request: Request) -> HttpResponse:
    """The information booklet of the figures the dashboard shows, as a Thai PDF."""
    form = _choice(request)
    # One office's booklet at a time: all offices' schools would be a book of thousands of
    # pages, too long to print while a browser waits.
    whole_country = form.figures.office is None and not scope_of(request.user).is_school_only
    if form.period is None or form.period not in form.periods or whole_country:
        raise Http404
    pdf = booklet_pdf(
        figures=form.figures, period=form.period, title_office=_heading(request, form)
    )
    code = form.figures.office.code if form.figures.office else "all"
    return pdf_response(
        pdf, f"booklet-{code}-{form.period.academic_year}-{form.period.data_round}.pdf"
    )


# --- Open data ---------------------------------------------------------------------------------


@require_GET
def open_data(request: HttpRequest) -> HttpResponse:
    """Anyone may download the published figures: no login."""
    return render(
        request,
        "emis/open_data.html",
        {"rounds": open_data_rounds(), "datasets": list(DATASETS), "labels": DataRound},
    )


@require_GET
def open_data_file(
    request: HttpRequest, dataset: str, year: str, data_round: str, fmt: str
) -> HttpResponseBase:
    period = (int(year), int(data_round))
    if dataset not in DATASETS or period not in open_data_rounds():
        raise Http404
    response: StreamingHttpResponse
    if fmt == "csv":
        response = export_csv(DatasetExporter(dataset, *period))
    else:
        rows = dataset_rows(dataset, *period)
        response = StreamingHttpResponse(
            as_json(DATASETS[dataset], rows), content_type="application/json"
        )
    response["Content-Disposition"] = f'attachment; filename="{dataset}-{year}-{data_round}.{fmt}"'
    response["Access-Control-Allow-Origin"] = "*"  # open data: any site may read it
    return response
