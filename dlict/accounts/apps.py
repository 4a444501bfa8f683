from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "dlict.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from dlict.accounts import demo as accounts_demo
        from dlict.accounts.models import ApiToken, Membership, User
        from dlict.accounts.roles import role_grants
        from dlict.accounts.selectors import user_scope
        from dlict.core import demo, scoping
        from dlict.core.models import audit

        scoping.register(user_scope=user_scope, role_grants=role_grants)
        audit(User, exclude=("password", "last_login"))
        audit(Membership)
        audit(ApiToken, exclude=("digest", "last_used_at"))
        demo.register(
            demo.DemoPart(
                name="accounts",
                after=("schools",),
                loaded=accounts_demo.demo_accounts_exist,
                load=accounts_demo.load_demo_accounts,
                message="Loaded the demo logins.",
                notes=accounts_demo.demo_logins,
            )
        )
