"""A realistic demo installation: two offices in Chiang Mai with schools named like real ones.
The other apps fill in the rest (accounts, projects, DLTV, figures) through ``dlict.core.demo``.

Only `manage.py load_demo` calls this, never a migration, and it refuses to run in production.
Everything is drawn from a seeded random generator, so every newcomer gets the same office.
"""

from __future__ import annotations

import random
from decimal import Decimal

from django.db import transaction

from dlict.core.thai import thai_sort_key
from dlict.schools.models import District, NetworkGroup, Office, Province, School, SubDistrict

DEMO_OFFICE_CODE = "50010000"
CHIANG_MAI = "50"
# Districts of each demo office (Interior Ministry codes).
OFFICE_DISTRICTS = {
    "50010000": ["5007", "5013", "5005", "5014", "5023", "5006"],  # แม่ริม สันกำแพง ดอยสะเก็ด …
    "50020000": ["5012", "5015", "5022"],  # สันป่าตอง หางดง แม่วาง
}
SCHOOLS_PER_OFFICE = {"50010000": 120, "50020000": 40}
# Village-name parts from which real school names are built ("บ้าน" + place).
PLACE_HEADS = ["ห้วย", "หนอง", "ดอน", "ป่า", "แม่", "ทุ่ง", "นา", "บ่อ", "ท่า", "โป่ง", "ปาง", "สัน",
               "ร้อง", "ต้น", "หัวฝาย"]  # fmt: skip
PLACE_TAILS = ["ทราย", "แก้ว", "ยาง", "ตอง", "หลวง", "ใหม่", "เหนือ", "ใต้", "บัว", "ขาม", "เปา",
               "โจ้", "แฝก", "ผึ้ง", "ม่วง", "สะลีก", "ปิง", "ลาน"]  # fmt: skip
TEMPLE_NAMES = ["วัดศรีสุพรรณ", "วัดสันต้นเปา", "วัดพระธาตุดอยคำ", "วัดป่าแดด", "วัดโป่งน้อย",
                "วัดบ้านปง", "วัดศรีดอนชัย", "วัดหนองคำ"]  # fmt: skip
FIRST_NAMES = ["สมชาย", "สมศรี", "วิไลวรรณ", "ประเสริฐ", "อรุณี", "ธนากร", "กาญจนา", "สุริยา",
               "พิมพ์ชนก", "ณัฐพล", "ศิริพร", "อนุชา"]  # fmt: skip
LAST_NAMES = ["ใจดี", "ศรีสุข", "คำปัน", "อินทร์แก้ว", "ปัญญาวงศ์", "สุวรรณรัตน์", "ทองคำ",
              "บุญมา", "ชัยวงศ์", "แสงทอง"]  # fmt: skip


def demo_exists() -> bool:
    return Office.objects.filter(code=DEMO_OFFICE_CODE).exists()


def demo_office() -> Office:
    """The demo office the other apps fill in (สพป.ตัวอย่าง เขต 1)."""
    return Office.objects.get(code=DEMO_OFFICE_CODE)


@transaction.atomic
def load_demo(seed: int = 2569) -> None:
    """Create the demo offices and their schools. Run it once; it refuses to run twice."""
    rng = random.Random(seed)  # noqa: S311 - repeatable demo data, not secrets
    province = Province.objects.get(code=CHIANG_MAI)
    office_one = _office(DEMO_OFFICE_CODE, "สพป.ตัวอย่าง เขต 1", "Example PESAO Area 1", province)
    office_two = _office("50020000", "สพป.ตัวอย่าง เขต 2", "Example PESAO Area 2", province)
    _schools(office_one, rng)
    _schools(office_two, rng)


def _office(code: str, name_th: str, name_en: str, province: Province) -> Office:
    return Office.objects.create(
        code=code,
        name_th=name_th,
        name_en=name_en,
        province=province,
        level=Office.Level.PRIMARY,
        phone="053-000000",
        website="https://example.org",
    )


