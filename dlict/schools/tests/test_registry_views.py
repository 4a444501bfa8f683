"""The registry as office staff, directors and school coordinators use it."""

from typing import Any

import pytest
from django.urls import reverse

from dlict.core.models import AuditEntry
from dlict.core.testing import queries_to_open
from dlict.core.testing.walker import response_text
from dlict.schools.models import School
from dlict.schools.tests.factories import SchoolFactory


def _names(response: Any) -> str:
    return response.content.decode()


def test_thai_substring_search_finds_a_word_inside_a_name(world: Any) -> None:
    staff = world.client_for(world.staff_a)
    page = _names(staff.get(reverse("schools:list"), {"q": "ห้วย"}))
    assert "บ้านห้วยทราย" in page
    assert "บ้านลับบีบี" not in page


def test_search_by_code_prefix(world: Any) -> None:
    staff = world.client_for(world.staff_a)
    page = _names(staff.get(reverse("schools:list"), {"q": world.school_b.smis_code[:6]}))
    assert "บ้านลับบีบี" in page


def test_filters_narrow_the_list(world: Any) -> None:
    world.school_b.dltv = True
    world.school_b.size = School.Size.SMALL
    world.school_b.save()
    staff = world.client_for(world.staff_a)
    page = _names(staff.get(reverse("schools:list"), {"dltv": "yes", "size": "small"}))
    assert "บ้านลับบีบี" in page
    assert "บ้านห้วยทราย" not in page
    page = _names(
        staff.get(reverse("schools:list"), {"network_group": world.school_a.network_group_id})
    )
    assert "บ้านห้วยทราย" in page


def test_an_htmx_request_gets_only_the_results(world: Any) -> None:
    staff = world.client_for(world.staff_a)
    response = staff.get(
        reverse("schools:list"),
        {"q": "ห้วย"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="school-results",
    )
    assert "<html" not in _names(response)
    assert "บ้านห้วยทราย" in _names(response)


def test_the_list_sorts_thai_names_in_dictionary_order(world: Any) -> None:
    for name in ["ไร่ดง", "บ้านแม่", "โคกสูง", "เกาะกลาง"]:
        SchoolFactory(office=world.office_a, name_th=name)
    page = _names(world.client_for(world.staff_a).get(reverse("schools:list")))
    positions = [page.index(name) for name in ["เกาะกลาง", "โคกสูง", "บ้านแม่", "ไร่ดง"]]
    assert positions == sorted(positions)


def test_the_list_makes_the_same_number_of_queries_for_5_or_60_schools(world: Any) -> None:
    national = world.client_for(world.national)

    small = queries_to_open(national, reverse("schools:list"), {"dltv": "no"})
    for _ in range(55):
        SchoolFactory(office=world.office_z)
    assert queries_to_open(national, reverse("schools:list"), {"dltv": "no"}) == small


def test_a_national_admin_sees_every_office(world: Any) -> None:
    page = _names(world.client_for(world.national).get(reverse("schools:list")))
    assert "บ้านลับแซดแซด" in page
    assert "บ้านห้วยทราย" in page


def test_a_coordinator_sees_only_their_school(world: Any) -> None:
    page = _names(world.client_for(world.coordinator_a).get(reverse("schools:list")))
    assert "บ้านห้วยทราย" in page
    assert "บ้านลับบีบี" not in page
    assert (
        world.client_for(world.coordinator_a)
        .get(reverse("schools:detail", args=[world.school_b.pk]))
        .status_code
        == 404
    )


def test_office_staff_edit_a_school_and_the_trail_records_it(world: Any) -> None:
    staff = world.client_for(world.staff_a)
    url = reverse("schools:edit", args=[world.school_a.pk])
    form = staff.get(url).context["form"]
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update(
        name_th="บ้านห้วยทรายงาม",
        group_name="กลุ่มเครือข่ายใหม่",
        latitude="18.912345",
        longitude="98.912345",
        province=world.school_a.province_id,
        district=world.school_a.district_id,
        sub_district=world.school_a.sub_district_id,
    )
    data.pop("dltv", None)
    response = staff.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    world.school_a.refresh_from_db()
    assert world.school_a.name_th == "บ้านห้วยทรายงาม"
    assert world.school_a.network_group.name == "กลุ่มเครือข่ายใหม่"
    entry = AuditEntry.objects.get_for_object(world.school_a).latest("timestamp")
    assert entry.actor == world.staff_a
    assert entry.office_id == world.office_a.pk
    history = _names(
        world.client_for(world.admin_a).get(reverse("schools:detail", args=[world.school_a.pk]))
    )
    assert "บ้านห้วยทรายงาม" in history
    assert "ประวัติการแก้ไข" in history


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("ministry_code", "12345", "รหัสกระทรวงต้องเป็นตัวเลข 10 หลัก"),
        ("smis_code", "5001000X", "รหัส SMIS ต้องเป็นตัวเลข 8 หลัก"),
        ("obec_code", "1234567", "6"),
        ("latitude", "45.0", "21"),
    ],
)
def test_bad_values_in_the_form_get_thai_messages(
    world: Any, field: str, value: str, message: str
) -> None:
    staff = world.client_for(world.staff_a)
    url = reverse("schools:edit", args=[world.school_a.pk])
    data = {"name_th": "บ้านห้วยทราย", "ministry_code": world.school_a.ministry_code,
            "smis_code": world.school_a.smis_code, "obec_code": world.school_a.obec_code,
            "latitude": "", "longitude": "", field: value}  # fmt: skip
    response = staff.post(url, data)
    assert response.status_code == 200
    assert any(
        message in error
        for error in response.context["form"].errors.get(field, [])
        + response.context["form"].errors.get("longitude", [])
    )
    world.school_a.refresh_from_db()
    assert world.school_a.name_th == "บ้านห้วยทราย"


