"""Events in the audit trail: work that is not one row's change.

An import that writes the figures of 30,000 schools in a few statements is one event, recorded
with who did it, on what, and how much it changed. An app names its kinds of event once, in its
``AppConfig.ready``, with the words the trail shows (the event's label and each detail's)::

    audit.register_event(
        "emis.students_import",
        _("Student figures imported"),
        details={"file": _("file"), "schools": _("schools changed")},
    )

and records one where the work is done, in the same transaction::

    audit.audit_event("emis.students_import", actor=user, office_id=office.pk, instance=job,
                      details={"file": "students.xlsx", "schools": 120})

The entry is an AuditEntry whose ``additional_data`` holds ``event`` (the kind), ``office_id``
and ``details``; its ``changes`` are empty. The trail reads it as a sentence: who, the event's
label, the record, and each detail with its word ("ไฟล์ students.xlsx, โรงเรียนที่เปลี่ยน 120").

The second half of the module is how the trail reads any entry (``entry_changes`` and friends,
reached through AuditEntry's properties).
"""

from __future__ import annotations

import ast
import json
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from auditlog.cid import get_cid
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from dlict.core.models import AuditEntry
from dlict.core.templatetags.thai import thai_date, thai_datetime


@dataclass(frozen=True)
class EventKind:
    label: Promise | str
    details: dict[str, Promise | str] = field(default_factory=dict)


_EVENTS: dict[str, EventKind] = {}


def register_event(
    kind: str, label: Promise | str, *, details: dict[str, Any] | None = None
) -> None:
    _EVENTS[kind] = EventKind(label, dict(details or {}))


def event_kind(kind: str) -> EventKind | None:
    return _EVENTS.get(kind)


def audit_event(
    kind: str,
    *,
    actor: Any,
    office_id: int | None,
    instance: models.Model,
    details: dict[str, str | int | float | None],
) -> AuditEntry:
    """Record that ``actor`` did ``kind`` to ``instance`` in ``office_id``'s data."""
    if kind not in _EVENTS:
        raise ValueError(f"audit event kind {kind!r} is not registered")
    pk = instance.pk
    return AuditEntry.objects.create(
        content_type=ContentType.objects.get_for_model(instance),
        object_pk=str(pk),
        object_id=pk if isinstance(pk, int) else None,
        object_repr=str(instance)[:500],
        action=AuditEntry.Action.UPDATE,
        changes={},
        actor=actor if getattr(actor, "pk", None) else None,
        cid=get_cid(),
        additional_data={"event": kind, "office_id": office_id, "details": details},
    )


# --- How the trail reads -------------------------------------------------------------------------
#
# django-auditlog stores ``changes`` as JSON {field: [before, after]} (AUDITLOG_STORE_JSON_CHANGES):
# numbers, booleans, lists and dicts as themselves, dates and datetimes as ISO strings (datetimes
# in UTC, without a zone), related records by name (AUDITLOG_USE_FK_STRING_REPRESENTATION) and a
# many-to-many change as {"type": "m2m", "operation": "add"|"delete", "objects": [names]}. Bulk
# writes (school imports) record every value as a string ("None", "True", "2569-…"), and older
# entries may hold a JSON field as the text of a Python or JSON literal. Everything below turns any
# of these into the words people read.

LIST_ITEMS_SHOWN = 5
TEXT_SHOWN = 120
ITEM_SHOWN = 90

# Fields declared without a verbose name carry Django's English one ("recorded by"): the trail
# still names them in the reader's language.
_UNNAMED_FIELDS: dict[str, Promise] = {
    "created_by": _("created by"),
    "updated_by": _("updated by"),
    "uploaded_by": _("uploaded by"),
    "recorded_by": _("recorded by"),
}

_ISO_DATE = re.compile(r"(?<![\d-])((?:19|20|21)\d\d)-(\d\d)-(\d\d)(?![\d-])")


