"""The reports' part of the demo."""

import datetime

from sangtao.reports import selectors
from sangtao.reports.demo import build_demo


def test_build_demo_opens_a_period_with_two_sent_and_one_late(movement, units, staff, data):
    period = build_demo(
        movement=movement,
        units=[units["district"], units["women"], units["other_district"]],
        officer=staff["officer"],
        writers=[staff["district_clerk"], staff["women_clerk"]],
        year=2018,
    )
    rows = selectors.status_rows(
        period=period,
        reports=list(selectors.period_reports(period=period)),
        today=datetime.date(2018, 8, 1),
    )
    assert {row.report.unit.name: (row.report.state, row.late) for row in rows} == {
        "Ủy ban MTTQ Việt Nam tỉnh Tây Ninh": ("draft", False),
        "Ủy ban MTTQ Việt Nam huyện Gò Dầu": ("draft", True),
        "Hội Liên hiệp Phụ nữ tỉnh Tây Ninh": ("submitted", False),
        "Ủy ban MTTQ Việt Nam huyện Tân Châu": ("submitted", False),
    }
    district = period.reports.get(unit=units["district"]).values.get(
        indicator__code="events_held", key=""
    )
    assert (district.computed, district.value, district.reason) == (
        0,
        1,
        "Thêm 01 buổi tọa đàm ở chi hội chưa ghi vào sổ hoạt động.",
    )
    top = period.reports.get(parent__isnull=True)
    assert top.values.get(indicator__code="events_held", key="").computed == 1
