"""The reports' computed sources of the activities (sangtao.reports.sources): events held,
people reached, inspections done and units with a response plan, each one SQL aggregate over
the report's subtree and the period's dates.

The dates are `DateField`s compared with the period's bounds (instants in Vietnam's time,
UTC+7, as `reports.sources.aggregate` passes them): a day D falls in [start, end) exactly when
D lies between the period's first and last days, on SQLite (text order) and PostgreSQL alike.
"""

from django.utils.translation import gettext_lazy as _

from sangtao.reports.sources import Figures, per_unit, source

from .models import Event, Inspection, ResponsePlan


@source("events_held", _("Events held in the period (talks, seminars, contests, reviews)"))
def events_held(*, period, scopes) -> Figures:
    return per_unit(period, scopes, Event, day="held_on")


@source("people_reached", _("People who took part in the period's events"))
def people_reached(*, period, scopes) -> Figures:
    return per_unit(period, scopes, Event, day="held_on", value="SUM(r.participants)")


@source("inspections_done", _("Inspections of lower levels made in the period"))
def inspections_done(*, period, scopes) -> Figures:
    return per_unit(period, scopes, Inspection, unit="inspector_id", day="inspected_on")


@source("units_with_plan", _("Units that issued a response plan to the movement in the period"))
def units_with_plan(*, period, scopes) -> Figures:
    movement = f"AND r.movement_id = {int(period.movement_id)}"
    return per_unit(period, scopes, ResponsePlan, day="issued_on", where=movement)


# Lines of the plan's template these sources now fill (they were entered by hand).
WIRED = {"events_held": "events_held", "people_reached": "people_reached"}
