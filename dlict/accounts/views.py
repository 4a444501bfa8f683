from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from dlict.accounts.forms import ApiTokenForm, LoginForm, PasswordChangeForm
from dlict.accounts.models import ApiToken
from dlict.accounts.selectors import user_roles_display
from dlict.accounts.services import api_token_create, api_token_revoke
from dlict.core.http import Request
from dlict.core.scoping import get_visible_or_404

NEW_KEY_SESSION = "dlict:new-api-key"


def locked_out(
    request: HttpRequest, original_response: object = None, credentials: object = None
) -> HttpResponse:
    """What django-axes shows once a username has failed too often from one address."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "registration/locked_out.html", {"cooloff_minutes": minutes}, status=429)


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    redirect_authenticated_user = True


class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = PasswordChangeForm
    success_url = reverse_lazy("accounts:profile")

    def form_valid(self, form: Any) -> HttpResponse:
        messages.success(self.request, _("Your password was changed."))
        return super().form_valid(form)


@login_required
@require_GET
def profile(request: Request) -> HttpResponse:
    return render(
        request, "accounts/profile.html", {"memberships": user_roles_display(request.user)}
    )


@login_required
@require_http_methods(["GET", "POST"])
def token_list(request: Request) -> HttpResponse:
    form = ApiTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        _token, key = api_token_create(user=request.user, name=form.cleaned_data["name"])
        # Shown once, on the page after the redirect; reloading that page makes no second token.
        request.session[NEW_KEY_SESSION] = key
        return redirect("accounts:tokens")
    new_key = request.session.pop(NEW_KEY_SESSION, None)
    tokens = ApiToken.objects.filter(user=request.user)
    return render(
        request, "accounts/token_list.html", {"form": form, "tokens": tokens, "new_key": new_key}
    )


@login_required
@require_POST
def token_revoke(request: Request, pk: int) -> HttpResponse:
    token = get_visible_or_404(ApiToken.objects.filter(user=request.user), pk=pk)
    api_token_revoke(token=token)
    messages.success(request, _("The token was revoked; it no longer opens the API."))
    return redirect("accounts:tokens")
