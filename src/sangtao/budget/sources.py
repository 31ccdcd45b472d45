"""The reports' computed sources of the movement's money (sangtao.reports.sources): money
spent (budget lines settled in the period) and contributions the fund received in the period,
each one SQL aggregate over the report's subtree and the period's dates.

A budget line counts in the period that holds the day its spending was settled (`spent_on`),
whatever its source; a contribution in the period that holds the day it was received.
"""

from django.utils.translation import gettext_lazy as _

from sangtao.reports.sources import Figures, per_unit, source

from .models import BudgetLine, Contribution


@source("budget_spent", _("Money spent on the movement in the period (VND)"))
def budget_spent(*, period, scopes) -> Figures:
    """Per scope: the total, and its parts "kind:<kind>" and "source:<source>" (one query)."""
    return per_unit(
        period,
        scopes,
        BudgetLine,
        day="spent_on",
        value="SUM(r.spent_vnd)",
        groups=("r.kind", "r.source"),
        prefixes=("kind", "source"),
    )


@source("contributions_received", _("Contributions the fund received in the period (VND)"))
def contributions_received(*, period, scopes) -> Figures:
    return per_unit(period, scopes, Contribution, day="received_on", value="SUM(r.amount_vnd)")


# Lines of the plan's template these sources now fill (they were entered by hand).
WIRED = {"money_spent_vnd": "budget_spent", "money_contributed_vnd": "contributions_received"}
