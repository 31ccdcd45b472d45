"""The reports' pre-fill counts practices built, replicated and initiatives applied over each
unit's subtree and the period's days (the first and the last included)."""

import datetime

import pytest

from sangtao.orgs.models import Level, UnitKind
from sangtao.practices import services
from sangtao.reports import services as reports

from .conftest import practice

pytestmark = pytest.mark.django_db

INDICATORS = [
    ("practices_built", "Mô hình xây dựng", "practices_built", ""),
    ("practices_replicated", "Mô hình nhân rộng", "practices_replicated", ""),
    ("initiatives_applied", "Sáng kiến được áp dụng", "initiatives_applied", ""),
]


def _figure(period, unit, code):
    return period.reports.get(unit=unit).values.get(indicator__code=code, key="").value


def test_report_prefill_counts_practices_replications_and_applications(
    units, staff, movement, initiative
):
    officer = staff["officer"]
    first, last = datetime.date(2018, 1, 1), datetime.date(2018, 6, 30)
    built = practice(units["women"], officer, day=first)
    practice(units["women"], officer, day=last, title="Mô hình thứ hai")
    practice(units["women"], officer, day=datetime.date(2017, 12, 31), title="Trước kỳ")
    practice(units["district"], officer, day=datetime.date(2018, 7, 1), title="Sau kỳ")
    practice(units["school"], officer, day=datetime.date(2018, 2, 1), title="Của trường")
    services.replication_create(
        by=officer, practice=built, unit=units["commune"], started_on=datetime.date(2018, 3, 1)
    )
    for unit in (units["commune"], units["women"], units["youth"]):
        services.application_create(
            by=officer,
            initiative=initiative,
            unit=unit,
            applied_on=datetime.date(2018, 5, 2),
            scope="Toàn đơn vị",
        )
    period = reports.period_open(
        movement=movement,
        kind="six_month",
        title="Báo cáo 6 tháng đầu năm 2018",
        starts_on=first,
        ends_on=last,
        deadline=datetime.date(2018, 7, 10),
        levels=Level.objects.filter(code__in=["district", "province"]),
        kinds=UnitKind.objects.filter(code__in=["front_committee", "member_org"]),
        receivers=[units["province"]],
        indicators=INDICATORS,
        sections=[("results", "Kết quả")],
        by=officer,
    )
    women, district = units["women"], units["district"]
    assert _figure(period, women, "practices_built") == 2
    assert _figure(period, district, "practices_built") == 1  # the school, below it
    assert _figure(period, district, "practices_replicated") == 1
    assert _figure(period, women, "practices_replicated") == 0
    assert _figure(period, district, "initiatives_applied") == 1
    assert _figure(period, women, "initiatives_applied") == 1
    assert _figure(period, units["youth"], "initiatives_applied") == 1
    assert _figure(period, units["other_district"], "practices_built") == 0
