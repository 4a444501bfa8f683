"""The problem categories shipped with the product, modelled on what schools and supervisors
record (see the reference notes on DLTV forms); an office may add its own."""

from pathlib import Path
from typing import Any

import yaml

PROBLEMS = [
    ("no_signal", "ไม่มีสัญญาณ / สัญญาณขาดหาย", True),
    ("no_power", "ไฟฟ้าดับ", False),
    ("broken_tv", "โทรทัศน์ชำรุด", True),
    ("broken_receiver", "เครื่องรับสัญญาณ (IRD) ชำรุด", True),
    ("internet_down", "อินเทอร์เน็ตใช้งานไม่ได้", True),
    ("teacher_absent", "ครูไม่อยู่ / ติดราชการ", False),
    ("school_activity", "โรงเรียนมีกิจกรรมอื่น", False),
    ("other", "อื่น ๆ (ระบุในหมายเหตุ)", False),
]


def problems_load(get_model: Any) -> None:
    """Write the shipped categories (``get_model`` is ``apps.get_model`` in a migration)."""
    category = get_model("dltv", "ProblemCategory")
    for order, (code, label, equipment) in enumerate(PROBLEMS, start=1):
        category.objects.update_or_create(
            office=None,
            code=code,
            defaults={"label": label, "equipment": equipment, "order": order},
        )


RUBRIC_FILE = Path(__file__).resolve().parent / "data" / "rubric.yaml"


def numbered_sections(sections: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Sections with their items numbered 1.1, 1.2, … 2.1: the numbers are the items' codes,
    fixed within a rubric version."""
    return [
        {
            "title": section["title"],
            "items": [
                {"code": f"{n}.{m}", "text": text}
                for m, text in enumerate(section["items"], start=1)
            ],
        }
        for n, section in enumerate(sections, start=1)
    ]


def rubric_load(get_model: Any) -> None:
    """Write the shipped rubric, version 1 (``get_model`` is ``apps.get_model`` in a migration).
    A version never changes once written: a changed rubric ships as version 2, by a migration."""
    data = yaml.safe_load(RUBRIC_FILE.read_text(encoding="utf-8"))
    get_model("dltv", "Rubric").objects.get_or_create(
        office=None,
        version=1,
        defaults={
            "name": data["name"],
            "scale": data["scale"],
            "bands": data["bands"],
            "sections": numbered_sections(data["sections"]),
        },
    )
