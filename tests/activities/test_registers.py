"""The activity registers: response plans, events and inspections, their lists (scoped, at a
constant number of queries), export, audited writes, Vietnamese refusals, and the inspected
unit's answer."""

import datetime
import io

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from sangtao.activities import selectors, services
from sangtao.activities.models import Event, Inspection, ResponsePlan
from sangtao.core.models import AuditEvent

pytestmark = pytest.mark.django_db

TALK = {
    "kind": Event.Kind.TALK,
    "held_on": datetime.date(2018, 5, 18),
    "place": "Hội trường Ủy ban MTTQ huyện Tân Châu",
    "participants": 120,
}


def _event(unit, by, title="Tọa đàm Đoàn kết sáng tạo", **extra):
    return services.event_create(by=by, unit=unit, title=title, **(TALK | extra))


def _inspection(units, by, **extra):
    return services.inspection_create(
        by=by,
        **{
            "inspector": units["province"],
            "inspected": units["women"],
            "inspected_on": datetime.date(2026, 10, 20),
            "findings": "Đã ban hành kế hoạch hưởng ứng; chưa sơ kết mô hình.",
            "recommendations": "Tổ chức sơ kết mô hình trước 31/12/2026.",
            "follow_up_due": datetime.date(2026, 12, 31),
        }
        | extra,
    )


def _plan(movement, unit, by, number="12/KH-HLHPN"):
    return services.plan_create(
        by=by,
        movement=movement,
        unit=unit,
        number=number,
        issued_on=datetime.date(2018, 3, 8),
        signer="Nguyễn Thị Thu",
        targets="Mỗi cơ sở hội có ít nhất một mô hình.",
    )


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


# --- lists: one query count at 1 and 50 rows -------------------------------------------------


def test_event_list_query_count_is_the_same_at_1_and_50_rows(client_for, units, staff):
    client = client_for(staff["officer"])
    _event(units["district"], staff["officer"], "Tọa đàm 1")
    one = _queries(client, "/activities/events/")
    for number in range(2, 51):
        _event(units["district"], staff["officer"], f"Tọa đàm {number}")
    assert _queries(client, "/activities/events/") == one


def test_plan_list_query_count_is_the_same_at_1_and_50_rows(client_for, units, staff, movement):
    from ..factories import make_unit

    client = client_for(staff["officer"])
    _plan(movement, units["women"], staff["officer"])
    one = _queries(client, "/activities/plans/")
    for number in range(2, 51):
        unit = make_unit(f"Hội Nông dân xã {number}", parent=units["district"])
        _plan(movement, unit, staff["officer"], number=f"{number}/KH")
    assert _queries(client, "/activities/plans/") == one


def test_inspection_list_query_count_is_the_same_at_1_and_50_rows(client_for, units, staff):
    client = client_for(staff["officer"])
    _inspection(units, staff["officer"])
    one = _queries(client, "/activities/inspections/")
    for day in range(1, 50):
        _inspection(
            units,
            staff["officer"],
            inspected_on=datetime.date(2025, 1, 1) + datetime.timedelta(day),
        )
    assert _queries(client, "/activities/inspections/") == one


# --- scope and access ------------------------------------------------------------------------


def test_event_list_shows_only_the_subtree_of_the_person(client_for, units, staff):
    _event(units["district"], staff["officer"], "Tọa đàm Tân Châu")
    _event(units["other_district"], staff["officer"], "Tọa đàm Gò Dầu")
    page = client_for(staff["district_clerk"]).get("/activities/events/").content.decode()
    assert "Tọa đàm Tân Châu" in page
    assert "Tọa đàm Gò Dầu" not in page


def test_event_of_another_province_is_404_for_its_officer(client_for, units, staff, stranger):
    event = _event(units["district"], staff["officer"])
    client = client_for(stranger)
    assert client.get(f"/activities/events/{event.pk}/").status_code == 404
    assert client.post(f"/activities/events/{event.pk}/edit/", {"title": "x"}).status_code == 404
    with pytest.raises(PermissionDenied):
        services.event_update(event=event, data={"title": "Đổi"}, by=stranger)
    event.refresh_from_db()
    assert event.title == "Tọa đàm Đoàn kết sáng tạo"


def test_event_create_for_a_unit_outside_the_subtree_is_refused(units, staff):
    with pytest.raises(PermissionDenied):
        _event(units["other_district"], staff["district_clerk"])
    assert not Event.objects.exists()


def test_event_leader_sees_but_may_not_edit(client_for, units, staff):
    event = _event(units["district"], staff["officer"])
    client = client_for(staff["leader"])
    assert client.get(f"/activities/events/{event.pk}/").status_code == 200
    assert client.get(f"/activities/events/{event.pk}/edit/").status_code == 403


