from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupervisionConfig(AppConfig):
    name = "dlict.supervision"
    label = "supervision"
    verbose_name = _("Supervision visits")

    def ready(self) -> None:
        from dlict.core import figures, navigation
        from dlict.core.dashboard import register_section
        from dlict.core.models import audit
        from dlict.supervision.figures import supervision_figures
        from dlict.supervision.models import Finding, FollowUp, Rubric, Visit, VisitPhoto
        from dlict.supervision.panels import coverage_section

        # The key and fingerprint are the system's own: they say nothing to a reader of the trail.
        audit(Visit, exclude=("key", "fingerprint"))
        for model in (Rubric, Finding, FollowUp, VisitPhoto):
            audit(model)
        register_section("dltv", 50, coverage_section)
        figures.register("dl-1", supervision_figures)
        navigation.register(
            navigation.NavItem(
                area="dl",
                label=_("Supervision visits"),
                url_name="supervision:visits",
                permission="dltv.view",
                office_only=True,
            ),
        )
