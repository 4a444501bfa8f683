from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DltvConfig(AppConfig):
    name = "dlict.dltv"
    label = "dltv"
    verbose_name = _("DLTV")

    def ready(self) -> None:
        from dlict.core import demo, navigation, reference, school_actions
        from dlict.core.models import audit
        from dlict.dltv.models import (
            Finding,
            FollowUp,
            RepairRequest,
            Rubric,
            UsageRecord,
            Visit,
            VisitPhoto,
        )

        for model in (UsageRecord, RepairRequest, Visit, Rubric, Finding, FollowUp, VisitPhoto):
            audit(model)
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
            navigation.NavItem(
                area="dl",
                label=_("Supervision visits"),
                url_name="dltv:visits",
                permission="dltv.view",
                office_only=True,
            ),
        )
        school_actions.register(
            school_actions.SchoolAction(
                label=_("DLTV set"), url_name="dltv:equipment", allowed=_may_open_the_set
            )
        )
        # The problem categories belong to the usage records, the rubric to the visits.
        reference.register(_problems_reload)
        reference.register(_rubric_reload)
        demo.register(
            demo.DemoPart(
                name="dltv",
                after=("schools",),
                loaded=_demo_classrooms_exist,
                load=_load_demo_classrooms_and_usage,
                message="Loaded the demo office's DLTV classrooms and use.",
            )
        )
        demo.register(
            demo.DemoPart(
                name="dltv-visits",
                after=("accounts", "dltv"),
                loaded=_demo_visits_exist,
                load=_load_demo_visits,
                message="Loaded the demo office's supervision visits.",
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


def _rubric_reload() -> None:
    from django.apps import apps

    from dlict.dltv.defaults import rubric_load

    if not apps.get_model("dltv", "Rubric").objects.exists():
        rubric_load(apps.get_model)


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


def _demo_visits_exist() -> bool:
    from dlict.dltv.demo import demo_visits_exist
    from dlict.schools.demo import demo_office

    return demo_visits_exist(demo_office())


def _load_demo_visits() -> None:
    from dlict.accounts.models import User
    from dlict.dltv.demo import load_demo_visits
    from dlict.schools.demo import demo_office

    load_demo_visits(demo_office(), User.objects.get(username="supervisor"))
