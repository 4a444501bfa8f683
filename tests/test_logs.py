"""No personal data reaches the logs or the URLs of a whole session's work."""

import logging
import re
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from conftest import PASSWORD
from dlict.accounts.services import api_token_create


def test_a_session_of_work_logs_no_personal_data(world: Any, client: Any, caplog: Any) -> None:
    secret_words = [PASSWORD, "wrong-password-1", "coordinator_a", "staff_a", "ผู้ใช้", "@example.org"]
    world.school_a.director_name = "นายสมชาย ใจดี"
    world.school_a.phone = "081-234-5678"
    world.school_a.save()
    secret_words += ["สมชาย", "081-234-5678"]
    caplog.set_level(logging.DEBUG)
    urls = []
    for _ in range(6):  # enough to be locked out
        client.post(reverse("login"), {"username": "coordinator_a", "password": "wrong-password-1"})
    client.post(reverse("login"), {"username": "staff_a", "password": PASSWORD})
    for url in ["/", "/schools/", f"/schools/{world.school_a.pk}/", "/nowhere/", "/jobs/"]:
        response = client.get(url)
        urls.append(f"{response.request['PATH_INFO']}?{response.request.get('QUERY_STRING', '')}")
        urls.append(response.get("Location", ""))
        # every link the page offers to this server (tel: and mailto: never reach it)
        urls += re.findall(r'href="(/[^"]*)"', response.content.decode())
    csv = "รหัสกระทรวง,รหัส SMIS,รหัส OBEC,ชื่อโรงเรียน,ผู้อำนวยการ\n1,2,3,บ้านนา,นายสมชาย ใจดี\n"
    client.post(reverse("schools:import"), {"file": SimpleUploadedFile("s.csv", csv.encode())})
    _token, key = api_token_create(user=world.staff_a, name="x")
    client.get("/api/schools", headers={"Authorization": f"Bearer {key}"})
    client.get(f"/api/schools/{world.school_z.pk}", headers={"Authorization": f"Bearer {key}"})

    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert logged  # the run did log something, so the check below means something
    for word in secret_words:
        assert word not in logged, f"{word!r} reached the logs"
    assert len(urls) > 20
    for url in urls:
        for word in secret_words:
            assert word not in url, f"{word!r} in {url}"
