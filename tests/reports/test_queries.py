"""The roll-up runs the same statements whatever the number of units and initiatives below
(one aggregate per source over the subtree, never a query per unit or per row)."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sangtao.orgs.models import Level, UnitKind
from sangtao.orgs.services import unit_close
from sangtao.reports import services

from ..factories import make_unit
from .conftest import figure, filed, open_period, report_of


def communes_with_initiatives(movement, units, count: int) -> list:
    communes = []
    for number in range(count):
        commune = make_unit(f"Ủy ban MTTQ Việt Nam xã Tân Lập {number}", parent=units["district"])
        for day in range(1, number + 2):
            filed(movement, commune, datetime.date(2018, 2, day))
        communes.append(commune)
    return communes


def opened(movement, units, staff):
    return open_period(
        movement,
        units,
        staff["officer"],
        levels=Level.objects.filter(code__in=["district", "commune"]),
        kinds=UnitKind.objects.filter(code="front_committee"),
    )


def sent_below(period, units):
    """Every report below the province's marked as sent; the province's report."""
    period.reports.filter(parent__isnull=False).update(state="submitted")
    return report_of(period, units["province"])


def aggregates(period) -> int:
    """One aggregate per indicator with a source (other apps add sources)."""
    return period.indicators.exclude(source="").count()


def statements(report, staff) -> int:
    ContentType.objects.clear_cache()  # (the audit's, read once per process otherwise)
    with CaptureQueriesContext(connection) as captured:
        services.report_refresh(report=report, by=staff["officer"])
    return len(captured)


@pytest.mark.parametrize("count", [1, 6])
def test_roll_up_of_the_province_runs_the_same_statements_at_1_and_6_communes(
    count, movement, units, staff, data
):
    communes_with_initiatives(movement, units, count)
    period = opened(movement, units, staff)
    top = sent_below(period, units)
    assert statements(top, staff) == ROLL_UP + aggregates(period)
    # What the districts sent: Gò Dầu's school's initiative (Tân Châu's are its communes').
    assert figure(top, "initiatives_submitted") == (1, 1)


@pytest.mark.parametrize("count", [1, 6])
def test_roll_up_across_a_merger_runs_the_same_statements_at_1_and_6_communes(
    count, movement, units, staff, data
):
    communes = communes_with_initiatives(movement, units, count)
    period = opened(movement, units, staff)
    unit_close(
        unit=communes[0],
        on=datetime.date(2018, 3, 1),
        successors=[(units["commune"], "merged")],
        legal_basis="Nghị quyết sáp nhập xã",
    )
    top = sent_below(period, units)
    assert statements(top, staff) == ROLL_UP_ACROSS_A_MERGER + aggregates(period)
    assert figure(top, "initiatives_submitted") == (1, 1)


# Beside one aggregate per source: permission, the indicators, the scope ranges (read, written
# and analysed), the mergers of the period, the children's sent figures, the report's own figures,
# their update (in one statement, with a savepoint) and the audit.
ROLL_UP = 20
# The same, and the reports above the period's merger (to find whose side it is on).
ROLL_UP_ACROSS_A_MERGER = 21
