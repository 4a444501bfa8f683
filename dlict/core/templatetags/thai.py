"""Template filters for Thai dates and numerals; loaded as builtins, so no ``{% load %}`` is needed.

{{ school.updated_at|thai_date }}        24 พ.ย. 2569
{{ school.updated_at|thai_datetime }}    24 พ.ย. 2569 14:05 น.
{{ order.signed_on|thai_date_long }}     24 พฤศจิกายน พ.ศ. 2569
{{ order.number|thai_digits }}           ๑๒๓/๒๕๖๙
"""

from datetime import date, datetime

from django import template
from django.utils import timezone
from django.utils.translation import get_language

from dlict.core import thai

register = template.Library()


def _as_local_date(value: date | datetime) -> date:
    if isinstance(value, datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.date()
    return value


def _language() -> str:
    return "en" if (get_language() or "th").startswith("en") else "th"


@register.filter
def thai_date(value: date | datetime | str | None) -> str:
    """A date, or an ISO date string as stored in JSON fields."""
    day: date | datetime | None
    if isinstance(value, str):
        try:
            day = date.fromisoformat(value)
        except ValueError:
            return value
    else:
        day = value
    if not day:
        return ""
    return thai.format_date_short(_as_local_date(day), language=_language())


@register.filter
def thai_date_long(value: date | datetime | None) -> str:
    if not value:
        return ""
    return thai.format_date_long(_as_local_date(value), language=_language())


@register.filter
def thai_datetime(value: datetime | None) -> str:
    if not value:
        return ""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    suffix = " น." if _language() == "th" else ""
    return f"{thai.format_date_short(local.date(), language=_language())} {local:%H:%M}{suffix}"


@register.filter
def thai_digits(value: object) -> str:
    if value is None:
        return ""
    return thai.thai_digits(value)


@register.filter
def fiscal_year(value: date | datetime | None) -> int | str:
    return thai.fiscal_year(_as_local_date(value)) if value else ""


@register.filter
def thai_date_numeric(value: date | None) -> str:
    """``24/11/2569``: as the date boxes take it back."""
    return thai.format_date_numeric(value) if value else ""
