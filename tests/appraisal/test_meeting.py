"""The council's meeting: asked for at sealing, printed on the minutes and the decision
(date, times, who attended, conflicts declared or found), and the migration's default."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from sangtao.appraisal import documents, services
from sangtao.initiatives.models import InitiativeAuthor

from .test_documents import _secretary, docx_text, pdf_text

MEETING = services.Meeting(
    date=datetime.date(2018, 11, 5),
    start=datetime.time(8, 0),
    end=datetime.time(11, 30),
    place="Hội trường Ủy ban MTTQ xã Tân Hòa",
)


def _papers(council, name):
    user = _secretary(council)
    pdf = pdf_text(
        documents.council_paper(council=council, user=user, name=name, extension="pdf")[0]
    )
    _doc, docx = docx_text(
        documents.council_paper(council=council, user=user, name=name, extension="docx")[0]
    )
    return pdf, docx


def test_minutes_carry_the_meeting_date_times_attendance_and_found_conflict(decided, forwarded):
    # Võ Văn Hai is linked as an author of the recognised initiative.
    InitiativeAuthor.objects.filter(initiative=forwarded[0]).update(user=decided.people["m2"])
    services.council_seal(council=decided, by=decided.people["chair"], meeting=MEETING)
    for text in _papers(decided, "minutes"):
        assert "Hôm nay, ngày 05 tháng 11 năm 2018, tại Hội trường Ủy ban MTTQ xã Tân Hòa," in text
        assert "Cuộc họp bắt đầu lúc 8 giờ 00, kết thúc lúc 11 giờ 30." in text
        # Present by default: who submitted a sheet, and the secretary.
        assert "Có mặt: 4/6 thành viên (Phạm Văn Chủ, " in text
        assert "Vắng mặt: Đỗ Thị Giáo, Ngô Chuyên Gia." in text or (
            "Vắng mặt: Ngô Chuyên Gia, Đỗ Thị Giáo." in text
        )
        assert "Võ Văn Hai – “Sáng kiến 1”: là tác giả của sáng kiến (hệ thống phát hiện)" in text
        assert "Không thành viên nào của Hội đồng" not in text
        assert "Tân Hòa, ngày 05 tháng 11 năm 2018" in text


def test_decision_is_dated_from_the_meeting_not_today(decided):
    services.council_seal(council=decided, by=decided.people["chair"], meeting=MEETING)
    for text in _papers(decided, "decision"):
        assert "Tân Hòa, ngày 05 tháng 11 năm 2018" in text
        assert str(timezone.localdate().year) not in text.split("Tân Hòa, ")[1][:30]


def test_meeting_ticks_who_attended(decided):
    seats = {m.user.username: m for m in decided.members.select_related("user")}
    present = frozenset({seats["chutich"].pk, seats["uyvien1"].pk})
    services.council_meeting_record(
        council=decided,
        by=_secretary(decided),
        meeting=services.Meeting(date=MEETING.date, present=present),
    )
    assert set(decided.members.filter(present=True).values_list("user__username", flat=True)) == {
        "chutich",
        "uyvien1",
    }
    pdf, _docx = _papers(decided, "minutes")
    assert "Có mặt: 2/6 thành viên (Phạm Văn Chủ, Lê Thị Một)." in pdf
    assert "Cuộc họp bắt đầu lúc … giờ …" in pdf or "bắt đầu lúc" in pdf


def _seal_post(client, council, data):
    return client.post(reverse("appraisal:seal", args=[council.pk]), data)


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({}, "meeting_date", "Hãy nhập ngày Hội đồng họp."),
        (
            {"meeting_date": (timezone.localdate() + datetime.timedelta(days=1)).isoformat()},
            "meeting_date",
            "Ngày họp không thể ở tương lai.",
        ),
        (
            {"meeting_date": "2018-03-14"},
            "meeting_date",
            "Ngày họp không thể trước ngày thành lập Hội đồng (15/03/2018).",
        ),
        (
            {"meeting_date": "2018-11-05", "meeting_start": "10:00", "meeting_end": "09:00"},
            "meeting_end",
            "Giờ kết thúc họp phải sau giờ bắt đầu.",
        ),
    ],
)
def test_seal_form_refuses_a_bad_meeting(decided, client_for, data, field, message):
    response = _seal_post(client_for(decided.people["chair"]), decided, data)
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    decided.refresh_from_db()
    assert (decided.is_sealed, decided.meeting_date) == (False, None)


def test_seal_form_records_the_meeting(decided, client_for):
    seats = {m.user.username: m for m in decided.members.select_related("user")}
    response = _seal_post(
        client_for(decided.people["chair"]),
        decided,
        {
            "meeting_date": "2018-11-05",
            "meeting_start": "08:00",
            "meeting_end": "11:30",
            "meeting_place": "Hội trường",
            "present": [seats["chutich"].pk, seats["thuky"].pk]
            if "thuky" in seats
            else [seats["chutich"].pk],
        },
    )
    assert response.status_code == 302
    decided.refresh_from_db()
    assert decided.is_sealed
    assert (decided.meeting_date, decided.meeting_start, decided.meeting_end) == (
        datetime.date(2018, 11, 5),
        datetime.time(8, 0),
        datetime.time(11, 30),
    )
    assert seats["uyvien1"].__class__.objects.get(pk=seats["uyvien1"].pk).present is False


def test_minutes_print_their_own_number_from_the_meeting(decided):
    numbered = services.Meeting(date=MEETING.date, minutes_number=" 03 ")
    services.council_seal(council=decided, by=decided.people["chair"], meeting=numbered)
    decided.refresh_from_db()
    assert decided.minutes_number == "03"
    for text in _papers(decided, "minutes"):
        assert "Số: 03/BB-HĐTĐ" in text


def test_minutes_without_a_number_leave_room_to_write_it(decided):
    services.council_seal(council=decided, by=decided.people["chair"], meeting=MEETING)
    pdf, docx = _papers(decided, "minutes")
    for text in (pdf, docx):
        assert "/BB-HĐTĐ" in text
        assert "Số: 03/" not in text


def test_seal_form_refuses_a_minutes_number_with_its_code(decided, client_for):
    response = _seal_post(
        client_for(decided.people["chair"]),
        decided,
        {"meeting_date": "2018-11-05", "minutes_number": "03/BB-HĐTĐ"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["minutes_number"] == [
        "Chỉ ghi số của biên bản (ví dụ 03); ký hiệu được thêm theo cách đánh số văn bản "
        "của ủy ban."
    ]
    decided.refresh_from_db()
    assert (decided.is_sealed, decided.minutes_number) == (False, "")
