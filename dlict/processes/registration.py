"""What the processes app adds to the shared parts: audit trail, navigation, dashboard, figures,
reference data and the demo."""

from django.utils.translation import gettext_lazy as _


def register_all() -> None:
    from dlict.core import demo, figures, navigation, reference
    from dlict.core.dashboard import register_panel
    from dlict.core.models import audit
    from dlict.processes import demo as processes_demo
    from dlict.processes.figures import ict_development_figures
    from dlict.processes.manual_data import manual_reload
    from dlict.processes.models import (
        CommitteeMember,
        Evidence,
        IctDevelopment,
        PlanRevision,
        Project,
        StepProgress,
    )
    from dlict.processes.panels import projects_panel

    # Results per target are a list keyed by position: the evaluation's own fields say what
    # changed in words, and the plan's revisions keep the targets themselves.
    audit(Project, exclude=("target_results",))
    audit(CommitteeMember)
    audit(PlanRevision)
    audit(StepProgress)
    audit(Evidence, exclude=("file",))
    audit(IctDevelopment)

    register_panel(5, projects_panel)
    reference.register(manual_reload)
    demo.register(
        demo.DemoPart(
            name="processes",
            after=("accounts",),
            loaded=processes_demo.demo_loaded,
            load=processes_demo.demo_load,
            message="Loaded the demo office's yearly projects.",
        )
    )
    figures.register("info-4", ict_development_figures)

    navigation.register(
        navigation.NavItem(
            area="office", label=_("Operations manual"), url_name="processes:manual"
        ),
        navigation.NavItem(
            area="office",
            label=_("Projects of the year"),
            url_name="processes:projects",
            permission="processes.view",
        ),
        navigation.NavItem(
            area="office",
            label=_("Plans waiting for approval"),
            url_name="processes:approvals",
            permission="processes.approve",
        ),
        navigation.NavItem(
            area="info",
            label=_("ICT development records"),
            url_name="processes:ict-list",
            permission="processes.view",
        ),
    )
