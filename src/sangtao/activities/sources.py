"""The reports' computed sources of the activities (sangtao.reports.sources): events held,
people reached, inspections done and units with a response plan, each one SQL aggregate over
the report's subtree and the period's dates.

The dates are `DateField`s compared with the period's bounds (instants in Vietnam's time,
UTC+7, as `reports.sources.aggregate` passes them): a day D falls in [start, end) exactly when
D lies between the period's first and last days, on SQLite (text order) and PostgreSQL alike.
"""

from django.utils.translation import gettext_lazy as _

from sangtao.reports import sources as reports
from sangtao.reports.sources import Figures, _by, _table, aggregate, source

from .models import Event, Inspection, ResponsePlan


@source("events_held", _("Events held in the period (talks, seminars, contests, reviews)"))
def events_held(*, period, scopes) -> Figures:
    rows = aggregate(
        period,
        scopes,
        rows=f"{_table(Event)} e",
        unit_column="e.unit_id",
        date_column="e.held_on",
    )
    return _by(rows)


@source("people_reached", _("People who took part in the period's events"))
def people_reached(*, period, scopes) -> Figures:
    rows = aggregate(
        period,
        scopes,
        rows=f"{_table(Event)} e",
        unit_column="e.unit_id",
        date_column="e.held_on",
        value="SUM(e.participants)",
    )
    return _by(rows)


@source("inspections_done", _("Inspections of lower levels made in the period"))
def inspections_done(*, period, scopes) -> Figures:
    rows = aggregate(
        period,
        scopes,
        rows=f"{_table(Inspection)} x",
        unit_column="x.inspector_id",
        date_column="x.inspected_on",
    )
    return _by(rows)


@source("units_with_plan", _("Units that issued a response plan to the movement in the period"))
def units_with_plan(*, period, scopes) -> Figures:
    rows = aggregate(
        period,
        scopes,
        rows=f"{_table(ResponsePlan)} p",
        unit_column="p.unit_id",
        date_column="p.issued_on",
        where=f"AND p.movement_id = {int(period.movement_id)}",
    )
    return _by(rows)


# Lines of the plan's template these sources now fill (they were entered by hand).
WIRED = {"events_held": "events_held", "people_reached": "people_reached"}


def wire_default_indicators() -> None:
    """Point the template's lines that these sources count at them, leaving any line another
    app already wired untouched (called once at start-up, by ActivitiesConfig.ready)."""
    reports.DEFAULT_INDICATORS = tuple(
        (code, name, WIRED[code] if code in WIRED and not src else src, unit)
        for code, name, src, unit in reports.DEFAULT_INDICATORS
    )
