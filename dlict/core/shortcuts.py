"""The idioms every view repeats, written once.

``attempt`` is the view's side of a service call: run it, say what was done, or put the service's
refusal where the person will read it (on the form, or at the top of the page)::

    if form.is_valid() and (done := attempt(request, lambda: school_update(...), form=form,
                                            success=_("The school's record was saved."))):
        return redirect("schools:detail", pk=done.value.pk)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.functional import Promise

T = TypeVar("T")


@dataclass(frozen=True)
class Done(Generic[T]):
    """A service call that succeeded, with what the service returned."""

    value: T


def attempt(
    request: HttpRequest,
    action: Callable[[], T],
    *,
    success: str | Promise | Callable[[T], str] = "",
    form: forms.BaseForm | None = None,
    field: str | None = None,
) -> Done[T] | None:
    """Run ``action`` (a service call). Done: add ``success`` (a message, or a function of the
    result that makes one) to the page's messages and return the result. Refused (the service
    raised ValidationError): add its messages to ``form`` (on ``field``, or above the fields) or,
    without a form, to the page's messages, and return None."""
    try:
        value = action()
    except ValidationError as error:
        if form is not None:
            form.add_error(field, error)
        else:
            for message in error.messages:
                messages.error(request, message)
        return None
    text = success(value) if callable(success) else success
    if text:
        messages.success(request, str(text))
    return Done(value)
