"""Load Thailand's provinces, districts and sub-districts from the data shipped in ./data.

The source numbers provinces 1–77; the Interior Ministry's province code is the first two digits of
any of its district codes, and that is the code kept here.
"""

import csv
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).parent / "data" / "thai-admin-divisions"


def _rows(name: str) -> Iterator[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if not row.get("deleted_at"):
                yield row


def place_names() -> Iterator[str]:
    """Every province's, district's and sub-district's Thai name, for the word dictionary that
    keeps names whole at the end of a printed line (Bangkok's districts also without "เขต")."""
    for name in ("provinces.csv", "districts.csv", "sub_districts.csv"):
        for row in _rows(name):
            place = row["name_th"].strip()
            yield place
            if place.startswith("เขต"):
                yield place.removeprefix("เขต")


def _coordinate(text: str) -> Decimal | None:
    return Decimal(text).quantize(Decimal("0.000001")) if text.strip() else None


def load_divisions(province_model: Any, district_model: Any, sub_district_model: Any) -> None:
    """Create every division that does not exist yet (by code); existing rows are left alone.

    Takes the model classes so a migration can pass its historical models.
    """
    regions = {row["id"]: row["name"] for row in _rows("geographies.csv")}
    districts = list(_rows("districts.csv"))
    province_code = {row["province_id"]: row["id"][:2] for row in districts}

    existing = set(province_model.objects.values_list("code", flat=True))
    province_model.objects.bulk_create(
        province_model(
            code=province_code[row["id"]],
            name_th=row["name_th"].strip(),
            name_en=row["name_en"].strip(),
            region=regions.get(row["geography_id"], ""),
        )
        for row in _rows("provinces.csv")
        if province_code[row["id"]] not in existing
    )
    provinces = dict(province_model.objects.values_list("code", "pk"))

    existing = set(district_model.objects.values_list("code", flat=True))
    district_model.objects.bulk_create(
        district_model(
            code=row["id"],
            province_id=provinces[row["id"][:2]],
            name_th=row["name_th"].strip(),
            name_en=row["name_en"].strip(),
        )
        for row in districts
        if row["id"] not in existing
    )
    district_ids = dict(district_model.objects.values_list("code", "pk"))

    existing = set(sub_district_model.objects.values_list("code", flat=True))
    sub_district_model.objects.bulk_create(
        (
            sub_district_model(
                code=row["id"],
                district_id=district_ids[row["district_id"]],
                name_th=row["name_th"].strip(),
                name_en=row["name_en"].strip(),
                postcode=row["zip_code"].strip(),
                latitude=_coordinate(row["lat"]),
                longitude=_coordinate(row["long"]),
            )
            for row in _rows("sub_districts.csv")
            if row["id"] not in existing and row["district_id"] in district_ids
        ),
        batch_size=1000,
    )


def divisions_reload() -> None:
    """The divisions again after a test emptied the database (a migration loads them first)."""
    from dlict.schools.models import District, Province, SubDistrict

    if not SubDistrict.objects.exists():
        load_divisions(Province, District, SubDistrict)
