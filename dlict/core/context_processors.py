from typing import Any

from django.http import HttpRequest

from dlict.core.navigation import menu_for


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"menu": menu_for(user, request.path, request.META.get("QUERY_STRING", ""))}
