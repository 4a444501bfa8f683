"""Forms of the yearly projects. Lists (members, objectives, targets, timeline) are formsets with a
few blank rows; saving and reopening the form offers more."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from dlict.accounts.models import User
from dlict.core.forms import ThaiDateField, model_choice_field
from dlict.processes.models import CommitteeRole, IctDevelopment, StepStatus
from dlict.processes.services import MemberInput, PlanInput
from dlict.schools.models import Office

_TEXTAREA = {"rows": 3}


def _rows(formset: forms.BaseFormSet, names: tuple[str, ...]) -> list[dict[str, Any]]:
    """The filled rows of a valid formset, in order, without the blank or deleted ones."""
    rows = []
    for form in formset.forms:
        data = getattr(form, "cleaned_data", None) or {}
        if data.get("DELETE") or not any(data.get(name) for name in names):
            continue
        rows.append({name: data.get(name) for name in names})
    return rows


class _RowForm(forms.Form):
    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        required = getattr(self, "required_when_used", ())
        if any(value for key, value in data.items() if key != "DELETE"):
            for name in required:
                if not data.get(name):
                    self.add_error(name, _("This field is required."))
        return data


class MemberForm(_RowForm):
    required_when_used = ("name", "role")
    name = forms.CharField(label=_("Name"), max_length=200, required=False)
    position = forms.CharField(label=_("Position"), max_length=200, required=False)
    role = forms.ChoiceField(
        label=_("Role in the group"),
        choices=[("", "—"), *CommitteeRole.choices],
        required=False,
    )


MemberFormSet = forms.formset_factory(MemberForm, extra=2, can_delete=True, max_num=60)


class ProjectForm(forms.Form):
    title = forms.CharField(label=_("Project title"), max_length=400)
    responsible = forms.ModelChoiceField(
        label=_("Responsible staff"), queryset=User.objects.none(), required=False
    )
    order_number = forms.CharField(
        label=_("Order number"), max_length=50, required=False, help_text=_("For example ๑๒๓/๒๕๖๙")
    )
    order_date = ThaiDateField(label=_("Order date"), required=False)

    def __init__(self, *args: Any, staff: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = model_choice_field(self, "responsible")
        field.queryset = staff
        field.label_from_instance = lambda user: user.display_name  # type: ignore[assignment]


def members_from(formset: forms.BaseFormSet) -> list[MemberInput]:
    return [
        MemberInput(name=row["name"], position=row["position"] or "", role=row["role"])
        for row in _rows(formset, ("name", "position", "role"))
    ]


class ObjectiveForm(forms.Form):
    text = forms.CharField(label=_("Objective"), max_length=1000, required=False)


class TargetForm(_RowForm):
    required_when_used = ("target", "indicator")
    target = forms.CharField(label=_("Target"), max_length=500, required=False)
    indicator = forms.CharField(label=_("Indicator"), max_length=500, required=False)
    goal = forms.CharField(
        label=_("Goal value"), max_length=100, required=False, help_text=_("For example ร้อยละ 80")
    )


class TimelineForm(_RowForm):
    required_when_used = ("activity", "start")
    activity = forms.CharField(label=_("Activity"), max_length=500, required=False)
    start = ThaiDateField(label=_("From"), required=False)
    end = ThaiDateField(label=_("To"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("The end comes before the start."))
        return data


ObjectiveFormSet = forms.formset_factory(ObjectiveForm, extra=2, max_num=30)
TargetFormSet = forms.formset_factory(TargetForm, extra=2, can_delete=True, max_num=30)
TimelineFormSet = forms.formset_factory(TimelineForm, extra=2, can_delete=True, max_num=60)


class PlanForm(forms.Form):
    budget = forms.DecimalField(
        label=_("Budget (baht)"), min_value=Decimal(0), max_digits=12, decimal_places=2
    )
    budget_source = forms.CharField(label=_("Source of funds"), max_length=200, required=False)


class PlanForms:
    """The plan page's form and its three lists, bound and checked together."""

    def __init__(self, data: Any = None, *, initial: dict[str, Any] | None = None) -> None:
        initial = initial or {}
        self.plan = PlanForm(data, initial=initial.get("plan"))
        self.objectives = ObjectiveFormSet(
            data, prefix="objectives", initial=initial.get("objectives")
        )
        self.targets = TargetFormSet(data, prefix="targets", initial=initial.get("targets"))
        self.timeline = TimelineFormSet(data, prefix="timeline", initial=initial.get("timeline"))

    def is_valid(self) -> bool:
        parts: list[Any] = [self.plan, self.objectives, self.targets, self.timeline]
        return all(part.is_valid() for part in parts)

    def value(self) -> PlanInput:
        objectives = [row["text"].strip() for row in _rows(self.objectives, ("text",))]
        targets = [
            {k: (v or "").strip() for k, v in row.items()}
            for row in _rows(self.targets, ("target", "indicator", "goal"))
        ]
        timeline = [
            {
                "activity": row["activity"].strip(),
                "start": row["start"].isoformat() if row["start"] else "",
                "end": row["end"].isoformat() if row["end"] else "",
            }
            for row in _rows(self.timeline, ("activity", "start", "end"))
        ]
        return PlanInput(
            objectives=objectives,
            targets=targets,
            budget=self.plan.cleaned_data["budget"],
            budget_source=self.plan.cleaned_data["budget_source"],
            timeline=timeline,
        )


