from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardConfig(AppConfig):
    """The dashboards per level (/dashboard/) and the lists a Front office asks for as XLSX.

    Other apps add a panel to the dashboard from their own AppConfig.ready() through
    `sangtao.dashboard.panels.register` (see that module); this app imports none of them.
    """

    name = "sangtao.dashboard"
    verbose_name = _("Dashboards")