@dataclass(frozen=True)
class Change:
    """One field of an entry as people read it: ``label: before → after``, or the items a list
    gained and lost."""

    label: str
    before: str = ""
    after: str = ""
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    more: int = 0  # items left out of ``added``/``removed``
    note: str = ""  # said instead of before → after ("reordered")

    @property
    def is_list(self) -> bool:
        return bool(self.added or self.removed)


def entry_changes(entry: AuditEntry) -> list[Change]:
    """The fields an entry changed, labelled and valued in the reader's language."""
    model = entry.content_type.model_class() if entry.content_type_id else None
    created = entry.action == AuditEntry.Action.CREATE
    deleted = entry.action == AuditEntry.Action.DELETE
    rows = []
    for name, values in (entry.changes or {}).items():
        field = _field(model, name)
        if field is not None and not field.editable:
            continue  # keys and fingerprints the system keeps for itself
        label = capfirst(_label(field, name))
        if isinstance(values, dict) and values.get("type") == "m2m":
            change = _m2m_change(label, values)
        elif isinstance(values, list | tuple) and len(values) == 2:
            before, after = (_decoded(field, value) for value in values)
            if created:
                before = None
            elif deleted:
                after = None
            change = _change(label, field, before, after)
        else:
            continue
        if change is not None:
            rows.append(change)
    return rows


def entry_record(entry: AuditEntry) -> str:
    """The record's name as stored, with any ISO date in it written in B.E."""
    return thai_dates_in(entry.object_repr)


def entry_kind(entry: AuditEntry) -> str:
    model = entry.content_type.model_class() if entry.content_type_id else None
    return str(model._meta.verbose_name) if model else entry.content_type.name


def entry_event(entry: AuditEntry) -> tuple[str, list[tuple[str, str]]] | None:
    """An event's label and its details as (label, value), or None for a change of a record."""
    data = entry.additional_data if isinstance(entry.additional_data, dict) else {}
    kind_name = data.get("event")
    if not kind_name:
        return None
    kind = event_kind(kind_name)
    words = kind.details if kind else {}
    label = (
        str(kind.label) if kind else gettext("recorded the event “%(kind)s”") % {"kind": kind_name}
    )
    details = [
        (str(words.get(key, key)), _detail_text(value))
        for key, value in (data.get("details") or {}).items()
        if value not in (None, "")
    ]
    return label, details


def thai_dates_in(text: str) -> str:
    """Write every ISO date inside ``text`` (names such as "บ้านดอนม่วง 2026-12-10") in B.E."""

    def _be(match: re.Match[str]) -> str:
        try:
            day = date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            return match[0]
        return thai_date(day)

    return _ISO_DATE.sub(_be, text)


def _field(model: type[models.Model] | None, name: str) -> models.Field[Any, Any] | None:
    if model is None:
        return None
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return field if isinstance(field, models.Field) else None


def _label(field: models.Field[Any, Any] | None, name: str) -> str:
    if field is None:
        return str(_UNNAMED_FIELDS.get(name, name.replace("_", " ")))
    if not isinstance(field.verbose_name, Promise) and name in _UNNAMED_FIELDS:
        return str(_UNNAMED_FIELDS[name])
    return str(field.verbose_name)


def _decoded(field: models.Field[Any, Any] | None, value: Any) -> Any:
    """The stored value as a Python value: None, a bool, a list or dict, or the stored text."""
    if value == "None":
        return None
    if value in ("True", "False") and isinstance(field, models.BooleanField | type(None)):
        return value == "True"
    if isinstance(value, str) and value[:1] in ("[", "{"):
        for parse in (json.loads, ast.literal_eval):
            try:
                parsed = parse(value)
            except (ValueError, SyntaxError, RecursionError):
                continue
            if isinstance(parsed, list | dict | tuple):
                return parsed
    return value


def _change(
    label: str, field: models.Field[Any, Any] | None, before: Any, after: Any
) -> Change | None:
    if isinstance(before, list | tuple) or isinstance(after, list | tuple):
        return _list_change(label, field, before or [], after or [])
    if isinstance(before, dict) and isinstance(after, dict):
        changed = [key for key in {**before, **after} if before.get(key) != after.get(key)]
        before = {key: before[key] for key in changed if key in before}
        after = {key: after[key] for key in changed if key in after}
    old, new = _text(field, before), _text(field, after)
    if old == new:
        return None
    return Change(label, before=_shortened(old, TEXT_SHOWN), after=_shortened(new, TEXT_SHOWN))


