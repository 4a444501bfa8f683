"""Walk every URL pattern as people who must not see other schools' or offices' data."""

from typing import Any

import pytest
from django.urls import reverse

from dlict.accounts.services import api_token_create
from dlict.core.testing.walker import Case, Fixed, all_patterns, load_registry, response_text

PERSONAS = ("coordinator_a", "staff_a")
DENIED = {401, 403, 404, 405}


def _markers(world: Any, persona: str) -> tuple[str, ...]:
    if persona == "coordinator_a":
        return world.FOREIGN_TO_SCHOOL_A
    return world.FOREIGN_TO_OFFICE_A


def _admin_kwargs(world: Any, keys: tuple[str, ...]) -> dict[str, Any]:
    from django.contrib.contenttypes.models import ContentType

    values = {
        "object_id": str(world.school_z.pk),
        "id": str(world.staff_z.pk),
        "app_label": "schools",
        "content_type_id": ContentType.objects.get_for_model(world.school_z).pk,
        "url": "schools/school/",
    }
    return {key: values[key] for key in keys}


class Visitor:
    def __init__(self, world: Any, persona: str | None) -> None:
        self.world = world
        self.persona = persona
        self.user = user = getattr(world, persona) if persona else None
        self.client = world.client_for(user)
        self.headers: dict[str, str] = {}
        if user is not None:
            key = api_token_create(user=user, name="walker")[1]
            self.headers = {"Authorization": f"Bearer {key}"}

    def open(self, method: str, url: str, query: dict[str, Any] | None = None) -> Any:
        if self.user is not None:
            self.client.force_login(self.user)  # a logout page visited earlier ended the session
        call = self.client.get if method == "GET" else self.client.post
        headers = self.headers if url.startswith("/api/") else {}
        return call(url, query or {}, headers=headers)


def test_every_url_pattern_is_described_for_the_walker() -> None:
    registry = load_registry()
    missing = [
        pattern.name
        for pattern in all_patterns()
        if pattern.keys
        and pattern.namespace != "admin"
        and pattern.name not in registry.cases
        and pattern.name not in registry.public
    ]
    assert missing == [], f"URL patterns with arguments but no scoping case: {missing}"


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
def test_no_url_leaks_other_schools_or_offices(world: Any, persona: str) -> None:
    registry = load_registry()
    visitor = Visitor(world, persona)
    markers = _markers(world, persona)
    leaks: list[str] = []

    def check(method: str, url: str, response: Any, *, must_deny: bool) -> None:
        text = response_text(response)
        seen = [marker for marker in markers if marker in text]
        if seen:
            leaks.append(f"{method} {url} shows {seen}")
        if must_deny and response.status_code not in DENIED:
            leaks.append(f"{method} {url} answered {response.status_code} to {persona}")

    for pattern in all_patterns():
        if pattern.name in registry.public:
            continue
        case = registry.cases.get(pattern.name)
        if pattern.namespace == "admin":
            url = pattern.url(_admin_kwargs(world, pattern.keys))
            for method in ("GET", "POST"):
                response = visitor.open(method, url)
                if response.status_code != 302 or "/admin/login/" not in response["Location"]:
                    leaks.append(f"{method} {url} answered {response.status_code}")
        elif isinstance(case, Case):
            for kwargs in case.foreign(world, persona):
                url = pattern.url(kwargs)
                for method in ("GET", "POST"):
                    check(method, url, visitor.open(method, url), must_deny=True)
        else:
            kwargs = case.kwargs(world) if isinstance(case, Fixed) else {}
            url = pattern.url(kwargs)
            queries = [{}]
            if isinstance(case, Fixed):
                queries += case.queries(world)
            if pattern.name in registry.list_queries:
                queries += registry.list_queries[pattern.name](world)
            for query in queries:
                for method in ("GET", "POST"):
                    if method == "POST" and query:
                        continue
                    check(method, url, visitor.open(method, url, query), must_deny=False)
    assert not leaks, "\n".join(leaks)


@pytest.mark.django_db
def test_owners_can_open_what_the_walker_checks(world: Any) -> None:
    """Each case's own object opens for its owner: the denials above are not broken pages."""
    registry = load_registry()
    failures = []
    for name, case in registry.cases.items():
        if not isinstance(case, Case):
            continue
        visitor = Visitor(world, case.owner)
        url = reverse(name, kwargs=case.own(world))
        response = visitor.open(case.own_method, url)
        if response.status_code != case.own_status:
            failures.append(f"{case.own_method} {url} answered {response.status_code}")
    assert not failures, "\n".join(failures)


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_log_in(world: Any) -> None:
    registry = load_registry()
    visitor = Visitor(world, None)
    failures = []
    for pattern in all_patterns():
        if pattern.name in registry.public:
            continue
        if pattern.namespace == "admin":
            kwargs = _admin_kwargs(world, pattern.keys)
        else:
            case = registry.cases.get(pattern.name)
            if isinstance(case, Case):
                kwargs = case.foreign(world, "coordinator_a")[0]
            elif isinstance(case, Fixed):
                kwargs = case.kwargs(world)
            else:
                kwargs = {}
        url = pattern.url(kwargs)
        for method in ("GET", "POST"):
            response = visitor.open(method, url)
            status = response.status_code
            to_login = status == 302 and "login" in response["Location"]
            if not (to_login or status in DENIED):
                failures.append(f"{method} {url} answered {status}")
            text = response_text(response)
            if any(marker in text for marker in (*world.FOREIGN_TO_OFFICE_A, "ห้วยทราย")):
                failures.append(f"{method} {url} shows school data to an anonymous visitor")
    assert not failures, "\n".join(failures)
