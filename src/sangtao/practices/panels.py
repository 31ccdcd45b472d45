"""The dashboard's panel of practices, replications and applications of initiatives in the
subtree (and the year) the dashboard shows: three counts, three queries.

Not registered yet: tests/dashboard/test_views.py expects a dashboard without panels; once
that test allows registered ones, `PracticesConfig.ready()` calls `register(PANEL)`."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sangtao.dashboard.panels import Panel

from .models import Application, Practice, Replication


def counts_for_dashboard(*, user, filters) -> dict:
    def count(model, date_field: str) -> int:
        rows = model.objects.filter(filters.subtree_q("unit__"))
        if filters.year:
            rows = rows.filter(**{f"{date_field}__year": filters.year})
        return rows.count()

    return {
        "title": _("Practices, replications and applications"),
        "rows": [
            (_("Practices built"), count(Practice, "started_on")),
            (_("Practices replicated"), count(Replication, "started_on")),
            (_("Initiatives applied"), count(Application, "applied_on")),
        ],
        "note": "",
    }


PANEL = Panel(
    code="practices.counts",
    title=gettext_lazy("Practices, replications and applications"),
    template="dashboard/_panel.html",
    context=counts_for_dashboard,
    order=60,
)
