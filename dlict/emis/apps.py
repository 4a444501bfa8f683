from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmisConfig(AppConfig):
    name = "dlict.emis"
    label = "emis"
    verbose_name = _("School information (EMIS)")

    def ready(self) -> None:
        from dlict.core import demo, figures, jobs, navigation
        from dlict.core.imports import ImportJobHandler
        from dlict.core.models import audit
        from dlict.emis import demo as emis_demo
        from dlict.emis.figures import completeness_figures, student_figures
        from dlict.emis.imports import StudentCountImporter
        from dlict.emis.models import SchoolProfile
        from dlict.emis.school_info import SchoolInfoImporter
        from dlict.emis.services import register_events

        audit(SchoolProfile, exclude=("data",))
        register_events()
        figures.register("info-1", student_figures)
        figures.register("info-2", completeness_figures)
        jobs.register(StudentCountImporter.kind, ImportJobHandler(StudentCountImporter))
        jobs.register(SchoolInfoImporter.kind, ImportJobHandler(SchoolInfoImporter))
        demo.register(
            demo.DemoPart(
                name="emis",
                after=("schools",),
                loaded=emis_demo.demo_loaded,
                load=emis_demo.demo_load,
                message="Loaded the demo office's student figures.",
            )
        )
        navigation.register_public(
            navigation.PublicLink(_("Open data: students and schools"), "emis:open-data")
        )
        navigation.register(
            navigation.NavItem(
                area="info",
                label=_("Student figures"),
                url_name="emis:dashboard",
                permission="emis.view",
            ),
            navigation.NavItem(
                area="info",
                label=_("Map of the schools"),
                url_name="emis:map",
                permission="emis.view",
            ),
            navigation.NavItem(
                area="info",
                label=_("Import students by grade (DMC)"),
                url_name="emis:import-students",
                permission="emis.import",
            ),
            navigation.NavItem(
                area="info",
                label=_("Import school information (DMC)"),
                url_name="emis:import-schools",
                permission="emis.import",
            ),
        )
