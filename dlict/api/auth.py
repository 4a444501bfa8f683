from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer

from dlict.accounts.services import api_token_authenticate


class TokenAuth(HttpBearer):
    """``Authorization: Bearer dlict_…``: a personal token made on the user's API tokens page."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = api_token_authenticate(token)
        if user is not None:
            request.user = user
        return user
