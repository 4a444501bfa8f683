from ninja import Router, Schema

from dlict.accounts.selectors import user_roles_display
from dlict.core.apitools import responses
from dlict.core.http import Request

router = Router(tags=["accounts"])


class MembershipOut(Schema):
    role: str
    office_id: int | None
    school_id: int | None


class MeOut(Schema):
    username: str
    display_name: str
    memberships: list[MembershipOut]


@router.get("/me", response=responses(MeOut), summary="The user who owns the token", url_name="me")
def me(request: Request) -> MeOut:
    user = request.user
    return MeOut(
        username=user.username,
        display_name=user.display_name,
        memberships=[
            MembershipOut(role=m.role, office_id=m.office_id, school_id=m.school_id)
            for m in user_roles_display(user)
        ],
    )
