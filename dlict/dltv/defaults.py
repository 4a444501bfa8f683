"""The problem categories shipped with the product, modelled on what schools and supervisors
record (see the reference notes on DLTV forms); an office may add its own."""

from typing import Any

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
