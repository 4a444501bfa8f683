"""Form fields shared by every app."""

from datetime import date
from typing import Any, cast

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from dlict.core import thai
from dlict.core.thai import thai_sort_key


def model_choice_field(form: forms.BaseForm, name: str) -> forms.ModelChoiceField[Any]:
    """A form's ModelChoiceField, typed as one (``form.fields`` holds plain Fields)."""
    return cast(forms.ModelChoiceField, form.fields[name])


def choice_field(form: forms.BaseForm, name: str) -> forms.ChoiceField:
    return cast(forms.ChoiceField, form.fields[name])


class ThaiDateInput(forms.TextInput):
    """A text box for a B.E. date: the browser's own date picker would show the Gregorian year."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        defaults = {"placeholder": _("dd/mm/yyyy (B.E.)"), "inputmode": "numeric", "class": "date"}
        super().__init__({**defaults, **(attrs or {})})

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, date):
            return thai.format_date_numeric(value)
        return super().format_value(value)


class ThaiDateField(forms.Field):
    """Accepts 24/11/2569, 2569-11-24, 24 พ.ย. 2569 (Thai numerals too) and cleans to a date."""

    widget = ThaiDateInput
    default_error_messages = {
        "invalid": _("Enter a date such as 24/11/2569 (day/month/B.E. year)."),
    }

    def to_python(self, value: Any) -> date | None:
        if value in self.empty_values:
            return None
        if isinstance(value, date):
            return value
        try:
            return thai.parse_date(str(value))
        except ValueError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None


class AuditFilterForm(forms.Form):
    model = forms.ModelChoiceField(
        label=_("Record"),
        queryset=ContentType.objects.none(),
        required=False,
        empty_label=_("All"),
    )
    action = forms.ChoiceField(label=_("Change"), required=False)
    since = ThaiDateField(label=_("From"), required=False)
    until = ThaiDateField(label=_("To"), required=False)
    q = forms.CharField(label=_("Name contains"), required=False, max_length=100)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        from dlict.core.models import AuditEntry
        from dlict.core.selectors import audited_models

        super().__init__(*args, **kwargs)
        kinds = model_choice_field(self, "model")
        kinds.queryset = audited_models(user=user)
        # The kinds by their Thai names, in dictionary order (the queryset knows only model names).
        names = [(kind.pk, capfirst(kind.name)) for kind in kinds.queryset]
        names.sort(key=lambda choice: thai_sort_key(str(choice[1])))
        kinds.choices = [("", _("All")), *names]
        choice_field(self, "action").choices = [("", _("All"))] + [
            (str(value), AuditEntry.ACTION_LABELS[value])
            for value, _name in AuditEntry.Action.choices
            if value != AuditEntry.Action.ACCESS
        ]

    @property
    def active_filters(self) -> int:
        """How many filters are set, to open and label the filter box."""
        return sum(1 for name in self.fields if self.data.get(name))


def thai_sorted_choices(
    objects: Any, label: str = "name_th", empty: str | None = None
) -> list[tuple[Any, str]]:
    """Model choices in Thai dictionary order (the database sorts Thai by code point)."""
    rows = sorted(objects, key=lambda obj: thai_sort_key(getattr(obj, label)))
    head = [("", empty)] if empty is not None else []
    return head + [(obj.pk, getattr(obj, label)) for obj in rows]


def form_messages(form: forms.BaseForm) -> list[str]:
    """A form's errors as sentences that name their field ("Informant: at most 200 characters"),
    for answers that are a list of messages rather than a page (the phone's script, a service's
    refusal shown above a hand-laid form)."""
    messages = []
    for name, errors in form.errors.items():
        field = form.fields.get(name)
        label = str(field.label) if field is not None and field.label else ""
        messages += [f"{label}: {error}" if label else str(error) for error in errors]
    return messages
