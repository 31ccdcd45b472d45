from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    name = "sangtao.activities"
    verbose_name = _("Movement activities")

    def ready(self) -> None:
        from sangtao.dashboard.panels import register
        from sangtao.honours import facts
        from sangtao.reports.sources import wire

        from . import rules, sources  # noqa: F401  (permissions and report sources register)
        from .candidates import plans_and_inspections
        from .panels import PANEL

        wire(sources.WIRED)
        facts.register(plans_and_inspections)
        register(PANEL)
