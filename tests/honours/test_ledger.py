"""The prize ledger: granted (decided honours) against paid (payments) per year, unit and
source, totals from SQL, the XLSX export and the payment form."""

import datetime
import io

from django.urls import reverse

from sangtao.honours import selectors, services, spreadsheets
from sangtao.honours.models import Honour, Payment

from .conftest import needs_soffice, soffice_convert


def _pay(decided, name, amount, source, by):
    return services.payment_record(
        honour=decided.honours.get(name=name),
        paid_on=datetime.date(2019, 2, 1),
        amount_vnd=amount,
        source=source,
        reference="PC-1",
        by=by,
    )


def _ledger_with_payments(decided, people):
    # The school's people: 3 × 5,000,000 from the fund; the school itself from the budget.
    Honour.objects.filter(round=decided, name="Trường THCS Tân Hòa").update(
        source="state_budget", prize_vnd=8_000_000
    )
    _pay(decided, "Trần Thị Hoa", 5_000_000, "fund", people["officer"])
    _pay(decided, "Lê Văn Đức", 2_000_000, "fund", people["officer"])
    _pay(decided, "Trường THCS Tân Hòa", 3_000_000, "state_budget", people["officer"])
    return selectors.ledger(unit=decided.unit, year=2018)


def test_the_ledger_sums_granted_and_paid_per_unit_and_source(decided, people, tree):
    ledger = _ledger_with_payments(decided, people)
    rows = [(r.year, r.unit_name, r.source, r.granted, r.paid, r.due) for r in ledger.rows]
    assert rows == [
        (2018, "Trường THCS Tân Hòa", "fund", 15_000_000, 7_000_000, 8_000_000),
        (2018, "Trường THCS Tân Hòa", "state_budget", 8_000_000, 3_000_000, 5_000_000),
        (2018, "Trường THPT Gò Dầu", "fund", 10_000_000, 0, 10_000_000),
    ]
    assert (ledger.granted, ledger.paid, ledger.due) == (33_000_000, 10_000_000, 23_000_000)
    assert [(t.source, t.granted, t.paid) for t in ledger.by_source()] == [
        ("state_budget", 8_000_000, 3_000_000),
        ("fund", 25_000_000, 7_000_000),
    ]
    # A district's ledger holds only the honours of rounds held in it: none here.
    assert selectors.ledger(unit=tree["district"]).rows == []
    # Another year has nothing.
    assert selectors.ledger(unit=decided.unit, year=2019).rows == []


def test_the_ledger_takes_two_queries_whatever_its_rows(decided, people, django_assert_num_queries):
    with django_assert_num_queries(2):
        selectors.ledger(unit=decided.unit)
    _ledger_with_payments(decided, people)
    with django_assert_num_queries(2):
        selectors.ledger(unit=decided.unit)


def test_undecided_honours_grant_nothing(honours_round, people):
    from .conftest import confirm_all

    confirm_all(honours_round, people["officer"])
    assert selectors.ledger(unit=honours_round.unit).rows == []


def test_the_ledger_xlsx_has_the_rows_and_totals(decided, people):
    from openpyxl import load_workbook

    ledger = _ledger_with_payments(decided, people)
    content, name = spreadsheets.ledger_workbook(unit=decided.unit, year=2018, ledger=ledger)
    assert name == f"so-tien-thuong-{decided.unit.pk}-2018.xlsx"
    sheet = load_workbook(io.BytesIO(content)).active
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert values[3] == [
        "Năm",
        "Đơn vị được khen thưởng",
        "Nguồn kinh phí",
        "Đã quyết định thưởng (đồng)",
        "Đã chi (đồng)",
        "Còn phải chi (đồng)",
    ]
    assert values[4] == [
        2018,
        "Trường THCS Tân Hòa",
        "Quỹ “Người Việt sáng tạo”",
        15_000_000,
        7_000_000,
        8_000_000,
    ]
    assert values[-1] == [None, "Tổng cộng", None, 33_000_000, 10_000_000, 23_000_000]


