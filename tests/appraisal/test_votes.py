"""Votes and stand-asides: a council that decides by vote records for/against/abstaining on
each decision; the minutes (DOCX and PDF) print the votes and name who stood aside."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from sangtao.appraisal import documents, selectors, services
from sangtao.appraisal.models import Decision
from sangtao.movements.models import Grade

from .test_documents import _secretary, docx_text, pdf_text


def _minutes(council):
    user = _secretary(council)
    pdf = pdf_text(
        documents.council_paper(council=council, user=user, name="minutes", extension="pdf")[0]
    )
    _doc, docx = docx_text(
        documents.council_paper(council=council, user=user, name="minutes", extension="docx")[0]
    )
    return pdf, docx


def _by_vote(council, people):
    services.council_update(council=council, by=people["secretary"], data={"decides_by_vote": True})
    council.refresh_from_db()


def test_minutes_name_who_stood_aside_and_why(decided):
    for text in _minutes(decided):
        assert "Thành viên không tham gia chấm điểm, biểu quyết (do xung đột lợi ích):" in text
        assert "Ngô Chuyên Gia – “Sáng kiến 1” (có xung đột lợi ích đã khai báo)" in text
        # The teacher works in the school whose three initiatives the council decided.
        for title in ("Sáng kiến 1", "Sáng kiến 2", "Sáng kiến 3"):
            assert f"Đỗ Thị Giáo – “{title}” (công tác tại đơn vị có sáng kiến)" in text
        assert "Phạm Văn Chủ – “" not in text
        # No vote: the council decided on the scores.
        assert "biểu quyết;" not in text and "tán thành" not in text


def test_minutes_keep_a_sheet_submitted_before_the_conflict(decided, forwarded):
    chair = decided.people["chair"]
    services.conflict_declare(
        initiative=forwarded[1], user=chair, by=chair, reason="Đồng nghiệp", source="member"
    )
    pdf, docx = _minutes(decided)
    for text in (pdf, docx):
        assert "Phiếu chấm đã nộp trước khi ghi nhận xung đột lợi ích (vẫn lưu" in text
        assert "Phạm Văn Chủ – “Sáng kiến 2” (có xung đột lợi ích đã khai báo)" in text


def test_council_by_vote_prints_the_votes_in_the_minutes(decided, forwarded, people, movement):
    _by_vote(decided, people)
    excellent = Grade.objects.get(movement=movement, name="Xuất sắc")
    services.decision_record(
        council=decided,
        initiative=forwarded[0],
        outcome="recognised",
        grade=excellent,
        votes=(3, 1, 0),
        by=decided.people["chair"],
    )
    decision = Decision.objects.get(council=decided, initiative=forwarded[0])
    assert (decision.votes_for, decision.votes_against, decision.votes_abstain) == (3, 1, 0)
    for text in _minutes(decided):
        assert "Hội đồng quyết định bằng biểu quyết;" in text
        assert (
            "“Sáng kiến 1”: Công nhận – Xuất sắc (tán thành 3, không tán thành 1, "
            "không biểu quyết 0);" in text
        )
        # The two decided before the council voted.
        assert "“Sáng kiến 2”: Không công nhận (chưa ghi số phiếu);" in text


def test_votes_beyond_who_may_vote_are_refused(decided, forwarded, people, movement):
    _by_vote(decided, people)
    # Six seats; the expert (declared) and the teacher (the school's unit) stand aside.
    assert selectors.voters(council=decided, initiative=forwarded[0]) == 4
    excellent = Grade.objects.get(movement=movement, name="Xuất sắc")
    with pytest.raises(ValidationError) as error:
        services.decision_record(
            council=decided,
            initiative=forwarded[0],
            outcome="recognised",
            grade=excellent,
            votes=(4, 1, 0),
            by=decided.people["chair"],
        )
    assert error.value.message_dict["votes_for"] == [
        "Đã nhập 5 phiếu, nhưng chỉ 4 thành viên có mặt và không có xung đột lợi ích được "
        "biểu quyết về sáng kiến này."
    ]
    assert Decision.objects.get(council=decided, initiative=forwarded[0]).votes_for is None


def test_recognition_without_a_majority_is_refused(decided, forwarded, people, movement):
    _by_vote(decided, people)
    excellent = Grade.objects.get(movement=movement, name="Xuất sắc")
    with pytest.raises(ValidationError) as error:
        services.decision_record(
            council=decided,
            initiative=forwarded[0],
            outcome="recognised",
            grade=excellent,
            votes=(2, 2, 0),
            by=decided.people["chair"],
        )
    assert error.value.message_dict["votes_for"] == [
        "Công nhận cần số phiếu tán thành quá một nửa số phiếu biểu quyết."
    ]


def test_decision_form_asks_for_the_votes(client, decided, forwarded, people):
    _by_vote(decided, people)
    client.force_login(decided.people["chair"])
    url = reverse("appraisal:decide", args=[decided.pk, forwarded[1].public_id])
    response = client.post(url, {"outcome": "not_recognised", "reason": "Chưa có tính mới"})
    assert response.status_code == 200
    assert "Nhập số phiếu tán thành, không tán thành và không biểu quyết." in response.text
    assert Decision.objects.get(council=decided, initiative=forwarded[1]).votes_for is None
    response = client.post(
        url,
        {
            "outcome": "not_recognised",
            "reason": "Chưa có tính mới",
            "votes_for": "0",
            "votes_against": "3",
            "votes_abstain": "1",
        },
    )
    assert response.status_code == 302
    decision = Decision.objects.get(council=decided, initiative=forwarded[1])
    assert (decision.votes_for, decision.votes_against, decision.votes_abstain) == (0, 3, 1)


def test_minutes_say_why_members_stood_aside_when_none_declared(decided):
    from sangtao.appraisal.models import Conflict

    Conflict.objects.all().delete()
    for text in _minutes(decided):
        assert (
            "Không có thành viên Hội đồng nào khai báo xung đột lợi ích; các thành viên dưới đây "
            "không chấm, không biểu quyết vì lý do nêu kèm." in text
        )
        assert "Đỗ Thị Giáo – “Sáng kiến 1” (công tác tại đơn vị có sáng kiến)" in text
