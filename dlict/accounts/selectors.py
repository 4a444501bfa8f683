"""Reads about users."""

from collections import defaultdict
from typing import Any

from dlict.accounts.models import Membership
from dlict.accounts.roles import Role
from dlict.core.scoping import Scope


def user_scope(user: Any) -> Scope:
    """Build the user's scope from their memberships in one query."""
    office_roles: dict[int, set[str]] = defaultdict(set)
    school_roles: dict[int, set[str]] = defaultdict(set)
    school_offices: dict[int, int] = {}
    national = bool(user.is_superuser)
    for role, office_id, school_id, school_office_id in Membership.objects.filter(
        user=user
    ).values_list("role", "office_id", "school_id", "school__office_id"):
        if role == Role.NATIONAL_ADMIN:
            national = True
        elif office_id is not None:
            office_roles[office_id].add(role)
        elif school_id is not None:
            school_roles[school_id].add(role)
            school_offices[school_id] = school_office_id
    return Scope(
        national=national,
        office_roles={k: frozenset(v) for k, v in office_roles.items()},
        school_roles={k: frozenset(v) for k, v in school_roles.items()},
        school_offices=school_offices,
    )


def user_roles_display(user: Any) -> list[Membership]:
    """The user's memberships with their places, for the profile page and the header."""
    return list(
        Membership.objects.filter(user=user)
        .select_related("office", "school")
        .order_by("role", "office__name_th", "school__name_sort")
    )


def office_deciders(office_id: int) -> list[Any]:
    """The people who decide an office's plans today: its directors (documented for other modules:
    a plan sent for a decision is notified to them)."""
    from dlict.accounts.models import User

    return list(
        User.objects.filter(
            is_active=True,
            memberships__office_id=office_id,
            memberships__role=Role.DIRECTOR,
        ).distinct()
    )
