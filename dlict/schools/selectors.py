"""Reads of the school registry: filtered lists, filter choices, dashboard figures."""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet

from dlict.core.scoping import scope_of
from dlict.core.thai import thai_sort_key
from dlict.schools.models import District, NetworkGroup, Office, School


@dataclass(frozen=True)
class SchoolFilters:
    q: str = ""
    office: Office | None = None
    district: District | None = None
    network_group: NetworkGroup | None = None
    dltv: bool | None = None
    size: str = ""
    kind: str = ""


def school_list(*, user: Any, filters: SchoolFilters, action: str = "view") -> QuerySet[School]:
    """The schools ``user`` may ``view`` (or ``export``), filtered, in Thai dictionary order."""
    schools = School.objects.restrict(user, action).with_places()
    if filters.q:
        schools = schools.search(filters.q)
    if filters.office:
        schools = schools.filter(office=filters.office)
    if filters.district:
        schools = schools.filter(district=filters.district)
    if filters.network_group:
        schools = schools.filter(network_group=filters.network_group)
    if filters.dltv is not None:
        schools = schools.filter(dltv=filters.dltv)
    if filters.size:
        schools = schools.filter(size=filters.size)
    if filters.kind:
        schools = schools.filter(kind=filters.kind)
    return schools.order_by("name_sort", "ministry_code")


def districts_for(*, user: Any, offices: Iterable[Office]) -> QuerySet[District]:
    """Districts where the user sees schools of these offices."""
    schools = School.objects.visible_to(user).filter(office__in=list(offices))
    return District.objects.filter(pk__in=schools.values("district"))


def network_groups_for(*, user: Any, offices: Iterable[Office]) -> QuerySet[NetworkGroup]:
    return NetworkGroup.objects.visible_to(user).filter(office__in=list(offices))


def registry_summary(schools: QuerySet[School]) -> dict[str, Any]:
    """Counts for a dashboard: all schools, DLTV schools, by size, by type and by district."""
    totals = schools.aggregate(total=Count("pk"), dltv=Count("pk", filter=Q(dltv=True)))
    by_size = dict(schools.values_list("size").annotate(n=Count("pk")).order_by())
    by_kind = dict(schools.values_list("kind").annotate(n=Count("pk")).order_by())
    districts = (
        schools.values("district__name_th", "district_id")
        .annotate(n=Count("pk"), dltv=Count("pk", filter=Q(dltv=True)))
        .order_by()
    )
    return {
        **totals,
        "by_size": [(label, by_size.get(value, 0), value) for value, label in School.Size.choices],
        "by_kind": [(label, by_kind.get(value, 0), value) for value, label in School.Kind.choices],
        "unsized": by_size.get("", 0),
        "small": by_size.get(School.Size.SMALL, 0),
        "districts": sorted(districts, key=lambda d: thai_sort_key(d["district__name_th"] or "")),
    }


def offices_overview(user: Any) -> QuerySet[Office]:
    """Each visible office with its numbers of schools and DLTV schools."""
    return (
        Office.objects.visible_to(user)
        .select_related("province")
        .annotate(
            school_count=Count("schools"),
            dltv_count=Count("schools", filter=Q(schools__dltv=True)),
        )
        .order_by("code")
    )


def own_schools(user: Any) -> QuerySet[School]:
    """The schools a school-level user belongs to."""
    schools = School.objects.visible_to(user).filter(pk__in=sorted(scope_of(user).school_roles))
    return schools.with_places()
