from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BudgetConfig(AppConfig):
    name = "sangtao.budget"
    verbose_name = _("Budget and contributions")

    def ready(self) -> None:
        from sangtao.dashboard.panels import register
        from sangtao.reports.sources import wire

        from . import ledger, rules, sources  # noqa: F401  (permissions, sources, the fund)
        from .panels import PANEL

        wire(sources.WIRED)
        ledger.connect()
        register(PANEL)
