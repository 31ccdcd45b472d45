"""Tây Ninh's tree with its women's union, the people who keep the activity registers there,
and an officer of another province."""

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
        "women_officer": make_user(
            "phongtrao.phunu", unit=units["women"], roles=((Role.OFFICER, units["women"]),)
        ),
    }


@pytest.fixture
def stranger(tree):
    """An officer of another province."""
    other = make_unit("Ủy ban MTTQ Việt Nam tỉnh Bình Dương", parent=tree["central"])
    return make_user("phongtrao.bd", unit=other, roles=((Role.OFFICER, other),))
