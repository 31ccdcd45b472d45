"""The roll-up of the budget over a subtree (one grouped query, exact by kind and source), the
reports' pre-fill of the money spent and contributed, and the fund's ledger reading the
contributions recorded once."""

import datetime

import pytest

from sangtao.budget import selectors, services
from sangtao.honours import selectors as honours
from sangtao.honours import services as honours_services
from sangtao.orgs.models import Level, UnitKind
from sangtao.reports import services as reports
from sangtao.reports.sources import DEFAULT_INDICATORS

from ..honours.conftest import decided, honours_round, recognised  # noqa: F401

pytestmark = pytest.mark.django_db

APPROVED = {"approved_on": datetime.date(2026, 1, 15)}


def _line(unit, by, kind, source, estimated, approved=None, spent=0, spent_on=None, year=2026):
    return services.budget_line_create(
        by=by,
        unit=unit,
        year=year,
        kind=kind,
        source=source,
        activity=f"{kind} {unit.name}",
        estimated_vnd=estimated,
        approved_vnd=approved,
        approved_on=datetime.date(year, 1, 15) if approved is not None else None,
        spent_vnd=spent,
        spent_on=spent_on or (datetime.date(year, 5, 5) if spent else None),
    )


def _contribution(unit, by, amount, day):
    return services.contribution_create(
        by=by, unit=unit, giver="Doanh nghiệp Tây Ninh", amount_vnd=amount, received_on=day
    )


@pytest.fixture
def budget(units, staff):
    by = staff["officer"]
    _line(units["district"], by, "conferences", "state_budget", 30_000_000, 25_000_000, 24_000_000)
    _line(units["commune"], by, "conferences", "state_budget", 10_000_000, 8_000_000, 7_500_000)
    _line(units["commune"], by, "conferences", "contributions", 5_000_000, 5_000_000, 5_000_000)
    _line(units["school"], by, "practices", "contributions", 20_000_000)  # not yet approved
    _line(units["other_district"], by, "conferences", "state_budget", 99_000_000, 99_000_000)
    _line(units["district"], by, "inspections", "state_budget", 3_000_000, 3_000_000, year=2025)
    _contribution(units["commune"], by, 15_000_000, datetime.date(2026, 3, 1))
    _contribution(units["district"], by, 10_000_000, datetime.date(2026, 9, 1))
    _contribution(units["district"], by, 7_000_000, datetime.date(2025, 9, 1))


def test_summary_sums_the_subtree_by_kind_and_source(budget, units):
    summary = selectors.summary(unit=units["district"], year=2026)
    rows = [
        (row.kind, label, a.estimated, a.approved, a.spent, a.lines)
        for row in summary.rows
        for label, a in row.cells
    ]
    assert rows == [
        ("conferences", "Ngân sách nhà nước", 40_000_000, 33_000_000, 31_500_000, 2),
        ("conferences", "Xã hội hóa, đóng góp", 5_000_000, 5_000_000, 5_000_000, 1),
        ("practices", "Xã hội hóa, đóng góp", 20_000_000, 0, 0, 1),
    ]
    totals = {label: (a.estimated, a.spent) for label, a in summary.source_totals}
    assert totals == {
        "Ngân sách nhà nước": (40_000_000, 31_500_000),
        "Xã hội hóa, đóng góp": (25_000_000, 5_000_000),
    }
    total = summary.total
    assert (total.estimated, total.approved, total.spent) == (65_000_000, 38_000_000, 36_500_000)
    assert summary.contributed == 25_000_000
    # The province sees the other district's line too; the commune only its own.
    assert selectors.summary(unit=units["province"], year=2026).total.estimated == 164_000_000
    assert selectors.summary(unit=units["commune"], year=2026).total.spent == 12_500_000


def test_summary_is_one_query_for_the_lines_and_one_for_the_contributions(
    budget, units, django_assert_num_queries
):
    with django_assert_num_queries(2):
        selectors.summary(unit=units["province"], year=2026)


@pytest.fixture
def period(budget, movement, units, staff):
    indicators = [
        (code, name, src, unit)
        for code, name, src, unit in DEFAULT_INDICATORS
        if code in ("money_spent_vnd", "money_contributed_vnd")
    ]
    return reports.period_open(
        movement=movement,
        kind="six_month",
        title="Báo cáo 6 tháng đầu năm 2026",
        starts_on=datetime.date(2026, 1, 1),
        ends_on=datetime.date(2026, 6, 30),
        deadline=datetime.date(2026, 7, 10),
        levels=Level.objects.filter(code__in=["district", "province"]),
        kinds=UnitKind.objects.filter(code__in=["front_committee"]),
        receivers=[units["province"]],
        indicators=indicators,
        sections=[("results", "Kết quả")],
        by=staff["officer"],
    )


def _figure(period, unit, code, key=""):
    return period.reports.get(unit=unit).values.get(indicator__code=code, key=key).computed


def test_report_prefill_sums_money_spent_and_contributed_in_the_period(period, units):
    assert _figure(period, units["district"], "money_spent_vnd") == 36_500_000
    assert _figure(period, units["district"], "money_contributed_vnd") == 15_000_000  # H1 only
    assert _figure(period, units["other_district"], "money_spent_vnd") == 0


def test_report_template_reads_the_money_lines_from_the_budget():
    sources = {code: src for code, _name, src, _unit in DEFAULT_INDICATORS}
    assert sources["money_spent_vnd"] == "budget_spent"
    assert sources["money_contributed_vnd"] == "contributions_received"


def test_fund_ledger_shows_contributions_prizes_paid_and_the_balance(
    decided,  # noqa: F811
    people,
    tree,
):
    officer = people["officer"]
    province = decided.unit
    _contribution(province, officer, 20_000_000, datetime.date(2018, 11, 2))
    _contribution(tree["school"], officer, 5_000_000, datetime.date(2019, 1, 5))
    honour = decided.honours.get(name="Trần Thị Hoa")
    honours_services.payment_record(
        honour=honour,
        paid_on=datetime.date(2019, 2, 1),
        amount_vnd=5_000_000,
        source="fund",
        reference="PC-1",
        by=officer,
    )
    honours_services.payment_record(
        honour=decided.honours.get(name="Lê Văn Đức"),
        paid_on=datetime.date(2019, 2, 1),
        amount_vnd=3_000_000,
        source="state_budget",
        reference="PC-2",
        by=officer,
    )
    rows = [(r.year, r.received, r.paid, r.balance) for r in honours.fund(unit=province)]
    assert rows == [(2018, 20_000_000, 0, 20_000_000), (2019, 5_000_000, 5_000_000, 20_000_000)]
    assert [(r.year, r.balance) for r in honours.fund(unit=province, year=2019)] == [
        (2019, 20_000_000)
    ]
    # The district's subtree received the school's contribution; the prize was the province's.
    assert [
        (r.year, r.received, r.paid, r.balance) for r in honours.fund(unit=tree["district"])
    ] == [(2019, 5_000_000, 0, 5_000_000)]
    assert honours.fund(unit=tree["other_district"]) == []


def test_fund_ledger_page_lists_the_contributions(decided, people, client_for):  # noqa: F811
    _contribution(decided.unit, people["officer"], 20_000_000, datetime.date(2018, 11, 2))
    page = client_for(people["officer"]).get(f"/honours/ledger/?unit={decided.unit.pk}")
    text = page.content.decode()
    assert "Đóng góp đã nhận (đồng)" in text
    assert "20.000.000 đ" in text
