from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardConfig(AppConfig):
    """The dashboards per level (/dashboard/) and the lists a Front office asks for as XLSX.

    Other apps add a panel to the dashboard from their own AppConfig.ready() through
    `sangtao.dashboard.panels.register` (see that module); this app imports none of them.

    Every write that changes the counts of the summary (models.py) leaves an audit entry in
    its own transaction: on such an entry a `SummaryChange` row is written beside it (same
    transaction), and the next `dashboard_refresh --when-changed` counts again.
    """

    name = "sangtao.dashboard"
    verbose_name = _("Dashboards")

    def ready(self):
        from django.db.models.signals import post_save

        from sangtao.core.models import AuditEvent

        from .services import note_change

        post_save.connect(note_change, sender=AuditEvent, dispatch_uid="dashboard.note_change")
