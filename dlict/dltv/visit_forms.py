"""What the visit and rubric forms post, read into the services' inputs. A value that cannot be
what it should is passed on as one the services refuse with a message, never dropped."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils.translation import gettext as _

from dlict.core.http import parse_id
from dlict.dltv.models import Rubric
from dlict.dltv.services import ItemScore, VisitInput

NOT_A_NUMBER = -1  # refused by the services: "must be 0 to …", "each item is scored 3 / 2 / 1"


def _text(data: QueryDict, name: str) -> str:
    value = data.get(name)
    return value if isinstance(value, str) else ""


def _count(text: str) -> int:
    text = text.strip()
    return int(text) if text.isdecimal() and len(text) < 7 else NOT_A_NUMBER


def visit_input(data: QueryDict) -> VisitInput:
    """The visit as the record form (or the phone's script, with the same names) posts it."""
    if not _text(data, "visited_on").strip():
        raise ValidationError(_("Give the day of the visit."))
    try:
        key = uuid.UUID(_text(data, "key"))
        visited_on = date.fromisoformat(_text(data, "visited_on"))
    except ValueError:
        raise ValidationError(_("The visit's key or day cannot be read.")) from None
    school_id = parse_id(_text(data, "school"))
    rubric_id = parse_id(_text(data, "rubric"))
    if school_id is None or rubric_id is None:
        raise ValidationError(_("The visit's school or rubric cannot be read."))
    codes = {name.split("-", 1)[1] for name in data if name.startswith(("score-", "evidence-"))}
    scores = {
        code: ItemScore(
            _count(_text(data, f"score-{code}")) if _text(data, f"score-{code}") else None,
            _text(data, f"evidence-{code}"),
        )
        for code in codes
    }
    follow_ups = {}
    for name in data:
        if name.startswith("followup-") and not name.startswith("followup-note-"):
            finding = parse_id(name.removeprefix("followup-"))
            if finding is not None and _text(data, name):
                follow_ups[finding] = (_text(data, name), _text(data, f"followup-note-{finding}"))
    present = _text(data, "students_present")
    return VisitInput(
        key=key,
        school_id=school_id,
        rubric_id=rubric_id,
        visited_on=visited_on,
        scores=scores,
        informant=_text(data, "informant"),
        informant_position=_text(data, "informant_position"),
        grade=_text(data, "grade"),
        subject=_text(data, "subject"),
        students_present=_count(present) if present.strip() else None,
        channel=_text(data, "channel"),
        reception=_text(data, "reception"),
        context_note=_text(data, "context_note"),
        strengths=_text(data, "strengths"),
        suggestions=_text(data, "suggestions"),
        findings=tuple(
            line.strip() for line in _text(data, "findings").splitlines() if line.strip()
        ),
        follow_ups=follow_ups,
    )


# --- The rubric, typed as plain text --------------------------------------------------------------


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _levels(text: str, errors: list[str], what: str) -> list[list[str]]:
    """Lines of “number | text | text”."""
    rows = []
    for number, line in enumerate(_lines(text), start=1):
        parts = [part.strip() for part in line.split("|")]
        if not parts[0].isdecimal() or len(parts[0]) > 3:
            errors.append(
                _("%(what)s, line %(n)d: start with a whole number, then “|”.")
                % {"what": what, "n": number}
            )
            continue
        rows.append(parts)
    return rows


def rubric_input(data: QueryDict) -> dict[str, Any]:
    """The rubric as the office typed it: a level per line (“3 | label | description”), sections
    as “# title” lines followed by their items, a band per line (“80 | ดี”)."""
    errors: list[str] = []
    scale = [
        {"value": int(p[0]), "label": p[1] if len(p) > 1 else "", "description": " | ".join(p[2:])}
        for p in _levels(_text(data, "scale"), errors, _("Scale"))
    ]
    bands = [
        {"min_percent": int(p[0]), "label": p[1] if len(p) > 1 else ""}
        for p in _levels(_text(data, "bands"), errors, _("Quality bands"))
    ]
    sections: list[dict[str, Any]] = []
    for number, line in enumerate(_lines(_text(data, "sections")), start=1):
        if line.startswith("#"):
            sections.append({"title": line.lstrip("#").strip(), "items": []})
        elif not sections:
            errors.append(
                _("Items, line %(n)d: start with a section title on a line beginning with “#”.")
                % {"n": number}
            )
        elif len(line) > 500:
            errors.append(_("Items, line %(n)d: an item is up to 500 characters.") % {"n": number})
        else:
            sections[-1]["items"].append(line)
    if errors:
        raise ValidationError(errors)
    return {"name": _text(data, "name"), "scale": scale, "sections": sections, "bands": bands}


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
