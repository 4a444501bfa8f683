from decimal import Decimal

from django.db.models import QuerySet
from ninja import Query, Router, Schema
from ninja.pagination import paginate

from dlict.core.apitools import BoundedPagination, responses, text
from dlict.core.http import Request
from dlict.core.scoping import get_visible_or_404
from dlict.schools.models import Office, School
from dlict.schools.selectors import SchoolFilters, school_list

router = Router(tags=["schools"])


class OfficeOut(Schema):
    id: int
    code: str
    name_th: str
    name_en: str
    level: str
    province: str

    @staticmethod
    def resolve_province(office: Office) -> str:
        return office.province.name_th


class SchoolOut(Schema):
    id: int
    office_id: int
    ministry_code: str | None
    smis_code: str | None
    obec_code: str | None
    name_th: str
    name_en: str
    address_line: str
    sub_district: str | None
    district: str | None
    province: str | None
    postcode: str
    latitude: Decimal | None
    longitude: Decimal | None
    network_group: str | None
    kind: str
    size: str
    dltv: bool
    phone: str
    email: str
    website: str

    @staticmethod
    def resolve_sub_district(school: School) -> str | None:
        return school.sub_district.name_th if school.sub_district else None

    @staticmethod
    def resolve_district(school: School) -> str | None:
        return school.district.name_th if school.district else None

    @staticmethod
    def resolve_province(school: School) -> str | None:
        return school.province.name_th if school.province else None

    @staticmethod
    def resolve_network_group(school: School) -> str | None:
        return school.network_group.name if school.network_group else None


class SchoolQuery(Schema):
    q: str = text(100, "Part of a name or a code.")
    office_id: int | None = None
    dltv: bool | None = None
    size: str = text(16, "small, medium, large or extra_large.")
    kind: str = text(16, "primary, expanded, secondary, special or other.")


@router.get(
    "/offices",
    response=responses(list[OfficeOut]),
    summary="Offices you can see",
    url_name="office-list",
)
@paginate(BoundedPagination)
def office_list(request: Request) -> QuerySet[Office]:
    return Office.objects.visible_to(request.user).select_related("province")


@router.get(
    "/schools",
    response=responses(list[SchoolOut]),
    summary="Schools you can see",
    url_name="school-list",
)
@paginate(BoundedPagination)
def school_list_api(request: Request, filters: Query[SchoolQuery]) -> QuerySet[School]:
    office = None
    if filters.office_id is not None:
        office = Office.objects.visible_to(request.user).filter(pk=filters.office_id).first()
        if office is None:
            return School.objects.none()
    return school_list(
        user=request.user,
        filters=SchoolFilters(
            q=filters.q, office=office, dltv=filters.dltv, size=filters.size, kind=filters.kind
        ),
    )


@router.get(
    "/schools/{school_id}",
    response=responses(SchoolOut),
    summary="One school",
    url_name="school-detail",
)
def school_detail_api(request: Request, school_id: int) -> School:
    return get_visible_or_404(School.objects.visible_to(request.user).with_places(), pk=school_id)
