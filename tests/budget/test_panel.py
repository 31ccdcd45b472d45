"""The dashboard's panel of money: estimated, approved, spent and contributions received in the
subtree and the year chosen, in two queries."""

import datetime

from sangtao.budget import services
from sangtao.budget.panels import money_for_dashboard
from sangtao.dashboard.selectors import Filters


def _line(unit, by, year, estimated, approved=None, spent=0):
    return services.budget_line_create(
        by=by,
        unit=unit,
        year=year,
        kind="communication",
        source="state_budget",
        activity="Tuyên truyền phong trào",
        estimated_vnd=estimated,
        approved_vnd=approved,
        approved_on=datetime.date(year, 2, 1) if approved is not None else None,
        spent_vnd=spent,
        spent_on=datetime.date(year, 9, 1) if spent else None,
    )


def test_the_panel_sums_the_subtrees_money_of_the_year(units, staff, django_assert_num_queries):
    officer = staff["officer"]
    _line(units["district"], officer, 2025, 20_000_000, 18_000_000, 15_000_000)
    _line(units["women"], officer, 2025, 10_000_000, 10_000_000)
    _line(units["district"], officer, 2024, 7_000_000, 7_000_000, 7_000_000)
    services.contribution_create(
        by=officer,
        unit=units["commune"],
        giver="Công ty TNHH Cao su Tân Biên",
        amount_vnd=50_000_000,
        received_on=datetime.date(2025, 5, 19),
    )

    with django_assert_num_queries(2):
        province = money_for_dashboard(
            user=None, filters=Filters(paths=(units["province"].path,), year=2025)
        )
    district = money_for_dashboard(
        user=None, filters=Filters(paths=(units["district"].path,), year=None)
    )

    assert province["rows"] == [
        ("Dự toán", "30.000.000 đ"),
        ("Được duyệt", "28.000.000 đ"),
        ("Đã chi", "15.000.000 đ"),
        ("Đóng góp đã nhận", "50.000.000 đ"),
        ("Số lượt đóng góp", 1),
    ]
    assert district["rows"] == [
        ("Dự toán", "27.000.000 đ"),
        ("Được duyệt", "25.000.000 đ"),
        ("Đã chi", "22.000.000 đ"),
        ("Đóng góp đã nhận", "50.000.000 đ"),
        ("Số lượt đóng góp", 1),
    ]
