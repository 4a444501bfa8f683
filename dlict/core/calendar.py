"""The Thai school calendar. School days: Monday to Friday, less Thailand's public holidays (the
``holidays`` package) and the days the office closes its schools."""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache

import holidays


@cache
def _thai_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("TH", years=year))


def public_holiday(day: date) -> bool:
    return day in _thai_holidays(day.year)


def next_month(month: date) -> date:
    """The first day of the month after ``month``'s."""
    return (month.replace(day=28) + timedelta(days=4)).replace(day=1)


def week_of(day: date) -> list[date]:
    """Monday to Friday of ``day``'s week."""
    monday = day - timedelta(days=day.weekday())
    return [monday + timedelta(days=offset) for offset in range(5)]


def is_school_day(day: date, office_holidays: set[date]) -> bool:
    return day.weekday() < 5 and not public_holiday(day) and day not in office_holidays


def school_days(days: list[date], office_holidays: set[date]) -> list[date]:
    return [day for day in days if is_school_day(day, office_holidays)]
