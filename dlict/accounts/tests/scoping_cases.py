from typing import Any

from dlict.accounts.services import api_token_create
from dlict.core.testing.walker import Case

CASES: dict[str, Any] = {
    "accounts:token-revoke": Case(
        own=lambda world: {"pk": api_token_create(user=world.staff_a, name="own")[0].pk},
        foreign=lambda world, persona: [
            {"pk": api_token_create(user=world.staff_z, name="สพป.ลับแซด")[0].pk},
            {"pk": api_token_create(user=world.coordinator_b, name="ลับบีบี")[0].pk},
        ],
        own_method="POST",
        own_status=302,
    ),
}
PUBLIC = {"login", "set_language", "api:openapi-json", "api:openapi-view"}
