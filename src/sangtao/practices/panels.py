"""The dashboard's panel of practices, replications and applications of initiatives in the
subtree (and the year) the dashboard shows: three counts, three queries. Registered by
`PracticesConfig.ready()`."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

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
            (pgettext("dashboard panel", "Practices built"), count(Practice, "started_on")),
            (pgettext("dashboard panel", "Practices replicated"), count(Replication, "started_on")),
            (pgettext("dashboard panel", "Initiatives applied"), count(Application, "applied_on")),
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
