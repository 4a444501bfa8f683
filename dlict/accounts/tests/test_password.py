"""Changing one's password is Thai from the help to the errors."""

from typing import Any

from django.urls import reverse

from conftest import PASSWORD
from dlict.core.testing.language import english_in


def _change(world: Any, old: str, new: str, again: str | None = None) -> str:
    client = world.client_for(world.teacher_a)
    data = {"old_password": old, "new_password1": new, "new_password2": again or new}
    response = client.post(reverse("accounts:password"), data)
    assert response.status_code == 200
    return response.content.decode()


def test_the_password_page_helps_in_thai(world: Any) -> None:
    page = world.client_for(world.teacher_a).get(reverse("accounts:password")).content.decode()

    assert english_in(page) == []
    assert "อย่างน้อย 10 ตัวอักษร" in page
    assert "รหัสผ่านที่คนทั่วไปใช้กันมาก" in page


def test_each_refusal_says_why_in_thai(world: Any) -> None:
    pages = [
        _change(world, "not-my-password", "ม้าลายกินหญ้าริมน้ำ2569"),
        _change(world, PASSWORD, "ม้าลายกินหญ้าริมน้ำ2569", "ม้าลายกินหญ้าริมน้ำ2568"),
        _change(world, PASSWORD, "สั้นไป"),
        _change(world, PASSWORD, "password123"),
        _change(world, PASSWORD, world.teacher_a.username + "1"),
    ]

    for page in pages:
        assert english_in(page) == [], english_in(page)
    assert "รหัสผ่านปัจจุบันไม่ถูกต้อง" in pages[0]
    assert "รหัสผ่านใหม่ทั้งสองช่องไม่ตรงกัน" in pages[1]
    assert "สั้นเกินไป" in pages[2]
    assert "มีคนใช้กันมาก" in pages[3]
    assert "คล้ายกับชื่อผู้ใช้" in pages[4]
