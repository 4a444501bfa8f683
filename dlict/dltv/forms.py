"""The forms of a school's DLTV set: the grades taught with DLTV, and the equipment with the
school's viewing channels and internet link. Each value is checked here (a date that cannot be
read, a text too long, a choice not on the list), so nothing is cut or dropped; what the set means
(a receiver belongs to a grade the school teaches) is the services'.

Both forms start from what is kept and render their own fields, so a refused form shows again as
it was typed; without the right to change the set they show it read-only.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dlict.core.forms import ThaiDateField
from dlict.dltv.choices import DLTV_GRADES, ViewingChannel
from dlict.dltv.models import MAX_PERIODS, DltvSetup, Equipment, EquipmentSource, EquipmentStatus
from dlict.dltv.services import INTERNET_LENGTH, MOUNT_LENGTH, EquipmentInput

DEFAULT_PERIODS = 5


def _labelled(field: forms.Field, label: str, **attrs: Any) -> forms.Field:
    """A field laid out without a <label> of its own: screen readers read its aria-label."""
    field.widget.attrs.update({"aria-label": label, **attrs})
    return field


class ClassroomsForm(forms.Form):
    """``grade-<code>`` ticked for each grade taught, ``periods-<code>`` its periods a day."""

    def __init__(self, *args: Any, taught: dict[str, int], disabled: bool, **kwargs: Any) -> None:
        kwargs["initial"] = {
            **{f"grade-{code}": True for code in taught},
            **{f"periods-{code}": taught.get(code, DEFAULT_PERIODS) for code, _l in DLTV_GRADES},
        }
        super().__init__(*args, **kwargs)
        periods = _("A classroom plans 1 to %(max)d periods a day.") % {"max": MAX_PERIODS}
        for code, label in DLTV_GRADES:
            self.fields[f"grade-{code}"] = forms.BooleanField(label=label, required=False)
            self.fields[f"periods-{code}"] = _labelled(
                forms.IntegerField(
                    label=_("Periods a day, %(grade)s") % {"grade": label},
                    min_value=1,
                    max_value=MAX_PERIODS,
                    required=False,
                    error_messages={"min_value": periods, "max_value": periods, "invalid": periods},
                ),
                _("Periods a day, %(grade)s") % {"grade": label},
                inputmode="numeric",
            )
        for field in self.fields.values():
            field.disabled = disabled

    def grades(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        """Each grade's box and its periods, in the order of the grades."""
        return [(self[f"grade-{code}"], self[f"periods-{code}"]) for code, _l in DLTV_GRADES]

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


STATUS_PARTS = ("status", "source", "warranty")


class EquipmentForm(forms.Form):
    """The dish (``dish-…``), each classroom's receiver and TV (``receiver-<grade>-…``,
    ``tv-<grade>-…``), the viewing channels and the internet link."""

    channels = forms.MultipleChoiceField(
        label=gettext_lazy("Viewing channels"),
        choices=ViewingChannel.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    internet = forms.CharField(
        label=gettext_lazy("Internet link"),
        max_length=INTERNET_LENGTH,
        required=False,
        widget=forms.TextInput(
            attrs={"placeholder": gettext_lazy("For example: fibre 500/500 Mbps, provider")}
        ),
    )

    def __init__(
        self,
        *args: Any,
        grades: list[str],
        kept: dict[tuple[str, str], Equipment],
        setup: DltvSetup | None,
        disabled: bool,
        **kwargs: Any,
    ) -> None:
        self.grades = grades
        kwargs["initial"] = self._initial(kept, setup)
        super().__init__(*args, **kwargs)
        labels = dict(DLTV_GRADES)
        self._status_fields("dish", str(Equipment.Kind.DISH.label))
        self.fields["dish-band"] = _labelled(
            forms.ChoiceField(
                label=_("Dish: band"),
                choices=[("", _("Band: not known")), *Equipment.Band.choices],
                required=False,
            ),
            _("Band"),
        )
        self.fields["dish-size"] = _labelled(
            forms.IntegerField(
                label=_("Dish: size (cm)"), min_value=30, max_value=500, required=False
            ),
            _("Size (cm)"),
            inputmode="numeric",
            placeholder=_("Size (cm)"),
        )
        self.fields["dish-mount"] = _labelled(
            forms.CharField(label=_("Dish: mount"), max_length=MOUNT_LENGTH, required=False),
            _("Mount"),
            placeholder=_("Mount (ground, roof, wall…)"),
        )
        for grade in grades:
            for kind in (Equipment.Kind.RECEIVER, Equipment.Kind.TV):
                self._status_fields(f"{kind}-{grade}", f"{kind.label} {labels.get(grade, grade)}")
        for field in self.fields.values():
            field.disabled = disabled

    def _initial(
        self, kept: dict[tuple[str, str], Equipment], setup: DltvSetup | None
    ) -> dict[str, Any]:
        initial: dict[str, Any] = {
            "channels": setup.channels if setup else [],
            "internet": setup.internet if setup else "",
        }
        places = [("dish", Equipment.Kind.DISH, "")] + [
            (f"{kind}-{grade}", kind, grade)
            for grade in self.grades
            for kind in (Equipment.Kind.RECEIVER, Equipment.Kind.TV)
        ]
        for prefix, kind, grade in places:
            item = kept.get((kind, grade))
            initial[f"{prefix}-status"] = item.status if item else EquipmentStatus.NONE
            if item is not None:
                initial[f"{prefix}-source"] = item.source
                initial[f"{prefix}-warranty"] = item.warranty_end
        dish = kept.get((Equipment.Kind.DISH, ""))
        if dish is not None:
            initial |= {"dish-band": dish.band, "dish-size": dish.size_cm, "dish-mount": dish.mount}
        return initial

    def _status_fields(self, prefix: str, what: str) -> None:
        self.fields[f"{prefix}-status"] = _labelled(
            forms.ChoiceField(
                label=_("%(what)s: status") % {"what": what}, choices=EquipmentStatus.choices
            ),
            _("Status"),
        )
        self.fields[f"{prefix}-source"] = _labelled(
            forms.ChoiceField(
                label=_("%(what)s: source") % {"what": what},
                choices=[("", _("Source: not known")), *EquipmentSource.choices],
                required=False,
            ),
            _("Source"),
        )
        self.fields[f"{prefix}-warranty"] = _labelled(
            ThaiDateField(label=_("%(what)s: warranty until") % {"what": what}, required=False),
            _("Warranty until"),
            placeholder=_("Warranty until (dd/mm/yyyy)"),
        )

    def parts(self, prefix: str) -> list[forms.BoundField]:
        """The status, source and warranty of one piece of equipment."""
        return [self[f"{prefix}-{part}"] for part in STATUS_PARTS]

    def dish(self) -> list[forms.BoundField]:
        return [*self.parts("dish"), self["dish-band"], self["dish-size"], self["dish-mount"]]

    def classrooms(self) -> list[dict[str, Any]]:
        """Each classroom's grade with its receiver's and TV's fields."""
        labels = dict(DLTV_GRADES)
        return [
            {
                "label": labels.get(grade, grade),
                "receiver": self.parts(f"receiver-{grade}"),
                "tv": self.parts(f"tv-{grade}"),
            }
            for grade in self.grades
        ]

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