def _list_change(
    label: str, field: models.Field[Any, Any] | None, before: Any, after: Any
) -> Change | None:
    old = [_shortened(_item_text(field, item), ITEM_SHOWN) for item in before]
    new = [_shortened(_item_text(field, item), ITEM_SHOWN) for item in after]
    added = [item for item in new if item not in old]
    removed = [item for item in old if item not in new]
    if not added and not removed:
        return Change(label, note=gettext("reordered")) if old != new else None
    shown_added = added[:LIST_ITEMS_SHOWN]
    shown_removed = removed[: max(0, LIST_ITEMS_SHOWN - len(shown_added))]
    more = len(added) + len(removed) - len(shown_added) - len(shown_removed)
    return Change(label, added=tuple(shown_added), removed=tuple(shown_removed), more=more)


def _m2m_change(label: str, values: dict[str, Any]) -> Change | None:
    names = [_shortened(thai_dates_in(str(name)), ITEM_SHOWN) for name in values.get("objects", [])]
    if not names:
        return None
    shown, more = tuple(names[:LIST_ITEMS_SHOWN]), max(0, len(names) - LIST_ITEMS_SHOWN)
    if values.get("operation") == "delete":
        return Change(label, removed=shown, more=more)
    return Change(label, added=shown, more=more)


def _text(field: models.Field[Any, Any] | None, value: Any) -> str:
    """One value as a reader says it: choices by their label, dates in B.E., yes/no."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    if isinstance(value, dict):
        return ", ".join(
            f"{key}: {text}"
            for key, text in ((key, _item_text(None, value[key])) for key in _row_keys(value))
            if text
        )
    choices = {str(key): str(text) for key, text in (getattr(field, "flatchoices", None) or [])}
    if str(value) in choices:
        return choices[str(value)]
    text = str(value)
    if isinstance(field, models.DateTimeField):
        return _datetime_text(text)
    if isinstance(field, models.DateField):
        return thai_date(text)
    if isinstance(field, models.DecimalField) and field.decimal_places == 2:
        return _money_text(text)
    return thai_dates_in(text)


# PostgreSQL's jsonb keeps no order of a row's keys (SQLite keeps the order written): a row reads
# its cells in this order, what a person names first first, then any other key by name.
ROW_KEY_ORDER = ("title", "name", "target", "activity", "text", "indicator", "goal", "start", "end")


def _row_keys(row: dict[str, Any]) -> list[str]:
    known = [key for key in ROW_KEY_ORDER if key in row]
    return known + sorted(key for key in row if key not in ROW_KEY_ORDER)


def _item_text(field: models.Field[Any, Any] | None, item: Any) -> str:
    """An item of a list: a row of a plan's table reads as its filled cells."""
    if isinstance(item, dict):
        cells = (_item_text(None, item[key]) for key in _row_keys(item))
        return " · ".join(text for text in cells if text)
    if isinstance(item, list | tuple):
        return ", ".join(text for text in (_item_text(None, v) for v in item) if text)
    base = getattr(field, "base_field", None)  # PostgreSQL's ArrayField of choices
    return _text(base if base is not None else None, item)


def _detail_text(value: Any) -> str:
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    if isinstance(value, int | float):
        return f"{value:,}"
    return _shortened(thai_dates_in(str(value)), TEXT_SHOWN)


def _datetime_text(text: str) -> str:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return thai_dates_in(text)
    if timezone.is_naive(moment):
        moment = moment.replace(tzinfo=UTC)  # auditlog stores datetimes in UTC
    return thai_datetime(moment)


def _money_text(text: str) -> str:
    try:
        amount = Decimal(text)
    except (ArithmeticError, ValueError):
        return text
    return f"{amount:,.2f}"


def _shortened(text: str, limit: int) -> str:
    return Truncator(text).chars(limit)
