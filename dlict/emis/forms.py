from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dlict.core.forms import model_choice_field
from dlict.core.thai import academic_year
from dlict.core.uploads import check_size
from dlict.emis.models import DataRound
from dlict.schools.models import Office


class StudentImportForm(forms.Form):
    """Upload a DMC students-by-grade export for one academic year and round."""

    office = forms.ModelChoiceField(
        label=_("Office"),
        queryset=Office.objects.none(),
        required=False,
        empty_label=_("The offices the file names"),
        help_text=_("Leave it to the file when it holds several offices (national files)."),
    )
    academic_year = forms.IntegerField(
        label=_("Academic year (B.E.)"), min_value=2500, max_value=2700
    )
    data_round = forms.TypedChoiceField(
        label=_("Round"), choices=DataRound.choices, coerce=int, initial=DataRound.JUNE
    )
    create_schools = forms.BooleanField(
        label=_("Create new schools"),
        required=False,
        help_text=_("Schools that are not in the registry yet are added from the file."),
    )
    file = forms.FileField(
        label=_("File"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,.txt"}),
        error_messages={"empty": _("The file is empty.")},
    )

    def __init__(
        self,
        *args: Any,
        offices: Any,
        national: bool,
        office: Office | None = None,
        **kwargs: Any,
    ) -> None:
        """``office``: the one chosen last (None: the offices the file names), to start from."""
        kwargs.setdefault(
            "initial", {"academic_year": academic_year(timezone.localdate()), "office": office}
        )
        super().__init__(*args, **kwargs)
        field = model_choice_field(self, "office")
        field.queryset = offices
        field.label_from_instance = lambda office: office.name_th  # type: ignore[assignment]
        self.only_office = offices.first() if offices.count() == 1 and not national else None
        if self.only_office is not None:
            del self.fields["office"]
        elif not national:
            field.required = True
            field.empty_label = None
        self.fields["file"].help_text = _("CSV or XLSX, up to %(mb)d MB.") % {
            "mb": settings.DLICT_IMPORT_MAX_BYTES // 2**20
        }

    def chosen_office(self) -> Office | None:
        return self.only_office or self.cleaned_data.get("office")

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        check_size(upload, max_bytes=settings.DLICT_IMPORT_MAX_BYTES)
        return upload


class SchoolInfoImportForm(forms.Form):
    """Upload one office's DMC school-information export."""

    office = forms.ModelChoiceField(label=_("Office"), queryset=Office.objects.none())
    create_schools = forms.BooleanField(
        label=_("Create new schools"),
        required=False,
        help_text=_("Schools that are not in the registry yet are added from the file."),
    )
    file = forms.FileField(
        label=_("File"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,.txt"}),
        error_messages={"empty": _("The file is empty.")},
    )

    def __init__(self, *args: Any, offices: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = model_choice_field(self, "office")
        field.queryset = offices
        field.label_from_instance = lambda office: office.name_th  # type: ignore[assignment]
        self.only_office = offices.first() if offices.count() == 1 else None
        if self.only_office is not None:
            del self.fields["office"]
        self.fields["file"].help_text = _("CSV or XLSX, up to %(mb)d MB.") % {
            "mb": settings.DLICT_IMPORT_MAX_BYTES // 2**20
        }

    def chosen_office(self) -> Office:
        return self.only_office or self.cleaned_data["office"]

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        check_size(upload, max_bytes=settings.DLICT_IMPORT_MAX_BYTES)
        return upload
