"""The figure tiles of dashboards and import previews, written once.

{% load tiles %}
{% stat totals.schools|intcomma _("schools") %}
{% stat count|intcomma _("DLTV schools") href=list_url|add:"?dltv=yes" %}
{% stat visited|intcomma _("schools visited") out_of=schools|intcomma sub=share|percent %}
{% stat change|change_percent _("students since 2567") trend=difference %}

A tile is a link when it has ``href``; ``sub`` (a line under the label) is left out when empty;
``trend`` colours the figure by its sign (up green, down red).
"""

from typing import Any

from django import template
from django.template.defaultfilters import floatformat

register = template.Library()


@register.inclusion_tag("core/_stat.html")
def stat(
    value: Any,
    label: Any,
    *,
    href: str = "",
    sub: Any = "",
    out_of: Any = None,
    trend: float | None = None,
) -> dict[str, Any]:
    tone = ""
    if trend:
        tone = "change-up" if trend > 0 else "change-down"
    return {
        "value": value,
        "label": label,
        "href": href,
        "sub": sub,
        "out_of": out_of,
        "tone": tone,
    }


@register.filter
def percent(value: float | None) -> str:
    """12.5%, to one decimal; nothing for a share that cannot be worked out."""
    return "" if value is None else f"{floatformat(value, 1)}%"


@register.filter
def change_percent(value: float | None) -> str:
    """A change as +12.5% or -3.0%; – when there is nothing to compare with."""
    if value is None:
        return "–"
    return f"{'+' if value > 0 else ''}{floatformat(value, 1)}%"
