from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticesConfig(AppConfig):
    name = "sangtao.practices"
    verbose_name = _("Practices and applications")

    def ready(self) -> None:
        from sangtao.dashboard.panels import register
        from sangtao.honours import facts

        from . import rules  # noqa: F401  (registers the permissions)
        from .candidates import applications
        from .panels import PANEL

        register(PANEL)
        facts.register(applications)