def test_inspection_inspected_unit_answers_but_may_not_edit_findings(client_for, units, staff):
    inspection = _inspection(units, staff["officer"])
    client = client_for(staff["women_officer"])
    assert client.get(f"/activities/inspections/{inspection.pk}/").status_code == 200
    assert client.get(f"/activities/inspections/{inspection.pk}/edit/").status_code == 403
    with pytest.raises(PermissionDenied):
        services.inspection_update(
            inspection=inspection, data={"findings": "Tốt"}, by=staff["women_officer"]
        )
    response = client.post(
        f"/activities/inspections/{inspection.pk}/answer/",
        {"response": "Đã sơ kết mô hình ngày 15/11/2026.", "responded_on": "2026-11-16"},
    )
    assert response.status_code == 302
    inspection.refresh_from_db()
    assert inspection.response == "Đã sơ kết mô hình ngày 15/11/2026."
    assert inspection.responded_on == datetime.date(2026, 11, 16)
    assert inspection.responded_by == staff["women_officer"]
    assert inspection.findings == "Đã ban hành kế hoạch hưởng ứng; chưa sơ kết mô hình."
    assert (
        AuditEvent.objects.filter(action="inspection.answer", target_id=str(inspection.pk)).count()
        == 1
    )


def test_inspection_inspecting_officer_may_not_answer(client_for, units, staff):
    inspection = _inspection(units, staff["officer"])
    response = client_for(staff["officer"]).post(
        f"/activities/inspections/{inspection.pk}/answer/",
        {"response": "Tự trả lời", "responded_on": "2026-11-16"},
    )
    assert response.status_code == 403
    inspection.refresh_from_db()
    assert inspection.response == ""


def test_inspection_answer_of_another_province_is_404(client_for, units, staff, stranger):
    inspection = _inspection(units, staff["officer"])
    response = client_for(stranger).get(f"/activities/inspections/{inspection.pk}/answer/")
    assert response.status_code == 404


# --- writes: audited, validated in Vietnamese ------------------------------------------------


def test_event_create_edit_delete_are_audited(client_for, units, staff):
    client = client_for(staff["district_clerk"])
    response = client.post(
        "/activities/events/new/",
        {
            "unit": units["district"].pk,
            "kind": "contest",
            "title": "Hội thi sáng tạo kỹ thuật huyện Tân Châu",
            "held_on": "2019-09-10",
            "place": "Nhà văn hóa huyện Tân Châu",
            "participants": "85",
            "description": "",
        },
    )
    event = Event.objects.get()
    pk = event.pk
    assert response.status_code == 302
    assert response["Location"] == f"/activities/events/{event.pk}/"
    assert (event.kind, event.participants) == ("contest", 85)
    response = client.post(
        f"/activities/events/{event.pk}/edit/",
        {
            "unit": units["district"].pk,
            "kind": "contest",
            "title": "Hội thi sáng tạo kỹ thuật huyện Tân Châu lần I",
            "held_on": "2019-09-10",
            "place": "Nhà văn hóa huyện Tân Châu",
            "participants": "90",
        },
    )
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.participants == 90
    detail = client.get(f"/activities/events/{event.pk}/").content.decode()
    assert "Đã sửa thông tin hoạt động, sự kiện." in detail
    assert client.post(f"/activities/events/{event.pk}/delete/").status_code == 302
    assert not Event.objects.exists()
    assert list(
        AuditEvent.objects.filter(target_id=str(pk), action__startswith="event.")
        .order_by("pk")
        .values_list("action", flat=True)
    ) == ["event.create", "event.update", "event.delete"]


def test_event_edited_from_its_page_records_what_changed(client_for, units, staff):
    event = _event(units["district"], staff["district_clerk"], participants=85)
    response = client_for(staff["district_clerk"]).post(
        f"/activities/events/{event.pk}/edit/",
        {
            "unit": units["district"].pk,
            "kind": event.kind,
            "title": event.title,
            "held_on": event.held_on.isoformat(),
            "place": event.place,
            "participants": "90",
            "description": event.description,
        },
    )
    assert response.status_code == 302
    update = AuditEvent.objects.get(target_id=str(event.pk), action="event.update")
    assert update.data == {"participants": ["85", "90"]}


def test_event_in_the_future_is_refused_in_vietnamese(client_for, units, staff):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = client_for(staff["officer"]).post(
        "/activities/events/new/",
        {
            "unit": units["province"].pk,
            "kind": "final_review",
            "title": "Tổng kết phong trào",
            "held_on": tomorrow.isoformat(),
            "place": "Hội trường tỉnh",
            "participants": "200",
        },
    )
    assert response.status_code == 200
    assert "Sự kiện chỉ được ghi nhận khi đã diễn ra: ngày tổ chức không thể ở tương lai." in (
        response.content.decode()
    )
    assert not Event.objects.exists()


