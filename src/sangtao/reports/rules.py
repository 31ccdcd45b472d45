"""Who may do what with report periods and reports.

- A movement officer or administrator over a period's compiling unit manages the period: opens
  it, follows who submitted and who is late, returns or accepts the reports sent to it.
- A unit's report is written by the clerks, officers and administrators of that unit, or of a
  unit between it and the unit it reports to (never by the level it reports to, nor by a
  sibling). A draft or returned report is seen by its writers only.
- Once sent, a report is seen by the level it reports to (any staff role or leader over that
  unit) and, when it is addressed to the period's receivers (the reports made straight to the
  compiling unit, and the compiling unit's own), by the staff and leaders of the receivers.
  A receiver sees nothing else.
"""

import rules

from sangtao.accounts.models import Role
from sangtao.accounts.scope import has_role, has_role_over, role_paths

MANAGERS = frozenset({Role.OFFICER, Role.ADMIN})
WRITERS = frozenset({Role.CLERK, Role.OFFICER, Role.ADMIN})
READERS = WRITERS | {Role.LEADER}


def receivers_of(period) -> list:
    """The period's receivers, read once per period object."""
    cached = getattr(period, "_receivers", None)
    if cached is None:
        cached = period._receivers = list(period.receivers.all())
    return cached


@rules.predicate
def manages_period(user, period) -> bool:
    return period is not None and has_role_over(user, MANAGERS, period.unit)


@rules.predicate
def opens_periods(user) -> bool:
    return has_role(user, MANAGERS)


@rules.predicate
def opens_period_for(user, movement) -> bool:
    """May open a period of this movement: officer over the committee that runs it."""
    return movement is not None and has_role_over(user, MANAGERS, movement.unit)


@rules.predicate
def writes_report(user, report) -> bool:
    if report is None:
        return False
    above = report.parent.unit.path if report.parent_id else None
    return any(
        report.unit.path.startswith(path) and not (above and above.startswith(path))
        for role in WRITERS
        for path in role_paths(user).get(role, ())
    )


def addressed_to_receivers(report) -> bool:
    """The compiling unit's own report and the reports made straight to it."""
    return report.parent_id is None or report.parent.parent_id is None


@rules.predicate
def reviews_report(user, report) -> bool:
    """Sent to a unit the user covers: the level above, or a receiver."""
    if report is None or not report.is_sent:
        return False
    if report.parent_id and has_role_over(user, READERS, report.parent.unit):
        return True
    return addressed_to_receivers(report) and any(
        has_role_over(user, READERS, unit) for unit in receivers_of(report.period)
    )


@rules.predicate
def decides_report(user, report) -> bool:
    """May return or accept a sent report: officer over the level above, or over a receiver
    for the reports addressed to the receivers."""
    if report is None:
        return False
    if report.parent_id and has_role_over(user, MANAGERS, report.parent.unit):
        return True
    return addressed_to_receivers(report) and any(
        has_role_over(user, MANAGERS, unit) for unit in receivers_of(report.period)
    )


@rules.predicate
def takes_part(user) -> bool:
    return has_role(user, READERS)


rules.add_perm("reports.view_periods", rules.is_authenticated)
rules.add_perm("reports.view_reports_menu", rules.is_authenticated & takes_part)
rules.add_perm("reports.add_reportperiod", rules.is_authenticated & opens_periods)
rules.add_perm("reports.open_period_for_movement", rules.is_authenticated & opens_period_for)
rules.add_perm("reports.manage_reportperiod", rules.is_authenticated & manages_period)
rules.add_perm("reports.view_report", rules.is_authenticated & (writes_report | reviews_report))
rules.add_perm("reports.change_report", rules.is_authenticated & writes_report)
rules.add_perm("reports.decide_report", rules.is_authenticated & decides_report)
