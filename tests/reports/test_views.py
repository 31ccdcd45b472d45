"""The pages: opening a period, the status list, a report, and who may see what."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sangtao.reports import services
from sangtao.reports.models import ReportAttachment, ReportPeriod

from .conftest import open_period, report_of

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_period_create_page_previews_then_opens(client_for, movement, units, staff, data):
    client = client_for(staff["officer"])
    page = client.get("/reports/new/")
    assert page.status_code == 200
    assert "Mở kỳ báo cáo" in page.content.decode()
    form = {
        "movement": movement.pk,
        "kind": "annual",
        "title": "Báo cáo năm 2018",
        "starts_on": "2018-01-01",
        "ends_on": "2018-12-31",
        "deadline": "2019-01-10",
        "levels": [units["district"].level_id, units["women"].level_id],
        "kinds": [units["district"].kind_id, units["women"].kind_id],
        "receivers": [units["province"].pk, units["board"].pk],
        "indicators": ["initiatives_submitted", "practices_built"],
        "extra_indicators": "Số hội viên tham gia",
        "sections": "Kết quả\nHạn chế",
    }
    preview = client.post("/reports/new/", form | {"preview": "1"})
    assert "3 đơn vị phải báo cáo" in preview.content.decode()
    assert not ReportPeriod.objects.exists()
    response = client.post("/reports/new/", form)
    period = ReportPeriod.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/reports/periods/{period.pk}/"
    assert list(period.indicators.values_list("name", "source")) == [
        ("Số sáng kiến, ý tưởng mới đã đăng ký", "initiatives_submitted"),
        ("Số mô hình “Đoàn kết sáng tạo” xây dựng", "practices_built"),
        ("Số hội viên tham gia", ""),
    ]
    assert period.sections == [["s1", "Kết quả"], ["s2", "Hạn chế"]]
    assert period.reports.count() == 4


def test_period_create_preview_before_the_receivers_lists_the_units_without_errors(
    client_for, movement, units, staff
):
    """The preview's button sits above the receivers and the template: it needs only the
    fields above it."""
    preview = client_for(staff["officer"]).post(
        "/reports/new/",
        {
            "movement": movement.pk,
            "starts_on": "2018-01-01",
            "ends_on": "2018-06-30",
            "levels": [units["district"].level_id],
            "kinds": [units["district"].kind_id],
            "preview": "1",
        },
    )
    text = preview.content.decode()
    assert preview.status_code == 200
    assert "2 đơn vị phải báo cáo" in text
    assert "Trường này là bắt buộc." not in text
    assert not ReportPeriod.objects.exists()


def test_period_create_preview_without_levels_says_what_is_missing(client_for, movement, staff):
    preview = client_for(staff["officer"]).post(
        "/reports/new/",
        {"movement": movement.pk, "starts_on": "2018-01-01", "ends_on": "2018-06-30"}
        | {"preview": "1"},
    )
    text = preview.content.decode()
    assert preview.status_code == 400
    assert text.count("Trường này là bắt buộc.") == 2  # the levels and the kinds
    assert "đơn vị phải báo cáo</h2>" not in text


def test_period_create_with_bad_dates_shows_a_vietnamese_message(
    client_for, movement, units, staff
):
    response = client_for(staff["officer"]).post(
        "/reports/new/",
        {
            "movement": movement.pk,
            "kind": "annual",
            "title": "Báo cáo năm",
            "starts_on": "2018-12-31",
            "ends_on": "2018-01-01",
            "deadline": "2019-01-10",
            "levels": [units["district"].level_id],
            "kinds": [units["district"].kind_id],
            "receivers": [units["province"].pk],
            "sections": "Kết quả",
        },
    )
    assert response.status_code == 400
    assert "Kỳ báo cáo kết thúc trước khi bắt đầu." in response.content.decode()
    assert not ReportPeriod.objects.exists()


def test_period_create_page_is_refused_to_a_clerk(client_for, staff):
    assert client_for(staff["district_clerk"]).get("/reports/new/").status_code == 403


def test_period_detail_shows_late_units_to_the_officer(client_for, movement, units, staff, data):
    period = open_period(movement, units, staff["officer"], deadline=datetime.date(2018, 7, 10))
    services.report_submit(report=report_of(period, units["women"]), by=staff["women_clerk"])
    page = client_for(staff["officer"]).get(f"/reports/periods/{period.pk}/").content.decode()
    assert "1/3 đơn vị đã gửi báo cáo; 2 đơn vị trễ hạn." in page
    late = client_for(staff["officer"]).get(f"/reports/periods/{period.pk}/?state=late")
    text = late.content.decode()
    assert "huyện Tân Châu" in text and "huyện Gò Dầu" in text
    assert "Hội Liên hiệp Phụ nữ" not in text


# --- the access matrix ---------------------------------------------------------------------

# (who, which report, its state) -> status of the report page
MATRIX = [
    ("district_clerk", "district", "draft", 200),  # its own draft
    ("other_clerk", "district", "draft", 404),  # a sibling's draft
    ("other_clerk", "district", "submitted", 404),  # a sibling's sent report
    ("officer", "district", "draft", 404),  # the level above never sees a draft
    ("officer", "district", "submitted", 200),  # ... but sees what was sent to it
    ("board_staff", "district", "draft", 404),  # a receiver: not a draft
    ("board_staff", "district", "submitted", 200),  # a receiver: what was sent to it
    ("board_staff", "commune", "submitted", 404),  # a receiver: not what went to a district
    ("district_officer", "commune", "submitted", 200),  # the district sees its commune's
    ("stranger", "district", "submitted", 404),  # an officer of another province
    ("author", "district", "submitted", 404),  # an author of the subtree
]


@pytest.mark.parametrize(("who", "which", "state", "status"), MATRIX)
def test_report_page_access(
    who, which, state, status, client_for, movement, units, staff, data, stranger
):
    from sangtao.accounts.models import Role
    from sangtao.orgs.models import Level, UnitKind

    from ..factories import make_user

    people = staff | {"stranger": stranger}
    period = open_period(
        movement,
        units,
        staff["officer"],
        levels=Level.objects.filter(code__in=["district", "commune"]),
        kinds=UnitKind.objects.filter(code="front_committee"),
    )
    report = report_of(period, units[which])
    if state == "submitted":
        writer = make_user(roles=((Role.CLERK, units[which]),))
        services.report_submit(report=report, by=writer)
    response = client_for(people[who]).get(f"/reports/{report.pk}/")
    assert response.status_code == status


def test_period_page_of_another_province_is_refused(client_for, period, stranger):
    response = client_for(stranger).get(f"/reports/periods/{period.pk}/")
    assert response.status_code == 404
    assert client_for(stranger).get("/reports/").content.decode().count("/reports/periods/") == 0


def test_receiver_lists_only_what_was_sent_to_it(client_for, period, units, staff):
    services.report_submit(report=report_of(period, units["women"]), by=staff["women_clerk"])
    page = client_for(staff["board_staff"]).get(f"/reports/periods/{period.pk}/")
    text = page.content.decode()
    assert "Hội Liên hiệp Phụ nữ tỉnh Tây Ninh" in text
    assert "huyện Tân Châu" not in text


def test_report_edit_page_keeps_the_reason_beside_the_computed_figure(
    client_for, period, units, staff
):
    district = report_of(period, units["district"])
    total = district.values.get(indicator__code="initiatives_submitted", key="")
    client = client_for(staff["district_clerk"])
    refused = client.post(f"/reports/{district.pk}/edit/", {f"v{total.pk}": "5"})
    assert refused.status_code == 400
    assert "Ghi lý do thay đổi số liệu tính tự động 2." in refused.content.decode()
    done = client.post(
        f"/reports/{district.pk}/edit/",
        {f"v{total.pk}": "5", f"r{total.pk}": "Thêm 3 sáng kiến nộp giấy"},
    )
    assert done.status_code == 302
    page = client.get(f"/reports/{district.pk}/").content.decode()
    assert "Thêm 3 sáng kiến nộp giấy" in page


def test_report_submit_and_return_through_the_pages(client_for, period, units, staff):
    district = report_of(period, units["district"])
    assert (
        client_for(staff["district_clerk"]).post(f"/reports/{district.pk}/submit/").status_code
        == 302
    )
    client_for(staff["officer"]).post(
        f"/reports/{district.pk}/return/", {"comment": "Thiếu số liệu"}
    )
    district.refresh_from_db()
    assert (district.state, district.return_comment) == ("returned", "Thiếu số liệu")
    page = client_for(staff["district_clerk"]).get(f"/reports/{district.pk}/").content.decode()
    assert "Thiếu số liệu" in page
    # A sibling cannot submit it.
    assert (
        client_for(staff["other_clerk"]).post(f"/reports/{district.pk}/submit/").status_code == 404
    )


def test_report_attach_takes_a_pdf_and_refuses_a_text_file(client_for, period, units, staff):
    district = report_of(period, units["district"])
    client = client_for(staff["district_clerk"])
    client.post(f"/reports/{district.pk}/attach/", {"upload": SimpleUploadedFile("bc.pdf", PDF)})
    refused = client.post(
        f"/reports/{district.pk}/attach/", {"upload": SimpleUploadedFile("x.pdf", b"hello")}
    )
    assert refused.status_code == 400
    assert "Tệp này không phải là tệp PDF, DOCX, XLSX, JPG hoặc PNG" in refused.content.decode()
    attachment = ReportAttachment.objects.get()
    assert (attachment.original_name, attachment.content_type) == ("bc.pdf", "application/pdf")
    download = client.get(f"/reports/attachments/{attachment.pk}/")
    assert b"".join(download.streaming_content) == PDF
    assert (
        client_for(staff["other_clerk"]).get(f"/reports/attachments/{attachment.pk}/").status_code
        == 404
    )


# --- query counts ----------------------------------------------------------------------------


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_period_list_queries_do_not_grow_with_rows(client_for, movement, units, staff, data):
    client = client_for(staff["officer"])
    open_period(movement, units, staff["officer"])
    one = _queries(client, "/reports/")
    for number in range(49):
        open_period(movement, units, staff["officer"], title=f"Kỳ {number}")
    assert ReportPeriod.objects.count() == 50
    assert _queries(client, "/reports/") == one


def test_period_status_queries_do_not_grow_with_rows(client_for, movement, units, staff, data):
    from ..factories import make_unit

    client = client_for(staff["officer"])
    period = open_period(movement, units, staff["officer"])
    url = f"/reports/periods/{period.pk}/"
    one_period = _queries(client, url)
    for number in range(47):
        make_unit(
            f"Hội viên {number}",
            parent=units["province"],
            kind_code="member_org",
            level_code="province",
        )
    bigger = open_period(movement, units, staff["officer"])
    assert bigger.reports.count() == 51
    assert _queries(client, f"/reports/periods/{bigger.pk}/") == one_period


def test_report_page_shows_figures_as_vietnamese_numbers_and_the_form_plain(
    client_for, period, units, staff
):
    district = report_of(period, units["district"])
    money = district.values.get(indicator__code="money_spent_vnd", key="")
    members = district.values.get(indicator__code="members_joined", key="")
    services.report_update(
        report=district,
        figures={money.pk: (1250000, "Theo chứng từ chi"), members.pk: (1250000, "")},
        narratives={},
        by=staff["district_clerk"],
    )
    clerk = client_for(staff["district_clerk"])
    page = clerk.get(f"/reports/{district.pk}/").content.decode()
    assert '<td class="text-end fw-bold">1.250.000 đ</td>' in page
    assert '<td class="text-end">1.250.000</td>' in page
    assert "1250000" not in page
    form = clerk.get(f"/reports/{district.pk}/edit/").content.decode()
    assert f'name="v{money.pk}" value="1250000"' in form
    services.report_submit(report=district, by=staff["district_clerk"])
    roll_up = client_for(staff["officer"]).get(
        f"/reports/{report_of(period, units['province']).pk}/"
    )
    text = roll_up.content.decode()
    # The province's computed and reported figures, and Tân Châu's in the roll-up table.
    assert text.count('<td class="text-end">1.250.000 đ</td>') == 2
    # In the roll-up, each figure is named by its indicator (a phone shows it as a card).
    cell = f'<td class="text-md-end{{}}" data-label="{money.indicator.name}">1.250.000 đ</td>'
    assert cell.format("") in text  # Tân Châu's
    assert cell.format(" fw-bold") in text  # the computed total
