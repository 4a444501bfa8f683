from typing import Any

import pytest
from django.core.exceptions import ValidationError

from dlict.accounts.roles import Role
from dlict.accounts.services import membership_grant
from dlict.accounts.tests.factories import UserFactory
from dlict.core.scoping import can, scope_of
from dlict.schools.models import Office, School


def test_a_role_must_match_its_place(world: Any) -> None:
    user = UserFactory()
    with pytest.raises(ValidationError):
        membership_grant(user=user, role=Role.SCHOOL_COORDINATOR, office=world.office_a)
    with pytest.raises(ValidationError):
        membership_grant(user=user, role=Role.OFFICE_STAFF, school=world.school_a)
    with pytest.raises(ValidationError):
        membership_grant(user=user, role=Role.NATIONAL_ADMIN, office=world.office_a)


def test_a_national_administrator_becomes_a_superuser(world: Any) -> None:
    assert world.national.is_superuser
    assert world.national.is_staff
    assert scope_of(world.national).national


def test_what_each_role_may_do(world: Any) -> None:
    office = world.office_a.pk
    assert can(world.staff_a, "schools.change", office_id=office)
    assert can(world.admin_a, "audit.view", office_id=office)
    assert not can(world.staff_a, "audit.view", office_id=office)
    assert not can(world.director_a, "schools.change", office_id=office)
    assert can(world.director_a, "schools.view", office_id=office)
    assert not can(world.staff_a, "schools.change", office_id=world.office_z.pk)
    assert can(world.coordinator_a, "schools.view", school=world.school_a)
    assert not can(world.coordinator_a, "schools.view", office_id=office)  # one school only
    assert not can(world.coordinator_a, "schools.view", school=world.school_b)
    assert not can(world.coordinator_a, "schools.change", office_id=office)


def test_visible_to_follows_the_scope(world: Any) -> None:
    assert set(School.objects.visible_to(world.coordinator_a)) == {world.school_a}
    assert set(School.objects.visible_to(world.staff_a)) == {world.school_a, world.school_b}
    assert School.objects.visible_to(world.national).count() == 3
    assert set(Office.objects.visible_to(world.coordinator_a)) == {world.office_a}
    assert set(Office.objects.visible_to(world.staff_z)) == {world.office_z}


def test_an_inactive_or_anonymous_user_sees_nothing(world: Any) -> None:
    from django.contrib.auth.models import AnonymousUser

    assert not School.objects.visible_to(AnonymousUser()).exists()
    world.staff_a.is_active = False
    world.staff_a.save()
    world.staff_a.refresh_from_db()
    assert not School.objects.visible_to(world.staff_a).exists()


def test_display_name_joins_the_thai_title(world: Any) -> None:
    user = UserFactory(title="miss", first_name="กาญจนา", last_name="ศรีสุข")
    assert user.display_name == "นางสาวกาญจนา ศรีสุข"
    user.title, user.title_other = "other", "ดร."
    assert user.display_name == "ดร.กาญจนา ศรีสุข"
