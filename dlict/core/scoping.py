"""The scoping contract: the one way views, APIs, exports and searches reach office and school data.

Every model holding office or school data gets a queryset derived from ScopedQuerySet and is read
through ``Model.objects.visible_to(user)`` (or ``restrict(user, action)`` for writes). A row that a
user may not see behaves as if it did not exist: views answer 404.

Core knows no users or roles of its own: the app that keeps them (accounts) registers, in its
``AppConfig.ready``, how to build a user's scope and which permissions a role grants::

    scoping.register(user_scope=user_scope, role_grants=role_grants)
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import reduce
from typing import Any, Self, TypeVar

from django.core.exceptions import ImproperlyConfigured, ObjectDoesNotExist
from django.db import models
from django.db.models import Q
from django.http import Http404


@dataclass(frozen=True)
class Scope:
    """Where a user holds roles: everywhere (national), in offices, in schools."""

    national: bool = False
    office_roles: Mapping[int, frozenset[str]] = field(default_factory=dict)
    school_roles: Mapping[int, frozenset[str]] = field(default_factory=dict)
    school_offices: Mapping[int, int] = field(default_factory=dict)

    def offices_with(self, permission: str) -> set[int]:
        """Offices where one of the user's office roles grants ``permission``."""
        role_grants = _registered().role_grants
        return {
            office_id
            for office_id, roles in self.office_roles.items()
            if any(role_grants(role, permission) for role in roles)
        }

    def schools_with(self, permission: str) -> set[int]:
        role_grants = _registered().role_grants
        return {
            school_id
            for school_id, roles in self.school_roles.items()
            if any(role_grants(role, permission) for role in roles)
        }

    @property
    def office_ids(self) -> set[int]:
        """Every office the user belongs to, directly or through a school."""
        return set(self.office_roles) | set(self.school_offices.values())

    @property
    def is_school_only(self) -> bool:
        return not self.national and not self.office_roles


@dataclass(frozen=True)
class _Resolver:
    user_scope: Callable[[Any], Scope]
    role_grants: Callable[[str, str], bool]


_RESOLVER: list[_Resolver] = []


def register(
    *, user_scope: Callable[[Any], Scope], role_grants: Callable[[str, str], bool]
) -> None:
    """Say how a user's scope is built and whether a role grants a permission (one app does)."""
    _RESOLVER[:] = [_Resolver(user_scope, role_grants)]


def _registered() -> _Resolver:
    if not _RESOLVER:
        # Refusing is safer than an empty scope that would quietly hide everything.
        raise ImproperlyConfigured("No app registered how to build a user's scope.")
    return _RESOLVER[0]


def scope_of(user: Any) -> Scope:
    """The user's scope, computed once per user object (so once per request)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Scope()
    cached = getattr(user, "_dlict_scope", None)
    if cached is None:
        cached = _registered().user_scope(user)
        user._dlict_scope = cached
    return cached


def can(user: Any, permission: str, *, office_id: int | None = None, school: Any = None) -> bool:
    """Whether ``user`` holds ``permission``: for one school (through an office role in its office
    or a role in the school itself), for a whole office (office roles only: a role in one school
    never reaches its neighbours), or anywhere when neither is given."""
    scope = scope_of(user)
    if scope.national:
        return True
    offices = scope.offices_with(permission)
    if school is not None:
        return school.office_id in offices or school.pk in scope.schools_with(permission)
    if office_id is not None:
        return office_id in offices
    return bool(offices or scope.schools_with(permission))


M = TypeVar("M", bound=models.Model)


class ScopedQuerySet(models.QuerySet[M]):
    """A queryset that knows which office and school each row belongs to.

    Subclasses set ``permission_app`` (permissions are ``"<app>.<action>"``) and the lookups from
    the row to its office and to its school; a lookup of None means rows have no such owner.
    """

    permission_app: str = ""
    office_path: str | None = "office"
    school_path: str | None = None

    def visible_to(self, user: Any) -> Self:
        return self.restrict(user, "view")

    def restrict(self, user: Any, action: str) -> Self:
        scope = scope_of(user)
        if scope.national:
            return self.all()
        permission = f"{self.permission_app}.{action}"
        conditions = []
        offices = scope.offices_with(permission)
        if offices and self.office_path:
            conditions.append(Q(**{f"{self.office_path}__in": sorted(offices)}))
        schools = scope.schools_with(permission)
        if schools and self.school_path:
            conditions.append(Q(**{f"{self.school_path}__in": sorted(schools)}))
        if not conditions:
            return self.none()
        return self.filter(reduce(operator.or_, conditions))


def get_visible_or_404(queryset: models.QuerySet[M], **lookup: Any) -> M:
    """Fetch one row of an already scoped queryset, answering 404 for anything else."""
    try:
        return queryset.get(**lookup)
    except (ObjectDoesNotExist, ValueError, TypeError):
        raise Http404 from None
