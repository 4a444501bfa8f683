"""Writes about users: accounts, roles, API tokens."""

import hashlib
import hmac
import secrets
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from dlict.accounts.models import ApiToken, Membership, User
from dlict.accounts.roles import Role

TOKEN_PREFIX = "dlict"  # noqa: S105 - a label, not a secret


def user_create(
    *,
    username: str,
    password: str | None,
    first_name: str = "",
    last_name: str = "",
    title: str = "",
    email: str = "",
    phone: str = "",
) -> User:
    user = User(
        username=username,
        first_name=first_name,
        last_name=last_name,
        title=title,
        email=email,
        phone=phone,
    )
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean()
    user.save()
    return user


def membership_grant(
    *, user: User, role: str, office: Any = None, school: Any = None
) -> Membership:
    """Give ``user`` a role; a national administrator also gets the admin site."""
    with transaction.atomic():
        membership = Membership(user=user, role=role, office=office, school=school)
        membership.full_clean()
        membership.save()
        if role == Role.NATIONAL_ADMIN and not (user.is_staff and user.is_superuser):
            user.is_staff = user.is_superuser = True
            user.save(update_fields=["is_staff", "is_superuser"])
    return membership


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def api_token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """Make a token; the returned key is the only time it is ever visible."""
    prefix = secrets.token_hex(6)
    secret = secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name.strip() or "API", prefix=prefix, digest=_digest(secret)
    )
    return token, f"{TOKEN_PREFIX}_{prefix}_{secret}"


def api_token_revoke(*, token: ApiToken) -> ApiToken:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def api_token_authenticate(key: str) -> User | None:
    """The active user holding ``key``, or None. Compares digests in constant time."""
    parts = key.strip().split("_", 2)
    # A NUL cannot be in a key, and PostgreSQL refuses one in a query: no lookup for it.
    if len(parts) != 3 or parts[0] != TOKEN_PREFIX or "\x00" in key:
        return None
    _label, prefix, secret = parts
    token = ApiToken.objects.active().select_related("user").filter(prefix=prefix).first()
    if token is None or not hmac.compare_digest(token.digest, _digest(secret)):
        return None
    if not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=5):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
