from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo and the synthetic data: may import every app; no app imports it."""

    name = "sangtao.demo"
    verbose_name = _("Demo data")
