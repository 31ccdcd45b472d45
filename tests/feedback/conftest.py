"""Tây Ninh's tree with two member organisations and the clerks who write for them."""

import pytest

from sangtao.accounts.models import Role

from ..factories import make_unit, make_user


@pytest.fixture
def units(tree):
    def member(name):
        return make_unit(
            name, parent=tree["province"], kind_code="member_org", level_code="province"
        )

    return tree | {
        "women": member("Hội Liên hiệp Phụ nữ tỉnh Tây Ninh"),
        "youth": member("Tỉnh Đoàn Tây Ninh"),
    }


@pytest.fixture
def staff(units, people):
    return people | {
        "women_clerk": make_user(
            "vanthu.phunu", unit=units["women"], roles=((Role.CLERK, units["women"]),)
        ),
        "youth_clerk": make_user(
            "vanthu.doan", unit=units["youth"], roles=((Role.CLERK, units["youth"]),)
        ),
        "school_clerk": make_user(
            "vanthu.thcs", unit=units["school"], roles=((Role.CLERK, units["school"]),)
        ),
    }
