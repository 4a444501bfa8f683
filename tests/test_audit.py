from typing import Any

from django.urls import reverse

from dlict.core.models import AuditEntry
from dlict.core.testing import queries_to_open
from dlict.schools.services import school_update


def test_changes_through_services_are_audited_with_their_office(world: Any) -> None:
    school_update(user=world.staff_a, school=world.school_a, values={"phone": "053-111111"})
    entry = AuditEntry.objects.for_object(world.school_a).latest("timestamp")
    assert entry.action == AuditEntry.Action.UPDATE
    assert entry.changes["phone"] == ["", "053-111111"]
    assert entry.office_id == world.office_a.pk


def test_deletions_are_audited(world: Any) -> None:
    pk = world.school_b.pk
    world.school_b.delete()
    assert AuditEntry.objects.filter(object_pk=str(pk), action=AuditEntry.Action.DELETE).exists()


def test_office_admins_read_their_office_trail_only(world: Any) -> None:
    school_update(user=world.staff_a, school=world.school_a, values={"phone": "053-222222"})
    school_update(user=world.staff_z, school=world.school_z, values={"phone": "053-333333"})
    page = world.client_for(world.admin_a).get(reverse("core:audit")).content.decode()
    assert "053-222222" in page
    assert "053-333333" not in page
    assert "ลับแซด" not in page


def test_the_trail_filters_by_record_and_action(world: Any) -> None:
    school_update(user=world.staff_a, school=world.school_a, values={"phone": "053-222222"})
    client = world.client_for(world.admin_a)
    page = client.get(reverse("core:audit"), {"action": "2"}).content.decode()
    assert "053-222222" not in page
    page = client.get(
        reverse("core:audit"), {"q": "ห้วยทราย", "since": "01/01/2500"}
    ).content.decode()
    assert "053-222222" in page


def test_staff_and_schools_cannot_read_the_trail(world: Any) -> None:
    for person in (world.staff_a, world.director_a, world.coordinator_a):
        assert world.client_for(person).get(reverse("core:audit")).status_code == 403


def test_the_trail_page_makes_the_same_number_of_queries_for_3_or_30_changes(world: Any) -> None:
    client = world.client_for(world.admin_a)

    for n in range(3):
        school_update(user=world.staff_a, school=world.school_a, values={"phone": f"053-00000{n}"})
    few = queries_to_open(client, reverse("core:audit"))
    for n in range(27):
        school_update(
            user=world.staff_a, school=world.school_b, values={"phone": f"053-1000{n:02d}"}
        )
    assert queries_to_open(client, reverse("core:audit")) == few


def test_the_record_filter_offers_only_kinds_in_the_admins_trail(world: Any) -> None:
    from dlict.accounts.services import api_token_create

    api_token_create(user=world.staff_z, name="x")
    school_update(user=world.staff_a, school=world.school_a, values={"phone": "053-222222"})
    page = world.client_for(world.admin_a).get(reverse("core:audit")).content.decode()
    assert "โทเคน API" not in page.split('name="model"')[1].split("</select>")[0]


def test_every_audited_record_names_a_path_to_its_office() -> None:
    from auditlog.registry import auditlog

    from dlict.core.models import OfficeAudited

    # People and their API tokens belong to no one office; a membership finds its school's office
    # with a query of its own (the school may be gone when its memberships are deleted).
    no_path = {"User", "ApiToken", "Membership"}
    for model in auditlog.get_models():
        if model.__name__ in no_path:
            continue
        assert issubclass(model, OfficeAudited), model
        *relations, last = model.audit_office.split(".")
        for name in relations:
            model = model._meta.get_field(name).related_model
        assert last == "pk" or model._meta.get_field(last.removesuffix("_id")).related_model, (
            model,
            last,
        )


def test_a_record_that_reaches_its_office_through_another_is_filed_under_it(world: Any) -> None:
    from dlict.processes.services import fiscal_year_start

    project = fiscal_year_start(user=world.staff_a, office=world.office_a, fiscal_year=2569)[0]
    progress = project.progress.select_related("project").first()
    assert progress is not None
    assert progress.get_additional_data() == {"office_id": world.office_a.pk}
