"""The office a page shows, for people who may choose among several (a national administrator,
or someone with roles in more than one office).

Every such page follows the same rules, so a choice made on one page carries to the next:

* ``?office=<id>`` of an office the person may choose shows that office and is remembered;
* ``?office=`` (empty) on a page that can show every office at once shows them all, and is
  remembered as "every office";
* without ``?office``, the remembered choice; without one (or when this page may not show it),
  the default: every office at once where the page can show that, else the first office by code.

The choice is kept in the session, written only when it changes. Someone of one office always sees
that office. A form that asks for an office (an import's, a new school's) starts from the same
choice.

Pages: the DLTV dashboard and its downloads, supervision visits and the rubric, the EMIS figures
(dashboard, map, booklet, spreadsheets), the year's projects, ICT development records and their
reports, the school registry (list and export), adding a school, and the import pages.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.http import HttpRequest

from dlict.core.http import parse_id
from dlict.schools.models import Office

SESSION_KEY = "dlict_office"
EVERY_OFFICE = "all"


def offices_for_page(
    request: HttpRequest, permission: str, *, every_office: bool
) -> tuple[Office | None, list[Office]]:
    """The office the page shows (None: every office at once) and the offices, by code, that the
    person may choose from: those where one of their office roles grants ``permission``."""
    offices = list(Office.objects.with_office_permission(request.user, permission).order_by("code"))
    return office_for_page(request, offices, every_office=every_office), offices


def office_for_page(
    request: HttpRequest, offices: Sequence[Any], *, every_office: bool
) -> Any | None:
    """The office of ``offices`` (ordered, the person's choices) the page shows, or None for every
    office at once (only where ``every_office``: a page that can show the whole of them)."""
    if len(offices) < 2:
        return offices[0] if offices else None
    by_pk = {office.pk: office for office in offices}
    asked = request.GET.get("office")
    if asked is not None:
        wanted = parse_id(asked)
        if wanted is not None and wanted in by_pk:
            _remember(request, wanted)
            return by_pk[wanted]
        if asked == "" and every_office:
            _remember(request, EVERY_OFFICE)
            return None
    remembered = request.session.get(SESSION_KEY)
    if remembered in by_pk:
        return by_pk[remembered]
    if every_office and len(offices) > 1:
        return None
    return offices[0]


def _remember(request: HttpRequest, value: int | str) -> None:
    if request.session.get(SESSION_KEY) != value:
        request.session[SESSION_KEY] = value