def test_a_code_already_used_by_another_school_is_refused(world: Any) -> None:
    staff = world.client_for(world.staff_a)
    url = reverse("schools:edit", args=[world.school_a.pk])
    data = {
        "name_th": "บ้านห้วยทราย",
        "ministry_code": world.school_z.ministry_code,
        "smis_code": world.school_a.smis_code,
        "obec_code": world.school_a.obec_code,
    }
    response = staff.post(url, data)
    assert response.status_code == 200
    assert response.context["form"].errors["ministry_code"]


@pytest.mark.parametrize("persona", ["coordinator_a", "teacher_a", "director_a", "supervisor_a"])
def test_people_who_only_read_cannot_edit(world: Any, persona: str) -> None:
    client = world.client_for(getattr(world, persona))
    assert client.get(reverse("schools:edit", args=[world.school_a.pk])).status_code == 404
    assert (
        client.post(reverse("schools:edit", args=[world.school_a.pk]), {"name_th": "x"}).status_code
        == 404
    )
    assert client.get(reverse("schools:add")).status_code == 403


def test_office_staff_add_a_school(world: Any) -> None:
    staff = world.client_for(world.staff_a)
    response = staff.post(reverse("schools:add"), {
        "name_th": "บ้านใหม่", "ministry_code": "1050079999", "smis_code": "50079999",
        "obec_code": "507999", "province": world.school_a.province_id,
    })  # fmt: skip
    assert response.status_code == 302
    assert School.objects.get(ministry_code="1050079999").office == world.office_a


def test_district_options_follow_the_province(world: Any) -> None:
    staff = world.client_for(world.staff_a)
    options = _names(
        staff.get(reverse("schools:district-options"), {"province": world.school_a.province_id})
    )
    assert "แม่ริม" in options
    assert "hx-swap-oob" in options
    subs = _names(
        staff.get(reverse("schools:sub-district-options"), {"district": world.school_a.district_id})
    )
    assert "ริมใต้" in subs


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_the_filtered_list_exports(world: Any, fmt: str) -> None:
    response = world.client_for(world.staff_a).get(
        reverse("schools:export", args=[fmt]), {"q": "ห้วย"}
    )
    assert response.status_code == 200
    text = response_text(response)
    assert "บ้านห้วยทราย" in text
    assert "บ้านลับบีบี" not in text
    assert "รหัสกระทรวง" in text


