"""A coordinator's DLTV week on a phone: every grade starts "as planned", one short day with a
broken TV opens a repair request, only the ticked days are saved and saving them again adds
nothing, a wrong figure is refused in Thai, and a holiday is not offered for input."""

import re
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from playwright.sync_api import Locator, Page, expect

from dlict.dltv.models import (
    DltvClassroom,
    OfficeHoliday,
    ProblemCategory,
    RepairRequest,
    UsageRecord,
)

pytestmark = pytest.mark.browser

Login = Callable[[Page, str], None]
PHONE_WIDTH = 360
GRADES = ("p1", "p2", "p3")
# A past school week with no public holiday in Thailand (Monday 16 to Friday 20 November 2026).
MONDAY = date(2026, 11, 16)
WEEK = [MONDAY + timedelta(days=n) for n in range(5)]
SAVE = "บันทึกวันที่เลือก"


@pytest.fixture
def classrooms(world: Any) -> None:
    for grade in GRADES:
        DltvClassroom.objects.create(school=world.school_a, grade=grade, periods_per_day=5)


def page_width(page: Page) -> int:
    return int(page.evaluate("document.documentElement.scrollWidth"))


def open_week(phone: Page, live_server: Any) -> None:
    phone.goto(f"{live_server.url}/dltv/week/?week={MONDAY.isoformat()}")
    expect(phone.get_by_role("heading", level=1)).to_have_text("บันทึกผลการใช้งาน DLTV")


def field(phone: Page, kind: str, day: date, grade: str) -> Locator:
    return phone.locator(f"[name='{kind}-{day.isoformat()}-{grade}']")


def save_only(phone: Page, days: list[date]) -> None:
    """Untick every other day of the week, then save."""
    for day in WEEK:
        if day not in days:
            phone.locator(f"[name='save-{day.isoformat()}']").uncheck()
    phone.get_by_role("button", name=SAVE).tap()


def test_a_coordinator_fills_in_part_of_a_week_on_a_phone(
    phone: Page, live_server: Any, world: Any, classrooms: None, login: Login
) -> None:
    login(phone, "coordinator_a")
    open_week(phone, live_server)
    assert page_width(phone) <= PHONE_WIDTH
    expect(phone.locator("main")).to_contain_text("บ้านห้วยทราย")

    # Every grade of every day starts "as planned", every day ticked for saving.
    for day in WEEK:
        expect(phone.locator(f"[name='save-{day.isoformat()}']")).to_be_checked()
        for grade in GRADES:
            expect(field(phone, "watched", day, grade)).to_have_value("5")
            expect(field(phone, "planned", day, grade)).to_have_value("5")
            expect(field(phone, "problem", day, grade)).to_have_value("")

    # Wednesday: ป.2 watched 3 of 5 periods, the TV broken. A short day opens its problem box.
    wednesday = WEEK[2]
    problem = field(phone, "problem", wednesday, "p2")
    expect(problem).to_be_hidden()
    field(phone, "watched", wednesday, "p2").fill("3")
    expect(problem).to_be_visible()
    problem.select_option(label="โทรทัศน์ชำรุด")
    field(phone, "note", wednesday, "p2").fill("จอไม่ติด")

    # Only Monday to Wednesday are saved: Thursday and Friday are left for later.
    save_only(phone, WEEK[:3])
    messages = phone.locator(".messages")
    expect(messages).to_contain_text("บันทึกแล้ว 9 รายการ ไม่เปลี่ยนแปลง 0 รายการ")
    expect(messages).to_contain_text("เปิดคำขอซ่อม 1 รายการ")
    records = UsageRecord.objects.filter(school=world.school_a)
    assert records.count() == 9
    assert set(records.values_list("day", flat=True)) == set(WEEK[:3])
    broken_tv = ProblemCategory.objects.get(code="broken_tv", office=None)
    short = records.get(day=wednesday, grade="p2")
    assert (short.planned, short.watched, short.problem_id, short.note) == (
        5,
        3,
        broken_tv.pk,
        "จอไม่ติด",
    )
    assert short.recorded_by == world.coordinator_a
    assert set(records.exclude(pk=short.pk).values_list("planned", "watched", "problem")) == {
        (5, 5, None)
    }
    repair = RepairRequest.objects.get()
    assert (repair.school, repair.grade, repair.problem_id) == (world.school_a, "p2", broken_tv.pk)
    assert repair.status == RepairRequest.Status.OPEN

    # The page shows what was saved; saving the same days again adds nothing.
    expect(field(phone, "watched", wednesday, "p2")).to_have_value("3")
    expect(field(phone, "problem", wednesday, "p2")).to_be_visible()
    expect(phone.locator(f"#day-{wednesday.isoformat()} .badge")).to_have_text("บันทึกแล้ว")
    save_only(phone, WEEK[:3])
    expect(messages).to_contain_text("บันทึกแล้ว 0 รายการ ไม่เปลี่ยนแปลง 9 รายการ")
    assert records.count() == 9
    assert RepairRequest.objects.count() == 1

    # More periods watched than planned, typed on Thursday, is refused in Thai: nothing is written.
    thursday = WEEK[3]
    field(phone, "watched", thursday, "p1").fill("7")
    row = phone.locator("[data-usage-row]").filter(has=field(phone, "watched", thursday, "p1"))
    expect(row).to_have_class(re.compile(r"\bis-over\b"))  # marked before the server refuses it
    save_only(phone, [thursday])
    expect(phone.locator(".form-errors")).to_contain_text(
        "คาบที่รับชมต้องอยู่ระหว่าง 0 ถึงจำนวนคาบตามแผน (5)"
    )
    assert records.count() == 9
    assert not records.filter(day=thursday).exists()
    assert page_width(phone) <= PHONE_WIDTH


def test_a_holiday_is_not_offered_for_input(
    phone: Page, live_server: Any, world: Any, classrooms: None, login: Login
) -> None:
    holiday = WEEK[2]
    OfficeHoliday.objects.create(office=world.office_a, day=holiday, name="วันกีฬาสีของเขต")
    login(phone, "coordinator_a")
    open_week(phone, live_server)

    closed = phone.locator(f"#day-{holiday.isoformat()}")
    expect(closed).to_be_visible()
    expect(closed.locator("input, select")).to_have_count(0)
    for day in WEEK:
        if day != holiday:
            expect(phone.locator(f"[name='save-{day.isoformat()}']")).to_be_checked()
    assert page_width(phone) <= PHONE_WIDTH

    # Saving the whole week as planned records the four school days only.
    phone.get_by_role("button", name=SAVE).tap()
    expect(phone.locator(".messages")).to_contain_text("บันทึกแล้ว 12 รายการ")
    days = set(UsageRecord.objects.filter(school=world.school_a).values_list("day", flat=True))
    assert days == set(WEEK) - {holiday}
