from typing import Any

from django import forms
from django.conf import settings
from django.db.models import QuerySet
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from dlict.core.forms import model_choice_field, thai_sorted_choices
from dlict.core.http import parse_id
from dlict.core.scoping import scope_of
from dlict.core.thai import thai_sort_key
from dlict.core.uploads import check_size
from dlict.schools.models import District, NetworkGroup, Office, Province, School, SubDistrict
from dlict.schools.selectors import SchoolFilters, districts_for, network_groups_for


class SchoolFilterForm(forms.Form):
    """The registry's filters. Choices hold only what the user may see. The office is the page's
    choice (``offices_for_page``): the one asked for, else the one chosen on an earlier page, else
    every office."""

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        widget=forms.SearchInput(attrs={"placeholder": _("Name or code"), "autocomplete": "off"}),
    )
    office = forms.ModelChoiceField(
        label=_("Office"), queryset=Office.objects.none(), required=False, empty_label=_("All")
    )
    district = forms.ModelChoiceField(
        label=_("District"), queryset=District.objects.none(), required=False, empty_label=_("All")
    )
    network_group = forms.ModelChoiceField(
        label=_("Network group"),
        queryset=NetworkGroup.objects.none(),
        required=False,
        empty_label=_("All"),
    )
    dltv = forms.ChoiceField(
        label=_("DLTV"),
        required=False,
        choices=[("", _("All")), ("yes", _("Uses DLTV")), ("no", _("Does not use DLTV"))],
    )
    size = forms.ChoiceField(
        label=_("Size"), required=False, choices=[("", _("All")), *School.Size.choices]
    )
    kind = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", _("All")), *School.Kind.choices]
    )

    def __init__(
        self, data: QueryDict, *, user: Any, office: Office | None, offices: list[Office]
    ) -> None:
        """``office`` is the one shown (None: every office), ``offices`` those to choose from
        (``offices_for_page(request, "schools.view", ...)``)."""
        if len(offices) > 1:
            data = data.copy()
            data["office"] = str(office.pk) if office else ""
        super().__init__(data)
        self.shown_office = office
        self.params = data  # the query with the office shown, for links to more of the same
        model_choice_field(self, "office").queryset = Office.objects.with_office_permission(
            user, "schools.view"
        )
        # The districts and groups on offer depend on the office: changing it reloads the page.
        self.fields["office"].widget.attrs["data-reload-form"] = "district,network_group"
        if len(offices) < 2:
            del self.fields["office"]
        if office is None or scope_of(user).is_school_only:
            # The whole country has too many districts and groups for one list: choose an office.
            del self.fields["district"], self.fields["network_group"]
            return
        self._limit("district", districts_for(user=user, offices=[office]), label="name_th")
        self._limit("network_group", network_groups_for(user=user, offices=[office]), label="name")

    def _limit(self, name: str, objects: QuerySet[Any], *, label: str) -> None:
        """Offer only ``objects``, in Thai order, and accept only them."""
        field = model_choice_field(self, name)
        field.queryset = objects
        field.choices = thai_sorted_choices(objects, label=label, empty=str(_("All")))

    @property
    def active_filters(self) -> int:
        """How many filters besides the search are set, to open and label the filter box."""
        return sum(1 for name in self.fields if name != "q" and self.data.get(name))

    def filters(self) -> SchoolFilters:
        """The filters to apply; a value that is not valid (a stale link, say) is ignored."""
        self.is_valid()
        data = self.cleaned_data
        return SchoolFilters(
            q=data.get("q") or "",
            office=data.get("office"),
            district=data.get("district"),
            network_group=data.get("network_group"),
            dltv={"yes": True, "no": False}.get(data.get("dltv") or ""),
            size=data.get("size") or "",
            kind=data.get("kind") or "",
        )


