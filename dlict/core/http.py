"""The request views receive, for the type checker: a logged-in user and django-htmx's details."""

from typing import TYPE_CHECKING

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

if TYPE_CHECKING:
    from dlict.accounts.models import User


class Request(HttpRequest):
    user: "User"
    htmx: HtmxDetails
