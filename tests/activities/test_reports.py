"""A report's pre-fill counts the activities of the unit's subtree within the period's dates:
events held, people reached, inspections done and units with a response plan."""

import datetime

import pytest

from sangtao.activities import services
from sangtao.activities.models import Event
from sangtao.orgs.models import Level, UnitKind
from sangtao.reports import services as reports
from sangtao.reports.sources import DEFAULT_INDICATORS

pytestmark = pytest.mark.django_db

H1 = (datetime.date(2018, 1, 1), datetime.date(2018, 6, 30))


def _event(unit, by, day, participants):
    return services.event_create(
        by=by,
        unit=unit,
        kind=Event.Kind.TALK,
        title=f"Tọa đàm {unit.name} {day}",
        held_on=day,
        place="Hội trường",
        participants=participants,
    )


def _figure(period, unit, code):
    value = period.reports.get(unit=unit).values.get(indicator__code=code, key="")
    return value.computed


@pytest.fixture
def period(movement, units, staff):
    officer = staff["officer"]
    district = units["district"]
    _event(district, officer, datetime.date(2018, 1, 1), 100)  # first day of the period
    _event(units["commune"], officer, datetime.date(2018, 6, 30), 40)  # last day, below
    _event(district, officer, datetime.date(2018, 7, 1), 500)  # after the period
    _event(units["other_district"], officer, datetime.date(2018, 3, 3), 70)
    services.inspection_create(
        by=officer,
        inspector=district,
        inspected=units["commune"],
        inspected_on=datetime.date(2018, 5, 5),
        findings="Đã triển khai phong trào đến các khu dân cư.",
    )
    for unit in (district, units["commune"]):
        services.plan_create(
            by=officer,
            movement=movement,
            unit=unit,
            number=f"{unit.pk}/KH-MTTQ",
            issued_on=datetime.date(2018, 2, 1),
            signer="Nguyễn Văn Bình",
        )
    indicators = [
        ("events_held", "Sự kiện", "events_held", ""),
        ("people_reached", "Người tham gia", "people_reached", ""),
        ("inspections_done", "Kiểm tra", "inspections_done", ""),
        ("units_with_plan", "Kế hoạch hưởng ứng", "units_with_plan", ""),
    ]
    return reports.period_open(
        movement=movement,
        kind="six_month",
        title="Báo cáo 6 tháng đầu năm 2018",
        starts_on=H1[0],
        ends_on=H1[1],
        deadline=datetime.date(2018, 7, 10),
        levels=Level.objects.filter(code__in=["district", "province"]),
        kinds=UnitKind.objects.filter(code__in=["front_committee", "member_org"]),
        receivers=[units["province"]],
        indicators=indicators,
        sections=[("results", "Kết quả")],
        by=officer,
    )


def test_report_prefill_counts_the_events_of_the_subtree_in_the_period(period, units):
    assert _figure(period, units["district"], "events_held") == 2
    assert _figure(period, units["district"], "people_reached") == 140
    assert _figure(period, units["other_district"], "events_held") == 1
    assert _figure(period, units["other_district"], "people_reached") == 70
    assert _figure(period, units["women"], "events_held") == 0


def test_report_prefill_counts_inspections_and_units_with_a_plan(period, units):
    assert _figure(period, units["district"], "inspections_done") == 1
    assert _figure(period, units["district"], "units_with_plan") == 2
    assert _figure(period, units["other_district"], "inspections_done") == 0
    assert _figure(period, units["other_district"], "units_with_plan") == 0


def test_report_template_reads_events_and_people_from_the_register():
    sources = {code: src for code, _name, src, _unit in DEFAULT_INDICATORS}
    assert sources["events_held"] == "events_held"
    assert sources["people_reached"] == "people_reached"
