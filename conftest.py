"""Shared fixtures: settings for tests, and the personas every scoping test uses.

The world: office A with school A (the coordinator's) and school B, and another office Z with
school Z. Foreign objects carry names no one else has ("ลับ…"), so a leak is easy to spot.
"""

from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client

from dlict.accounts.models import User
from dlict.accounts.roles import Role
from dlict.accounts.services import membership_grant
from dlict.accounts.tests.factories import UserFactory
from dlict.schools.models import Office, School
from dlict.schools.tests.factories import NetworkGroupFactory, OfficeFactory, SchoolFactory

PASSWORD = "correct-horse-battery"


@pytest.fixture(autouse=True)
def _test_settings(settings: Any, tmp_path: Any) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "private")},
        },
    }
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@dataclass
class World:
    office_a: Office
    office_z: Office
    school_a: School
    school_b: School
    school_z: School
    national: User
    admin_a: User
    staff_a: User
    director_a: User
    supervisor_a: User
    coordinator_a: User
    coordinator_b: User
    teacher_a: User
    staff_z: User

    # Words that only the foreign objects contain: seeing one in a response is a leak.
    FOREIGN_TO_SCHOOL_A = ("ลับบีบี", "ลับแซดแซด", "สพป.ลับแซด")
    FOREIGN_TO_OFFICE_A = ("ลับแซดแซด", "สพป.ลับแซด")

    def grant(self, user: User, role: str, **place: Any) -> None:
        """Give a persona one more role (for apps whose tests may not import accounts)."""
        membership_grant(user=user, role=role, **place)

    def client_for(self, user: User | None) -> Client:
        client = Client()
        if user is not None:
            client.force_login(user)
        return client


def _person(username: str, role: str, **place: Any) -> User:
    user = UserFactory(username=username)
    membership_grant(user=user, role=role, **place)
    return user


@pytest.fixture
def world(db: Any) -> World:
    office_a = OfficeFactory(name_th="สพป.ทดสอบ เขต 1")
    office_z = OfficeFactory(name_th="สพป.ลับแซด เขต 9")
    group_a = NetworkGroupFactory(office=office_a, name="กลุ่มเครือข่ายเอ")
    school_a = SchoolFactory(office=office_a, name_th="บ้านห้วยทราย", network_group=group_a)
    school_b = SchoolFactory(office=office_a, name_th="บ้านลับบีบี", network_group=group_a)
    school_z = SchoolFactory(office=office_z, name_th="บ้านลับแซดแซด")
    return World(
        office_a=office_a,
        office_z=office_z,
        school_a=school_a,
        school_b=school_b,
        school_z=school_z,
        national=_person("national", Role.NATIONAL_ADMIN),
        admin_a=_person("admin_a", Role.OFFICE_ADMIN, office=office_a),
        staff_a=_person("staff_a", Role.OFFICE_STAFF, office=office_a),
        director_a=_person("director_a", Role.DIRECTOR, office=office_a),
        supervisor_a=_person("supervisor_a", Role.SUPERVISOR, office=office_a),
        coordinator_a=_person("coordinator_a", Role.SCHOOL_COORDINATOR, school=school_a),
        coordinator_b=_person("coordinator_b", Role.SCHOOL_COORDINATOR, school=school_b),
        teacher_a=_person("teacher_a", Role.TEACHER, school=school_a),
        staff_z=_person("staff_z", Role.OFFICE_STAFF, office=office_z),
    )