def plan_initial(revision: Any) -> dict[str, Any]:
    from datetime import date

    def _day(text: str) -> date | None:
        try:
            return date.fromisoformat(text)
        except (TypeError, ValueError):
            return None

    if revision is None:
        return {"plan": {"budget": Decimal(0)}}
    return {
        "plan": {"budget": revision.budget, "budget_source": revision.budget_source},
        "objectives": [{"text": text} for text in revision.objectives],
        "targets": list(revision.targets),
        "timeline": [
            {"activity": row["activity"], "start": _day(row["start"]), "end": _day(row["end"])}
            for row in revision.timeline
        ],
    }


class DecisionForm(forms.Form):
    DECISIONS = [("approve", _("Approve")), ("return", _("Return for changes"))]
    revision = forms.IntegerField(widget=forms.HiddenInput)
    submitted = forms.CharField(widget=forms.HiddenInput, max_length=64)
    decision = forms.ChoiceField(choices=DECISIONS, widget=forms.HiddenInput)
    comment = forms.CharField(
        label=_("Comment"), required=False, max_length=4000, widget=forms.Textarea(attrs=_TEXTAREA)
    )


class StepProgressForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=StepStatus.choices)
    started_on = ThaiDateField(label=_("Started on"), required=False)
    finished_on = ThaiDateField(label=_("Finished on"), required=False)
    note = forms.CharField(
        label=_("Note"), required=False, max_length=4000, widget=forms.Textarea(attrs=_TEXTAREA)
    )


class EvidenceForm(forms.Form):
    file = forms.FileField(
        label=_("Evidence file"),
        help_text=_("PDF, a photo (JPG or PNG), Word, Excel or PowerPoint."),
    )


class EvaluationForm(forms.Form):
    outcome = forms.CharField(
        label=_("Results"), required=False, max_length=8000, widget=forms.Textarea(attrs=_TEXTAREA)
    )
    problems = forms.CharField(
        label=_("Problems and obstacles"),
        required=False,
        max_length=8000,
        widget=forms.Textarea(attrs=_TEXTAREA),
    )
    suggestions = forms.CharField(
        label=_("Suggestions"),
        required=False,
        max_length=8000,
        widget=forms.Textarea(attrs=_TEXTAREA),
    )
    budget_spent = forms.DecimalField(
        label=_("Budget spent (baht)"),
        required=False,
        min_value=Decimal(0),
        max_digits=12,
        decimal_places=2,
    )

    def __init__(self, *args: Any, targets: list[dict[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.targets = targets
        for index, target in enumerate(targets):
            self.fields[f"result_{index}"] = forms.CharField(
                label=target.get("target", ""),
                help_text=_("Indicator: %(indicator)s · goal: %(goal)s")
                % {"indicator": target.get("indicator", ""), "goal": target.get("goal") or "–"},
                required=False,
                max_length=500,
            )

    @property
    def result_fields(self) -> list[Any]:
        return [self[f"result_{index}"] for index in range(len(self.targets))]

    def target_results(self) -> list[str]:
        return [self.cleaned_data[f"result_{i}"].strip() for i in range(len(self.targets))]


class IctDevelopmentForm(forms.ModelForm):
    started_on = ThaiDateField(label=_("Started on"))
    finished_on = ThaiDateField(label=_("Finished on"), required=False)

    class Meta:
        model = IctDevelopment
        fields = [
            "title",
            "kind",
            "unit",
            "started_on",
            "finished_on",
            "objective",
            "description",
            "budget",
            "outcome",
            "users",
        ]
        widgets = {
            "objective": forms.Textarea(attrs=_TEXTAREA),
            "description": forms.Textarea(attrs={"rows": 5}),
            "outcome": forms.Textarea(attrs=_TEXTAREA),
        }

    def clean_budget(self) -> Decimal:
        budget = self.cleaned_data["budget"]
        if budget is not None and budget < 0:
            raise forms.ValidationError(_("The budget cannot be negative."))
        return budget

    def values(self) -> dict[str, Any]:
        return {name: self.cleaned_data.get(name) for name in self.Meta.fields}


class YearForm(forms.Form):
    """The year (and, for people of several offices, the office) a page shows. The office comes
    from the page's choice (``office_for_page``): the one asked for, else the one chosen on an
    earlier page, else the first."""

    year = forms.IntegerField(
        label=_("Fiscal year"), min_value=2500, max_value=2700, required=False
    )
    office = forms.ModelChoiceField(
        label=_("Office"), queryset=Office.objects.none(), required=False
    )

    def __init__(
        self,
        data: QueryDict | None = None,
        *,
        offices: Any,
        default_year: int,
        office: Any = None,
        **kwargs: Any,
    ) -> None:
        office = office or offices.first()
        if data is not None and not data.get("office") and office is not None:
            # Only the year was asked for: the office shown is the one chosen before.
            data = data.copy()
            data["office"] = str(office.pk)
        kwargs.setdefault("initial", {"year": default_year, "office": office})
        super().__init__(data, **kwargs)
        self.default_year = default_year
        self.default_office = office
        self.offices = offices
        field = model_choice_field(self, "office")
        field.queryset = offices
        field.empty_label = None
        field.label_from_instance = lambda office: office.name_th  # type: ignore[assignment]

    def _value(self, name: str) -> Any:
        """A field's own cleaned value: a wrong year does not change the office, nor the
        reverse."""
        if not self.is_bound:
            return None
        self.is_valid()
        return self.cleaned_data.get(name)

    @property
    def foreign_office(self) -> bool:
        """An office was asked for that this person may not see (or that does not exist)."""
        return self.is_bound and bool(self.data.get("office")) and "office" in self.errors

    @property
    def chosen_year(self) -> int:
        return int(self._value("year") or self.default_year)

    @property
    def chosen_office(self) -> Any:
        return self._value("office") or self.default_office
