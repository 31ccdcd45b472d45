"""A report's pre-fill counts the questions and problems the units of its subtree sent in the
period."""

import datetime

import pytest
from django.utils import timezone

from sangtao.feedback import services
from sangtao.orgs.models import Level, UnitKind
from sangtao.reports import services as reports


def _at(year, month, day):
    return timezone.make_aware(datetime.datetime(year, month, day, 9, 0))


def _sent(unit, by, at):
    return services.thread_open(by=by, unit=unit, subject="Kinh phí", text="Xin hướng dẫn.", at=at)


@pytest.fixture
def period(movement, units, staff):
    _sent(units["women"], staff["women_clerk"], _at(2018, 1, 1))
    _sent(units["women"], staff["women_clerk"], _at(2018, 6, 30))
    _sent(units["women"], staff["women_clerk"], _at(2018, 7, 1))  # after the period
    _sent(units["school"], staff["school_clerk"], _at(2018, 3, 3))
    return reports.period_open(
        movement=movement,
        kind="six_month",
        title="Báo cáo 6 tháng đầu năm 2018",
        starts_on=datetime.date(2018, 1, 1),
        ends_on=datetime.date(2018, 6, 30),
        deadline=datetime.date(2018, 7, 10),
        levels=Level.objects.filter(code__in=["district", "province"]),
        kinds=UnitKind.objects.filter(code__in=["front_committee", "member_org"]),
        receivers=[units["province"]],
        indicators=[("feedback", "Phản ánh, kiến nghị", "feedback_sent", "")],
        sections=[("results", "Kết quả")],
        by=staff["officer"],
    )


def test_report_prefill_counts_the_threads_the_subtree_sent_in_the_period(period, units):
    def figure(unit):
        return period.reports.get(unit=unit).values.get(indicator__code="feedback").computed

    assert figure(units["women"]) == 2
    assert figure(units["district"]) == 1  # the school, below its commune
    assert figure(units["other_district"]) == 0
