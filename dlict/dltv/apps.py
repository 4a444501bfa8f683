from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DltvConfig(AppConfig):
    name = "dlict.dltv"
    label = "dltv"
    verbose_name = _("DLTV")

    def ready(self) -> None:
        from dlict.core import figures, navigation
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
