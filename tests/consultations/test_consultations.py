"""Consultations: who sees a draft and may comment on it (the audience, until the deadline), a
forged comment to another draft's section, the officer's response as the commenter sees it,
the comments as DOCX read back, and the list's constant query count."""

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sangtao.consultations import services
from sangtao.consultations.models import Comment, Consultation
from sangtao.core.models import AuditEvent, Notification

from .conftest import days, make_consultation

pytestmark = pytest.mark.django_db


def _page(consultation) -> str:
    return f"/consultations/{consultation.pk}/"


def _comment_url(consultation, section) -> str:
    return f"/consultations/{consultation.pk}/sections/{section.pk}/comment/"


def _post_comment(client, consultation, section, text, unit=None):
    data = {f"s{section.pk}-text": text}
    if unit is not None:
        data[f"s{section.pk}-unit"] = str(unit.pk)
    return client.post(_comment_url(consultation, section), data)


def _comment(consultation, by, unit, text="Đề nghị bổ sung tiêu chí về nhân rộng mô hình."):
    section = consultation.sections.order_by("order").first()
    return services.comment_add(section=section, text=text, unit=unit, by=by)


def test_comment_until_the_last_day_is_taken(client, units, staff):
    consultation = make_consultation(units["province"], staff["officer"], closes=0)
    section = consultation.sections.first()
    client.force_login(staff["women_clerk"])
    response = _post_comment(
        client, consultation, section, "Nên nêu rõ số mô hình.", units["women"]
    )
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert (comment.unit, comment.author, comment.text) == (
        units["women"],
        staff["women_clerk"],
        "Nên nêu rõ số mô hình.",
    )


def test_comment_after_the_deadline_is_refused_in_vietnamese(client, units, staff):
    consultation = make_consultation(units["province"], staff["officer"], opens=-30, closes=-1)
    section = consultation.sections.first()
    client.force_login(staff["women_clerk"])
    response = _post_comment(client, consultation, section, "Góp ý muộn.", units["women"])
    closed = days(-1).strftime("%d/%m/%Y")
    assert response.status_code == 400
    message = f"Thời hạn góp ý đã kết thúc ngày {closed}: không nhận thêm ý kiến."
    assert message in response.content.decode()
    with pytest.raises(ValidationError) as refusal:
        services.comment_add(
            section=section, text="Góp ý muộn.", unit=units["women"], by=staff["women_clerk"]
        )
    assert refusal.value.messages == [message]
    page = client.get(_page(consultation)).content.decode()
    assert "Đã hết thời hạn góp ý." in page
    assert "Gửi ý kiến" not in page
    assert Comment.objects.count() == 0


def test_citizen_cannot_see_or_comment_on_a_draft_not_opened_to_the_public(
    client, consultation, staff
):
    section = consultation.sections.first()
    client.force_login(staff["citizen"])
    assert client.get(_page(consultation)).status_code == 404
    assert _post_comment(client, consultation, section, "Ý kiến công dân.").status_code == 404
    with pytest.raises(PermissionDenied):
        services.comment_add(section=section, text="Ý kiến công dân.", by=staff["citizen"])
    assert Comment.objects.count() == 0


def test_citizen_comments_for_themselves_on_a_public_draft(client, units, staff):
    consultation = make_consultation(units["province"], staff["officer"], audience="public")
    section = consultation.sections.first()
    client.force_login(staff["citizen"])
    assert "Gửi ý kiến" in client.get(_page(consultation)).content.decode()
    response = _post_comment(client, consultation, section, "Nên lấy ý kiến người dân ấp.")
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert (comment.unit, comment.speaker) == (None, staff["citizen"].display_name)


