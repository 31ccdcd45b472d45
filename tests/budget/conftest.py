"""Tây Ninh's tree with its women's union, the people who keep the budget there, and an
officer of another province."""

import pytest

from sangtao.accounts.models import Role

from ..factories import make_unit, make_user


@pytest.fixture
def units(tree):
    women = make_unit(
        "Hội Liên hiệp Phụ nữ tỉnh Tây Ninh",
        parent=tree["province"],
        kind_code="member_org",
        level_code="province",
    )
    return tree | {"women": women}


@pytest.fixture
def staff(units, people):
    return people | {
        "district_clerk": make_user(
            "vanthu.tanchau", unit=units["district"], roles=((Role.CLERK, units["district"]),)
        ),
    }


@pytest.fixture
def stranger(tree):
    """An administrator of another province."""
    other = make_unit("Ủy ban MTTQ Việt Nam tỉnh Bình Dương", parent=tree["central"])
    return make_user("quantri.bd", unit=other, roles=((Role.ADMIN, other),))
