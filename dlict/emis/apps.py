from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmisConfig(AppConfig):
    name = "dlict.emis"
    label = "emis"
    verbose_name = _("School information (EMIS)")

    def ready(self) -> None:
        from dlict.core import jobs, navigation
        from dlict.core.imports import ImportJobHandler
        from dlict.emis.imports import StudentCountImporter

        jobs.register(StudentCountImporter.kind, ImportJobHandler(StudentCountImporter))
        navigation.register(
            navigation.NavItem(
                area="info",
                label=_("Import ministry data (DMC)"),
                url_name="emis:import-students",
                permission="emis.import",
            ),
        )