def test_unit_outside_the_subtree_cannot_comment(client, units, staff):
    consultation = make_consultation(units["district"], staff["officer"])
    section = consultation.sections.first()
    outsider = staff["other_clerk"]  # clerk of Gò Dầu, beside Tân Châu
    client.force_login(outsider)
    assert client.get(_page(consultation)).status_code == 404
    assert (
        _post_comment(client, consultation, section, "Ý kiến.", units["other_district"]).status_code
        == 404
    )
    with pytest.raises(PermissionDenied):
        services.comment_add(
            section=section, text="Ý kiến.", unit=units["other_district"], by=outsider
        )
    assert Comment.objects.count() == 0


def test_staff_below_comment_for_their_own_unit_only(client, consultation, units, staff):
    section = consultation.sections.first()
    client.force_login(staff["women_clerk"])
    response = _post_comment(client, consultation, section, "Thay mặt Tỉnh Đoàn.", units["youth"])
    assert response.status_code == 400
    with pytest.raises(PermissionDenied):
        services.comment_add(
            section=section,
            text="Thay mặt Tỉnh Đoàn.",
            unit=units["youth"],
            by=staff["women_clerk"],
        )
    with pytest.raises(ValidationError) as refusal:
        services.comment_add(section=section, text="Không chọn đơn vị.", by=staff["women_clerk"])
    assert refusal.value.messages == ["Hãy chọn đơn vị mà bạn góp ý thay mặt."]
    assert Comment.objects.count() == 0


def test_forged_post_to_another_consultations_section_is_refused(client, units, staff):
    first = make_consultation(units["province"], staff["officer"])
    second = make_consultation(units["province"], staff["officer"], title="Dự thảo kế hoạch 2027")
    foreign = second.sections.first()
    client.force_login(staff["women_clerk"])
    response = _post_comment(client, first, foreign, "Góp ý giả mạo.", units["women"])
    assert response.status_code == 404
    assert Comment.objects.count() == 0


def test_response_is_shown_to_the_commenter_and_told(client, consultation, units, staff):
    comment = _comment(consultation, staff["women_clerk"], units["women"])
    other = _comment(consultation, staff["youth_clerk"], units["youth"], text="Ý kiến Tỉnh Đoàn.")
    client.force_login(staff["officer"])
    response = client.post(
        f"/consultations/{consultation.pk}/comments/{comment.pk}/respond/",
        {"response": "accepted", "response_text": "Đã bổ sung vào khoản 2."},
    )
    assert response.status_code == 302
    note = Notification.objects.get(recipient=staff["women_clerk"])
    assert note.message == (
        "Ý kiến góp ý của bạn về dự thảo “Dự thảo tiêu chí xét tôn vinh năm 2027” đã được "
        "tiếp thu, giải trình."
    )
    assert note.url == _page(consultation)
    client.force_login(staff["women_clerk"])
    page = client.get(_page(consultation)).content.decode()
    assert "<strong>Tiếp thu:</strong> Đã bổ sung vào khoản 2." in page
    assert other.text not in page  # another member organisation's comment, not published
    services.responses_publish(consultation=consultation, published=True, by=staff["officer"])
    assert other.text in client.get(_page(consultation)).content.decode()


def test_response_needs_its_text(consultation, units, staff):
    comment = _comment(consultation, staff["women_clerk"], units["women"])
    with pytest.raises(ValidationError) as refusal:
        services.comment_respond(
            comment=comment, response="explained", response_text=" ", by=staff["officer"]
        )
    assert refusal.value.messages == ["Hãy nhập nội dung tiếp thu, giải trình."]
    with pytest.raises(PermissionDenied):
        services.comment_respond(
            comment=comment,
            response="accepted",
            response_text="Tự trả lời.",
            by=staff["women_clerk"],
        )
    comment.refresh_from_db()
    assert (comment.response, comment.response_text) == ("", "")


