from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from dlict.accounts.demo import DEMO_PASSWORD
from dlict.accounts.models import User
from dlict.schools.models import School


@pytest.mark.django_db
def test_the_demo_office_has_realistic_schools_and_the_documented_logins() -> None:
    out = StringIO()
    call_command("load_demo", stdout=out)
    office_schools = School.objects.filter(office__name_th="สพป.ตัวอย่าง เขต 1")
    assert 100 <= office_schools.count() <= 150
    assert office_schools.filter(name_th="บ้านห้วยทราย").exists()
    assert not office_schools.filter(sub_district__isnull=True).exists()
    for username in ("national", "admin", "staff", "director", "supervisor", "coordinator",
                     "coordinator2", "teacher"):  # fmt: skip
        assert User.objects.get(username=username).check_password(DEMO_PASSWORD)
        assert username in out.getvalue()
    call_command("load_demo", "--quiet-if-loaded", stdout=StringIO())  # a second run is harmless
    assert User.objects.filter(username="staff").count() == 1


@pytest.mark.django_db
def test_the_demo_is_refused_in_production(settings: Any) -> None:
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="production"):
        call_command("load_demo", stdout=StringIO())
    assert not User.objects.exists()


@pytest.mark.django_db
def test_migrations_create_no_accounts() -> None:
    assert not User.objects.exists()
