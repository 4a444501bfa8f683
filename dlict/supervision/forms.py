"""The forms of supervision: a visit planned, a visit recorded (posted by the phone's script, or
by the page itself without script, with the same names), and the rubric typed as plain text.

Each value is checked here, so a bad date or an over-long text is refused with a message that names
it, never cut or dropped; what a visit means (every item scored on its rubric's scale, a grade the
school teaches) is the services' to check.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dlict.core.forms import ThaiDateField
from dlict.dltv.choices import DLTV_GRADES, ViewingChannel
from dlict.schools.models import School
from dlict.supervision.models import FollowUp, Reception, Rubric
from dlict.supervision.services import (
    FINDING_LENGTH,
    MAX_FINDINGS,
    MAX_TEXT,
    NAME_LENGTH,
    NOTE_LENGTH,
    TEXT_LENGTH,
    ItemScore,
    VisitInput,
)


class VisitPlanForm(forms.Form):
    """A visit the supervisor means to make, to one of the schools they supervise."""

    school = forms.ModelChoiceField(
        label=gettext_lazy("School"), queryset=School.objects.none(), empty_label=None
    )
    planned_on = ThaiDateField(label=gettext_lazy("Day"))

    def __init__(self, *args: Any, schools: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = schools  # type: ignore[attr-defined]


def _text(label: str | Any, max_length: int = TEXT_LENGTH, **options: Any) -> forms.CharField:
    return forms.CharField(label=label, max_length=max_length, required=False, **options)


def _choices(label: str | Any, choices: Any) -> forms.ChoiceField:
    return forms.ChoiceField(label=label, choices=[("", "–"), *choices], required=False)


class VisitForm(forms.Form):
    """A recorded visit. The observation's fields (``score-<item>``, ``evidence-<item>``) and the
    follow-ups (``followup-<finding>``, ``followup-note-<finding>``) are those the phone sent."""

    key = forms.UUIDField(label=gettext_lazy("The visit's key"))
    school = forms.IntegerField(label=gettext_lazy("School"), min_value=1, max_value=2**63 - 1)
    rubric = forms.IntegerField(label=gettext_lazy("Rubric"), min_value=1, max_value=2**63 - 1)
    visited_on = ThaiDateField(
        label=gettext_lazy("Day of the visit"),
        error_messages={"required": gettext_lazy("This is required.")},
    )
    informant = _text(gettext_lazy("Informant"))
    informant_position = _text(gettext_lazy("Informant's position"))
    grade = _choices(gettext_lazy("Grade observed"), DLTV_GRADES)
    subject = _text(gettext_lazy("Subject or activity"))
    students_present = forms.IntegerField(
        label=gettext_lazy("Students present"), min_value=0, max_value=999, required=False
    )
    channel = _choices(gettext_lazy("Viewing channel"), ViewingChannel.choices)
    reception = _choices(gettext_lazy("Reception quality"), Reception.choices)
    context_note = _text(gettext_lazy("More about the context"), MAX_TEXT)
    strengths = _text(gettext_lazy("Strengths"), MAX_TEXT)
    suggestions = _text(gettext_lazy("Suggestions"), MAX_TEXT)
    findings = forms.CharField(label=gettext_lazy("Findings to follow up"), required=False)

    def __init__(self, data: Any, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        codes = sorted(
            {name.split("-", 1)[1] for name in data if name.startswith(("score-", "evidence-"))}
        )
        for code in codes:
            self.fields[f"score-{code}"] = forms.IntegerField(
                label=_("Item %(code)s") % {"code": code}, required=False, min_value=0
            )
            self.fields[f"evidence-{code}"] = _text(
                _("Evidence of item %(code)s") % {"code": code}, MAX_TEXT
            )
        self.findings_followed = sorted(
            {
                name.removeprefix("followup-")
                for name in data
                if name.startswith("followup-") and not name.startswith("followup-note-")
            }
        )
        for finding in self.findings_followed:
            self.fields[f"followup-{finding}"] = _choices(
                _("Follow-up of finding %(n)s") % {"n": finding}, FollowUp.Result.choices
            )
            self.fields[f"followup-note-{finding}"] = _text(
                _("Note on finding %(n)s") % {"n": finding}, NOTE_LENGTH
            )
        self.codes = codes

    def clean_findings(self) -> tuple[str, ...]:
        lines = tuple(
            line.strip() for line in self.cleaned_data["findings"].splitlines() if line.strip()
        )
        if len(lines) > MAX_FINDINGS or any(len(line) > FINDING_LENGTH for line in lines):
            raise ValidationError(
                _("Up to %(n)d findings to follow up, each up to %(length)d characters.")
                % {"n": MAX_FINDINGS, "length": FINDING_LENGTH}
            )
        return lines

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for finding in self.findings_followed:
            if not finding.isdecimal() or len(finding) > 18:
                raise ValidationError(_("A follow-up is for a finding of another school."))
        return data

    def visit_input(self) -> VisitInput:
        data = self.cleaned_data
        follow_ups = {
            int(finding): (data[f"followup-{finding}"], data[f"followup-note-{finding}"].strip())
            for finding in self.findings_followed
            if data[f"followup-{finding}"]
        }
        return VisitInput(
            key=data["key"],
            school_id=data["school"],
            rubric_id=data["rubric"],
            visited_on=data["visited_on"],
            scores={
                code: ItemScore(data[f"score-{code}"], data[f"evidence-{code}"].strip())
                for code in self.codes
            },
            informant=data["informant"].strip(),
            informant_position=data["informant_position"].strip(),
            grade=data["grade"],
            subject=data["subject"].strip(),
            students_present=data["students_present"],
            channel=data["channel"],
            reception=data["reception"],
            context_note=data["context_note"].strip(),
            strengths=data["strengths"].strip(),
            suggestions=data["suggestions"].strip(),
            findings=data["findings"],
            follow_ups=follow_ups,
        )


# --- The rubric, typed as plain text --------------------------------------------------------------


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _levels(text: str, what: str) -> list[list[str]]:
    """Lines of “number | text | text”."""
    rows, errors = [], []
    for number, line in enumerate(_lines(text), start=1):
        parts = [part.strip() for part in line.split("|")]
        if not parts[0].isdecimal() or len(parts[0]) > 3:
            errors.append(
                _("%(what)s, line %(n)d: start with a whole number, then “|”.")
                % {"what": what, "n": number}
            )
            continue
        rows.append(parts)
    if errors:
        raise ValidationError(errors)
    return rows


class RubricForm(forms.Form):
    """The rubric as the office types it: a level per line (“3 | label | description”), sections
    as “# title” lines followed by their items, a band per line (“80 | ดี”)."""

    name = forms.CharField(label=gettext_lazy("Name"), max_length=NAME_LENGTH)
    scale = forms.CharField(
        label=gettext_lazy("Scale"),
        help_text=gettext_lazy("One level a line, “score | label | description”, highest first."),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    sections = forms.CharField(
        label=gettext_lazy("Sections and items"),
        help_text=gettext_lazy(
            "A section title on a line beginning with “#”, then its items, one a line."
        ),
        max_length=50000,
        widget=forms.Textarea(attrs={"rows": 16}),
    )
    bands = forms.CharField(
        label=gettext_lazy("Quality bands"),
        help_text=gettext_lazy(
            "“Lowest percentage of the highest score | label”, highest first, the last 0."
        ),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean_scale(self) -> list[dict[str, Any]]:
        return [
            {
                "value": int(p[0]),
                "label": p[1] if len(p) > 1 else "",
                "description": " | ".join(p[2:]),
            }
            for p in _levels(self.cleaned_data["scale"], _("Scale"))
        ]

    def clean_bands(self) -> list[dict[str, Any]]:
        return [
            {"min_percent": int(p[0]), "label": p[1] if len(p) > 1 else ""}
            for p in _levels(self.cleaned_data["bands"], _("Quality bands"))
        ]

    def clean_sections(self) -> list[dict[str, Any]]:
        sections: list[dict[str, Any]] = []
        errors = []
        for number, line in enumerate(_lines(self.cleaned_data["sections"]), start=1):
            if line.startswith("#"):
                sections.append({"title": line.lstrip("#").strip(), "items": []})
            elif not sections:
                errors.append(
                    _("Items, line %(n)d: start with a section title on a line beginning with “#”.")
                    % {"n": number}
                )
            elif len(line) > 500:
                errors.append(
                    _("Items, line %(n)d: an item is up to 500 characters.") % {"n": number}
                )
            else:
                sections[-1]["items"].append(line)
        if errors:
            raise ValidationError(errors)
        return sections


def rubric_text(rubric: Rubric) -> dict[str, str]:
    """The rubric written back in the form's plain-text layout."""
    levels = (
        " | ".join(
            str(part)
            for part in (level["value"], level["label"], level.get("description", ""))
            if part != ""
        )
        for level in rubric.scale
    )
    sections = (
        "\n".join([f"# {section['title']}", *(item["text"] for item in section["items"])])
        for section in rubric.sections
    )
    return {
        "name": rubric.name,
        "scale": "\n".join(levels),
        "sections": "\n".join(sections),
        "bands": "\n".join(f"{band['min_percent']} | {band['label']}" for band in rubric.bands),
    }
