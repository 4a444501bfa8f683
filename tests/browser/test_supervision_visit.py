"""A supervisor's visit on a phone without a connection: the planned visit's form, opened once
online, opens again offline; it is filled in (scores, evidence, a photo, findings), kept on the
phone, and sent exactly once when the connection returns."""

import io
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone
from PIL import Image
from playwright.sync_api import Page, expect

from dlict.dltv.models import DltvClassroom
from dlict.supervision import services
from dlict.supervision.models import Finding, Visit, VisitPhoto

pytestmark = pytest.mark.browser

# How many visits the phone keeps (IndexedDB), and a copy of one under another name.
KEPT_COUNT = """() => new Promise(resolve => {
    const open = indexedDB.open("dlict-visits", 1);
    open.onsuccess = () => {
        const all = open.result.transaction("visits").objectStore("visits").getAll();
        all.onsuccess = () => { open.result.close(); resolve(all.result.length); };
    };
})"""
COPY_THE_KEPT_VISIT = """draft => new Promise(resolve => {
    const open = indexedDB.open("dlict-visits", 1);
    open.onsuccess = () => {
        const store = open.result.transaction("visits", "readwrite").objectStore("visits");
        const kept = store.get(draft);
        kept.onsuccess = () => {
            store.put({...kept.result, draft: draft + "-copy"}).onsuccess = () => resolve(true);
        };
    };
})"""

Login = Callable[[Page, str], None]


# The page would open again offline once the service worker is active (it answers the next
# navigation; the page itself may have loaded before it took over) and the phone's cache holds it.
KEPT_OFFLINE = """() => navigator.serviceWorker.getRegistration()
    .then(registration => Boolean(registration && registration.active))
    .then(active => active
        && caches.open("dlict-visit-pages-v1").then(c => c.match(location.href)).then(Boolean))"""


def _wait_for_the_worker(page: Page) -> None:
    """Until the page would open again offline. (Polled from here: ``wait_for_function``
    evaluates its test in the page, which the site's CSP refuses.) A busy machine installs the
    worker slowly: up to 30 s."""
    for _ in range(150):
        if page.evaluate(KEPT_OFFLINE):
            return
        page.wait_for_timeout(200)
    assert page.evaluate(KEPT_OFFLINE)


def _wait_until_kept(page: Page, count: int) -> None:
    """Until the phone keeps ``count`` visits (sending goes on after the first answer shows)."""
    for _ in range(50):
        if page.evaluate(KEPT_COUNT) == count:
            return
        page.wait_for_timeout(200)
    assert page.evaluate(KEPT_COUNT) == count


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), "teal").save(buffer, format="PNG")
    return buffer.getvalue()