def test_comments_download_as_docx_per_section(client, consultation, units, staff):
    import docx

    first = _comment(consultation, staff["women_clerk"], units["women"])
    services.comment_respond(
        comment=first, response="explained", response_text="Giữ như dự thảo.", by=staff["officer"]
    )
    second_section = consultation.sections.order_by("order")[1]
    services.comment_add(
        section=second_section,
        text="Bổ sung tiêu chí cho đoàn viên.",
        unit=units["youth"],
        by=staff["youth_clerk"],
    )
    client.force_login(staff["officer"])
    response = client.get(f"/consultations/{consultation.pk}/comments.docx")
    assert response.status_code == 200
    word = docx.Document(io.BytesIO(response.content))
    paragraphs = [p.text for p in word.paragraphs]
    head = [p.text for cell in word.tables[0]._cells for p in cell.paragraphs]
    assert head[:3] == ["ỦY BAN MTTQ VIỆT NAM", "TỈNH TÂY NINH", "BAN THƯỜNG TRỰC"]
    today = days(0)
    assert f"Tây Ninh, ngày {today.day:02d} tháng" in " ".join(head)
    assert "BÁO CÁO TỔNG HỢP Ý KIẾN GÓP Ý" in paragraphs
    assert "đối với dự thảo “Dự thảo tiêu chí xét tôn vinh năm 2027”" in paragraphs
    assert "1. Tiêu chí đối với tập thể" in paragraphs
    assert "2. Tiêu chí đối với cá nhân" in paragraphs
    rows = [[cell.text for cell in row.cells] for table in word.tables[1:3] for row in table.rows]
    assert rows == [
        ["STT", "Đơn vị, cá nhân góp ý", "Ý kiến góp ý", "Tiếp thu, giải trình"],
        ["1", "Hội Liên hiệp Phụ nữ tỉnh Tây Ninh", first.text, "Giải trình: Giữ như dự thảo."],
        ["STT", "Đơn vị, cá nhân góp ý", "Ý kiến góp ý", "Tiếp thu, giải trình"],
        ["1", "Tỉnh Đoàn Tây Ninh", "Bổ sung tiêu chí cho đoàn viên.", "Chưa trả lời."],
    ]
    client.force_login(staff["women_clerk"])
    assert client.get(f"/consultations/{consultation.pk}/comments.docx").status_code == 403


def test_commented_section_and_consultation_keep_their_text(consultation, units, staff):
    _comment(consultation, staff["women_clerk"], units["women"])
    section = consultation.sections.order_by("order").first()
    with pytest.raises(ValidationError) as refusal:
        services.section_update(section=section, data={"text": "Khác."}, by=staff["officer"])
    assert refusal.value.messages == ["Phần này đã có ý kiến góp ý: không thể sửa nội dung nữa."]
    with pytest.raises(ValidationError):
        services.consultation_delete(consultation=consultation, by=staff["officer"])
    assert Consultation.objects.count() == 1


def test_consultation_writes_are_audited(consultation, units, staff):
    _comment(consultation, staff["women_clerk"], units["women"])
    actions = list(
        AuditEvent.objects.filter(target_id=str(consultation.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == [
        "consultation.create",
        "consultation.section_add",
        "consultation.section_add",
        "consultation.comment",
    ]


def test_closing_before_opening_is_refused(units, staff):
    with pytest.raises(ValidationError) as refusal:
        make_consultation(units["province"], staff["officer"], opens=5, closes=1)
    assert refusal.value.messages == ["Hạn góp ý phải từ ngày bắt đầu lấy ý kiến trở về sau."]


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_list_query_count_does_not_grow_with_rows(client, units, staff):
    make_consultation(units["province"], staff["officer"])
    client.force_login(staff["women_clerk"])
    one = _queries(client, "/consultations/")
    for number in range(49):
        make_consultation(units["province"], staff["officer"], title=f"Dự thảo số {number}")
    assert _queries(client, "/consultations/") == one


def test_page_query_count_does_not_grow_with_comments(client, consultation, units, staff):
    _comment(consultation, staff["women_clerk"], units["women"])
    client.force_login(staff["officer"])
    one = _queries(client, _page(consultation))
    for number in range(49):
        _comment(consultation, staff["youth_clerk"], units["youth"], text=f"Ý kiến {number}")
    assert _queries(client, _page(consultation)) == one
