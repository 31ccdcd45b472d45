"""The dashboard's panel of practices, replications and applications of initiatives in the
subtree (and the year) the dashboard shows: three counts, three queries. Registered by
`PracticesConfig.ready()`."""

from django.utils.translation import gettext_lazy, pgettext

from sangtao.dashboard.panels import plain_panel

from .models import Application, Practice, Replication


def counts_for_dashboard(*, user, filters) -> dict:
    def count(model, date_field: str) -> int:
        rows = model.objects.filter(filters.subtree_q("unit__"))
        if filters.year:
            rows = rows.filter(**{f"{date_field}__year": filters.year})
        return rows.count()

    rows = [
        (pgettext("dashboard panel", "Practices built"), count(Practice, "started_on")),
        (pgettext("dashboard panel", "Practices replicated"), count(Replication, "started_on")),
        (pgettext("dashboard panel", "Initiatives applied"), count(Application, "applied_on")),
    ]
    return {"rows": rows}


PANEL = plain_panel(
    "practices.counts",
    gettext_lazy("Practices, replications and applications"),
    counts_for_dashboard,
    order=60,
)
