"""The school list as a spreadsheet, in the same columns the school-list import reads back.

Headings and choice labels are in the language of the person who downloads the list; the import
reads both languages, so a list exported in either comes back unchanged.
"""

from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from dlict.core.exports import Exporter
from dlict.schools.imports import FIELD_LABELS
from dlict.schools.models import School

EXPORT_FIELDS = [
    "ministry_code", "smis_code", "obec_code", "name_th", "name_en", "address_line",
    "sub_district", "district", "province", "postcode", "network_group", "kind", "size", "dltv",
    "latitude", "longitude", "phone", "email", "website", "director_name",
]  # fmt: skip


class SchoolListExporter(Exporter):
    filename = "schools"

    def __init__(self, schools: QuerySet[School], *, with_office: bool) -> None:
        self.schools = schools
        self.with_office = with_office
        self.sheet_title = _("Schools")

    def headers(self) -> list[str]:
        headers = [str(FIELD_LABELS[name]) for name in EXPORT_FIELDS]
        return [*headers, _("Office")] if self.with_office else headers

    def rows(self) -> Iterable[list[Any]]:
        yes, no = _("yes"), _("no")
        for school in self.schools.iterator(chunk_size=2000):
            row = [
                school.ministry_code,
                school.smis_code,
                school.obec_code,
                school.name_th,
                school.name_en,
                school.address_line,
                school.sub_district.name_th if school.sub_district else "",
                school.district.name_th if school.district else "",
                school.province.name_th if school.province else "",
                school.postcode,
                school.network_group.name if school.network_group else "",
                school.get_kind_display() if school.kind else "",
                school.get_size_display() if school.size else "",
                yes if school.dltv else no,
                school.latitude,
                school.longitude,
                school.phone,
                school.email,
                school.website,
                school.director_name,
            ]
            if self.with_office:
                row.append(school.office.name_th)
            yield row
