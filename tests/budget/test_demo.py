"""The demo holds the 2026 budget of the province committee and the Women's Union and the
fund's contributions, rolled up at the province."""

import io

import pytest
from django.core.management import call_command

from sangtao.budget import selectors
from sangtao.budget.models import BudgetLine, Contribution
from sangtao.honours import selectors as honours
from sangtao.orgs.models import OrgUnit

pytestmark = pytest.mark.django_db


def test_demo_data_tells_the_budget_of_2026():
    call_command("demo_data", stdout=io.StringIO())
    assert BudgetLine.objects.count() == 9
    assert Contribution.objects.count() == 4
    province = OrgUnit.objects.get(name="Ủy ban MTTQ Việt Nam tỉnh Tây Ninh")
    total = selectors.summary(unit=province, year=2026).total
    assert (total.estimated, total.approved, total.spent) == (
        418_000_000,
        362_000_000,
        179_050_000,
    )
    assert selectors.summary(unit=province, year=2026).contributed == 180_000_000
    fund_2026 = [row for row in honours.fund(unit=province) if row.year == 2026]
    assert [(row.received) for row in fund_2026] == [180_000_000]