def test_exported_text_never_becomes_a_formula(world: Any) -> None:
    world.school_a.director_name = '=HYPERLINK("http://evil")'
    world.school_a.save()
    response = world.client_for(world.staff_a).get(reverse("schools:export", args=["csv"]))
    assert "'=HYPERLINK" in response_text(response)


def test_the_dashboard_shows_the_office_figures(world: Any) -> None:
    page = _names(world.client_for(world.staff_a).get(reverse("core:dashboard")))
    assert "สพป.ทดสอบ เขต 1" in page
    assert "โรงเรียน DLTV" in page


def test_the_dashboard_of_a_coordinator_shows_their_school(world: Any) -> None:
    page = _names(world.client_for(world.coordinator_a).get(reverse("core:dashboard")))
    assert "โรงเรียนบ้านห้วยทราย" in page


def test_a_name_typed_with_its_prefix_is_stored_without_it(world: Any) -> None:
    staff = world.client_for(world.staff_a)
    response = staff.post(
        reverse("schools:add"),
        {"name_th": "โรงเรียน  บ้านใหม่", "ministry_code": "1050079998", "smis_code": "50079998",
         "obec_code": "507998"},
    )  # fmt: skip
    assert response.status_code == 302
    assert School.objects.get(ministry_code="1050079998").name_th == "บ้านใหม่"


def test_a_national_admin_chooses_the_office_of_a_new_school(world: Any) -> None:
    national = world.client_for(world.national)
    chooser = national.get(reverse("schools:add")).content.decode()
    assert "สพป.ลับแซด เขต 9" in chooser
    assert 'name="office"' in chooser
    url = f"{reverse('schools:add')}?office={world.office_z.pk}"
    response = national.post(url, {"name_th": "บ้านใหม่", "ministry_code": "1050079997",
                                   "smis_code": "50079997", "obec_code": "507997"})  # fmt: skip
    assert response.status_code == 302
    assert School.objects.get(ministry_code="1050079997").office == world.office_z


def test_office_staff_cannot_add_to_another_office_by_changing_the_address(world: Any) -> None:
    staff = world.client_for(world.staff_a)
    url = f"{reverse('schools:add')}?office={world.office_z.pk}"
    staff.post(url, {"name_th": "บ้านใหม่", "ministry_code": "1050079996",
                     "smis_code": "50079996", "obec_code": "507996"})  # fmt: skip
    assert School.objects.get(ministry_code="1050079996").office == world.office_a


def test_a_role_in_one_school_of_another_office_shows_none_of_its_groups(world: Any) -> None:
    world.office_z.network_groups.create(name="กลุ่มลับแซดแซด")
    world.grant(world.staff_a, "teacher", school=world.school_z)
    page = _names(
        world.client_for(world.staff_a).get(reverse("schools:list"), {"office": world.office_a.pk})
    )
    assert "กลุ่มลับแซดแซด" not in page


def test_the_school_page_calls_its_head_the_schools_director(world: Any) -> None:
    world.school_a.director_name = "นายสมชาย ใจดี"
    world.school_a.save()
    detail = reverse("schools:detail", args=[world.school_a.pk])
    page = _names(world.client_for(world.staff_a).get(detail))
    profile = _names(world.client_for(world.director_a).get(reverse("accounts:profile")))

    assert "<dt>ผู้อำนวยการโรงเรียน</dt><dd>นายสมชาย ใจดี</dd>" in page
    assert "ผู้อำนวยการเขต" not in page
    assert "ผู้อำนวยการเขต" in profile  # the office's director, as a role


def test_the_offices_document_digits_are_thai_numerals_unless_changed_in_the_admin(
    world: Any,
) -> None:
    from dlict.core.thai import Digits

    office = world.office_a
    assert office.document_digits == Digits.THAI
    client = world.client_for(world.national)

    page = client.get(f"/admin/schools/office/{office.pk}/change/")

    assert page.status_code == 200
    assert 'name="document_digits"' in page.content.decode()
