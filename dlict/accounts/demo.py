"""The demo's people: one login per role, in the demo office and two of its schools.

Loaded by ``manage.py load_demo`` after the demo offices and schools (see ``dlict.core.demo``),
never by a migration; the command refuses to run in production.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from dlict.accounts.models import User
from dlict.accounts.roles import Role
from dlict.accounts.services import membership_grant, user_create
from dlict.schools.demo import demo_office
from dlict.schools.models import Office, School

DEMO_PASSWORD = "dlict-demo"  # noqa: S105 - the documented password of throwaway demo accounts
COORDINATOR_SCHOOL = "บ้านห้วยทราย"


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: str
    place: str | None  # "office" (เขต 1), "school" (บ้านห้วยทราย), "school2" (another school)
    title: str
    first_name: str
    last_name: str
    description: str


DEMO_ACCOUNTS = [
    DemoAccount("national", Role.NATIONAL_ADMIN, None, "นาย", "ผู้ดูแล", "ระดับประเทศ",
                "national administrator (every office)"),
    DemoAccount("admin", Role.OFFICE_ADMIN, "office", "นาย", "ภาณุวัฒน์", "รักษ์ระบบ",
                "office administrator, สพป.ตัวอย่าง เขต 1"),
    DemoAccount("staff", Role.OFFICE_STAFF, "office", "นางสาว", "กาญจนา", "ศรีสุข", "office staff"),
    DemoAccount("director", Role.DIRECTOR, "office", "นาย", "ประเสริฐ", "ปัญญาวงศ์", "director"),
    DemoAccount("supervisor", Role.SUPERVISOR, "office", "นาง", "อรุณี", "อินทร์แก้ว",
                "supervisor"),
    DemoAccount("coordinator", Role.SCHOOL_COORDINATOR, "school", "นาย", "ธนากร", "คำปัน",
                "school coordinator, โรงเรียนบ้านห้วยทราย"),
    DemoAccount("coordinator2", Role.SCHOOL_COORDINATOR, "school2", "นาง", "ศิริพร", "ชัยวงศ์",
                "school coordinator of another school of the same office"),
    DemoAccount("teacher", Role.TEACHER, "school", "นางสาว", "พิมพ์ชนก", "บุญมา",
                "teacher, โรงเรียนบ้านห้วยทราย"),
]  # fmt: skip


def demo_accounts_exist() -> bool:
    return User.objects.filter(username__in=[a.username for a in DEMO_ACCOUNTS]).exists()


def _places() -> dict[str, Office | School]:
    office = demo_office()
    school = School.objects.get(office=office, name_th=COORDINATOR_SCHOOL)
    # The office's first DLTV school but the coordinator's, in the order the demo created them.
    other = (
        School.objects.filter(office=office, dltv=True)
        .exclude(pk=school.pk)
        .order_by("pk")[:1]
        .get()
    )
    return {"office": office, "school": school, "school2": other}


@transaction.atomic
def load_demo_accounts() -> None:
    """Create the demo logins. Run it once; it refuses to run twice."""
    places = _places()
    titles = {"นาย": User.Title.MR, "นาง": User.Title.MRS, "นางสาว": User.Title.MISS}
    for account in DEMO_ACCOUNTS:
        user = user_create(
            username=account.username,
            password=DEMO_PASSWORD,
            title=titles[account.title],
            first_name=account.first_name,
            last_name=account.last_name,
            email=f"{account.username}@example.org",
        )
        place = places.get(account.place or "")
        membership_grant(
            user=user,
            role=account.role,
            office=place if account.place == "office" else None,
            school=place if account.place in ("school", "school2") else None,
        )


def demo_logins() -> list[str]:
    lines = [f"\nDemo logins at http://127.0.0.1:8000 (password for all: {DEMO_PASSWORD}):"]
    lines += [f"  {account.username:<13} {account.description}" for account in DEMO_ACCOUNTS]
    return lines