class SchoolForm(forms.ModelForm):
    """Edit a school. The network group is typed: an existing name, or a new one to create."""

    website = forms.URLField(
        label=_("Website"), required=False, max_length=200, assume_scheme="https"
    )
    group_name = forms.CharField(
        label=_("Network group"),
        required=False,
        max_length=200,
        help_text=_("Choose from the list or type a new group's name."),
        widget=forms.TextInput(attrs={"list": "network-groups", "autocomplete": "off"}),
    )

    class Meta:
        model = School
        fields = [
            "name_th", "name_en", "ministry_code", "smis_code", "obec_code",
            "kind", "size", "dltv",
            "address_line", "province", "district", "sub_district", "postcode",
            "latitude", "longitude",
            "phone", "email", "website", "director_name",
        ]  # fmt: skip
        widgets = {
            "ministry_code": forms.TextInput(attrs={"inputmode": "numeric", "maxlength": 10}),
            "smis_code": forms.TextInput(attrs={"inputmode": "numeric", "maxlength": 8}),
            "obec_code": forms.TextInput(attrs={"inputmode": "numeric", "maxlength": 6}),
            "postcode": forms.TextInput(attrs={"inputmode": "numeric", "maxlength": 5}),
            "latitude": forms.TextInput(attrs={"inputmode": "decimal"}),
            "longitude": forms.TextInput(attrs={"inputmode": "decimal"}),
        }

    def __init__(self, *args: Any, office: Office, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The registry asks for all three codes, though a school created from a ministry export
        # that carries the SMIS code alone may still lack the others.
        self.fields["ministry_code"].required = True
        self.fields["obec_code"].required = True
        self.office = office
        self.network_groups = sorted(
            network_groups_for(user=user, offices=[office]), key=lambda g: thai_sort_key(g.name)
        )
        if self.instance.pk and self.instance.network_group:
            self.fields["group_name"].initial = self.instance.network_group.name
        province_id = self._value("province") or (None if self.instance.pk else office.province_id)
        if not self.instance.pk and not self.is_bound:
            self.initial.setdefault("province", office.province_id)
        choose = str(_("Choose…"))
        model_choice_field(self, "province").choices = thai_sorted_choices(
            Province.objects.all(), empty=choose
        )
        districts = District.objects.filter(province_id=province_id or 0)
        model_choice_field(self, "district").queryset = districts
        model_choice_field(self, "district").choices = thai_sorted_choices(districts, empty=choose)
        subs = SubDistrict.objects.filter(district_id=self._value("district") or 0)
        model_choice_field(self, "sub_district").queryset = subs
        model_choice_field(self, "sub_district").choices = thai_sorted_choices(subs, empty=choose)

    def _value(self, name: str) -> int | None:
        if self.is_bound:
            return parse_id(self.data.get(self.add_prefix(name)))
        return getattr(self.instance, f"{name}_id", None)

    def values(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class SchoolImportForm(forms.Form):
    office = forms.ModelChoiceField(label=_("Office"), queryset=Office.objects.none())
    file = forms.FileField(
        label=_("File"),
        help_text=_("CSV or XLSX, up to %(mb)d MB.")
        % {"mb": settings.DLICT_IMPORT_MAX_BYTES // 2**20},
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,.txt"}),
        error_messages={"empty": _("The file is empty.")},
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        offices = Office.objects.restrict(user, "import")
        model_choice_field(self, "office").queryset = offices
        first_two = list(offices[:2])
        # Someone who imports for one office only is not asked which.
        self.only_office = first_two[0] if len(first_two) == 1 else None
        if self.only_office is not None:
            del self.fields["office"]

    def chosen_office(self) -> Office:
        return self.only_office or self.cleaned_data["office"]

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        check_size(upload, max_bytes=settings.DLICT_IMPORT_MAX_BYTES)
        return upload


class OfficeChoiceForm(forms.Form):
    """Which office a new school belongs to, for people who keep more than one registry."""

    office = forms.ModelChoiceField(label=_("Office"), queryset=Office.objects.none())

    def __init__(self, *args: Any, offices: QuerySet[Office], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.offices = offices
        model_choice_field(self, "office").queryset = offices

    def chosen(self) -> Office | None:
        first_two = list(self.offices[:2])
        if len(first_two) == 1:
            return first_two[0]
        return self.cleaned_data["office"] if self.is_bound and self.is_valid() else None