def test_a_visit_filled_offline_is_sent_once_when_the_phone_is_online_again(
    world: Any, phone: Page, login: Login, live_server: Any
) -> None:
    school = world.school_a
    school.dltv = True
    school.save()
    DltvClassroom.objects.create(school=school, grade="p4")
    planned = services.visit_plan(
        user=world.supervisor_a, school=school, planned_on=timezone.localdate()
    )

    # Online: the list of visits keeps the planned visit's form on the phone.
    login(phone, "supervisor_a")
    phone.goto(f"{live_server.url}/dltv/visits/")
    phone.get_by_role("link", name="บันทึกการนิเทศ").click()
    expect(phone.locator("form[data-visit-ready]")).to_be_attached()
    _wait_for_the_worker(phone)

    # At the school, without a connection, the form opens again and is filled in.
    phone.context.set_offline(True)
    phone.reload()
    expect(phone.locator("form[data-visit-ready]")).to_be_attached()
    phone.locator("#id_informant").fill("นางมาลี ศรีสุข")
    phone.locator("#id_grade").select_option("p4")
    for radio in phone.locator("input[type=radio][name^=score-][value='3']").all():
        radio.check()
    phone.locator("textarea[name='evidence-1.1']").fill("เปิดโทรทัศน์ก่อนเวลา ภาพชัด")
    phone.locator("#id_findings").fill("ย้ายโทรทัศน์ให้นักเรียนแถวหลังเห็นชัด")
    photos = phone.locator("[data-visit-photo-input]")
    photos.set_input_files({"name": "notes.txt", "mimeType": "text/plain", "buffer": b"x"})
    expect(phone.locator("[data-visit-errors]")).to_contain_text("ไม่ใช่ภาพ JPG หรือ PNG")
    photos.set_input_files({"name": "class.png", "mimeType": "image/png", "buffer": _png()})
    expect(phone.locator("[data-visit-photos] li")).to_have_count(1)
    phone.locator("[data-visit-photos] input").fill("ชั้น ป.4")

    phone.get_by_role("button", name="ส่งผลการนิเทศ").click()
    expect(phone.locator("[data-visit-status]")).to_contain_text("ไม่มีสัญญาณอินเทอร์เน็ต")
    planned.refresh_from_db()
    assert planned.status == Visit.Status.PLANNED
    # A second copy of the kept visit, as a second tab or a lost answer would leave it.
    phone.evaluate(COPY_THE_KEPT_VISIT, f"visit-{planned.pk}")

    # The connection returns: the kept visit is sent by itself, and recorded once.
    phone.context.set_offline(False)
    expect(phone.locator("[data-visit-status]")).to_contain_text("ส่งและบันทึกผลการนิเทศแล้ว")
    _wait_until_kept(phone, 0)
    visit = Visit.objects.get()
    assert (visit.pk, visit.status, visit.grade) == (planned.pk, Visit.Status.RECORDED, "p4")
    assert visit.scores["1.1"] == {"score": 3, "evidence": "เปิดโทรทัศน์ก่อนเวลา ภาพชัด"}
    assert VisitPhoto.objects.get().caption == "ชั้น ป.4"
    assert Finding.objects.get().text == "ย้ายโทรทัศน์ให้นักเรียนแถวหลังเห็นชัด"

    # The list says nothing waits on the phone; the visit prints.
    phone.goto(f"{live_server.url}/dltv/visits/")
    expect(phone.locator("[data-visit-outbox]")).to_be_hidden()
    phone.get_by_role("link", name=school.name_th).first.click()
    expect(phone.get_by_role("link", name="พิมพ์แบบบันทึก (PDF)")).to_be_visible()
    overflow = phone.evaluate("document.documentElement.scrollWidth")
    assert overflow <= 360


def _fill(phone: Page, informant: str) -> None:
    expect(phone.locator("form[data-visit-ready]")).to_be_attached()
    phone.locator("#id_informant").fill(informant)
    for radio in phone.locator("input[type=radio][name^=score-][value='2']").all():
        radio.check()
    phone.get_by_role("button", name="ส่งผลการนิเทศ").click()
    expect(phone.locator("[data-visit-status]")).to_contain_text("ไม่มีสัญญาณอินเทอร์เน็ต")


def test_two_visits_not_planned_recorded_offline_at_one_school_are_both_kept(
    world: Any, phone: Page, login: Login, live_server: Any
) -> None:
    school = world.school_a
    school.dltv = True
    school.save()
    login(phone, "supervisor_a")
    phone.goto(f"{live_server.url}/dltv/visits/")
    phone.get_by_role("button", name="เปิดแบบบันทึก").click()
    expect(phone).to_have_url(f"{live_server.url}/dltv/visits/new/{school.pk}/")
    expect(phone.locator("form[data-visit-ready]")).to_be_attached()
    _wait_for_the_worker(phone)

    phone.context.set_offline(True)
    _fill(phone, "ครูคนแรก")
    # The same form opened again begins another visit: the first one waits, untouched.
    phone.reload()
    expect(phone.locator("#id_informant")).to_have_value("")
    _fill(phone, "ครูคนที่สอง")
    assert phone.evaluate(KEPT_COUNT) == 2
    # A form never opened online cannot open offline: the phone says so, in Thai.
    phone.goto(f"{live_server.url}/dltv/visits/new/{world.school_b.pk}/")
    expect(phone.locator("body")).to_contain_text("หน้านี้ยังไม่ได้เก็บไว้ในเครื่อง")
    phone.go_back()
    expect(phone.locator("form[data-visit-ready]")).to_be_attached()

    phone.context.set_offline(False)
    expect(phone.locator("[data-visit-status]")).to_contain_text(
        "ส่งและบันทึกผลการนิเทศที่เก็บไว้ในเครื่องแล้ว"
    )
    _wait_until_kept(phone, 0)
    assert set(Visit.objects.values_list("informant", flat=True)) == {"ครูคนแรก", "ครูคนที่สอง"}
    assert sorted(Visit.objects.values_list("round", flat=True)) == [1, 2]
