"""Django's own messages that its Thai catalogue lacks read in Thai too (core.django_messages):
a number with too many digits, a text too long for its box, a form sent without its hidden
fields, a form sent after its page expired."""

import re
from decimal import Decimal
from typing import Any

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from dlict.core.testing.language import english_in
from dlict.processes.tests.factories import project_for

ENGLISH = re.compile(r"[A-Za-z]{3,}")


class _RowForm(forms.Form):
    text = forms.CharField(required=False)


def _errors(field: forms.Field, value: Any) -> list[str]:
    with translation.override("th"):
        try:
            field.clean(value)
        except ValidationError as error:
            return list(error.messages)
    raise AssertionError(f"{value!r} was accepted")


@pytest.mark.parametrize(
    ("field", "value", "thai"),
    [
        (forms.DecimalField(max_digits=5, decimal_places=2), "123.456", "ยาวได้ไม่เกิน 5 หลัก"),
        (forms.DecimalField(max_digits=12, decimal_places=2), "1000.555", "ทศนิยมได้ไม่เกิน 2"),
        (forms.DecimalField(max_digits=4, decimal_places=2), "123", "หน้าจุดทศนิยมได้ไม่เกิน 2"),
        (forms.CharField(max_length=5), "ก" * 8, "ยาวได้ไม่เกิน 5 ตัวอักษร (ขณะนี้มี 8)"),
        (forms.CharField(min_length=5), "กข", "อย่างน้อย 5 ตัวอักษร"),
    ],
)
def test_field_errors_django_leaves_in_english_read_in_thai(
    field: forms.Field, value: str, thai: str
) -> None:
    messages = _errors(field, value)
    assert any(thai in message for message in messages), messages
    assert not any(ENGLISH.search(message) for message in messages), messages


def test_formset_errors_read_in_thai() -> None:
    rows = forms.formset_factory(_RowForm, max_num=2, validate_max=True)
    with translation.override("th"):
        too_many = rows({"form-TOTAL_FORMS": "3", "form-INITIAL_FORMS": "0"})
        missing = rows({})
        messages = [*too_many.non_form_errors(), *missing.non_form_errors()]
    assert "ส่งได้ไม่เกิน 2 แถว" in messages
    assert any("ข้อมูลของแบบฟอร์มไม่ครบ" in message for message in messages)
    assert not any(ENGLISH.search(message.split("(ขาด")[0]) for message in messages)


def test_a_plan_budget_with_too_many_decimals_is_refused_in_thai(world: Any) -> None:
    project = project_for(world.office_a, world.staff_a)
    data = {
        "budget": "1000.555",
        **{
            f"{name}-{key}": "0"
            for name in ("objectives", "targets", "timeline")
            for key in ("TOTAL_FORMS", "INITIAL_FORMS")
        },
    }
    page = world.client_for(world.staff_a).post(reverse("processes:plan", args=[project.pk]), data)

    text = page.content.decode()
    assert "ทศนิยมได้ไม่เกิน 2 ตำแหน่ง" in text
    assert english_in(text) == []


def test_a_school_name_too_long_is_refused_in_thai(world: Any) -> None:
    staff = world.client_for(world.staff_a)
    url = reverse("schools:edit", args=[world.school_a.pk])
    form = staff.get(url).context["form"]
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update(name_th="ก" * 250, latitude=Decimal("18.1234567890"), longitude="98.5")
    data.pop("dltv", None)

    text = staff.post(url, data).content.decode()

    assert "ยาวได้ไม่เกิน 200 ตัวอักษร (ขณะนี้มี 250)" in text
    assert "ตัวเลขยาวได้ไม่เกิน 9 หลัก" in text
    assert english_in(text) == []


def test_a_form_sent_after_its_page_expired_is_explained_in_thai(world: Any) -> None:
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(world.staff_a)

    page = client.post(reverse("accounts:tokens"), {"name": "เว็บไซต์โรงเรียน"})

    assert page.status_code == 403
    text = page.content.decode()
    assert "แบบฟอร์มหมดอายุแล้ว" in text
    assert english_in(text) == []
