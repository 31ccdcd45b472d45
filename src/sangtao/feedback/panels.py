"""The dashboard's panel of feedback in the subtree the dashboard shows: threads its units sent
(in the year), those waiting for the committee's answer, answered and closed. One query
whatever the data. Registered by `FeedbackConfig.ready()`."""

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy, pgettext

from sangtao.dashboard.panels import plain_panel

from .models import Thread


def feedback_for_dashboard(*, user, filters) -> dict:
    year = filters.year_shown
    threads = Thread.objects.filter(filters.subtree_q("unit__"))
    if year:
        threads = threads.filter(opened_at__year=year)
    State = Thread.State
    counts = threads.aggregate(
        sent=Count("pk"),
        open=Count("pk", filter=Q(state=State.OPEN)),
        answered=Count("pk", filter=Q(state=State.ANSWERED)),
        closed=Count("pk", filter=Q(state=State.CLOSED)),
    )
    rows = [
        (pgettext("dashboard panel", "Threads sent"), counts["sent"]),
        (pgettext("dashboard panel", "Waiting for an answer"), counts["open"]),
        (pgettext("dashboard panel", "Answered"), counts["answered"]),
        (pgettext("dashboard panel", "Closed"), counts["closed"]),
    ]
    return {"rows": rows}


PANEL = plain_panel(
    "feedback.counts",
    gettext_lazy("Feedback and recommendations"),
    feedback_for_dashboard,
    order=68,
)
