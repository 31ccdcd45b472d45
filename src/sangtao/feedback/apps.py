from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    name = "sangtao.feedback"
    verbose_name = _("Feedback and recommendations")

    def ready(self) -> None:
        from sangtao.dashboard.panels import register

        from . import rules, sources  # noqa: F401  (permissions and report sources register)
        from .panels import PANEL

        register(PANEL)
