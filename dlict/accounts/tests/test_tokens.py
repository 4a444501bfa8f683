from typing import Any

from django.urls import reverse

from dlict.accounts.models import ApiToken
from dlict.accounts.services import api_token_authenticate, api_token_create, api_token_revoke


def test_a_token_is_shown_once_and_kept_only_as_a_hash(world: Any) -> None:
    client = world.client_for(world.staff_a)
    response = client.post(reverse("accounts:tokens"), {"name": "เว็บไซต์โรงเรียน"}, follow=True)
    page = response.content.decode()
    token = ApiToken.objects.get(user=world.staff_a)
    key = page.split('id="new-key" class="key-box">')[1].split("<")[0]
    assert key.startswith(f"dlict_{token.prefix}_")
    assert key.split("_", 2)[2] not in token.digest
    assert key not in client.get(reverse("accounts:tokens")).content.decode()
    assert api_token_authenticate(key) == world.staff_a


def test_a_revoked_or_altered_token_opens_nothing(world: Any) -> None:
    token, key = api_token_create(user=world.staff_a, name="x")
    assert api_token_authenticate(key[:-1] + ("A" if key[-1] != "A" else "B")) is None
    api_token_revoke(token=token)
    assert api_token_authenticate(key) is None
    assert api_token_authenticate("not-a-token") is None


def test_a_token_of_an_inactive_user_opens_nothing(world: Any) -> None:
    _token, key = api_token_create(user=world.staff_a, name="x")
    world.staff_a.is_active = False
    world.staff_a.save()
    assert api_token_authenticate(key) is None


def test_people_revoke_only_their_own_tokens(world: Any) -> None:
    theirs, _key = api_token_create(user=world.staff_z, name="x")
    client = world.client_for(world.staff_a)
    assert client.post(reverse("accounts:token-revoke", args=[theirs.pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.revoked_at is None


def test_reloading_the_page_after_making_a_token_makes_no_second_one(world: Any) -> None:
    client = world.client_for(world.staff_a)
    client.post(reverse("accounts:tokens"), {"name": "x"})
    client.get(reverse("accounts:tokens"))
    client.get(reverse("accounts:tokens"))
    assert ApiToken.objects.filter(user=world.staff_a).count() == 1
