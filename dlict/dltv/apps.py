from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DltvConfig(AppConfig):
    name = "dlict.dltv"
    label = "dltv"
    verbose_name = _("DLTV")

    def ready(self) -> None:
        from dlict.core import demo, figures, navigation, reference, school_actions
        from dlict.core.models import audit
        from dlict.dltv.figures import dltv_figures
        from dlict.dltv.models import RepairRequest, UsageRecord

        for model in (UsageRecord, RepairRequest):
            audit(model)
        figures.register("dl-1", dltv_figures)
        navigation.register(
            navigation.NavItem(
                area="dl",
                label=_("DLTV use"),
                url_name="dltv:dashboard",
                permission="dltv.view",
                office_only=True,
            ),
            navigation.NavItem(
                area="dl",
                label=_("DLTV usage record"),
                url_name="dltv:week",
                permission="dltv.record",
            ),
        )
        school_actions.register(
            school_actions.SchoolAction(
                label=_("DLTV set"), url_name="dltv:equipment", allowed=_may_open_the_set
            )
        )
        reference.register(_problems_reload)
        demo.register(
            demo.DemoPart(
                name="dltv",
                after=("schools",),
                loaded=_demo_classrooms_exist,
                load=_load_demo_classrooms_and_usage,
                message="Loaded the demo office's DLTV classrooms and use.",
            )
        )


def _may_open_the_set(user: Any, school: Any) -> bool:
    """As dltv:equipment decides: DLTV schools only, for whoever reads the school's DLTV."""
    from dlict.core.scoping import can

    return bool(school.dltv) and can(user, "dltv.view", school=school)


def _problems_reload() -> None:
    from django.apps import apps

    from dlict.dltv.defaults import problems_load

    if not apps.get_model("dltv", "ProblemCategory").objects.exists():
        problems_load(apps.get_model)


def _demo_classrooms_exist() -> bool:
    from dlict.dltv.demo import demo_classrooms_exist
    from dlict.schools.demo import demo_office

    return demo_classrooms_exist(demo_office())


def _load_demo_classrooms_and_usage() -> None:
    from dlict.dltv.demo import load_demo_classrooms, load_demo_usage
    from dlict.schools.demo import demo_office

    office = demo_office()
    load_demo_classrooms(office)
    load_demo_usage(office)