def _schools(office: Office, rng: random.Random) -> list[School]:
    districts = list(District.objects.filter(code__in=OFFICE_DISTRICTS[office.code]))
    groups = [
        NetworkGroup.objects.create(office=office, name=f"กลุ่มเครือข่าย{d.name_th}") for d in districts
    ]
    group_of = dict(zip([d.pk for d in districts], groups, strict=True))
    subs = list(SubDistrict.objects.filter(district__in=districts).select_related("district"))
    names = _school_names(office, subs, rng)
    schools = []
    for number, (name, sub) in enumerate(names, start=1):
        district = sub.district
        ministry = f"10{district.code}{number:04d}"
        students = rng.choice([35, 48, 62, 77, 90, 104, 115, 140, 210, 320, 480, 650, 1200])
        size = (
            School.Size.SMALL if students <= 120
            else School.Size.MEDIUM if students <= 600
            else School.Size.LARGE if students < 1500
            else School.Size.EXTRA_LARGE
        )  # fmt: skip
        kind = (
            School.Kind.EXPANDED if students > 300 and rng.random() < 0.5 else School.Kind.PRIMARY
        )
        lat = (sub.latitude or Decimal("18.9")) + Decimal(rng.uniform(-0.02, 0.02)).quantize(
            Decimal("0.000001")
        )
        lon = (sub.longitude or Decimal("99.0")) + Decimal(rng.uniform(-0.02, 0.02)).quantize(
            Decimal("0.000001")
        )
        school = School(
            office=office,
            ministry_code=ministry,
            smis_code=f"50{office.code[2:4]}{number:04d}",
            obec_code=f"{int(office.code[2:4]) * 1000 + number:06d}"[-6:],
            name_th=name,
            name_en="",
            address_line=f"{rng.randint(1, 250)} หมู่ {rng.randint(1, 15)}",
            province=district.province,
            district=district,
            sub_district=sub,
            postcode=sub.postcode,
            latitude=lat,
            longitude=lon,
            network_group=group_of[district.pk],
            kind=kind,
            size=size,
            dltv=rng.random() < (0.6 if size == School.Size.SMALL else 0.08),
            phone=f"053-{rng.randint(100000, 999999)}",
            director_name=f"{rng.choice(['นาย', 'นาง', 'นางสาว'])}{rng.choice(FIRST_NAMES)} "
            f"{rng.choice(LAST_NAMES)}",
        )
        school.name_sort = thai_sort_key(name)
        schools.append(school)
    return School.objects.bulk_create(schools)


def _school_names(
    office: Office, subs: list[SubDistrict], rng: random.Random
) -> list[tuple[str, SubDistrict]]:
    """Names like real ones: บ้าน + a sub-district or village name, วัด…, อนุบาล + district."""
    real: list[tuple[str, SubDistrict]] = []
    for sub in subs:
        place = sub.name_th if sub.name_th.startswith("บ้าน") else f"บ้าน{sub.name_th}"
        real.append((place, sub))
        if rng.random() < 0.2:
            real.append((f"ชุมชน{place}", sub))
    real += [(temple, rng.choice(subs)) for temple in TEMPLE_NAMES]
    rng.shuffle(real)
    names: dict[str, SubDistrict] = {}
    if office.code == DEMO_OFFICE_CODE:
        names["บ้านห้วยทราย"] = next((s for s in subs if s.name_th == "ห้วยทราย"), subs[0])
    for district in sorted({s.district for s in subs}, key=lambda d: d.code):
        names[f"อนุบาล{district.name_th}"] = next(s for s in subs if s.district_id == district.pk)
    target = SCHOOLS_PER_OFFICE[office.code]
    for name, sub in real:
        if len(names) < target:
            names.setdefault(name, sub)
    while len(names) < target:  # villages beyond the sub-district seats
        names.setdefault(f"บ้าน{rng.choice(PLACE_HEADS)}{rng.choice(PLACE_TAILS)}", rng.choice(subs))
    return sorted(names.items(), key=lambda pair: thai_sort_key(pair[0]))
