"""A level's report adds up its subtree: the reports its units sent plus its direct figures,
what the sources count on the unit itself and on the units below it that send no report of
their own (here the province's emulation board). The province's figures are exact before and
after its district and women's union send, for every kind of source (initiatives, money,
events, practices), and the pages and files show the direct part beside the units'."""

import datetime
import io
import re

import docx
import openpyxl
import pytest
from django.db import connection

from sangtao.activities.models import Event
from sangtao.budget import services as budget
from sangtao.practices.models import Practice
from sangtao.reports import services, sources

from .conftest import H1, open_period, report_of

pytestmark = pytest.mark.django_db

CODES = (
    "initiatives_submitted",
    "money_spent_vnd",
    "money_contributed_vnd",
    "events_held",
    "people_reached",
    "practices_built",
)
SOURCED = {
    "initiatives_submitted": "initiatives_submitted",
    "money_spent_vnd": "budget_spent",
    "money_contributed_vnd": "contributions_received",
    "events_held": "events_held",
    "people_reached": "people_reached",
    "practices_built": "practices_built",
}


def spent(unit, by, amount: int, day: datetime.date) -> None:
    budget.budget_line_create(
        by=by,
        unit=unit,
        year=day.year,
        kind="conferences",
        source="state_budget",
        activity=f"Hội nghị {unit.name}",
        estimated_vnd=amount,
        approved_vnd=amount,
        approved_on=datetime.date(day.year, 1, 1),
        spent_vnd=amount,
        spent_on=day,
    )


def event(unit, participants: int, day: datetime.date) -> None:
    Event.objects.create(
        unit=unit,
        kind="seminar",
        title=f"Tọa đàm {unit.name}",
        held_on=day,
        place="Hội trường",
        participants=participants,
    )


@pytest.fixture
def direct(units, staff, data):
    """Figures on the province itself and on its board (no report of its own), on the
    district and its commune, and on the women's union; one line after the half year."""
    by = staff["officer"]
    spent(units["province"], by, 12_000_000, datetime.date(2018, 3, 1))
    spent(units["province"], by, 9_000_000, datetime.date(2018, 7, 1))  # after the period
    spent(units["board"], by, 3_000_000, datetime.date(2018, 6, 30))
    spent(units["district"], by, 24_000_000, datetime.date(2018, 1, 1))
    spent(units["commune"], by, 12_500_000, datetime.date(2018, 5, 5))
    spent(units["women"], by, 2_000_000, datetime.date(2018, 4, 4))
    budget.contribution_create(
        by=by,
        unit=units["province"],
        giver="Doanh nghiệp Tây Ninh",
        amount_vnd=20_000_000,
        received_on=datetime.date(2018, 4, 1),
    )
    event(units["province"], 120, datetime.date(2018, 2, 2))
    event(units["board"], 30, datetime.date(2018, 3, 3))
    event(units["commune"], 80, datetime.date(2018, 4, 4))
    for unit in (units["province"], units["district"]):
        Practice.objects.create(unit=unit, title=f"Mô hình {unit.name}", started_on=H1[0])


@pytest.fixture
def period(movement, units, staff, direct):
    names = {code: name for code, name, _src, _unit in sources.DEFAULT_INDICATORS}
    return open_period(
        movement,
        units,
        staff["officer"],
        indicators=[(code, names[code], SOURCED[code], "") for code in CODES],
        sections=[("results", "Kết quả")],
    )


def figures(period, unit) -> dict[str, tuple]:
    """{indicator: (direct part, computed)} of the unit's report."""
    values = report_of(period, unit).values.filter(key="").select_related("indicator")
    return {value.indicator.code: (value.own, value.computed) for value in values}


def send_units(period, units, staff) -> None:
    for unit, clerk in ((units["district"], "district_clerk"), (units["women"], "women_clerk")):
        services.report_submit(report=report_of(period, unit), by=staff[clerk])


