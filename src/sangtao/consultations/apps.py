from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    name = "sangtao.consultations"
    verbose_name = _("Consultations")

    def ready(self) -> None:
        from sangtao.dashboard.panels import register

        from . import rules, sources  # noqa: F401  (permissions and report sources register)
        from .panels import PANEL

        register(PANEL)
