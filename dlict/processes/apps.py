from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProcessesConfig(AppConfig):
    name = "dlict.processes"
    label = "processes"
    verbose_name = _("Operations manual and projects")

    def ready(self) -> None:
        from dlict.processes import registration

        registration.register_all()
