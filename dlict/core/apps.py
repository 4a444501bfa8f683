from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "dlict.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from dlict.core.navigation import NavItem, register

        register(
            NavItem(area="office", label=_("Jobs"), url_name="core:jobs", permission="jobs.view"),
            NavItem(
                area="office",
                label=_("Audit trail"),
                url_name="core:audit",
                permission="audit.view",
            ),
            NavItem(
                area="office",
                label=_("System administration"),
                url_name="admin:index",
                superuser_only=True,
            ),
        )
