"""The budget's summary page beyond the register plumbing: a unit's subtree's budget of a
year, by kind of activity and source of money."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from . import selectors
from .services import FIRST_YEAR

UNITS_OFFERED = 200  # units in the picker; others are reached with ?unit=


def _number(value: str) -> int | None:
    return int(value) if value.isdigit() else None


@login_required
@require_safe
def summary(request):
    """The totals of the chosen unit (or the first the person follows) and its subtree."""
    if not request.user.has_perm("budget.list_budgetline"):
        raise PermissionDenied
    unit = selectors.summary_unit(user=request.user, pk=_number(request.GET.get("unit", "")))
    if unit is None or not request.user.has_perm("budget.view_summary", unit):
        raise Http404
    this_year = timezone.localdate().year
    year = _number(request.GET.get("year", "")) or this_year
    if not FIRST_YEAR <= year <= this_year + 1:
        year = this_year
    return render(
        request,
        "budget/summary.html",
        {
            "unit": unit,
            "year": year,
            "years": range(this_year + 1, FIRST_YEAR - 1, -1),
            "units": selectors.summary_units(user=request.user)[:UNITS_OFFERED],
            "summary": selectors.summary(unit=unit, year=year),
        },
    )
