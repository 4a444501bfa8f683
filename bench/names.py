"""School names drawn the way Thai schools are really named, for the synthetic registry.

Primary schools are mostly named after their village (บ้าน + the sub-district's seat or a village),
some after a temple (วัด…) or a community (ชุมชนบ้าน…), and each district has one อนุบาล school.
Secondary schools take a place name and a suffix (…วิทยาคม, …พิทยาคม). Search benchmarks depend on
this mix: "ห้วย" or "หนอง" must match hundreds of schools, as they do in the real registry.
"""

from __future__ import annotations

import random

from dlict.schools.models import SubDistrict

# Villages: a landscape word and a second part, as in บ้านห้วยทราย, บ้านหนองบัว, บ้านโคกสะอาด.
VILLAGE_HEADS = ["ห้วย", "หนอง", "ดอน", "ป่า", "แม่", "ทุ่ง", "นา", "บ่อ", "ท่า", "โป่ง", "โคก",
                 "บึง", "สระ", "คลอง", "หัวนา", "น้ำ", "บาง", "เขา", "วัง", "โนน", "ห้วยน้ำ",
                 "หนองหญ้า", "ดง", "ซับ"]  # fmt: skip
VILLAGE_TAILS = ["ทราย", "แก้ว", "ยาง", "ตอง", "หลวง", "ใหม่", "เหนือ", "ใต้", "บัว", "ขาม", "แดง",
                 "ดู่", "กุง", "ไผ่", "ม่วง", "สะแก", "จาน", "เต็ง", "ปลาไหล", "โพธิ์", "ตะเคียน",
                 "ไทร", "กระทุ่ม", "ชัย", "คำ", "ทอง", "เตย", "ยาว", "สูง", "สะอาด", "เค็ม",
                 "กอก", "หิน", "ขี้เหล็ก"]  # fmt: skip
VILLAGE_SUFFIXES = ["น้อย", "พัฒนา", "สามัคคี", "ศึกษา", "ราษฎร์บำรุง", "มิตรภาพ", "ประชาสรรค์"]
TEMPLE_HEADS = ["ศรี", "ป่า", "โพธิ์", "ไทร", "สระ", "บึง", "ทุ่ง", "หนอง", "ดอน", "บ้าน"]
SECONDARY_SUFFIXES = ["วิทยาคม", "พิทยาคม", "วิทยา", "ศึกษา", "พิทยาสรรค์", "วิทยาลัย", "ราษฎร์บำรุง"]
FIRST_NAMES = ["สมชาย", "สมศรี", "วิไลวรรณ", "ประเสริฐ", "อรุณี", "ธนากร", "กาญจนา", "สุริยา",
               "พิมพ์ชนก", "ณัฐพล", "ศิริพร", "อนุชา", "บุญเรือน", "ทองใบ", "สุดารัตน์"]  # fmt: skip
LAST_NAMES = ["ใจดี", "ศรีสุข", "คำปัน", "อินทร์แก้ว", "ปัญญาวงศ์", "สุวรรณรัตน์", "ทองคำ", "บุญมา",
              "ชัยวงศ์", "แสงทอง", "พรหมมา", "ศรีวงศ์"]  # fmt: skip


def village(rng: random.Random) -> str:
    name = f"บ้าน{rng.choice(VILLAGE_HEADS)}{rng.choice(VILLAGE_TAILS)}"
    return name + rng.choice(VILLAGE_SUFFIXES) if rng.random() < 0.25 else name


def seat(sub: SubDistrict) -> str:
    """The school of a sub-district's seat village: บ้าน + its name (once only)."""
    return sub.name_th if sub.name_th.startswith("บ้าน") else f"บ้าน{sub.name_th}"


def primary_school(rng: random.Random, sub: SubDistrict) -> str:
    draw = rng.random()
    if draw < 0.30:
        return seat(sub)
    if draw < 0.36:
        return f"ชุมชน{seat(sub)}"
    if draw < 0.44:
        return f"วัด{sub.name_th}"
    if draw < 0.52:
        return f"วัด{rng.choice(TEMPLE_HEADS)}{rng.choice(VILLAGE_TAILS)}"
    return village(rng)


def secondary_school(rng: random.Random, sub: SubDistrict) -> str:
    place = sub.district.name_th if rng.random() < 0.3 else sub.name_th
    return f"{place}{rng.choice(SECONDARY_SUFFIXES)}"


def director(rng: random.Random) -> str:
    title = rng.choice(["นาย", "นาง", "นางสาว"])
    return f"{title}{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
