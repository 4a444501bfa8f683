from datetime import date, timedelta

import pytest
from django import forms
from django.template import Context, Template
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from dlict.core import thai
from dlict.core.forms import ThaiDateField

dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2400, 12, 31))


def test_short_and_long_dates_are_in_the_buddhist_era() -> None:
    day = date(2026, 11, 24)
    assert thai.format_date_short(day) == "24 พ.ย. 2569"
    assert thai.format_date_long(day) == "24 พฤศจิกายน พ.ศ. 2569"
    assert thai.format_date_short(day, language="en") == "24 Nov 2569"


def test_thai_numerals_both_ways() -> None:
    assert thai.thai_digits("123/2569") == "๑๒๓/๒๕๖๙"
    assert thai.arabic_digits("๒๔/๑๑/๒๕๖๙") == "24/11/2569"


@pytest.mark.parametrize(
    "text",
    [
        "2569-11-24",
        "24/11/2569",
        "24-11-2569",
        "24.11.2569",
        "๒๔/๑๑/๒๕๖๙",
        "24 พ.ย. 2569",
        "24 พฤศจิกายน พ.ศ. 2569",
        "24 November 2569",
        "  24/11/2569 ",
        "2026-11-24",
        "24/11/2026",
    ],
)
def test_parse_date_reads_what_people_type(text: str) -> None:
    assert thai.parse_date(text) == date(2026, 11, 24)


@pytest.mark.parametrize(
    "text", ["", "31/02/2569", "24/13/2569", "yesterday", "24/11/69", "1/1/1700"]
)
def test_parse_date_refuses_what_is_not_a_date(text: str) -> None:
    with pytest.raises(ValueError, match=r"date|year|range|month"):
        thai.parse_date(text)


@given(dates)
def test_every_date_survives_the_round_trip_through_be_text(day: date) -> None:
    assert thai.parse_date(thai.format_date_numeric(day)) == day
    assert thai.parse_date(thai.thai_digits(thai.format_date_numeric(day))) == day
    assert thai.parse_date(thai.format_date_long(day)) == day
    assert thai.parse_date(thai.format_date_short(day)) == day


def test_fiscal_year_boundaries() -> None:
    assert thai.fiscal_year(date(2025, 9, 30)) == 2568
    assert thai.fiscal_year(date(2025, 10, 1)) == 2569
    assert thai.fiscal_year(date(2026, 9, 30)) == 2569
    assert thai.fiscal_year(date(2026, 10, 1)) == 2570
    assert thai.fiscal_year_range(2569) == (date(2025, 10, 1), date(2026, 9, 30))


@given(dates)
def test_a_date_lies_inside_the_range_of_its_fiscal_year(day: date) -> None:
    start, end = thai.fiscal_year_range(thai.fiscal_year(day))
    assert start <= day <= end
    assert thai.fiscal_year(start - timedelta(days=1)) == thai.fiscal_year(day) - 1
    assert thai.fiscal_year(end + timedelta(days=1)) == thai.fiscal_year(day) + 1


@given(dates)
def test_a_date_lies_inside_the_range_of_its_academic_year(day: date) -> None:
    start, end = thai.academic_year_range(thai.academic_year(day))
    assert start <= day <= end


def test_academic_year_and_terms() -> None:
    assert thai.academic_year(date(2026, 5, 15)) == 2568
    assert thai.academic_year(date(2026, 5, 16)) == 2569
    assert thai.academic_year(date(2027, 3, 31)) == 2569
    assert thai.academic_term(date(2026, 6, 1)) == 1
    assert thai.academic_term(date(2026, 10, 31)) == 1
    assert thai.academic_term(date(2026, 11, 1)) == 2
    assert thai.academic_term(date(2027, 2, 1)) == 2


def test_thai_words_sort_in_dictionary_order() -> None:
    words = ["ไร่", "บ้าน", "เกาะ", "ข้าว", "แม่", "กา", "โคก", "ขอ"]
    assert sorted(words, key=thai.thai_sort_key) == [
        "กา", "เกาะ", "ขอ", "ข้าว", "โคก", "บ้าน", "แม่", "ไร่",
    ]  # fmt: skip


def test_template_filters_write_be_dates_and_thai_numerals() -> None:
    template = Template(
        "{{ d|thai_date }}|{{ d|thai_date_long }}|{{ n|thai_digits }}|{{ d|fiscal_year }}"
    )
    with translation.override("th"):
        rendered = template.render(Context({"d": date(2026, 11, 24), "n": 2569}))
    assert rendered == "24 พ.ย. 2569|24 พฤศจิกายน พ.ศ. 2569|๒๕๖๙|2570"


def test_template_filters_leave_empty_values_empty() -> None:
    assert Template("[{{ d|thai_date }}{{ d|thai_datetime }}]").render(Context({"d": None})) == "[]"


class _DateForm(forms.Form):
    day = ThaiDateField()


@pytest.mark.parametrize("text", ["2569-11-24", "24/11/2569", "๒๔/๑๑/๒๕๖๙"])
def test_date_field_accepts_be_input(text: str) -> None:
    form = _DateForm({"day": text})
    assert form.is_valid()
    assert form.cleaned_data["day"] == date(2026, 11, 24)


def test_date_field_explains_a_bad_date_in_thai() -> None:
    with translation.override("th"):
        form = _DateForm({"day": "31/02/2569"})
        assert not form.is_valid()
        assert "2569" in form.errors["day"][0]


def test_date_field_shows_a_stored_date_in_be() -> None:
    form = _DateForm(initial={"day": date(2026, 11, 24)})
    assert 'value="24/11/2569"' in str(form["day"])
