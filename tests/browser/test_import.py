"""Importing a school list in the browser: upload, check the preview, confirm, see the result;
a file with problems lists each one by row and column and writes nothing."""

import csv
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from dlict.schools.models import School, SubDistrict

pytestmark = pytest.mark.browser

Login = Callable[[Page, str], None]
HEADERS = ["รหัสกระทรวง", "รหัส SMIS", "รหัส OBEC", "ชื่อโรงเรียน", "ตำบล", "อำเภอ", "จังหวัด"]
# Codes far from the factories' sequences (1050000000+n, 50000000+n, 500000+n).
CODES = [("1077000001", "77000001", "770001"), ("1077000002", "77000002", "770002")]
NAMES = ["บ้านทุ่งทดลอง", "บ้านดอยทดลอง"]


def mae_rim_sub_districts() -> list[str]:
    """Two real sub-districts of อำเภอแม่ริม, จังหวัดเชียงใหม่."""
    names = SubDistrict.objects.filter(district__code="5007").order_by("code")
    return list(names.values_list("name_th", flat=True)[:2])


def school_rows() -> list[list[str]]:
    subs = mae_rim_sub_districts()
    return [
        [*codes, name, sub, "อำเภอแม่ริม", "จังหวัดเชียงใหม่"]
        for codes, name, sub in zip(CODES, NAMES, subs, strict=True)
    ]


def write_csv(path: Path, headers: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(headers)
        writer.writerows(rows)
    return path


def upload(page: Page, live_server: Any, file: Path) -> None:
    page.goto(f"{live_server.url}/schools/import/")
    form = page.locator("main form[enctype='multipart/form-data']")
    form.locator('input[type="file"][name="file"]').set_input_files(file)
    form.locator('button[type="submit"]').click()
    expect(page).to_have_url(re.compile(rf"^{re.escape(live_server.url)}/jobs/\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text(file.name)


def problems(page: Page) -> list[list[str]]:
    """The rows of the problem table: [row, column, problem]."""
    rows = page.locator("#job-status table tbody tr")
    expect(rows.first).to_be_visible()
    return [row.locator("td").all_inner_texts() for row in rows.all()]


def imported() -> list[School]:
    codes = [ministry_code for ministry_code, _smis, _obec in CODES]
    schools = School.objects.filter(ministry_code__in=codes)
    return list(schools.select_related("sub_district__district"))


def test_a_school_list_is_previewed_confirmed_and_saved(
    page: Page, live_server: Any, world: Any, login: Login, tmp_path: Path
) -> None:
    login(page, "staff_a")
    upload(page, live_server, write_csv(tmp_path / "schools.csv", HEADERS, school_rows()))

    status = page.locator("#job-status")
    confirm = status.locator('form[action$="/confirm/"] button[type="submit"]')
    expect(status.locator(".badge-amber")).to_be_visible()  # waiting for confirmation
    expect(status.locator(".stat-value").first).to_have_text("2")  # new schools
    for name, (ministry_code, _smis, _obec) in zip(NAMES, CODES, strict=True):
        expect(status).to_contain_text(name)
        expect(status).to_contain_text(ministry_code)
    expect(confirm).to_be_visible()
    assert imported() == []  # checked, not saved

    confirm.click()
    expect(status.locator(".badge-green")).to_be_visible()  # done
    expect(confirm).to_have_count(0)
    saved = {school.ministry_code: school for school in imported()}
    assert sorted(saved) == ["1077000001", "1077000002"]
    subs = mae_rim_sub_districts()
    for (ministry_code, smis, obec), name, sub in zip(CODES, NAMES, subs, strict=True):
        school = saved[ministry_code]
        assert (school.smis_code, school.obec_code, school.name_th) == (smis, obec, name)
        assert school.office_id == world.office_a.pk
        assert school.sub_district is not None
        assert school.sub_district.name_th == sub
        assert school.sub_district.district.code == "5007"

    # On to the registry, at the office the list was imported for.
    status.locator(f'a[href="/schools/?office={world.office_a.pk}"]').click()
    expect(page).to_have_url(f"{live_server.url}/schools/?office={world.office_a.pk}")
    for name in NAMES:
        expect(page.locator("#school-results")).to_contain_text(name)


def test_a_file_without_a_required_column_is_refused_and_nothing_is_saved(
    page: Page, live_server: Any, world: Any, login: Login, tmp_path: Path
) -> None:
    without_smis = [[cell for i, cell in enumerate(row) if i != 1] for row in school_rows()]
    headers = [heading for heading in HEADERS if heading != "รหัส SMIS"]
    schools_before = School.objects.count()
    login(page, "staff_a")
    upload(page, live_server, write_csv(tmp_path / "no-smis.csv", headers, without_smis))

    status = page.locator("#job-status")
    expect(status.locator(".badge-red")).to_be_visible()  # rejected
    found = problems(page)
    assert len(found) == 1
    row, column, message = found[0]
    assert (row, column) == ("1", "รหัส SMIS")  # the header row, and the missing column
    assert "รหัส SMIS" in message
    expect(status.locator('form[action$="/confirm/"]')).to_have_count(0)
    expect(status.locator('a[href="/schools/import/"]')).to_be_visible()  # upload a corrected file
    assert imported() == []
    assert School.objects.count() == schools_before


def test_a_bad_cell_is_named_by_row_and_column_and_no_row_is_saved(
    page: Page, live_server: Any, world: Any, login: Login, tmp_path: Path
) -> None:
    rows = school_rows()
    rows[1][4] = "ไม่มีตำบลนี้"  # file row 3, column E (ตำบล); row 2 is fine
    login(page, "staff_a")
    upload(page, live_server, write_csv(tmp_path / "bad-cell.csv", HEADERS, rows))

    expect(page.locator("#job-status .badge-red")).to_be_visible()
    found = problems(page)
    assert [(row, column) for row, column, _message in found] == [("3", "ตำบล (E)")]
    assert "ไม่มีตำบลนี้" in found[0][2]
    assert imported() == []  # all or nothing: the good row 2 was not saved either
