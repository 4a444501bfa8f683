"""Logging in, throttling by username and address, and what the messages give away."""

from typing import Any

import pytest
from django.urls import reverse

from conftest import PASSWORD


def _login(client: Any, username: str, password: str, ip: str = "10.0.0.1") -> Any:
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=ip
    )


def test_a_person_logs_in_and_lands_on_the_dashboard(world: Any, client: Any) -> None:
    response = _login(client, "coordinator_a", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("core:dashboard")


def test_a_wrong_password_and_an_unknown_user_get_the_same_message(world: Any, client: Any) -> None:
    wrong = _login(client, "coordinator_a", "nope-nope-nope").content.decode()
    unknown = _login(client, "nobody-at-all", "nope-nope-nope").content.decode()
    assert "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง" in wrong
    assert "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง" in unknown


def test_five_wrong_passwords_lock_that_username_from_that_address(world: Any, client: Any) -> None:
    for _ in range(5):
        _login(client, "coordinator_a", "wrong-password-1")
    locked = _login(client, "coordinator_a", PASSWORD)
    assert locked.status_code == 429
    assert "ลองใหม่ในอีก 15 นาที" in locked.content.decode()


def test_one_persons_typos_do_not_lock_out_the_rest_of_the_school(world: Any, client: Any) -> None:
    for _ in range(6):
        _login(client, "coordinator_a", "wrong-password-1", ip="203.0.113.7")
    colleague = _login(client, "teacher_a", PASSWORD, ip="203.0.113.7")
    assert colleague.status_code == 302
    from_home = _login(client, "coordinator_a", PASSWORD, ip="198.51.100.9")
    assert from_home.status_code == 302


def test_the_lock_lifts_after_the_cool_off(world: Any, client: Any, settings: Any) -> None:
    from datetime import timedelta

    from axes.models import AccessAttempt

    for _ in range(5):
        _login(client, "coordinator_a", "wrong-password-1")
    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.first().attempt_time - timedelta(minutes=16)
    )
    assert _login(client, "coordinator_a", PASSWORD).status_code == 302


@pytest.mark.parametrize("url", ["/", "/schools/", "/account/", "/jobs/"])
def test_pages_send_anonymous_visitors_to_log_in(client: Any, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_logging_in_rotates_the_session(world: Any, client: Any) -> None:
    client.get(reverse("login"))
    before = client.cookies.get("sessionid")
    _login(client, "coordinator_a", PASSWORD)
    assert client.cookies["sessionid"].value != (before.value if before else None)


def test_changing_the_password_ends_other_sessions(world: Any) -> None:
    other_device = world.client_for(world.coordinator_a)
    this_device = world.client_for(world.coordinator_a)
    response = this_device.post(
        reverse("accounts:password"),
        {
            "old_password": PASSWORD,
            "new_password1": "a brand new sentence 42",
            "new_password2": "a brand new sentence 42",
        },
    )
    assert response.status_code == 302
    assert this_device.get(reverse("core:dashboard")).status_code == 200
    assert other_device.get(reverse("core:dashboard")).status_code == 302


def test_a_short_or_common_password_is_refused(world: Any) -> None:
    client = world.client_for(world.coordinator_a)
    for weak in ("short", "password123"):
        response = client.post(
            reverse("accounts:password"),
            {"old_password": PASSWORD, "new_password1": weak, "new_password2": weak},
        )
        assert response.status_code == 200
        assert response.context["form"].errors["new_password2"]
