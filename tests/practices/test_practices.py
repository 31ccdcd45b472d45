"""The practices register: scoped list and export, detail with history, audited writes,
Vietnamese validation, replications by other units and the plan's target per year."""

import datetime
import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sangtao.core.models import AuditEvent
from sangtao.practices import services
from sangtao.practices.models import Practice, Replication

from .conftest import practice

pytestmark = pytest.mark.django_db

LIST = "/practices/practices/"


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_practice_list_query_count_is_the_same_at_1_and_50_rows(client_for, units, staff):
    officer = staff["officer"]
    practice(units["women"], officer, field=None)
    client = client_for(officer)
    one = _queries(client, LIST)
    for number in range(49):
        practice(units["youth"], officer, title=f"Mô hình số {number}")
    assert Practice.objects.count() == 50
    assert _queries(client_for(officer), LIST) == one


def test_practice_list_shows_own_subtree_and_published_only(client_for, units, staff):
    practice(units["women"], staff["women_clerk"], title="Mô hình của Hội Phụ nữ")
    practice(units["youth"], staff["youth_clerk"], title="Mô hình chưa công bố của Đoàn")
    practice(units["youth"], staff["youth_clerk"], title="Mô hình công bố", published=True)
    page = client_for(staff["women_clerk"]).get(LIST).content.decode()
    assert "Mô hình của Hội Phụ nữ" in page
    assert "Mô hình công bố" in page
    assert "Mô hình chưa công bố của Đoàn" not in page
    page = client_for(staff["officer"]).get(LIST).content.decode()
    assert "Mô hình chưa công bố của Đoàn" in page


def test_practice_of_another_unit_unpublished_is_not_found_and_not_editable(
    client_for, units, staff
):
    hidden = practice(units["youth"], staff["youth_clerk"])
    shown = practice(units["youth"], staff["youth_clerk"], published=True)
    women = client_for(staff["women_clerk"])
    assert women.get(f"{LIST}{hidden.pk}/").status_code == 404
    assert women.get(f"{LIST}{shown.pk}/").status_code == 200
    assert women.get(f"{LIST}{shown.pk}/edit/").status_code == 403
    assert women.post(f"{LIST}{shown.pk}/delete/").status_code == 403
    assert Practice.objects.filter(pk=shown.pk).exists()
    assert client_for(staff["officer"]).get(f"{LIST}{hidden.pk}/edit/").status_code == 200


def test_practice_create_edit_delete_are_audited_and_shown_in_the_history(
    client_for, units, staff, movement
):
    client = client_for(staff["women_clerk"])
    response = client.post(
        f"{LIST}new/",
        {
            "unit": units["women"].pk,
            "title": "Mô hình “Chi hội phụ nữ 5 không 3 sạch”",
            "field": movement.fields.order_by("order").first().pk,
            "started_on": "2018-04-15",
            "description": "Vận động hội viên giữ vệ sinh môi trường.",
            "results": "120 hộ tham gia.",
        },
    )
    created = Practice.objects.get()
    assert response.status_code == 302
    assert response.url == f"{LIST}{created.pk}/"
    assert (
        created.search_key
        == "mo hinh “chi hoi phu nu 5 khong 3 sach” hoi lien hiep phu nu tinh tay ninh"
    )
    client.post(
        f"{LIST}{created.pk}/edit/",
        {
            "unit": units["women"].pk,
            "title": created.title,
            "started_on": "2018-04-16",
            "published": "on",
        },
    )
    created.refresh_from_db()
    assert created.published is True
    assert created.started_on == datetime.date(2018, 4, 16)
    page = client.get(f"{LIST}{created.pk}/").content.decode()
    assert "Đã sửa thông tin mô hình." in page and "Đã ghi nhận một mô hình." in page
    update = AuditEvent.objects.get(action="practice.update")
    assert update.data["started_on"] == ["2018-04-15", "2018-04-16"]
    assert client.post(f"{LIST}{created.pk}/delete/").status_code == 302
    assert not Practice.objects.exists()
    assert list(
        AuditEvent.objects.filter(target_id=str(created.pk), action__startswith="practice.")
        .order_by("pk")
        .values_list("action", flat=True)
    ) == ["practice.create", "practice.update", "practice.delete"]


def test_practice_create_in_the_future_shows_a_vietnamese_message_and_saves_nothing(
    client_for, units, staff
):
    response = client_for(staff["women_clerk"]).post(
        f"{LIST}new/",
        {"unit": units["women"].pk, "title": "Mô hình mới", "started_on": "2099-01-01"},
    )
    assert response.status_code == 200
    assert "Ngày không được sau hôm nay." in response.content.decode()
    assert not Practice.objects.exists()


def test_practice_create_for_a_unit_outside_the_subtree_is_refused(client_for, units, staff):
    response = client_for(staff["women_clerk"]).post(
        f"{LIST}new/",
        {"unit": units["youth"].pk, "title": "Mô hình mới", "started_on": "2018-01-01"},
    )
    assert response.status_code == 200  # the unit is not offered: the form says so
    assert not Practice.objects.exists()


