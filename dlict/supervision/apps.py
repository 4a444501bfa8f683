from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupervisionConfig(AppConfig):
    name = "dlict.supervision"
    label = "supervision"
    verbose_name = _("Supervision visits")

    def ready(self) -> None:
        from dlict.core import demo, figures, navigation, reference
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
        reference.register(_rubric_reload)
        demo.register(
            demo.DemoPart(
                name="supervision",
                after=("accounts", "dltv"),
                loaded=_demo_visits_exist,
                load=_load_demo_visits,
                message="Loaded the demo office's supervision visits.",
            )
        )
        navigation.register(
            navigation.NavItem(
                area="dl",
                label=_("Supervision visits"),
                url_name="supervision:visits",
                permission="dltv.view",
                office_only=True,
            ),
        )


def _rubric_reload() -> None:
    from django.apps import apps

    from dlict.supervision.defaults import rubric_load

    if not apps.get_model("supervision", "Rubric").objects.exists():
        rubric_load(apps.get_model)


def _demo_visits_exist() -> bool:
    from dlict.schools.demo import demo_office
    from dlict.supervision.demo import demo_visits_exist

    return demo_visits_exist(demo_office())


def _load_demo_visits() -> None:
    from dlict.accounts.models import User
    from dlict.schools.demo import demo_office
    from dlict.supervision.demo import load_demo_visits

    load_demo_visits(demo_office(), User.objects.get(username="supervisor"))
