"""Movements of the Tân Châu district and the officers who may (or may not) configure them."""

import pytest

from sangtao.accounts.models import Role
from sangtao.movements.services import movement_create

from .. import factories as f


@pytest.fixture
def district_movement(tree):
    """A movement of the Tân Châu district committee, 2017-2020, with the plan's defaults."""
    return movement_create(
        unit=tree["district"],
        name="Đoàn kết sáng tạo huyện Tân Châu 2017-2020",
        start_year=2017,
        end_year=2020,
        by=None,
    )


@pytest.fixture
def officers(tree, people):
    """Who covers the Tân Châu movement (and who does not)."""
    return {
        # covers it from an ancestor (the province)
        "province": people["officer"],
        # covers it at its own unit
        "district": f.make_user(
            "phongtrao_tanchau", unit=tree["district"], roles=((Role.OFFICER, tree["district"]),)
        ),
        # an administrator at the top of the tree
        "admin": f.make_user(
            "quantri", unit=tree["central"], roles=((Role.ADMIN, tree["central"]),)
        ),
        # an officer of another branch: Gò Dầu
        "other_branch": f.make_user(
            "phongtrao_godau",
            unit=tree["other_district"],
            roles=((Role.OFFICER, tree["other_district"]),),
        ),
        # an officer below the movement's unit: the commune does not cover the district
        "below": f.make_user(
            "phongtrao_xa", unit=tree["commune"], roles=((Role.OFFICER, tree["commune"]),)
        ),
    }
