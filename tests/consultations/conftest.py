"""Tây Ninh's committee with two member organisations, their clerks, a citizen with no role,
and a draft of the province put to its member organisations with two sections."""

import datetime

import pytest
from django.utils import timezone

from sangtao.accounts.models import Role
from sangtao.consultations import services

from ..factories import make_unit, make_user


@pytest.fixture
def units(tree):
    women = make_unit(
        "Hội Liên hiệp Phụ nữ tỉnh Tây Ninh",
        parent=tree["province"],
        kind_code="member_org",
        level_code="province",
    )
    youth = make_unit(
        "Tỉnh Đoàn Tây Ninh", parent=tree["province"], kind_code="member_org", level_code="province"
    )
    return tree | {"women": women, "youth": youth}


@pytest.fixture
def staff(units, people):
    return people | {
        "women_clerk": make_user(
            "vanthu.phunu", unit=units["women"], roles=((Role.CLERK, units["women"]),)
        ),
        "youth_clerk": make_user(
            "vanthu.doan", unit=units["youth"], roles=((Role.CLERK, units["youth"]),)
        ),
        "citizen": make_user("congdan", unit=None, roles=()),
    }


def days(offset: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=offset)


def make_consultation(unit, by, *, audience="members", opens=-7, closes=20, title=None):
    consultation = services.consultation_create(
        by=by,
        unit=unit,
        title=title or "Dự thảo tiêu chí xét tôn vinh năm 2027",
        kind="criteria",
        opens_on=days(opens),
        closes_on=days(closes),
        audience=audience,
        summary="Ban Thường trực xin ý kiến các tổ chức thành viên.",
    )
    services.section_add(
        consultation=consultation,
        heading="Tiêu chí đối với tập thể",
        text="Có ít nhất 01 mô hình được nhân rộng.",
        by=by,
    )
    services.section_add(
        consultation=consultation,
        heading="Tiêu chí đối với cá nhân",
        text="Có sáng kiến được công nhận cấp tỉnh.",
        by=by,
    )
    return consultation


@pytest.fixture
def consultation(units, staff):
    return make_consultation(units["province"], staff["officer"])
