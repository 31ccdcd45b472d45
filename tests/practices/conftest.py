"""Tây Ninh's province with its women's union and youth union, the district of Tân Châu and
the district of Gò Dầu; a clerk of each union, the province officer, a clerk of Gò Dầu."""

import datetime

import pytest

from sangtao.accounts.models import Role
from sangtao.initiatives.models import Initiative
from sangtao.practices import services

from .. import factories as f


@pytest.fixture
def units(tree):
    province = tree["province"]
    return tree | {
        "women": f.make_unit(
            "Hội Liên hiệp Phụ nữ tỉnh Tây Ninh",
            parent=province,
            kind_code="member_org",
            level_code="province",
        ),
        "youth": f.make_unit(
            "Tỉnh Đoàn Tây Ninh", parent=province, kind_code="member_org", level_code="province"
        ),
    }


@pytest.fixture
def staff(units, people):
    return people | {
        "women_clerk": f.make_user(
            "vanthu.phunu", unit=units["women"], roles=((Role.CLERK, units["women"]),)
        ),
        "youth_clerk": f.make_user(
            "vanthu.doan", unit=units["youth"], roles=((Role.CLERK, units["youth"]),)
        ),
    }


@pytest.fixture
def initiative(movement, units, people):
    """A recognised initiative of the Tân Hòa school."""
    return Initiative.objects.create(
        title="Ứng dụng Zalo OA trong tiếp nhận phản ánh của Nhân dân",
        round=movement.rounds.get(year=2018),
        field=movement.fields.order_by("order").first(),
        unit=units["school"],
        state="recognised",
        created_by=people["author"],
    )


def practice(unit, by, *, title="Mô hình “Phụ nữ tiết kiệm vì nhau”", day=None, **more):
    return services.practice_create(
        by=by,
        unit=unit,
        title=title,
        started_on=day or datetime.date(2018, 3, 8),
        description="Tổ tiết kiệm xoay vòng giúp hội viên nghèo vay vốn không lãi.",
        **more,
    )
