"""The dashboard's panel of the movement's money in the subtree (and the year) the dashboard
shows: approved and spent on the budget lines, contributions received. Two queries whatever
the data. Registered by `BudgetConfig.ready()`."""

from django.db.models import Count, Sum
from django.utils.translation import gettext_lazy, pgettext

from sangtao.core.templatetags.sangtao import vnd
from sangtao.dashboard.panels import plain_panel

from .models import BudgetLine, Contribution


def money_for_dashboard(*, user, filters) -> dict:
    year = filters.year_shown
    lines = BudgetLine.objects.filter(filters.subtree_q("unit__"))
    contributions = Contribution.objects.filter(filters.subtree_q("unit__"))
    if year:
        lines = lines.filter(year=year)
        contributions = contributions.filter(received_on__year=year)
    budget = lines.aggregate(
        estimated=Sum("estimated_vnd"), approved=Sum("approved_vnd"), spent=Sum("spent_vnd")
    )
    received = contributions.aggregate(total=Sum("amount_vnd"), count=Count("pk"))
    rows = [
        (pgettext("dashboard panel", "Estimated"), vnd(budget["estimated"] or 0)),
        (pgettext("dashboard panel", "Approved"), vnd(budget["approved"] or 0)),
        (pgettext("dashboard panel", "Spent"), vnd(budget["spent"] or 0)),
        (pgettext("dashboard panel", "Contributions received"), vnd(received["total"] or 0)),
        (pgettext("dashboard panel", "Contributions recorded"), received["count"]),
    ]
    return {"rows": rows}


PANEL = plain_panel(
    "budget.money", gettext_lazy("Budget and contributions"), money_for_dashboard, order=64
)
