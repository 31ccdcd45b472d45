"""A commune merged into its neighbour in March counts once, under its successor."""

import datetime

import pytest

from sangtao.orgs.models import Level, UnitKind
from sangtao.orgs.services import unit_close
from sangtao.reports import selectors, services

from ..factories import make_user
from .conftest import figure, filed, open_period, report_of


@pytest.fixture
def merged(movement, units, staff, data):
    """Xã Tân Hòa (with its school) merges into xã Tân Hà on 1 March 2018, after the period
    opened; Tân Hà files one initiative in April."""
    from ..factories import make_unit

    tan_ha = make_unit("Ủy ban MTTQ Việt Nam xã Tân Hà", parent=units["district"])
    period = open_period(
        movement,
        units,
        staff["officer"],
        levels=Level.objects.filter(code="commune"),
        kinds=UnitKind.objects.filter(code="front_committee"),
    )
    unit_close(
        unit=units["commune"],
        on=datetime.date(2018, 3, 1),
        successors=[(tan_ha, "merged")],
        legal_basis="Nghị quyết sáp nhập xã",
    )
    filed(movement, tan_ha, datetime.date(2018, 4, 4))
    from sangtao.accounts.models import Role

    clerks = {
        "tan_hoa": make_user("vanthu.tanhoa", roles=((Role.CLERK, units["commune"]),)),
        "tan_ha": make_user("vanthu.tanha", roles=((Role.CLERK, tan_ha),)),
    }
    return period, tan_ha, clerks


def test_merged_commune_counts_once_under_its_successor(merged, units):
    period, tan_ha, clerks = merged
    successor = report_of(period, tan_ha)
    services.report_refresh(report=successor, by=clerks["tan_ha"])
    # Its own initiative and the two the merged commune's school filed in the half year.
    assert figure(successor, "initiatives_submitted") == (3, 3)
    old = report_of(period, units["commune"])
    services.report_submit(report=old, by=clerks["tan_hoa"])
    services.report_submit(report=successor, by=clerks["tan_ha"])
    top = report_of(period, units["province"])
    # 3 under Tân Hà (not 2 more for Tân Hòa) + 1 of Gò Dầu, where no commune reports.
    assert figure(top, "initiatives_submitted") == (4, 4)
    roll = selectors.roll_up(report=top)
    assert [child.unit.name for child in roll.children] == ["Ủy ban MTTQ Việt Nam xã Tân Hà"]
    indicator = period.indicators.get(code="initiatives_submitted")
    assert roll.by_unit[successor.pk][indicator.pk] == 3


def test_merged_commune_is_not_late_and_names_its_successor(merged, units):
    period, tan_ha, _clerks = merged
    rows = selectors.status_rows(
        period=period,
        reports=list(selectors.period_reports(period=period)),
        today=datetime.date(2018, 8, 1),
    )
    state = {row.report.unit.name: (row.late, row.successor) for row in rows}
    assert state == {
        "Ủy ban MTTQ Việt Nam tỉnh Tây Ninh": (False, ""),
        "Ủy ban MTTQ Việt Nam xã Tân Hòa": (False, "Ủy ban MTTQ Việt Nam xã Tân Hà"),
        "Ủy ban MTTQ Việt Nam xã Tân Hà": (True, ""),
    }


def test_commune_merged_across_districts_counts_once_on_the_successor_side(
    movement, units, staff, data
):
    """Tân Hòa (Tân Châu, with its school's two initiatives) merges into a commune of Gò Dầu:
    Gò Dầu counts them, Tân Châu no longer does, the province counts them once."""
    from ..factories import make_unit

    thanh_duc = make_unit("Ủy ban MTTQ Việt Nam xã Thạnh Đức", parent=units["other_district"])
    unit_close(
        unit=units["commune"], on=datetime.date(2018, 3, 1), successors=[(thanh_duc, "merged")]
    )
    period = open_period(movement, units, staff["officer"])
    assert figure(report_of(period, units["district"]), "initiatives_submitted") == (0, 0)
    assert figure(report_of(period, units["other_district"]), "initiatives_submitted") == (3, 3)
    for unit, clerk in (
        (units["district"], staff["district_clerk"]),
        (units["other_district"], staff["other_clerk"]),
    ):
        services.report_submit(report=report_of(period, unit), by=clerk)
    assert figure(report_of(period, units["province"]), "initiatives_submitted") == (3, 3)
