"""The dashboard's panel of plans, events and inspections: what lies in the subtree (and the
year) chosen, in the same five queries whatever the data."""

import datetime

import pytest

from sangtao.activities import services
from sangtao.activities.panels import activities_for_dashboard
from sangtao.dashboard.selectors import Filters

from ..factories import make_unit


def _rows(filters) -> dict:
    return dict(activities_for_dashboard(user=None, filters=filters)["rows"])


def _event(unit, by, day, people):
    return services.event_create(
        by=by,
        unit=unit,
        kind="talk",
        title="Tọa đàm về phong trào",
        held_on=day,
        place="Hội trường",
        participants=people,
    )


@pytest.fixture
def recorded(movement, units, staff):
    officer = staff["officer"]
    youth = make_unit(
        "Tỉnh Đoàn Tây Ninh",
        parent=units["province"],
        kind_code="member_org",
        level_code="province",
    )
    services.plan_create(
        by=officer,
        movement=movement,
        unit=units["women"],
        number="18/KH-HLHPN",
        issued_on=datetime.date(2018, 3, 12),
        signer="Nguyễn Thị Bích Thủy",
    )
    _event(units["district"], officer, datetime.date(2018, 4, 20), 120)
    _event(units["commune"], officer, datetime.date(2018, 6, 15), 80)
    _event(units["women"], officer, datetime.date(2019, 5, 2), 60)
    services.inspection_create(
        by=officer,
        inspector=units["province"],
        inspected=units["women"],
        inspected_on=datetime.date(2018, 10, 14),
        findings="Hội đã triển khai kế hoạch đến cơ sở.",
        recommendations="Cập nhật danh sách sáng kiến.",
        follow_up_due=datetime.date(2018, 11, 30),
    )
    services.inspection_create(
        by=officer,
        inspector=units["district"],
        inspected=units["commune"],
        inspected_on=datetime.date(2018, 11, 2),
        findings="Xã đã có mô hình.",
        recommendations="Nhân rộng mô hình.",
        follow_up_due=datetime.date(2099, 1, 31),
    )
    return youth


def test_the_province_sees_plans_events_and_open_follow_ups(recorded, units):
    rows = _rows(Filters(paths=(units["province"].path,), year=2018))
    assert rows == {
        # The women's union has its plan; the youth union, the committees of both districts
        # and of the commune have none yet.
        "Đơn vị đã có kế hoạch hưởng ứng": 1,
        "Đơn vị chưa có kế hoạch hưởng ứng": 4,
        "Sự kiện đã tổ chức": 2,
        "Lượt người tham gia sự kiện": 200,
        "Cuộc kiểm tra đã thực hiện": 2,
        "Kiến nghị chờ đơn vị trả lời": 2,
        "trong đó quá hạn": 1,
    }


def test_a_district_sees_only_its_subtree(recorded, units):
    context = activities_for_dashboard(
        user=None, filters=Filters(paths=(units["district"].path,), year=None)
    )
    assert dict(context["rows"]) == {
        "Đơn vị đã có kế hoạch hưởng ứng": 0,
        "Đơn vị chưa có kế hoạch hưởng ứng": 2,
        "Sự kiện đã tổ chức": 2,
        "Lượt người tham gia sự kiện": 200,
        "Cuộc kiểm tra đã thực hiện": 1,
        "Kiến nghị chờ đơn vị trả lời": 1,
        "trong đó quá hạn": 0,
    }
    assert context["note"] == "Kế hoạch hưởng ứng phong trào “Đoàn kết sáng tạo 2018-2020”."


@pytest.mark.parametrize("more", [0, 10])
def test_the_panel_runs_five_queries_whatever_the_rows(
    more, recorded, units, staff, django_assert_num_queries
):
    for number in range(more):
        _event(units["commune"], staff["officer"], datetime.date(2018, 7, 1 + number), number)
    with django_assert_num_queries(5):
        _rows(Filters(paths=(units["province"].path,), year=2018))