def test_province_report_before_its_units_send_holds_its_direct_figures(period, units):
    assert figures(period, units["province"]) == {
        "initiatives_submitted": (0, 0),
        "money_spent_vnd": (15_000_000, 15_000_000),
        "money_contributed_vnd": (20_000_000, 20_000_000),
        "events_held": (2, 2),
        "people_reached": (150, 150),
        "practices_built": (1, 1),
    }
    assert figures(period, units["district"]) == {
        "initiatives_submitted": (2, 2),
        "money_spent_vnd": (36_500_000, 36_500_000),
        "money_contributed_vnd": (0, 0),
        "events_held": (1, 1),
        "people_reached": (80, 80),
        "practices_built": (1, 1),
    }
    assert figures(period, units["women"])["money_spent_vnd"] == (2_000_000, 2_000_000)


def test_province_report_rolls_up_what_its_units_sent_plus_its_direct_figures(period, units, staff):
    send_units(period, units, staff)

    assert figures(period, units["province"]) == {
        "initiatives_submitted": (0, 2),
        "money_spent_vnd": (15_000_000, 53_500_000),
        "money_contributed_vnd": (20_000_000, 20_000_000),
        "events_held": (2, 3),
        "people_reached": (150, 230),
        "practices_built": (1, 2),
    }


def test_report_scopes_of_the_province_cover_itself_and_what_no_report_covers(period, units):
    """The ranges every source counts in: the province's own path and its board's, never its
    reporting units' subtrees."""
    sql, params = sources.report_scopes(period, [report_of(period, units["province"]).pk])
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        ranges = cursor.fetchall()

    def covered(unit) -> bool:
        return any(lo <= unit.path < hi for _pk, lo, hi in ranges)

    assert [covered(units[key]) for key in ("province", "board")] == [True, True]
    assert [covered(units[key]) for key in ("district", "commune", "women", "other_district")] == [
        False,
        False,
        False,
        False,
    ]


def test_report_page_shows_the_direct_figures_beside_the_units(client_for, period, units, staff):
    send_units(period, units, staff)
    top = report_of(period, units["province"])

    page = client_for(staff["officer"]).get(f"/reports/{top.pk}/").content.decode()

    direct = page.split("Số liệu trực tiếp</th>")[1]
    cells = [cell.split("</td>")[0] for cell in direct.split("</tr>")[0].split('">')[1:]]
    assert cells[-6:] == ["0", "15.000.000", "20.000.000", "2", "150", "1"]
    total = page.split("Tổng tính tự động")[1].split("</tr>")[0]
    assert re.findall(r'fw-bold" data-label="[^"]+">([^<]*)</td>', total) == [
        "2",
        "53.500.000",
        "20.000.000",
        "3",
        "230",
        "2",
    ]


def test_report_files_show_the_direct_figures(client_for, period, units, staff):
    send_units(period, units, staff)
    top = report_of(period, units["province"])
    client = client_for(staff["officer"])

    book = openpyxl.load_workbook(io.BytesIO(client.get(f"/reports/{top.pk}/report.xlsx").content))
    rows = {row[1]: row[3:] for row in book.worksheets[0].iter_rows(values_only=True)}
    assert rows["Số liệu trực tiếp của Ủy ban MTTQ Việt Nam tỉnh Tây Ninh"] == (
        0,
        15_000_000,
        20_000_000,
        2,
        150,
        1,
    )
    document = docx.Document(io.BytesIO(client.get(f"/reports/{top.pk}/report.docx").content))
    # The first of the roll-up tables (3 indicators each).
    units_table, *_more = [t for t in document.tables if "Đơn vị" in t.rows[0].cells[1].text]
    assert [cell.text for cell in units_table.rows[-2].cells] == [
        "",
        "Số liệu trực tiếp của Ủy ban MTTQ Việt Nam tỉnh Tây Ninh",
        "",
        "0",
        "15.000.000",
        "20.000.000",
    ]
    assert [cell.text for cell in units_table.rows[-1].cells][1:] == [
        "Tổng tính tự động",
        "",
        "2",
        "53.500.000",
        "20.000.000",
    ]
