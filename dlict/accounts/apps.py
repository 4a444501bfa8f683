from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "dlict.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from dlict.accounts.models import ApiToken, Membership, User
        from dlict.core.models import audit

        audit(User, exclude=("password", "last_login"))
        audit(Membership)
        audit(ApiToken, exclude=("digest", "last_used_at"))
