"""Applications of initiatives: recorded by any unit for a recognised initiative, shown on its
dossier page ("Nơi áp dụng"), scoped, exported, audited."""

import datetime
import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sangtao.core.models import AuditEvent
from sangtao.practices import services
from sangtao.practices.models import Application

pytestmark = pytest.mark.django_db

LIST = "/practices/applications/"


def applied(initiative, unit, by, *, day=datetime.date(2019, 4, 1), saved=15_000_000):
    return services.application_create(
        by=by,
        initiative=initiative,
        unit=unit,
        applied_on=day,
        scope="Toàn bộ cơ sở hội",
        result="Rút ngắn thời gian tiếp nhận phản ánh.",
        saved_vnd=saved,
    )


def test_application_list_query_count_is_the_same_at_1_and_50_rows(
    client_for, units, staff, initiative
):
    officer = staff["officer"]
    applied(initiative, units["women"], officer)
    with CaptureQueriesContext(connection) as one:
        assert client_for(officer).get(LIST).status_code == 200
    for _number in range(49):
        applied(initiative, units["youth"], officer)
    with CaptureQueriesContext(connection) as fifty:
        assert client_for(officer).get(LIST).status_code == 200
    assert Application.objects.count() == 50
    assert len(fifty) == len(one)


def test_application_create_is_audited_and_shown_on_the_dossier(
    client_for, units, staff, initiative, people
):
    response = client_for(staff["women_clerk"]).post(
        f"{LIST}new/",
        {
            "initiative": initiative.pk,
            "unit": units["women"].pk,
            "applied_on": "2019-04-01",
            "scope": "12 chi hội phụ nữ",
            "result": "Hội viên gửi phản ánh qua Zalo.",
            "saved_vnd": "15000000",
        },
    )
    assert response.status_code == 302
    application = Application.objects.get()
    assert application.saved_vnd == 15_000_000
    assert AuditEvent.objects.filter(
        action="application.create", target_id=str(application.pk)
    ).exists()
    dossier = client_for(people["author"]).get(f"/initiatives/{initiative.public_id}/")
    page = dossier.content.decode()
    assert dossier.status_code == 200
    assert "Nơi áp dụng" in page
    assert "12 chi hội phụ nữ" in page
    assert "làm lợi 15000000 đồng" in page


def test_application_of_an_unrecognised_initiative_shows_a_vietnamese_message(
    units, staff, initiative
):
    initiative.state = "submitted"
    initiative.save()
    with pytest.raises(services.ValidationError) as error:
        applied(initiative, units["women"], staff["women_clerk"])
    assert error.value.messages == ["Chỉ ghi nhận áp dụng đối với sáng kiến đã được công nhận."]
    assert not Application.objects.exists()


def test_application_of_another_unit_is_not_found(client_for, units, staff, initiative):
    application = applied(initiative, units["youth"], staff["youth_clerk"])
    women = client_for(staff["women_clerk"])
    assert women.get(f"{LIST}{application.pk}/").status_code == 404
    assert women.post(f"{LIST}{application.pk}/delete/").status_code == 404
    assert Application.objects.filter(pk=application.pk).exists()


def test_application_edit_and_delete_are_audited(client_for, units, staff, initiative):
    application = applied(initiative, units["women"], staff["women_clerk"])
    client = client_for(staff["women_clerk"])
    client.post(
        f"{LIST}{application.pk}/edit/",
        {
            "initiative": initiative.pk,
            "unit": units["women"].pk,
            "applied_on": "2019-04-01",
            "scope": "Toàn tỉnh",
            "saved_vnd": "20000000",
        },
    )
    event = AuditEvent.objects.get(action="application.update")
    assert event.data["saved_vnd"] == ["15000000", "20000000"]
    assert client.post(f"{LIST}{application.pk}/delete/").status_code == 302
    assert not Application.objects.exists()
    assert AuditEvent.objects.filter(action="application.delete").count() == 1


def test_application_export_holds_the_rows_as_xlsx(client_for, units, staff, initiative):
    applied(initiative, units["women"], staff["women_clerk"])
    response = client_for(staff["officer"]).get(f"{LIST}?export=xlsx")
    rows = list(
        openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True)
    )
    assert rows[0] == (
        "Sáng kiến",
        "Đơn vị",
        "Ngày áp dụng",
        "Phạm vi áp dụng",
        "Kết quả",
        "Số tiền làm lợi (đồng)",
    )
    assert rows[1] == (
        "Ứng dụng Zalo OA trong tiếp nhận phản ánh của Nhân dân",
        "Hội Liên hiệp Phụ nữ tỉnh Tây Ninh",
        datetime.datetime(2019, 4, 1),
        "Toàn bộ cơ sở hội",
        "Rút ngắn thời gian tiếp nhận phản ánh.",
        15_000_000,
    )
