from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SchoolsConfig(AppConfig):
    name = "dlict.schools"
    label = "schools"
    verbose_name = _("Offices and schools")

    def ready(self) -> None:
        from dlict.core import demo, jobs, navigation, reference, thaiwords
        from dlict.core.dashboard import register_panel
        from dlict.core.imports import ImportJobHandler
        from dlict.core.models import audit
        from dlict.schools import demo as schools_demo
        from dlict.schools.divisions import divisions_reload, place_names
        from dlict.schools.imports import SchoolListImporter
        from dlict.schools.models import NetworkGroup, Office, School
        from dlict.schools.panels import registry_panel

        audit(Office)
        audit(NetworkGroup)
        audit(School, exclude=("name_sort",))

        jobs.register(SchoolListImporter.kind, ImportJobHandler(SchoolListImporter))
        # Printed documents keep place names whole at the end of a line.
        thaiwords.register_words(place_names)
        register_panel(10, registry_panel)
        reference.register(divisions_reload)
        demo.register(
            demo.DemoPart(
                name="schools",
                loaded=schools_demo.demo_exists,
                load=schools_demo.load_demo,
                message="Loaded the demo office สพป.ตัวอย่าง เขต 1.",
            )
        )

        navigation.register(
            navigation.NavItem(
                area="dl",
                label=_("DLTV schools"),
                url_name="schools:list",
                query="dltv=yes",
                permission="schools.view",
                office_only=True,
            ),
            navigation.NavItem(
                area="info",
                label=_("School registry"),
                url_name="schools:list",
                permission="schools.view",
            ),
            navigation.NavItem(
                area="info",
                label=_("Import a school list"),
                url_name="schools:import",
                permission="schools.import",
            ),
        )