@needs_soffice
def test_libreoffice_converts_the_ledger_xlsx(decided, people, tmp_path):
    ledger = _ledger_with_payments(decided, people)
    source = tmp_path / "so.xlsx"
    source.write_bytes(spreadsheets.ledger_workbook(unit=decided.unit, year=None, ledger=ledger)[0])
    target = "csv:Text - txt - csv (StarCalc):44,34,76"
    table = soffice_convert(source, target, tmp_path).read_text(encoding="utf-8")
    assert "Trường THPT Gò Dầu" in table
    assert "Tổng cộng" in table and "33000000" in table.replace(",", "").replace(".", "")


def test_the_ledger_page_and_export(decided, people, client_for):
    _ledger_with_payments(decided, people)
    client = client_for(people["officer"])
    page = client.get(reverse("honours:ledger"), {"unit": decided.unit.pk, "year": 2018})
    assert page.status_code == 200
    assert "33.000.000 đ" in page.content.decode()
    export = client.get(reverse("honours:ledger_xlsx"), {"unit": decided.unit.pk})
    assert export["Content-Type"] == spreadsheets.CONTENT_TYPE
    assert export["Content-Disposition"] == (
        f'attachment; filename="so-tien-thuong-{decided.unit.pk}.xlsx"'
    )


def test_a_payment_through_the_page(decided, people, client_for):
    honour = decided.honours.get(name="Trần Thị Hoa")
    response = client_for(people["officer"]).post(
        reverse("honours:payment_create"),
        {
            "unit": decided.unit.pk,
            "honour": honour.pk,
            "paid_on": "2019-02-01",
            "amount_vnd": 1_500_000,
            "source": "fund",
            "reference": "PC-9",
        },
    )
    assert response.status_code == 302
    assert Payment.objects.get().amount_vnd == 1_500_000


def test_a_payment_above_the_prize_on_the_page_is_refused(decided, people, client_for):
    honour = decided.honours.get(name="Trần Thị Hoa")
    response = client_for(people["officer"]).post(
        reverse("honours:payment_create"),
        {
            "unit": decided.unit.pk,
            "honour": honour.pk,
            "paid_on": "2019-02-01",
            "amount_vnd": 6_000_000,
            "source": "fund",
        },
    )
    assert response.status_code == 400
    assert (
        "Chỉ còn 5.000.000 đ trong số tiền thưởng 5.000.000 đ chưa chi."
        in response.content.decode()
    )
    assert not Payment.objects.exists()


def test_a_forged_payment_by_another_districts_officer_is_refused(decided, officers, client_for):
    honour = decided.honours.get(name="Trần Thị Hoa")
    client = client_for(officers["other"])
    for unit in (decided.unit.pk, honour.unit_id):
        response = client.post(
            reverse("honours:payment_create"),
            {
                "unit": unit,
                "honour": honour.pk,
                "paid_on": "2019-02-01",
                "amount_vnd": 1,
                "source": "fund",
            },
        )
        assert response.status_code == 404
    # Through their own unit the honour is not on offer.
    response = client.post(
        reverse("honours:payment_create"),
        {
            "unit": officers["other"].memberships.get().unit_id,
            "honour": honour.pk,
            "paid_on": "2019-02-01",
            "amount_vnd": 1,
            "source": "fund",
        },
    )
    assert response.status_code == 400
    assert "Hãy chọn một lựa chọn hợp lệ" in response.content.decode()
    assert not Payment.objects.exists()


def test_the_ledger_xlsx_writes_a_formula_typed_as_a_name_as_text(decided, people):
    from openpyxl import load_workbook

    from sangtao.orgs.models import OrgUnit

    # A unit's name, imported before the forms refused control characters.
    OrgUnit.objects.filter(name="Trường THCS Tân Hòa").update(name="=1+2\x0b")
    ledger = selectors.ledger(unit=decided.unit, year=2018)
    content, _name = spreadsheets.ledger_workbook(unit=decided.unit, year=2018, ledger=ledger)

    sheet = load_workbook(io.BytesIO(content)).active
    names = [row[1] for row in sheet.iter_rows(min_row=5) if row[1].value == "=1+2"]
    assert [(cell.data_type, cell.value) for cell in names] == [("s", "=1+2")]
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
