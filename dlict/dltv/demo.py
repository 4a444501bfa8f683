"""The demo office's DLTV classrooms: every DLTV school teaches อ.2–ป.6 with DLTV, five periods a
day, and the demo coordinator's school (บ้านห้วยทราย) is one of them."""

from __future__ import annotations

from django.db import transaction

from dlict.dltv.models import DltvClassroom
from dlict.schools.models import Office, School

DEMO_GRADES = ("k2", "k3", "p1", "p2", "p3", "p4", "p5", "p6")


def demo_classrooms_exist(office: Office) -> bool:
    return DltvClassroom.objects.filter(school__office=office).exists()


@transaction.atomic
def load_demo_classrooms(office: Office) -> None:
    School.objects.filter(office=office, name_th="บ้านห้วยทราย").update(dltv=True)
    DltvClassroom.objects.bulk_create(
        DltvClassroom(school=school, grade=grade, periods_per_day=5)
        for school in School.objects.filter(office=office, dltv=True)
        for grade in DEMO_GRADES
    )