def test_practice_export_holds_the_visible_rows_as_xlsx(client_for, units, staff):
    practice(units["women"], staff["women_clerk"], results="35 tổ, 410 hội viên")
    practice(units["youth"], staff["youth_clerk"], title="Không thấy")
    response = client_for(staff["women_clerk"]).get(f"{LIST}?export=xlsx")
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == (
        "Mô hình",
        "Đơn vị",
        "Lĩnh vực",
        "Ngày bắt đầu",
        "Mô tả",
        "Kết quả",
        "Công bố",
    )
    assert len(rows) == 2
    assert rows[1][0] == "Mô hình “Phụ nữ tiết kiệm vì nhau”"
    assert rows[1][1] == "Hội Liên hiệp Phụ nữ tỉnh Tây Ninh"
    assert rows[1][3] == datetime.datetime(2018, 3, 8)
    assert rows[1][5] == "35 tổ, 410 hội viên"
    assert rows[1][6] == "Không"


def test_replication_by_another_unit_is_listed_and_audited_on_the_practice(
    client_for, units, staff
):
    built = practice(units["women"], staff["women_clerk"], published=True)
    client = client_for(staff["youth_clerk"])
    response = client.post(
        reverse("practices:replication_create", args=[built.pk]),
        {"unit": units["youth"].pk, "started_on": "2019-05-01", "results": "12 chi đoàn"},
    )
    assert response.status_code == 302
    replication = Replication.objects.get()
    assert replication.unit == units["youth"]
    assert AuditEvent.objects.filter(action="practice.replicated", target_id=str(built.pk)).exists()
    page = client.get(reverse("practices:replications", args=[built.pk])).content.decode()
    assert "Tỉnh Đoàn Tây Ninh" in page
    # The union that built it may not edit the youth's record.
    women = client_for(staff["women_clerk"])
    women.post(
        reverse("practices:replication_edit", args=[built.pk, replication.pk]),
        {"unit": units["youth"].pk, "started_on": "2019-06-01"},
    )
    replication.refresh_from_db()
    assert replication.started_on == datetime.date(2019, 5, 1)


def test_replication_by_the_builder_shows_a_vietnamese_message(units, staff):
    built = practice(units["women"], staff["women_clerk"])
    with pytest.raises(services.ValidationError) as error:
        services.replication_create(
            by=staff["women_clerk"],
            practice=built,
            unit=units["women"],
            started_on=datetime.date(2019, 1, 1),
        )
    assert error.value.messages == ["Mô hình được nhân rộng bởi đơn vị khác với đơn vị xây dựng."]
    assert not Replication.objects.exists()


def test_practice_delete_with_replications_is_refused(units, staff):
    built = practice(units["women"], staff["women_clerk"])
    services.replication_create(
        by=staff["youth_clerk"],
        practice=built,
        unit=units["youth"],
        started_on=datetime.date(2019, 1, 1),
    )
    with pytest.raises(services.ValidationError):
        services.practice_delete(practice=built, by=staff["women_clerk"])
    assert Practice.objects.filter(pk=built.pk).exists()


def test_target_lists_member_organisations_without_a_practice_in_the_year(client_for, units, staff):
    practice(units["women"], staff["women_clerk"], day=datetime.date(2018, 5, 1))
    practice(units["youth"], staff["youth_clerk"], day=datetime.date(2019, 5, 1))
    page = client_for(staff["officer"]).get("/practices/target/?target_year=2018")
    text = page.content.decode()
    assert page.context["count"] == 2
    assert [unit.name for unit in page.context["missing"]] == [
        "Ủy ban MTTQ Việt Nam tỉnh Tây Ninh",
        "Tỉnh Đoàn Tây Ninh",
    ]
    assert "Hội Liên hiệp Phụ nữ tỉnh Tây Ninh" not in text


def test_public_pages_show_only_published_practices_to_anyone(client, units, staff):
    shown = practice(units["women"], staff["women_clerk"], published=True, title="Công khai")
    hidden = practice(units["women"], staff["women_clerk"], title="Nội bộ")
    page = client.get("/practices/public/").content.decode()
    assert "Công khai" in page and "Nội bộ" not in page
    assert client.get(f"/practices/public/{shown.pk}/").status_code == 200
    assert client.get(f"/practices/public/{hidden.pk}/").status_code == 404


def test_dashboard_panel_counts_the_subtree_and_year(units, staff, initiative):
    from sangtao.dashboard.selectors import Filters
    from sangtao.practices.panels import counts_for_dashboard

    practice(units["women"], staff["officer"], day=datetime.date(2018, 5, 1))
    practice(units["district"], staff["officer"], day=datetime.date(2019, 5, 1))
    services.application_create(
        by=staff["officer"],
        initiative=initiative,
        unit=units["commune"],
        applied_on=datetime.date(2018, 5, 2),
        scope="Toàn xã",
    )
    district = Filters(paths=(units["district"].path,), year=None)
    province_2018 = Filters(paths=(units["province"].path,), year=2018)
    assert [v for _label, v in counts_for_dashboard(user=None, filters=district)["rows"]] == [
        1,
        0,
        1,
    ]
    assert [v for _label, v in counts_for_dashboard(user=None, filters=province_2018)["rows"]] == [
        1,
        0,
        1,
    ]
