"""The forms of a school's DLTV set: the grades taught with DLTV, and the equipment with the
school's viewing channels and internet link. Each value is checked here (a date that cannot be read,
a text too long, a choice not on the list), so nothing is cut or dropped; what the set means (a
receiver belongs to a grade the school teaches) is the services'."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dlict.core.forms import ThaiDateField
from dlict.dltv.choices import DLTV_GRADES, ViewingChannel
from dlict.dltv.models import MAX_PERIODS, Equipment, EquipmentSource, EquipmentStatus
from dlict.dltv.services import EquipmentInput


class ClassroomsForm(forms.Form):
    """``grade-<code>`` ticked for each grade taught, ``periods-<code>`` its periods a day."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        periods = _("A classroom plans 1 to %(max)d periods a day.") % {"max": MAX_PERIODS}
        for code, label in DLTV_GRADES:
            self.fields[f"grade-{code}"] = forms.BooleanField(label=label, required=False)
            self.fields[f"periods-{code}"] = forms.IntegerField(
                label=_("Periods a day, %(grade)s") % {"grade": label},
                min_value=1,
                max_value=MAX_PERIODS,
                required=False,
                error_messages={"min_value": periods, "max_value": periods, "invalid": periods},
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for code, _label in DLTV_GRADES:
            if data.get(f"grade-{code}") and data.get(f"periods-{code}") is None:
                self.add_error(f"periods-{code}", _("Give the periods a day."))
        return data

    def periods(self) -> dict[str, int]:
        return {
            code: self.cleaned_data[f"periods-{code}"]
            for code, _label in DLTV_GRADES
            if self.cleaned_data.get(f"grade-{code}")
        }


def _status_fields(form: forms.Form, prefix: str, what: str) -> None:
    form.fields[f"{prefix}-status"] = forms.ChoiceField(
        label=_("%(what)s: status") % {"what": what}, choices=EquipmentStatus.choices
    )
    form.fields[f"{prefix}-source"] = forms.ChoiceField(
        label=_("%(what)s: source") % {"what": what},
        choices=[("", ""), *EquipmentSource.choices],
        required=False,
    )
    form.fields[f"{prefix}-warranty"] = ThaiDateField(
        label=_("%(what)s: warranty until") % {"what": what}, required=False
    )


class EquipmentForm(forms.Form):
    """The dish (``dish-…``), each classroom's receiver and TV (``receiver-<grade>-…``,
    ``tv-<grade>-…``), the viewing channels and the internet link."""

    channels = forms.MultipleChoiceField(
        label=gettext_lazy("Viewing channels"), choices=ViewingChannel.choices, required=False
    )
    internet = forms.CharField(label=gettext_lazy("Internet link"), max_length=200, required=False)

    def __init__(self, *args: Any, grades: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        labels = dict(DLTV_GRADES)
        _status_fields(self, "dish", str(Equipment.Kind.DISH.label))
        self.fields["dish-band"] = forms.ChoiceField(
            label=_("Dish: band"), choices=[("", ""), *Equipment.Band.choices], required=False
        )
        self.fields["dish-size"] = forms.IntegerField(
            label=_("Dish: size (cm)"), min_value=30, max_value=500, required=False
        )
        self.fields["dish-mount"] = forms.CharField(
            label=_("Dish: mount"), max_length=100, required=False
        )
        self.grades = grades
        for grade in grades:
            for kind in (Equipment.Kind.RECEIVER, Equipment.Kind.TV):
                what = f"{kind.label} {labels.get(grade, grade)}"
                _status_fields(self, f"{kind}-{grade}", what)

    def items(self) -> list[EquipmentInput]:
        data = self.cleaned_data

        def item(prefix: str, kind: str, grade: str, **more: Any) -> EquipmentInput:
            return EquipmentInput(
                kind=kind,
                grade=grade,
                status=data[f"{prefix}-status"],
                source=data[f"{prefix}-source"],
                warranty_end=data[f"{prefix}-warranty"],
                **more,
            )

        items = [
            item(
                "dish",
                Equipment.Kind.DISH,
                "",
                band=data["dish-band"],
                size_cm=data["dish-size"],
                mount=data["dish-mount"].strip(),
            )
        ]
        for grade in self.grades:
            for kind in (Equipment.Kind.RECEIVER, Equipment.Kind.TV):
                items.append(item(f"{kind}-{grade}", kind, grade))
        return items
