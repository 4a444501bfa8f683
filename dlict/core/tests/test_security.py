"""Security headers, production settings, and the language people see first."""

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[3]
PRODUCTION_ENV = {
    "DLICT_ENV": "production",
    "ALLOWED_HOSTS": "dlict.example.go.th",
    "SECRET_KEY": "test-only-0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJ",
}


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "SECRET_KEY", "DLICT_ENV")}
    return subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_production_settings() -> None:
    result = _manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("override", "complaint"),
    [
        ({"SECRET_KEY": ""}, "SECRET_KEY"),
        ({"SECRET_KEY": "short"}, "SECRET_KEY"),
        ({"DEBUG": "true"}, "DEBUG"),
        ({"ALLOWED_HOSTS": ""}, "ALLOWED_HOSTS"),
        ({"DEBUG": "perhaps"}, "DEBUG must be true or false"),
    ],
)
def test_production_refuses_unsafe_settings(override: dict[str, str], complaint: str) -> None:
    result = _manage("check", **{**PRODUCTION_ENV, **override})
    assert result.returncode != 0
    assert complaint in result.stderr


def test_pages_carry_a_strict_content_security_policy(client: Any) -> None:
    response = client.get(reverse("login"))
    policy = response["Content-Security-Policy"]
    assert "'unsafe-inline'" not in policy
    assert "'unsafe-eval'" not in policy
    assert "frame-ancestors 'none'" in policy
    assert "script-src 'self'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]


def test_templates_hold_no_inline_script_or_style() -> None:
    """The policy forbids inline code; a template that used it would break in the browser."""
    offenders = []
    for template in [*ROOT.glob("templates/**/*.html"), *ROOT.glob("dlict/*/templates/**/*.html")]:
        text = template.read_text()
        if "<script>" in text or " style=" in text or "<style" in text or " onclick=" in text:
            offenders.append(str(template.relative_to(ROOT)))
    assert offenders == []


def test_thai_is_the_default_even_for_an_english_browser(client: Any) -> None:
    response = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "th"
    assert "เข้าสู่ระบบ" in response.content.decode()


def test_the_english_switch_and_back(client: Any) -> None:
    client.post(reverse("set_language"), {"language": "en", "next": "/login/"})
    page = client.get(reverse("login")).content.decode()
    assert '<html lang="en">' in page
    assert "Log in" in page
    client.post(reverse("set_language"), {"language": "th", "next": "/login/"})
    assert '<html lang="th">' in client.get(reverse("login")).content.decode()


def test_the_admin_site_is_for_national_administrators_only(world: Any) -> None:
    assert world.client_for(world.national).get("/admin/").status_code == 200
    for person in (world.admin_a, world.staff_a, world.coordinator_a):
        response = world.client_for(person).get("/admin/")
        assert response.status_code == 302
        assert "/admin/login/" in response["Location"]


def test_the_health_check_answers_without_logging_in(client: Any) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
