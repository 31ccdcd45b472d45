"""The lists a Front office asks for: built in the background as XLSX (frozen, filtered header
row, dd/mm/yyyy dates), only for a unit of the person's subtree."""

import datetime
import io

from django.urls import reverse

from sangtao.dashboard import spreadsheets
from sangtao.honours.models import Honour, HonoursRound
from sangtao.jobs.models import Job


def sheet_rows(content):
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    return sheet, [row for row in sheet.iter_rows(values_only=True)]


def ask(client, kind, unit, year, run_jobs):
    with run_jobs():
        response = client.post(
            reverse("dashboard:export", args=[kind]), {"unit": unit.pk, "year": year}
        )
    return response


def test_recognised_list_of_the_province_holds_every_council_of_the_subtree(
    known, dashboard_people, tree, client_for, run_jobs
):
    response = ask(
        client_for(dashboard_people["officer"]), "recognised", tree["province"], 2018, run_jobs
    )
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    assert job.state == Job.State.DONE and job.target == tree["province"]
    sheet, rows = sheet_rows(job.file.read())
    assert rows[0] == (
        "Sáng kiến được công nhận năm 2018 – Ủy ban MTTQ Việt Nam tỉnh Tây Ninh",
        *[None] * 13,
    )
    assert rows[3][:4] == ("STT", "Sáng kiến", "Tác giả (tỷ lệ đóng góp)", "Đơn vị của sáng kiến")
    body = [row for row in rows[4:]]
    assert [(r[1], r[2], r[5], r[10], r[12], r[13]) for r in sorted(body, key=lambda r: r[1])] == [
        (
            "Thư viện số của trường",
            "Phạm Thị Lý (100%)",
            "Ủy ban MTTQ Việt Nam tỉnh Tây Ninh",
            None,
            "45/QĐ-MTTQ-BTT",
            None,
        ),
        (
            "Vườn rau sạch trong trường học",
            "Trần Thị Hoa (50%); Lê Văn Đức (50%)",
            "Ủy ban MTTQ Việt Nam huyện Tân Châu",
            None,
            "12/QĐ-MTTQ-TC",
            20_000_000,
        ),
    ]
    assert sheet.freeze_panes == "A5"
    assert sheet.auto_filter.ref == "A4:N6"
    assert sheet.column_dimensions["B"].width == len("Vườn rau sạch trong trường học") + 2
    date_cell = sheet.cell(row=5, column=10)
    assert date_cell.number_format == "DD/MM/YYYY"
    assert isinstance(date_cell.value, datetime.datetime)


def test_a_district_list_holds_its_own_councils_only(known, dashboard_people, tree):
    content, name = spreadsheets.recognised_workbook(unit=tree["district"], year=2018)
    _sheet, rows = sheet_rows(content)
    assert [row[1] for row in rows[4:]] == ["Vườn rau sạch trong trường học"]
    assert name == f"sang-kien-duoc-cong-nhan-2018-{tree['district'].pk}.xlsx"


def test_nominations_list_names_who_proposed_and_to_whom(known, tree):
    content, _name = spreadsheets.nominations_workbook(unit=tree["province"], year=2018)
    _sheet, rows = sheet_rows(content)
    assert [(r[1], r[5], r[6], r[7]) for r in rows[4:]] == [
        (
            "Thư viện số của trường",
            "Ủy ban MTTQ Việt Nam tỉnh Tây Ninh",
            "Ủy ban Trung ương MTTQ Việt Nam",
            datetime.datetime(2018, 12, 2),
        ),
    ]


def test_honours_list_holds_the_confirmed_honours_of_decided_rounds(
    known, movement, dashboard_people, tree
):
    decided = HonoursRound.objects.create(
        movement=movement,
        unit=tree["province"],
        year=2018,
        state="decided",
        decision_number="88/QĐ-MTTQ-BTT",
        decision_date=datetime.date(2019, 1, 15),
        created_by=dashboard_people["officer"],
    )
    Honour.objects.create(
        round=decided,
        kind="individual",
        unit=tree["school"],
        initiative=known["recognised"],
        name="Trần Thị Hoa",
        confirmed=True,
        form="merit",
        prize_vnd=5_000_000,
    )
    Honour.objects.create(
        round=decided, kind="individual", unit=tree["school"], name="Chưa xác nhận", confirmed=False
    )
    content, _name = spreadsheets.honours_workbook(unit=tree["province"], year=2018)
    sheet, rows = sheet_rows(content)
    assert [r[1:] for r in rows[4:]] == [
        (
            "Trần Thị Hoa",
            "Cá nhân",
            "Trường THCS Tân Hòa",
            "Vườn rau sạch trong trường học",
            "Bằng khen",
            5_000_000,
            "Ủy ban MTTQ Việt Nam tỉnh Tây Ninh",
            "88/QĐ-MTTQ-BTT",
            datetime.datetime(2019, 1, 15),
        ),
    ]


def test_a_list_of_a_unit_outside_the_subtree_is_refused(
    known, dashboard_people, tree, client_for, run_jobs
):
    client = client_for(dashboard_people["other_clerk"])
    for kind in ("recognised", "nominations", "honours"):
        response = ask(client, kind, tree["province"], 2018, run_jobs)
        assert response.status_code == 400
        assert "nằm ngoài các đơn vị bạn phụ trách" in response.content.decode()
    assert Job.objects.count() == 0


def test_a_list_asked_by_one_officer_is_not_shown_to_another_district(
    known, dashboard_people, tree, client_for, run_jobs
):
    ask(client_for(dashboard_people["leader"]), "recognised", tree["district"], 2018, run_jobs)
    job = Job.objects.get()
    other = client_for(dashboard_people["other_clerk"])
    assert other.get(reverse("jobs:download", args=[job.public_id])).status_code in (403, 404)
