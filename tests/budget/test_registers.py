"""The budget's pages: lists at a constant number of queries, amounts in đồng, the export with
numbers, a refusal shown next to the field, and the summary of a subtree."""

import datetime
import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sangtao.budget import services
from sangtao.budget.models import BudgetLine

pytestmark = pytest.mark.django_db


def _line(unit, by, activity="Tuyên truyền trên Đài Phát thanh", **extra):
    data = {
        "year": 2026,
        "kind": "communication",
        "source": "state_budget",
        "activity": activity,
        "estimated_vnd": 12_000_000,
        "approved_vnd": 10_000_000,
        "approved_on": datetime.date(2026, 1, 20),
        "spent_vnd": 9_800_000,
        "spent_on": datetime.date(2026, 6, 5),
    }
    return services.budget_line_create(by=by, unit=unit, **(data | extra))


def _contribution(unit, by, giver="Công ty TNHH Sản xuất Tây Ninh", amount=5_000_000):
    return services.contribution_create(
        by=by, unit=unit, giver=giver, amount_vnd=amount, received_on=datetime.date(2026, 3, 8)
    )


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_line_list_query_count_is_the_same_at_1_and_50_rows(client_for, units, staff):
    client = client_for(staff["officer"])
    _line(units["district"], staff["officer"], "Hoạt động 1")
    one = _queries(client, "/budget/lines/")
    for number in range(2, 51):
        _line(units["commune"], staff["officer"], f"Hoạt động {number}")
    assert _queries(client, "/budget/lines/") == one


def test_contribution_list_query_count_is_the_same_at_1_and_50_rows(client_for, units, staff):
    client = client_for(staff["officer"])
    _contribution(units["province"], staff["officer"], "Nhà hảo tâm 1")
    one = _queries(client, "/budget/contributions/")
    for number in range(2, 51):
        _contribution(units["district"], staff["officer"], f"Nhà hảo tâm {number}")
    assert _queries(client, "/budget/contributions/") == one


def test_line_list_shows_amounts_in_dong_and_only_the_subtree(client_for, units, staff):
    _line(units["commune"], staff["officer"], "Tuyên truyền ở xã Tân Hòa")
    _line(units["other_district"], staff["officer"], "Tuyên truyền ở Gò Dầu")
    page = client_for(staff["clerk"]).get("/budget/lines/").content.decode()
    assert "Tuyên truyền ở xã Tân Hòa" in page
    assert "9.800.000 đ" in page
    assert "Gò Dầu" not in page


def test_line_export_keeps_the_amounts_as_numbers(client_for, units, staff):
    _line(units["district"], staff["officer"])
    response = client_for(staff["officer"]).get("/budget/lines/?export=xlsx&year=2026")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:8] == (
        "Hoạt động",
        "Đơn vị",
        "Năm",
        "Nội dung chi",
        "Nguồn kinh phí",
        "Dự toán (đồng)",
        "Được duyệt (đồng)",
        "Ngày duyệt",
    )
    assert rows[1][5:7] == (12_000_000, 10_000_000)
    assert rows[1][3:5] == ("Thông tin, tuyên truyền, vận động", "Ngân sách nhà nước")


def test_line_form_shows_a_negative_amount_refused_and_saves_nothing(client_for, units, staff):
    response = client_for(staff["officer"]).post(
        "/budget/lines/new/",
        {
            "unit": units["district"].pk,
            "year": 2026,
            "kind": "conferences",
            "source": "state_budget",
            "activity": "Hội nghị",
            "estimated_vnd": -1000,
        },
    )
    assert "Số tiền không được âm." in response.content.decode(), response.context["form"].errors
    assert BudgetLine.objects.count() == 0


def test_line_form_records_a_line(client_for, units, staff):
    response = client_for(staff["officer"]).post(
        "/budget/lines/new/",
        {
            "unit": units["district"].pk,
            "year": 2026,
            "kind": "conferences",
            "source": "contributions",
            "activity": "Hội nghị biểu dương",
            "estimated_vnd": 40_000_000,
        },
    )
    line = BudgetLine.objects.get()
    assert response.status_code == 302
    assert (line.source, line.estimated_vnd, line.spent_vnd) == ("contributions", 40_000_000, 0)


def test_summary_page_shows_the_subtrees_totals(client_for, units, staff):
    _line(units["commune"], staff["officer"])
    _line(units["district"], staff["officer"], source="contributions", spent_vnd=1_000_000)
    _contribution(units["commune"], staff["officer"])
    client = client_for(staff["leader"])  # the district's leader reads, keeps nothing
    page = client.get(f"/budget/summary/?unit={units['district'].pk}&year=2026")
    text = page.content.decode()
    assert page.status_code == 200
    assert "10.800.000 đ" in text  # spent: 9,800,000 + 1,000,000
    assert "5.000.000 đ" in text  # contributions received
    # Another province's unit, or a unit above the reader, is not found.
    assert client.get(f"/budget/summary/?unit={units['province'].pk}").status_code == 404