def test_inspection_of_a_unit_outside_the_inspector_subtree_is_refused(units, staff):
    with pytest.raises(ValidationError) as error:
        _inspection(units, staff["officer"], inspector=units["district"], inspected=units["women"])
    assert error.value.messages == ["Đơn vị được kiểm tra phải trực thuộc đơn vị kiểm tra."]
    assert not Inspection.objects.exists()


def test_inspection_create_edit_delete_are_audited(units, staff):
    inspection = _inspection(units, staff["officer"])
    pk = inspection.pk
    services.inspection_update(
        inspection=inspection, data={"findings": "Đã khắc phục"}, by=staff["officer"]
    )
    services.inspection_delete(inspection=inspection, by=staff["officer"])
    assert list(
        AuditEvent.objects.filter(target_id=str(pk), action__startswith="inspection.")
        .order_by("pk")
        .values_list("action", flat=True)
    ) == ["inspection.create", "inspection.update", "inspection.delete"]


def test_inspection_answered_cannot_be_deleted(units, staff):
    inspection = _inspection(units, staff["officer"])
    services.inspection_answer(
        inspection=inspection,
        response="Đã thực hiện",
        responded_on=datetime.date(2026, 11, 1),
        by=staff["women_officer"],
    )
    with pytest.raises(ValidationError) as error:
        services.inspection_delete(inspection=inspection, by=staff["officer"])
    assert error.value.messages == [
        "Đơn vị được kiểm tra đã trả lời cuộc kiểm tra này: không thể xóa nữa."
    ]
    assert Inspection.objects.count() == 1


def test_plan_create_edit_delete_are_audited(units, staff, movement):
    plan = _plan(movement, units["women"], staff["women_officer"])
    pk = plan.pk
    services.plan_update(plan=plan, data={"signer": "Trần Thị Lan"}, by=staff["women_officer"])
    services.plan_delete(plan=plan, by=staff["women_officer"])
    assert list(
        AuditEvent.objects.filter(target_id=str(pk), action__startswith="response_plan.")
        .order_by("pk")
        .values_list("action", flat=True)
    ) == ["response_plan.create", "response_plan.update", "response_plan.delete"]


def test_plan_twice_for_the_same_movement_is_refused(units, staff, movement):
    _plan(movement, units["women"], staff["women_officer"])
    with pytest.raises(ValidationError) as error:
        _plan(movement, units["women"], staff["women_officer"], number="13/KH")
    assert error.value.messages == ["Đơn vị này đã ghi nhận kế hoạch hưởng ứng phong trào."]
    assert ResponsePlan.objects.count() == 1


# --- who still owes a plan -------------------------------------------------------------------


def test_units_without_plan_lists_member_orgs_and_lower_committees(units, staff, movement):
    _plan(movement, units["district"], staff["officer"], number="05/KH-MTTQ")
    missing = [u.name for u in selectors.units_without_plan(movement=movement)]
    assert missing == sorted(
        [
            "Ủy ban MTTQ Việt Nam xã Tân Hòa",
            "Ủy ban MTTQ Việt Nam huyện Gò Dầu",
            "Hội Liên hiệp Phụ nữ tỉnh Tây Ninh",
        ],
        key=lambda name: {
            "Ủy ban MTTQ Việt Nam xã Tân Hòa": units["commune"].path,
            "Ủy ban MTTQ Việt Nam huyện Gò Dầu": units["other_district"].path,
            "Hội Liên hiệp Phụ nữ tỉnh Tây Ninh": units["women"].path,
        }[name],
    )


def test_plan_list_page_names_the_units_that_owe_a_plan(client_for, units, staff, movement):
    _plan(movement, units["women"], staff["women_officer"])
    page = client_for(staff["officer"]).get("/activities/plans/").content.decode()
    assert "Hội Liên hiệp Phụ nữ tỉnh Tây Ninh" in page  # its plan, in the list
    assert "3 đơn vị chưa có kế hoạch." in page
    assert "Ủy ban MTTQ Việt Nam huyện Gò Dầu" in page


# --- export ----------------------------------------------------------------------------------


def test_event_export_writes_the_visible_rows(client_for, units, staff):
    _event(units["district"], staff["officer"], "Tọa đàm Tân Châu")
    _event(units["other_district"], staff["officer"], "Tọa đàm Gò Dầu", participants=80)
    response = client_for(staff["officer"]).get("/activities/events/?export=xlsx&q=go dau")
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == (
        "Sự kiện",
        "Loại",
        "Đơn vị",
        "Ngày tổ chức",
        "Địa điểm",
        "Số người tham gia",
        "Mô tả",
    )
    assert rows[1][:3] == ("Tọa đàm Gò Dầu", "Tọa đàm", "Ủy ban MTTQ Việt Nam huyện Gò Dầu")
    assert rows[1][5] == 80
    assert len(rows) == 2
