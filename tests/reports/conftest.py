"""A province running a movement, its two districts and women's union reporting for the first
half of 2018 to the province's movement office and the province's emulation board."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from sangtao.accounts.models import Role
from sangtao.appraisal.models import Council, Recognition
from sangtao.initiatives.models import Initiative
from sangtao.orgs.models import Level, UnitKind
from sangtao.reports import services

from ..factories import make_unit, make_user

H1 = (datetime.date(2018, 1, 1), datetime.date(2018, 6, 30))


def at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))


def filed(movement, unit, day: datetime.date, *, field=None, by=None) -> Initiative:
    """An initiative of `unit` submitted on `day` in the movement's 2018 round."""
    return Initiative.objects.create(
        title=f"Sáng kiến {unit.name} {day}",
        round=movement.rounds.get(year=2018),
        field=field or movement.fields.order_by("order").first(),
        unit=unit,
        state="submitted",
        submitted_at=at(day),
        created_by=by or make_user(unit=unit, roles=((Role.AUTHOR, unit),)),
    )


def recognised(initiative, council, day: datetime.date) -> Recognition:
    Initiative.objects.filter(pk=initiative.pk).update(state="recognised")
    return Recognition.objects.create(
        initiative=initiative,
        council=council,
        unit=council.unit,
        grade=initiative.round.movement.grades.order_by("-min_total").first(),
        total=Decimal("35"),
        recognised_at=at(day),
    )


@pytest.fixture
def units(tree):
    province = tree["province"]
    return tree | {
        "women": make_unit(
            "Hội Liên hiệp Phụ nữ tỉnh Tây Ninh",
            parent=province,
            kind_code="member_org",
            level_code="province",
        ),
        "board": make_unit(
            "Ban Thi đua - Khen thưởng tỉnh Tây Ninh",
            parent=province,
            kind_code="state_agency",
            level_code="province",
        ),
    }


@pytest.fixture
def staff(units, people):
    return people | {
        "district_officer": make_user(
            "phongtrao.tanchau", unit=units["district"], roles=((Role.OFFICER, units["district"]),)
        ),
        "district_clerk": make_user(
            "vanthu.tanchau", unit=units["district"], roles=((Role.CLERK, units["district"]),)
        ),
        "women_clerk": make_user(
            "vanthu.phunu", unit=units["women"], roles=((Role.CLERK, units["women"]),)
        ),
        "board_staff": make_user(
            "tdkt", unit=units["board"], roles=((Role.LEADER, units["board"]),)
        ),
        "board_officer": make_user(
            "tdkt.phongtrao", unit=units["board"], roles=((Role.OFFICER, units["board"]),)
        ),
    }


@pytest.fixture
def stranger(tree):
    """An officer of another province."""
    other = make_unit("Ủy ban MTTQ Việt Nam tỉnh Bình Dương", parent=tree["central"])
    return make_user("phongtrao.bd", unit=other, roles=((Role.OFFICER, other),))


@pytest.fixture
def data(movement, units):
    """Two initiatives of the Tân Châu school in the half year, one after it, one of Gò Dầu;
    one of the Tân Châu school recognised by the province council in March."""
    field_a, field_b = movement.fields.order_by("order")
    first = filed(movement, units["school"], datetime.date(2018, 2, 10), field=field_a)
    filed(movement, units["school"], datetime.date(2018, 5, 3), field=field_b)
    filed(movement, units["school"], datetime.date(2018, 7, 15), field=field_a)
    filed(movement, units["other_school"], datetime.date(2018, 3, 1), field=field_a)
    council = Council.objects.create(
        round=movement.rounds.get(year=2018), unit=units["province"], name="Hội đồng tỉnh 2018"
    )
    recognised(first, council, datetime.date(2018, 3, 20))
    return {"field_a": field_a, "field_b": field_b}


def open_period(movement, units, officer, *, deadline=datetime.date(2018, 7, 10), **extra):
    options = {
        "movement": movement,
        "kind": "six_month",
        "title": "Báo cáo 6 tháng đầu năm 2018",
        "starts_on": H1[0],
        "ends_on": H1[1],
        "deadline": deadline,
        "levels": Level.objects.filter(code__in=["district", "province"]),
        "kinds": UnitKind.objects.filter(code__in=["front_committee", "member_org"]),
        "receivers": [units["province"], units["board"]],
        "by": officer,
    } | extra
    return services.period_open(**options)


# A line of the period entered by hand (no source counts it), after the plan's.
MEMBERS = ("members_joined", "Số hội viên tham gia", "", "")


@pytest.fixture
def period(movement, units, staff, data):
    indicators, _sections = services.default_template()
    return open_period(movement, units, staff["officer"], indicators=[*indicators, MEMBERS])


def report_of(period, unit):
    return period.reports.get(unit=unit)


def figure(report, code: str, key: str = ""):
    value = report.values.get(indicator__code=code, key=key)
    return value.computed, value.value
