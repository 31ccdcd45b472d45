"""Feedback: a unit writes to the Front committee above it, the committee answers, both see
the thread and hear of each message; nobody else learns it exists."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sangtao.core.models import AuditEvent, Notification
from sangtao.feedback import services
from sangtao.feedback.models import Message, Thread

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%%EOF\n"


def _open(staff, units, who="women_clerk", unit="women", subject="Hỏi về ghi nhận sáng kiến"):
    return services.thread_open(
        by=staff[who], unit=units[unit], subject=subject, text="Nội dung vướng mắc của đơn vị."
    )


def test_thread_open_goes_to_the_province_committee(staff, units):
    thread = _open(staff, units)
    assert thread.receiver == units["province"]
    assert thread.state == "open"
    assert list(thread.messages.values_list("text", "from_receiver")) == [
        ("Nội dung vướng mắc của đơn vị.", False)
    ]
    assert list(AuditEvent.objects.filter(target_id=str(thread.pk)).values_list("action")) == [
        ("feedback.open",)
    ]


def test_thread_open_skips_a_closed_committee(staff, units):
    units["commune"].valid_to = datetime.date(2025, 6, 30)
    units["commune"].save()
    thread = _open(staff, units, who="school_clerk", unit="school")
    assert thread.receiver == units["district"]


def test_thread_open_by_a_stranger_to_the_unit_refused(staff, units):
    with pytest.raises(PermissionDenied):
        _open(staff, units, who="youth_clerk", unit="women")
    assert Thread.objects.count() == 0


def test_thread_new_page_sends_and_tells_the_committee(staff, units, client_for):
    response = client_for(staff["women_clerk"]).post(
        reverse("feedback:create"),
        {
            "unit": units["women"].pk,
            "subject": "Đề nghị hướng dẫn",
            "text": "Xin hướng dẫn cách ghi nhận.",
            "upload": SimpleUploadedFile("cong-van.pdf", PDF, content_type="application/pdf"),
        },
    )
    thread = Thread.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("feedback:detail", args=[thread.pk])
    assert thread.messages.get().attached.original_name == "cong-van.pdf"
    assert list(Notification.objects.values_list("recipient__username", "message")) == [
        (
            "phongtrao",
            "Hội Liên hiệp Phụ nữ tỉnh Tây Ninh đã gửi phản ánh, kiến nghị: “Đề nghị hướng dẫn”.",
        )
    ]


def test_thread_new_page_with_a_wrong_file_saves_nothing(staff, units, client_for):
    response = client_for(staff["women_clerk"]).post(
        reverse("feedback:create"),
        {
            "unit": units["women"].pk,
            "subject": "Đề nghị hướng dẫn",
            "text": "Xin hướng dẫn.",
            "upload": SimpleUploadedFile(
                "virus.pdf", b"MZ\x90\x00", content_type="application/pdf"
            ),
        },
    )
    assert response.status_code == 200
    assert "Tệp này không phải JPG, PNG, PDF hoặc DOCX" in response.content.decode()
    assert Thread.objects.count() == 0
    assert Message.objects.count() == 0


def test_thread_detail_by_a_sibling_unit_not_found(staff, units, client_for):
    thread = _open(staff, units)
    client = client_for(staff["youth_clerk"])
    assert client.get(reverse("feedback:detail", args=[thread.pk])).status_code == 404
    assert list(client.get(reverse("feedback:inbox")).context["page"]) == []


def test_inbox_of_a_committee_holds_only_threads_addressed_in_its_subtree(staff, units, client_for):
    women = _open(staff, units)
    school = _open(staff, units, who="school_clerk", unit="school", subject="Trường hỏi")
    commune_inbox = client_for(staff["clerk"]).get(reverse("feedback:inbox")).context["page"]
    province_inbox = client_for(staff["officer"]).get(reverse("feedback:inbox")).context["page"]
    assert school.receiver == units["commune"]
    assert [t.pk for t in commune_inbox] == [school.pk]
    assert [t.pk for t in province_inbox] == [school.pk, women.pk]


def test_message_post_by_the_committee_answers_and_tells_the_unit(staff, units):
    thread = _open(staff, units)
    Notification.objects.all().delete()
    services.message_post(thread=thread, by=staff["officer"], text="Ban Thường trực trả lời.")
    thread.refresh_from_db()
    assert thread.state == "answered"
    assert list(Notification.objects.values_list("recipient__username", "message")) == [
        (
            "vanthu.phunu",
            "Ủy ban MTTQ Việt Nam tỉnh Tây Ninh vừa trao đổi về phản ánh, kiến nghị "
            "“Hỏi về ghi nhận sáng kiến”.",
        )
    ]
    services.message_post(thread=thread, by=staff["women_clerk"], text="Xin hỏi thêm.")
    thread.refresh_from_db()
    assert thread.state == "open"
    assert Notification.objects.filter(recipient=staff["officer"]).count() == 1
    actions = AuditEvent.objects.filter(target_id=str(thread.pk)).values_list("action", "to_state")
    assert sorted(actions) == [
        ("feedback.message", "answered"),
        ("feedback.message", "open"),
        ("feedback.open", ""),
    ]


def test_forged_post_to_another_units_thread_refused(staff, units, client_for):
    thread = _open(staff, units)
    response = client_for(staff["youth_clerk"]).post(
        reverse("feedback:detail", args=[thread.pk]), {"text": "Chen ngang."}
    )
    assert response.status_code == 404
    with pytest.raises(PermissionDenied) as refusal:
        services.message_post(thread=thread, by=staff["youth_clerk"], text="Chen ngang.")
    assert str(refusal.value) == (
        "Bạn không được trao đổi trong phản ánh, kiến nghị này: đây không phải của đơn vị bạn."
    )
    assert Message.objects.count() == 1


def test_post_by_a_leader_who_only_reads_refused_in_vietnamese(staff, units, client_for):
    thread = _open(staff, units, who="school_clerk", unit="school")
    response = client_for(staff["leader"]).post(
        reverse("feedback:detail", args=[thread.pk]), {"text": "Ý kiến."}
    )
    assert response.status_code == 403
    assert "Bạn không được trao đổi trong phản ánh, kiến nghị này" in response.content.decode()
    assert Message.objects.count() == 1


def test_thread_close_stops_the_thread(staff, units, client_for):
    thread = _open(staff, units)
    client_for(staff["officer"]).post(reverse("feedback:close", args=[thread.pk]))
    thread.refresh_from_db()
    assert thread.state == "closed"
    with pytest.raises(ValidationError) as refusal:
        services.message_post(thread=thread, by=staff["women_clerk"], text="Còn nữa.")
    assert refusal.value.messages == [
        "Phản ánh, kiến nghị này đã kết thúc: không thể trao đổi thêm."
    ]


def test_thread_close_by_the_sending_unit_forbidden(staff, units, client_for):
    thread = _open(staff, units)
    response = client_for(staff["women_clerk"]).post(reverse("feedback:close", args=[thread.pk]))
    assert response.status_code == 403
    thread.refresh_from_db()
    assert thread.state == "open"


def test_inbox_filters_by_state_unit_and_words_without_tones(staff, units, client_for):
    women = _open(staff, units)
    youth = _open(staff, units, who="youth_clerk", unit="youth", subject="Gia hạn nộp hồ sơ")
    services.message_post(thread=women, by=staff["officer"], text="Đã trả lời.")
    client = client_for(staff["officer"])

    def shown(**query):
        return [t.pk for t in client.get(reverse("feedback:inbox"), query).context["page"]]

    assert shown(state="answered") == [women.pk]
    assert shown(state="open") == [youth.pk]
    assert shown(unit=units["youth"].pk) == [youth.pk]
    assert shown(q="ghi nhan sang kien") == [women.pk]
    assert shown(q="GIA HAN") == [youth.pk]


@pytest.mark.parametrize("count", [1, 50])
def test_inbox_query_count_does_not_grow_with_threads(staff, units, client_for, count):
    for number in range(count):
        _open(staff, units, subject=f"Phản ánh số {number}")
    client = client_for(staff["officer"])
    client.get(reverse("feedback:inbox"))
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("feedback:inbox"))
    assert len(response.context["page"].object_list) == min(count, 25)
    assert len(queries) == 8


def test_thread_detail_shows_both_sides(staff, units, client_for):
    thread = _open(staff, units)
    services.message_post(thread=thread, by=staff["officer"], text="Trả lời của tỉnh.")
    page = client_for(staff["women_clerk"]).get(reverse("feedback:detail", args=[thread.pk]))
    body = page.content.decode()
    assert "Nội dung vướng mắc của đơn vị." in body
    assert "Trả lời của tỉnh." in body
    assert page.context["can_close"] is False
