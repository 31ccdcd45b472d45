"""The reports' computed sources of the movement's money (sangtao.reports.sources): money
spent (budget lines settled in the period) and contributions the fund received in the period,
each one SQL aggregate over the report's subtree and the period's dates.

A budget line counts in the period that holds the day its spending was settled (`spent_on`),
whatever its source; a contribution in the period that holds the day it was received.
"""

from django.utils.translation import gettext_lazy as _

from sangtao.reports import sources as reports
from sangtao.reports.sources import Figures, _by, _table, aggregate, source

from .models import BudgetLine, Contribution


def _summed(period, scopes, model, amount: str, day: str, groups=(), prefixes=()) -> Figures:
    rows = aggregate(
        period,
        scopes,
        rows=f"{_table(model)} r",
        unit_column="r.unit_id",
        date_column=f"r.{day}",
        groups=groups,
        value=f"SUM(r.{amount})",
    )
    return _by(rows, *prefixes)


@source("budget_spent", _("Money spent on the movement in the period (VND)"))
def budget_spent(*, period, scopes) -> Figures:
    """Per scope: the total, and its parts "kind:<kind>" and "source:<source>" (one query)."""
    return _summed(
        period,
        scopes,
        BudgetLine,
        "spent_vnd",
        "spent_on",
        groups=("r.kind", "r.source"),
        prefixes=("kind", "source"),
    )


@source("contributions_received", _("Contributions the fund received in the period (VND)"))
def contributions_received(*, period, scopes) -> Figures:
    return _summed(period, scopes, Contribution, "amount_vnd", "received_on")


# Lines of the plan's template these sources now fill (they were entered by hand).
WIRED = {"money_spent_vnd": "budget_spent", "money_contributed_vnd": "contributions_received"}


def wire_default_indicators() -> None:
    """Point the template's money lines at these sources, leaving any line another app
    already wired untouched (called once at start-up, by BudgetConfig.ready)."""
    reports.DEFAULT_INDICATORS = tuple(
        (code, name, WIRED[code] if code in WIRED and not src else src, unit)
        for code, name, src, unit in reports.DEFAULT_INDICATORS
    )
