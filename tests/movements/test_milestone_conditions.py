"""Milestones tied to a measurable condition show their progress and done date from the data;
the others stay ticked by hand."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from sangtao.accounts.models import Role
from sangtao.appraisal import services as appraisal
from sangtao.appraisal.models import Council
from sangtao.movements import plan_defaults, selectors, services
from sangtao.movements.models import Milestone
from sangtao.reports import services as reports
from sangtao.reports.models import ReportPeriod

from ..factories import make_movement, make_unit, make_user

pytestmark = pytest.mark.django_db

PROVINCE_COUNCIL = "Thành lập Hội đồng thẩm định xét và đề nghị công nhận sáng kiến cấp tỉnh"


@pytest.fixture
def tree():
    central = make_unit("Ủy ban Trung ương MTTQ Việt Nam")
    province = make_unit("Ủy ban MTTQ Việt Nam tỉnh Tây Ninh", parent=central)
    district = make_unit("Ủy ban MTTQ Việt Nam huyện Hòa Thành", parent=province)
    commune = make_unit("Ủy ban MTTQ Việt Nam xã Long Thành Bắc", parent=district)
    officer = make_user("phongtrao", unit=province, roles=((Role.OFFICER, province),))
    secretary = make_user(
        "thuky",
        unit=province,
        roles=((Role.SECRETARY, province), (Role.SECRETARY, commune)),
    )
    clerk = make_user("vanthu", unit=commune, roles=((Role.CLERK, commune),))
    district_clerk = make_user("vanthu_huyen", unit=district, roles=((Role.CLERK, district),))
    movement = make_movement(province, year=2019)
    return dict(
        province=province,
        district=district,
        commune=commune,
        officer=officer,
        secretary=secretary,
        clerk=clerk,
        district_clerk=district_clerk,
        movement=movement,
    )


def _council(t, unit, name, created):
    council = appraisal.council_create(
        round=t["movement"].rounds.get(),
        unit=unit,
        by=t["secretary"],
        data={"name": name, "appraisers_per_initiative": 1},
    )
    # The council was set up on `created` (the service stamps today's date).
    Council.objects.filter(pk=council.pk).update(created_at=created)
    return council


def _milestone(t, **extra) -> Milestone:
    return services.milestone_add(
        movement=t["movement"],
        due_on=datetime.date(2019, 6, 30),
        title=PROVINCE_COUNCIL,
        by=t["officer"],
        **extra,
    )


def _measured(t) -> Milestone:
    return selectors.milestone_progress(movement=t["movement"])[0]


def test_province_council_milestone_done_on_creation_date_not_overdue(tree, client):
    _milestone(tree, condition="council_level", condition_params={"level": "province"})
    _council(
        tree,
        tree["province"],
        "Hội đồng thẩm định tỉnh Tây Ninh 2019",
        timezone.make_aware(datetime.datetime(2019, 5, 20, 9, 0)),
    )

    milestone = _measured(tree)

    assert (milestone.progress.done, milestone.progress.needed) == (1, 1)
    assert milestone.done_on == datetime.date(2019, 5, 20)
    assert milestone.is_overdue is False
    client.force_login(tree["officer"])
    page = client.get(reverse("movements:detail", args=[tree["movement"].pk])).content.decode()
    assert "Quá hạn" not in page
    assert "Hoàn thành ngày 20/05/2019" in page


def test_council_milestone_without_the_level_council_is_overdue(tree):
    _milestone(tree, condition="council_level", condition_params={"level": "province"})
    _council(
        tree,
        tree["commune"],
        "Hội đồng thẩm định xã Long Thành Bắc",
        timezone.make_aware(datetime.datetime(2019, 3, 1, 9, 0)),
    )

    milestone = _measured(tree)

    assert (milestone.progress.done, milestone.progress.needed) == (0, 1)
    assert milestone.done_on is None
    assert milestone.is_overdue is True


def test_council_milestone_of_another_year_counts_only_that_round(tree):
    _milestone(
        tree, condition="council_level", condition_params={"level": "province", "year": 2020}
    )
    _council(
        tree,
        tree["province"],
        "Hội đồng thẩm định tỉnh Tây Ninh 2019",
        timezone.make_aware(datetime.datetime(2019, 5, 20, 9, 0)),
    )

    milestone = _measured(tree)

    assert (milestone.progress.done, milestone.progress.needed, milestone.done_on) == (0, 1, None)


def _period(t) -> ReportPeriod:
    return reports.period_open(
        movement=t["movement"],
        kind=ReportPeriod.Kind.SIX_MONTH,
        title="Báo cáo 6 tháng đầu năm 2019",
        starts_on=datetime.date(2019, 1, 1),
        ends_on=datetime.date(2019, 6, 30),
        deadline=datetime.date(2019, 7, 15),
        levels=(),
        kinds=(),
        receivers=[t["province"]],
        units=[t["district"], t["commune"]],
        by=t["officer"],
    )


def test_report_period_milestone_counts_sent_reports_until_all_are_sent(tree):
    _milestone(tree, condition="report_period", condition_params={"kind": "six_month"})
    period = _period(tree)
    reports.report_submit(report=period.reports.get(unit=tree["commune"]), by=tree["clerk"])

    halfway = _measured(tree)
    assert (halfway.progress.done, halfway.progress.needed, halfway.done_on) == (1, 2, None)

    reports.report_submit(
        report=period.reports.get(unit=tree["district"]), by=tree["district_clerk"]
    )
    done = _measured(tree)
    assert (done.progress.done, done.progress.needed) == (2, 2)
    assert done.done_on == timezone.localdate()


def test_report_period_milestone_done_on_deadline_when_closed(tree):
    _milestone(tree, condition="report_period", condition_params={"kind": "six_month"})
    period = _period(tree)
    ReportPeriod.objects.filter(pk=period.pk).update(state=ReportPeriod.State.CLOSED)

    milestone = _measured(tree)

    assert (milestone.progress.done, milestone.progress.needed) == (0, 2)
    assert milestone.done_on == datetime.date(2019, 7, 15)


def test_report_period_milestone_without_a_period_of_the_kind_is_pending(tree):
    _milestone(tree, condition="report_period", condition_params={"kind": "annual"})
    _period(tree)

    milestone = _measured(tree)

    assert (milestone.progress.done, milestone.progress.needed, milestone.done_on) == (0, 1, None)


def test_hand_ticked_milestone_keeps_its_date_and_no_progress(tree):
    milestone = _milestone(tree)
    services.milestone_mark_done(
        milestone=milestone, done_on=datetime.date(2019, 6, 1), by=tree["officer"]
    )

    measured = _measured(tree)

    assert measured.progress is None
    assert measured.done_on == datetime.date(2019, 6, 1)


def test_movement_page_timeline_lists_milestones_by_year(tree, client):
    _milestone(tree)
    services.milestone_add(
        movement=tree["movement"],
        due_on=datetime.date(2020, 12, 31),
        title="Sơ kết phong trào năm 2020",
        by=tree["officer"],
    )
    client.force_login(tree["officer"])

    response = client.get(reverse("movements:detail", args=[tree["movement"].pk]))

    assert [(year, [m.title for m in items]) for year, items in response.context["timeline"]] == [
        (2019, [PROVINCE_COUNCIL]),
        (2020, ["Sơ kết phong trào năm 2020"]),
    ]


def test_new_movement_province_council_milestone_is_measured(tree):
    movement = services.movement_create(
        unit=tree["province"],
        by=tree["officer"],
        name="Đoàn kết sáng tạo 2019-2021",
        start_year=2019,
        end_year=2021,
    )
    council = appraisal.council_create(
        round=movement.rounds.order_by("year").first(),
        unit=tree["province"],
        by=tree["secretary"],
        data={"name": "Hội đồng thẩm định tỉnh Tây Ninh 2019", "appraisers_per_initiative": 1},
    )

    milestone = next(
        m
        for m in selectors.milestone_progress(movement=movement)
        if m.title == plan_defaults.PROVINCE_COUNCIL_TASK
    )

    assert milestone.done_on == timezone.localdate(council.created_at)
    assert milestone.is_overdue is False
