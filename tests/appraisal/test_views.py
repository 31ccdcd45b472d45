"""The council pages: setting up, members, queue, score sheets, results, ranking, seal,
nomination, the author's declarations, blind appraisal and query counts."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from sangtao.accounts.models import User
from sangtao.appraisal import selectors, services
from sangtao.appraisal.models import (
    Assignment,
    Conflict,
    Council,
    CouncilMember,
    Decision,
    Discussion,
    Nomination,
)
from sangtao.core.models import AuditEvent
from sangtao.initiatives import services as initiative_services
from sangtao.initiatives.states import State
from sangtao.movements.models import Grade, Round

from ..factories import ONE_AUTHOR, complete_dossier, make_user
from .conftest import member
from .test_permissions import MINIMAL_PDF


def _messages(response) -> list[str]:
    """The messages shown on the page a (followed) POST lands on."""
    return [str(m) for m in response.context["messages"]]


def _landed(response) -> str:
    """Where a followed POST was redirected to."""
    return response.redirect_chain[-1][0]


def _sheet_of(council, key, initiative) -> Assignment:
    return Assignment.objects.get(
        council=council, initiative=initiative, member__user=council.people[key]
    )


def _scores(criteria, *values, version=0, action="save", **extra):
    data = {"version": str(version), "action": action, **extra}
    for criterion, value in zip(criteria, values, strict=True):
        data[f"score_{criterion.pk}"] = value
        data[f"comment_{criterion.pk}"] = f"Nhận xét về {criterion.name}"
    return data


def _submit_all(council, criteria, value=15):
    for sheet in Assignment.objects.filter(council=council).select_related("member__user"):
        services.sheet_save(
            assignment=sheet,
            by=sheet.member.user,
            scores={c.pk: (value, "") for c in criteria},
            submit=True,
        )


@pytest.fixture
def criteria(movement):
    return list(movement.criteria.order_by("order"))


@pytest.fixture
def assigned(council, forwarded, people):
    """Sheets handed out: chair and m1 on the first initiative, chair and m2 on the second,
    m1 and m2 on the third (two appraisers each, the load balanced)."""
    services.assignments_auto(council=council, by=people["secretary"])
    return council


# --- setting a council up -----------------------------------------------------------------


def test_council_create_page_sets_up_a_council_with_its_decision(
    movement, tree, people, client_for
):
    fields = list(movement.fields.all())
    response = client_for(people["secretary"]).post(
        reverse("appraisal:create"),
        {
            "round": movement.rounds.first().pk,
            "unit": tree["commune"].pk,
            "name": "Hội đồng thẩm định xã Tân Hòa",
            "decision_number": "12/QĐ-MTTQ",
            "decision_date": "2018-05-02",
            "decision_signer": "Nguyễn Văn Ký",
            "fields": [fields[0].pk],
            "appraisers_per_initiative": "3",
            "blind": "on",
            "reveal_after_submit": "on",
            "aggregate": "trimmed_mean",
            "disagreement_threshold": "15",
            "scoring_deadline": "2018-06-30",
            "decision_upload": SimpleUploadedFile("qd.pdf", MINIMAL_PDF),
        },
        follow=True,
    )
    council = Council.objects.get()
    assert _landed(response) == reverse("appraisal:members", args=[council.pk])
    assert (council.unit, council.decision_number, council.blind, council.aggregate) == (
        tree["commune"],
        "12/QĐ-MTTQ",
        True,
        "trimmed_mean",
    )
    assert council.disagreement_threshold == Decimal("15")
    assert list(council.fields.all()) == [fields[0]]
    assert council.decision_file.name == f"councils/council-{council.pk}.pdf"


def test_council_create_refuses_a_decision_that_is_not_a_pdf(movement, tree, people, client_for):
    response = client_for(people["secretary"]).post(
        reverse("appraisal:create"),
        {
            "round": movement.rounds.first().pk,
            "unit": tree["commune"].pk,
            "name": "Hội đồng",
            "appraisers_per_initiative": "3",
            "aggregate": "mean",
            "disagreement_threshold": "20",
            "decision_upload": SimpleUploadedFile("qd.pdf", b"not a pdf"),
        },
        follow=True,
    )
    assert response.status_code == 200
    assert response.context["form"].errors["decision_upload"] == ["Quyết định phải là tệp PDF."]
    assert Council.objects.count() == 0


def test_council_create_offers_the_council_units_one_covers(movement, tree, people, client_for):
    from sangtao.appraisal.forms import CouncilCreateForm

    assert list(CouncilCreateForm(user=people["secretary"]).fields["unit"].queryset) == [
        tree["commune"]
    ]
    assert set(CouncilCreateForm(user=people["officer"]).fields["unit"].queryset) == {
        tree["province"],
        tree["district"],
        tree["other_district"],
        tree["commune"],
    }


def test_council_edit_saves_the_settings(council, people, client_for):
    response = client_for(people["secretary"]).post(
        reverse("appraisal:edit", args=[council.pk]),
        {
            "name": "Hội đồng thẩm định xã Tân Hòa (bổ sung)",
            "appraisers_per_initiative": "4",
            "aggregate": "median",
            "disagreement_threshold": "10",
            "scoring_deadline": "2018-07-15",
        },
        follow=True,
    )
    assert response.redirect_chain[0][1] == 302
    council.refresh_from_db()
    assert (council.name, council.appraisers_per_initiative, council.aggregate) == (
        "Hội đồng thẩm định xã Tân Hòa (bổ sung)",
        4,
        "median",
    )
    assert (council.blind, council.reveal_after_submit) == (False, False)


# --- members ------------------------------------------------------------------------------


def test_members_page_picks_people_without_tones_with_unit_and_load(
    council, forwarded, people, tree, client_for
):
    make_user("kysu", unit=tree["province"], full_name="Trịnh Kỹ Sư")
    make_user("kysu2", unit=tree["central"], full_name="Lê Kỹ Sư Trung Ương")
    client = client_for(people["secretary"])
    found = client.get(reverse("appraisal:people_pick", args=[council.pk]), {"person__q": "ky su"})
    assert [(p.username, p.unit.name, p.load) for p in found.context["found"]] == [
        ("kysu", "Ủy ban MTTQ Việt Nam tỉnh Tây Ninh", 0)
    ]
    assert "Trịnh Kỹ Sư" in found.content.decode()
    assert "0 phiếu cần chấm" in found.content.decode()
    page = client.get(reverse("appraisal:members", args=[council.pk]))
    picker = reverse("appraisal:people_pick", args=[council.pk])
    assert f'hx-get="{picker}"' in page.content.decode()
    response = client.post(
        reverse("appraisal:members", args=[council.pk]),
        {
            "person": User.objects.get(username="kysu").pk,
            "role": "expert",
            "title": "Kỹ sư phần mềm",
            "expert_initiatives": [forwarded[1].pk],
        },
        follow=True,
    )
    assert response.redirect_chain[0][1] == 302
    expert = council.members.get(user__username="kysu")
    assert (expert.role, expert.title) == ("expert", "Kỹ sư phần mềm")
    assert list(expert.expert_initiatives.all()) == [forwarded[1]]
    assert _messages(response) == ["Đã thêm Trịnh Kỹ Sư vào hội đồng với vai trò chuyên gia mời."]


def test_members_page_refuses_a_second_chair_and_a_person_off_the_list(
    council, people, tree, client_for
):
    deputy = make_user("phochutich", unit=tree["commune"])
    elsewhere = make_user("trunguong", unit=tree["central"])
    client = client_for(people["secretary"])
    url = reverse("appraisal:members", args=[council.pk])
    response = client.post(url, {"person": deputy.pk, "role": "chair"}, follow=True)
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "__all__": ["Nguyễn Văn phochutich: Hội đồng đã có chủ tịch."]
    }
    response = client.post(url, {"person": elsewhere.pk, "role": "member"}, follow=True)
    assert response.context["form"].errors == {"person": ["Hãy chọn những người trong danh sách."]}
    response = client.post(url, {"person__q": "pho", "role": "member"}, follow=True)
    assert response.context["form"].errors == {
        "person": ["Hãy gõ một phần họ tên rồi đánh dấu những người cần đưa vào hội đồng."]
    }
    assert not council.members.filter(user__in=[deputy, elsewhere]).exists()


def test_member_with_submitted_sheets_is_not_removed(
    assigned, forwarded, criteria, people, client_for
):
    council = assigned
    _submit_all(council, criteria)
    m1 = member(council, "m1")
    response = client_for(people["secretary"]).post(
        reverse("appraisal:member_remove", args=[council.pk, m1.pk]), follow=True
    )
    assert response.redirect_chain[0][1] == 302
    assert _messages(response) == [
        "Thành viên này đã nộp phiếu chấm nên không thể rút khỏi hội đồng."
    ]
    assert council.members.filter(pk=m1.pk).exists()


def test_member_without_sheets_is_removed(council, people, client_for):
    expert = member(council, "expert")
    response = client_for(people["secretary"]).post(
        reverse("appraisal:member_remove", args=[council.pk, expert.pk]), follow=True
    )
    assert _messages(response) == ["Ngô Chuyên Gia đã rời hội đồng."]
    assert not council.members.filter(pk=expert.pk).exists()


# --- the queue ----------------------------------------------------------------------------


def test_queue_shows_sheets_counts_and_decisions(assigned, forwarded, criteria, client_for):
    council = assigned
    _submit_all(council, criteria)
    services.decision_record(
        council=council,
        initiative=forwarded[0],
        outcome="not_recognised",
        reason="Chưa có tính mới",
        by=council.people["chair"],
    )
    response = client_for(council.people["chair"]).get(
        reverse("appraisal:council", args=[council.pk])
    )
    rows = {row.title: row for row in response.context["page"]}
    assert [(rows[t].submitted_sheets, rows[t].assigned) for t in sorted(rows)] == [(2, 2)] * 3
    assert rows["Sáng kiến 1"].decision_label == "Không được công nhận"
    assert [s.member.user.username for s in rows["Sáng kiến 1"].sheets] == ["uyvien1", "chutich"]
    page = response.content.decode()
    assert "Trường THCS Tân Hòa" in page  # the unit (the council is not blind)
    assert response.context["undecided"] == 2


def test_assign_by_hand_refuses_a_conflict_in_words(council, forwarded, people, client_for):
    response = client_for(people["secretary"]).post(
        reverse("appraisal:assign", args=[council.pk]),
        {"initiative": [forwarded[0].public_id], "member": member(council, "teacher").pk},
        follow=True,
    )
    assert response.redirect_chain[0][1] == 302
    assert _messages(response) == [
        "“Sáng kiến 1”: Đỗ Thị Giáo có xung đột lợi ích với sáng kiến này hoặc không được mời "
        "chấm sáng kiến này."
    ]
    assert Assignment.objects.count() == 0


def test_assign_ticked_initiatives_refuses_all_when_one_is_conflicted(
    council, forwarded, people, client_for
):
    m1 = council.people["m1"]
    services.conflict_declare(
        initiative=forwarded[1], user=m1, by=m1, reason="Em họ", source="member"
    )
    response = client_for(people["secretary"]).post(
        reverse("appraisal:assign", args=[council.pk]),
        {
            "initiative": [i.public_id for i in forwarded],
            "member": [member(council, "m1").pk, member(council, "m2").pk],
        },
        follow=True,
    )
    assert _messages(response) == [
        "“Sáng kiến 2”: Lê Thị Một có xung đột lợi ích với sáng kiến này hoặc không được mời "
        "chấm sáng kiến này."
    ]
    assert Assignment.objects.count() == 0
    assert AuditEvent.objects.filter(action="assignment.create").count() == 0


def test_assign_several_members_at_once_hands_out_every_sheet(
    council, forwarded, people, client_for
):
    seats = [member(council, "m1"), member(council, "m2")]
    client = client_for(people["secretary"])
    page = client.get(reverse("appraisal:council", args=[council.pk]))
    assert (
        'Lê Thị Một <small class="text-muted">(thành viên) · '
        "Ủy ban MTTQ Việt Nam xã Tân Hòa · 0 phiếu cần chấm" in page.content.decode()
    )
    response = client.post(
        reverse("appraisal:assign", args=[council.pk]),
        {"initiative": [i.public_id for i in forwarded[:2]], "member": [s.pk for s in seats]},
        follow=True,
    )
    assert _messages(response) == ["Đã giao 4 phiếu chấm."]
    assert sorted(
        Assignment.objects.values_list("initiative__title", "member__user__username")
    ) == [
        ("Sáng kiến 1", "uyvien1"),
        ("Sáng kiến 1", "uyvien2"),
        ("Sáng kiến 2", "uyvien1"),
        ("Sáng kiến 2", "uyvien2"),
    ]
    assert AuditEvent.objects.filter(action="assignment.create").count() == 4
    page = client.get(reverse("appraisal:council", args=[council.pk]))
    assert [s.load for s in page.context["scorers"] if s.pk in {x.pk for x in seats}] == [2, 2]


def test_assign_refuses_the_secretary_and_another_councils_seat(
    council, forwarded, people, client_for
):
    secretary_seat = council.members.get(role="secretary")
    response = client_for(people["secretary"]).post(
        reverse("appraisal:assign", args=[council.pk]),
        {"initiative": [forwarded[0].public_id], "member": [secretary_seat.pk]},
        follow=True,
    )
    assert _messages(response) == ["Hãy chọn những thành viên chấm điểm của hội đồng."]
    assert Assignment.objects.count() == 0


def test_assign_without_a_ticked_initiative_says_so(council, forwarded, people, client_for):
    response = client_for(people["secretary"]).post(
        reverse("appraisal:assign", args=[council.pk]),
        {"member": member(council, "m1").pk},
        follow=True,
    )
    assert _messages(response) == ["Hãy đánh dấu ít nhất một sáng kiến."]


def test_assign_by_hand_then_remove(council, forwarded, people, client_for):
    client = client_for(people["secretary"])
    response = client.post(
        reverse("appraisal:assign", args=[council.pk]),
        {"initiative": [forwarded[0].public_id], "member": member(council, "m2").pk, "page": "1"},
        follow=True,
    )
    assert _landed(response) == reverse("appraisal:council", args=[council.pk]) + "?page=1"
    assert _messages(response) == ["Võ Văn Hai sẽ chấm “Sáng kiến 1”."]
    sheet = Assignment.objects.get()
    response = client.post(
        reverse("appraisal:assignment_remove", args=[council.pk]),
        {"sheet": sheet.public_id},
        follow=True,
    )
    assert _messages(response) == ["Võ Văn Hai không còn chấm “Sáng kiến 1”."]
    assert Assignment.objects.count() == 0


def test_assign_automatically_reports_how_many(council, forwarded, people, client_for):
    client = client_for(people["secretary"])
    response = client.post(reverse("appraisal:assign_auto", args=[council.pk]), follow=True)
    assert _messages(response) == ["Đã giao 6 phiếu chấm."]
    response = client.post(reverse("appraisal:assign_auto", args=[council.pk]), follow=True)
    assert _messages(response) == [
        "Không giao thêm phiếu nào: mọi sáng kiến đã đủ người chấm, hoặc không còn thành viên "
        "nào không xung đột lợi ích."
    ]


def test_secretary_records_a_conflict_and_everyone_running_it_sees_the_reason(
    assigned, forwarded, people, client_for
):
    council = assigned
    response = client_for(people["secretary"]).post(
        reverse("appraisal:conflict_record", args=[council.pk, forwarded[0].public_id]),
        {"member": member(council, "m1").pk, "reason": "Anh em họ của tác giả"},
        follow=True,
    )
    assert _messages(response) == ["Đã ghi nhận xung đột lợi ích của Lê Thị Một với sáng kiến này."]
    # Her unsubmitted sheet went with it.
    assert not Assignment.objects.filter(
        initiative=forwarded[0], member__user=council.people["m1"]
    ).exists()
    page = client_for(council.people["chair"]).get(
        reverse("appraisal:conflicts", args=[council.pk])
    )
    assert [(c.user.username, c.source, c.reason) for c in page.context["page"]] == [
        ("uyvien1", "secretary", "Anh em họ của tác giả")
    ]
    assert "Anh em họ của tác giả" in page.content.decode()


# --- the score sheet ----------------------------------------------------------------------


def test_score_sheet_save_stale_submit_then_see_the_others(
    assigned, forwarded, criteria, client_for
):
    council = assigned
    chair_sheet = _sheet_of(council, "chair", forwarded[0])
    services.sheet_save(
        assignment=chair_sheet,
        by=council.people["chair"],
        scores={c.pk: (18, "Rất mới") for c in criteria},
        submit=True,
    )
    sheet = _sheet_of(council, "m1", forwarded[0])
    url = reverse("appraisal:sheet", args=[sheet.public_id])
    client = client_for(council.people["m1"])

    page = client.get(url)
    assert page.context["form"]["version"].value() == 0
    assert page.context["sees_sheets"] is False
    assert "Rất mới" not in page.content.decode()

    # A half-filled draft is kept.
    response = client.post(url, _scores(criteria, "12,5", "", version=0), follow=True)
    assert response.redirect_chain[0][1] == 302
    assert _messages(response) == ["Đã lưu bản nháp phiếu chấm."]
    sheet.refresh_from_db()
    assert (sheet.state, sheet.version, sheet.total) == ("draft", 1, None)
    page = client.get(url)
    assert page.context["form"][f"score_{criteria[0].pk}"].value() == "12,5"

    # Another window still holds version 0: nothing is saved.
    response = client.post(url, _scores(criteria, "3", "3", version=0), follow=True)
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Phiếu chấm này đã được thay đổi ở một cửa sổ khác; hãy tải lại phiếu trước khi lưu."
    ]
    assert sheet.scores.get(criterion=criteria[0]).value == Decimal("12.5")

    # Submitting without the confirmation, then with a criterion left blank.
    response = client.post(
        url, _scores(criteria, "12,5", "14", version=1, action="submit"), follow=True
    )
    assert response.context["form"].errors == {
        "confirm": ["Hãy đánh dấu ô này để xác nhận nộp phiếu."]
    }
    response = client.post(
        url, _scores(criteria, "12,5", "", version=1, action="submit", confirm="on"), follow=True
    )
    assert response.context["form"].errors == {
        f"score_{criteria[1].pk}": ["Hãy chấm điểm tất cả các tiêu chí trước khi nộp phiếu."]
    }

    response = client.post(
        url, _scores(criteria, "12,5", "14", version=1, action="submit", confirm="on"), follow=True
    )
    assert _messages(response) == ["Đã nộp phiếu chấm của bạn."]
    sheet.refresh_from_db()
    assert (sheet.state, sheet.total) == ("submitted", Decimal("26.50"))

    page = client.get(url)
    assert page.context["form"] is None
    assert page.context["sees_sheets"] is True
    assert [s.member.user.username for s, _scores in page.context["sheets"]] == [
        "chutich",
        "uyvien1",
    ]
    assert "Rất mới" in page.content.decode()

    # A submitted sheet is locked; the discussion is open.
    response = client.post(url, _scores(criteria, "1", "1", version=2), follow=True)
    assert _messages(response) == ["Phiếu chấm này đã được nộp nên không thể thay đổi nữa."]
    response = client.post(
        reverse("appraisal:discuss", args=[council.pk, forwarded[0].public_id]),
        {"text": "Tôi chấm thấp vì chưa rõ hiệu quả.", "next": url},
        follow=True,
    )
    assert _landed(response) == url
    assert list(Discussion.objects.values_list("text", flat=True)) == [
        "Tôi chấm thấp vì chưa rõ hiệu quả."
    ]
    assert "Tôi chấm thấp vì chưa rõ hiệu quả." in client.get(url).content.decode()


def test_score_out_of_range_is_refused_next_to_its_criterion(
    assigned, forwarded, criteria, client_for
):
    council = assigned
    sheet = _sheet_of(council, "m1", forwarded[0])
    response = client_for(council.people["m1"]).post(
        reverse("appraisal:sheet", args=[sheet.public_id]),
        _scores(criteria, "25", "abc"),
        follow=True,
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        f"score_{criteria[0].pk}": ["Điểm phải nằm trong khoảng từ 0 đến 20."],
        f"score_{criteria[1].pk}": ["“abc” không phải là một số."],
    }
    sheet.refresh_from_db()
    assert sheet.version == 0


def test_sheets_are_shown_at_once_when_the_council_does_not_hide_them(
    assigned, forwarded, client_for
):
    council = assigned
    council.reveal_after_submit = False
    council.save()
    sheet = _sheet_of(council, "m1", forwarded[0])
    page = client_for(council.people["m1"]).get(reverse("appraisal:sheet", args=[sheet.public_id]))
    assert page.context["sees_sheets"] is True
    assert page.context["form"] is not None


def test_sheet_page_shows_the_others_sheets_as_the_rule_says(
    assigned, forwarded, criteria, client_for
):
    """The sheet page reads the rule's facts from the member's own sheet: its answer is the
    rule's for a draft, a submitted sheet and a conflict declared after submitting."""
    council = assigned
    m1 = council.people["m1"]
    sheet = _sheet_of(council, "m1", forwarded[0])
    url = reverse("appraisal:sheet", args=[sheet.public_id])
    client = client_for(m1)

    def both():
        withheld = selectors.sheets_withheld(user=m1, council=council, initiative=forwarded[0])
        return client.get(url).context["sees_sheets"], withheld

    assert both() == (False, "own_sheet_first")
    services.sheet_save(
        assignment=sheet, by=m1, scores={c.pk: (15, "") for c in criteria}, submit=True
    )
    assert both() == (True, None)
    client.post(reverse("appraisal:sheet_conflict", args=[sheet.public_id]), {"reason": "Họ"})
    assert both() == (False, "conflicted")


def test_sheet_page_reads_the_rule_without_a_query_of_its_own(
    assigned, forwarded, client_for, django_assert_max_num_queries
):
    """The sheet's page: session, user, roles, seats, the sheet, criteria, scores, conflicts
    (two), the levels below, the unread count, authors, attachments."""
    council = assigned
    sheet = _sheet_of(council, "m1", forwarded[0])
    client = client_for(council.people["m1"])
    url = reverse("appraisal:sheet", args=[sheet.public_id])
    client.get(url)
    with django_assert_max_num_queries(13):
        assert client.get(url).status_code == 200


def test_member_declares_a_conflict_from_the_score_page(assigned, forwarded, client_for):
    council = assigned
    sheet = _sheet_of(council, "m1", forwarded[0])
    response = client_for(council.people["m1"]).post(
        reverse("appraisal:sheet_conflict", args=[sheet.public_id]),
        {"reason": "Tác giả là em gái tôi"},
        follow=True,
    )
    assert _landed(response) == reverse("appraisal:tasks")
    assert _messages(response) == [
        "Đã ghi nhận xung đột lợi ích của bạn; sáng kiến đã được rút khỏi danh sách của bạn."
    ]
    assert not Assignment.objects.filter(pk=sheet.pk).exists()
    conflict = Conflict.objects.get()
    assert (conflict.user, conflict.source, conflict.reason) == (
        council.people["m1"],
        "member",
        "Tác giả là em gái tôi",
    )


def test_task_list_marks_what_is_left_and_overdue(assigned, forwarded, criteria, client_for):
    import datetime

    council = assigned
    council.scoring_deadline = datetime.date(2018, 6, 30)
    council.save()
    services.sheet_save(
        assignment=_sheet_of(council, "m1", forwarded[0]),
        by=council.people["m1"],
        scores={c.pk: (10, "") for c in criteria},
        submit=True,
    )
    response = client_for(council.people["m1"]).get(reverse("appraisal:tasks"))
    assert response.context["counts"] == {"left": 1, "submitted": 1}
    assert [(t.initiative.title, t.state) for t in response.context["page"]] == [
        ("Sáng kiến 3", "draft"),
        ("Sáng kiến 1", "submitted"),
    ]
    assert response.content.decode().count("Quá hạn") == 1


# --- results, decision, ranking -----------------------------------------------------------


def test_results_page_shows_the_figures_and_preselects_the_proposed_grade(
    assigned, forwarded, criteria, client_for
):
    council = assigned
    chair, m1 = _sheet_of(council, "chair", forwarded[0]), _sheet_of(council, "m1", forwarded[0])
    for sheet, value in ((chair, 19), (m1, 8)):
        services.sheet_save(
            assignment=sheet,
            by=sheet.member.user,
            scores={c.pk: (value, "") for c in criteria},
            submit=True,
        )
    response = client_for(council.people["chair"]).get(
        reverse("appraisal:result", args=[council.pk, forwarded[0].public_id])
    )
    result = response.context["result"]
    assert (result.mean, result.aggregate, result.spread, result.wide_disagreement) == (
        Decimal("27.00"),
        Decimal("27.00"),
        Decimal("22.00"),
        True,
    )
    khá = Grade.objects.get(name="Khá")
    form = response.context["decision_form"]
    assert (form["outcome"].value(), form["grade"].value()) == ("recognised", khá.pk)
    page = response.content.decode()
    assert "Chênh lệch lớn" in page
    assert "Khá" in page


def test_decision_form_records_and_refuses_without_reason(
    assigned, forwarded, criteria, client_for
):
    council = assigned
    _submit_all(council, criteria)
    client = client_for(council.people["chair"])
    url = reverse("appraisal:decide", args=[council.pk, forwarded[0].public_id])
    response = client.post(url, {"outcome": "not_recognised", "reason": ""}, follow=True)
    assert response.status_code == 200
    assert response.context["decision_form"].errors == {
        "reason": ["Hãy nêu lý do của quyết định này."]
    }
    grade = Grade.objects.get(name="Khá")
    response = client.post(url, {"outcome": "recognised", "grade": grade.pk}, follow=True)
    assert _messages(response) == ["Đã ghi nhận quyết định của hội đồng."]
    # Deciding again the same way with another grade keeps the state.
    better = Grade.objects.get(name="Xuất sắc")
    response = client.post(url, {"outcome": "recognised", "grade": better.pk}, follow=True)
    assert _messages(response) == ["Đã ghi nhận quyết định của hội đồng."]
    decision = Decision.objects.get()
    assert (decision.outcome, decision.grade, decision.total) == (
        "recognised",
        better,
        Decimal("30.00"),
    )
    forwarded[0].refresh_from_db()
    assert forwarded[0].state == State.RECOGNISED


def test_ranking_states_the_tie_rule_and_ranks_over_every_page(
    assigned, forwarded, criteria, client_for
):
    council = assigned
    for sheet in Assignment.objects.filter(council=council).select_related("initiative"):
        value = {"Sáng kiến 1": 10, "Sáng kiến 2": 18, "Sáng kiến 3": 14}[sheet.initiative.title]
        services.sheet_save(
            assignment=sheet,
            by=sheet.member.user,
            scores={c.pk: (value, "") for c in criteria},
            submit=True,
        )
    response = client_for(council.people["chair"]).get(
        reverse("appraisal:ranking", args=[council.pk])
    )
    assert [(r.rank, r.initiative.title) for r in response.context["page"]] == [
        (1, "Sáng kiến 2"),
        (2, "Sáng kiến 3"),
        (3, "Sáng kiến 1"),
    ]
    assert response.context["page"].paginator.per_page == 50
    assert (
        "Khi bằng điểm, xếp theo điểm chuẩn hóa, rồi theo điểm trung bình của tiêu chí đầu tiên "
        "(Tính mới), rồi theo thời gian nộp sớm hơn, rồi theo thứ tự vào sổ."
    ) in response.content.decode()
    second = selectors.ranking_page(council=council, number=2, per_page=2)
    assert [(r.rank, r.initiative.title) for r in second] == [(3, "Sáng kiến 1")]


# --- seal, reopen, nominate ---------------------------------------------------------------


@pytest.fixture
def sealed(assigned, forwarded, criteria):
    council = assigned
    _submit_all(council, criteria, value=17)
    chair = council.people["chair"]
    grade = Grade.objects.get(name="Xuất sắc")
    services.decision_record(
        council=council, initiative=forwarded[0], outcome="recognised", grade=grade, by=chair
    )
    services.decision_record(
        council=council, initiative=forwarded[1], outcome="recognised", grade=grade, by=chair
    )
    services.decision_record(
        council=council,
        initiative=forwarded[2],
        outcome="not_recognised",
        reason="Chưa có hiệu quả",
        by=chair,
    )
    return council


def test_seal_asks_for_confirmation_then_seals(sealed, client_for):
    council = sealed
    client = client_for(council.people["chair"])
    page = client.get(reverse("appraisal:seal", args=[council.pk]))
    assert page.context["undecided"] == 0
    assert "Đồng ý, niêm phong kết quả" in page.content.decode()
    today = timezone.localdate().isoformat()
    response = client.post(
        reverse("appraisal:seal", args=[council.pk]), {"meeting_date": today}, follow=True
    )
    assert _messages(response) == [
        "Đã niêm phong kết quả: các sáng kiến được công nhận chính thức và không thể thay đổi."
    ]
    council.refresh_from_db()
    assert council.is_sealed


def test_seal_is_refused_while_initiatives_are_undecided(assigned, forwarded, client_for):
    council = assigned
    response = client_for(council.people["chair"]).post(
        reverse("appraisal:seal", args=[council.pk]), follow=True
    )
    assert _messages(response) == ["Còn 3 sáng kiến trong danh sách chưa có quyết định."]
    council.refresh_from_db()
    assert not council.is_sealed


def _sealed_posts(council, forwarded, criteria):
    """Every write of the pages, as (url, data), with data that would succeed if open."""
    m2 = member(council, "m2")
    sheet = _sheet_of(council, "m1", forwarded[0])
    initiative = forwarded[0].public_id
    return [
        (reverse("appraisal:edit", args=[council.pk]), {"name": "X"}),
        (reverse("appraisal:members", args=[council.pk]), {"person": m2.user_id}),
        (reverse("appraisal:member_remove", args=[council.pk, member(council, "expert").pk]), {}),
        (reverse("appraisal:assign", args=[council.pk]), {"initiative": [initiative]}),
        (reverse("appraisal:assign_auto", args=[council.pk]), {}),
        (reverse("appraisal:assignment_remove", args=[council.pk]), {"sheet": sheet.public_id}),
        (
            reverse("appraisal:decide", args=[council.pk, initiative]),
            {"outcome": "not_recognised", "reason": "Xét lại"},
        ),
        (reverse("appraisal:discuss", args=[council.pk, initiative]), {"text": "Xin chào"}),
        (
            reverse("appraisal:conflict_record", args=[council.pk, initiative]),
            {"member": m2.pk, "reason": "Người thân"},
        ),
    ]


def test_sealed_council_refuses_every_write_of_the_pages(
    sealed, forwarded, criteria, people, client_for
):
    council = sealed
    services.council_seal(council=council, by=council.people["chair"])
    before = (
        Assignment.objects.count(),
        Decision.objects.count(),
        Conflict.objects.count(),
        Discussion.objects.count(),
        CouncilMember.objects.count(),
        Council.objects.get().name,
    )
    sealed_message = (
        "Kết quả của hội đồng đã được niêm phong; muốn thay đổi phải mở lại (có nêu lý do)."
    )
    for who in (people["secretary"], council.people["chair"]):
        client = client_for(who)
        for url, data in _sealed_posts(council, forwarded, criteria):
            response = client.post(url, data, follow=True)
            assert (url, response.redirect_chain[0][1], _messages(response)) == (
                url,
                302,
                [sealed_message],
            )
    m1 = council.people["m1"]
    sheet = _sheet_of(council, "m1", forwarded[0])
    for url in (
        reverse("appraisal:sheet", args=[sheet.public_id]),
        reverse("appraisal:sheet_conflict", args=[sheet.public_id]),
    ):
        response = client_for(m1).post(
            url, {"reason": "x", "version": "1", "action": "save"}, follow=True
        )
        assert _messages(response) == [sealed_message]
    after = (
        Assignment.objects.count(),
        Decision.objects.count(),
        Conflict.objects.count(),
        Discussion.objects.count(),
        CouncilMember.objects.count(),
        Council.objects.get().name,
    )
    assert after == before


def test_sealed_council_pages_show_no_write_form(sealed, forwarded, people, client_for):
    council = sealed
    services.council_seal(council=council, by=council.people["chair"])
    chair = client_for(council.people["chair"])
    queue = chair.get(reverse("appraisal:council", args=[council.pk])).content.decode()
    assert reverse("appraisal:assign_auto", args=[council.pk]) not in queue
    assert reverse("appraisal:assign", args=[council.pk]) not in queue
    assert reverse("appraisal:reopen", args=[council.pk]) in queue
    result = chair.get(reverse("appraisal:result", args=[council.pk, forwarded[0].public_id]))
    assert result.context["decision_form"] is None
    assert result.context["discussion_form"] is None
    assert reverse("appraisal:decide", args=[council.pk, forwarded[0].public_id]) not in (
        result.content.decode()
    )
    members = client_for(people["secretary"]).get(reverse("appraisal:members", args=[council.pk]))
    assert members.context["form"] is None
    sheet = _sheet_of(council, "m1", forwarded[0])
    page = client_for(council.people["m1"]).get(reverse("appraisal:sheet", args=[sheet.public_id]))
    assert (page.context["form"], page.context["conflict_form"]) == (None, None)


def test_reopen_needs_a_reason(sealed, client_for):
    council = sealed
    services.council_seal(council=council, by=council.people["chair"])
    client = client_for(council.people["chair"])
    url = reverse("appraisal:reopen", args=[council.pk])
    response = client.post(url, {"reason": ""}, follow=True)
    assert _messages(response) == ["Hãy nêu lý do mở lại."]
    council.refresh_from_db()
    assert council.is_sealed
    response = client.post(url, {"reason": "Nhập sai điểm của một thành viên"}, follow=True)
    assert _messages(response) == [
        "Đã mở lại kết quả; các công nhận bị rút lại cho đến khi niêm phong lần nữa."
    ]
    council.refresh_from_db()
    assert not council.is_sealed


def test_nominate_recognised_initiatives_and_show_where_they_went(
    sealed, forwarded, tree, client_for
):
    council = sealed
    services.council_seal(council=council, by=council.people["chair"])
    client = client_for(council.people["chair"])
    url = reverse("appraisal:nominate", args=[council.pk])
    page = client.get(url)
    assert page.context["target"] == tree["district"]
    assert [r.initiative.title for r in page.context["page"]] == ["Sáng kiến 1", "Sáng kiến 2"]
    response = client.post(
        url, {"initiatives": [forwarded[0].pk], "note": "Tiêu biểu"}, follow=True
    )
    assert _messages(response) == [
        "Đã đề nghị 1 sáng kiến lên hội đồng của Ủy ban MTTQ Việt Nam huyện Tân Châu."
    ]
    assert Nomination.objects.get().initiative == forwarded[0]
    forwarded[0].refresh_from_db()
    assert (forwarded[0].state, forwarded[0].appraisal_unit) == (
        State.IN_APPRAISAL,
        tree["district"],
    )
    rows = {r.initiative.title: r for r in client.get(url).context["page"]}
    assert rows["Sáng kiến 1"].nominated_to == "Ủy ban MTTQ Việt Nam huyện Tân Châu"
    assert rows["Sáng kiến 2"].nominated_to is None
    response = client.post(url, {"note": "Không chọn gì"}, follow=True)
    assert _messages(response) == ["Hãy chọn ít nhất một sáng kiến."]


def test_nominate_is_refused_before_the_seal(sealed, forwarded, client_for):
    council = sealed
    response = client_for(council.people["chair"]).post(
        reverse("appraisal:nominate", args=[council.pk]),
        {"initiatives": [forwarded[0].pk]},
        follow=True,
    )
    assert _messages(response) == [
        "Hãy niêm phong kết quả trước khi đề nghị sáng kiến lên cấp trên."
    ]
    assert Nomination.objects.count() == 0


# --- the author's side --------------------------------------------------------------------


def test_author_names_a_council_member_from_the_initiative(council, forwarded, people, client_for):
    client = client_for(people["author"])
    detail = client.get(reverse("initiatives:detail", args=[forwarded[0].public_id]))
    url = reverse("appraisal:author_conflicts", args=[forwarded[0].public_id])
    assert url in detail.content.decode()
    page = client.get(url)
    assert [m.user.username for m in page.context["members"]] == [
        "chutich",
        "uyvien1",
        "uyvien2",
        "giaovien",
        "chuyengia",
    ]
    response = client.post(
        url, {"member": member(council, "m2").pk, "reason": "Chồng tôi"}, follow=True
    )
    assert response.redirect_chain[0][1] == 302
    assert _messages(response) == [
        "Đã ghi nhận khai báo của bạn về Võ Văn Hai; hội đồng sẽ thấy khai báo này."
    ]
    conflict = Conflict.objects.get()
    assert (conflict.user, conflict.source, conflict.declared_by) == (
        council.people["m2"],
        "author",
        people["author"],
    )
    # Now the automatic assignment passes him over for that initiative.
    services.assignments_auto(council=council, by=people["secretary"])
    assert not Assignment.objects.filter(
        initiative=forwarded[0], member__user=council.people["m2"]
    ).exists()


def test_author_link_is_not_shown_to_others(council, forwarded, people, client_for):
    detail = client_for(people["clerk"]).get(
        reverse("initiatives:detail", args=[forwarded[0].public_id])
    )
    assert reverse("appraisal:author_conflicts", args=[forwarded[0].public_id]) not in (
        detail.content.decode()
    )


# --- blind appraisal ----------------------------------------------------------------------

HIDDEN = ["Trần Thị Hoa", "Trường THCS Tân Hòa", "Nguyễn Văn tacgia"]


def test_blind_council_hides_authors_and_unit_from_members_not_from_the_secretary(
    assigned, forwarded, criteria, people, client_for
):
    council = assigned
    services.council_update(council=council, by=people["secretary"], data={"blind": True})
    services.conflict_declare(
        initiative=forwarded[0],
        user=council.people["m2"],
        by=people["author"],
        reason="Cùng nhóm",
        source="author",
    )
    _submit_all(council, criteria)
    sheet = _sheet_of(council, "m1", forwarded[0])
    chair_sheet = _sheet_of(council, "chair", forwarded[0])
    m1, chair = client_for(council.people["m1"]), client_for(council.people["chair"])
    member_pages = [
        m1.get(reverse("appraisal:tasks")),
        m1.get(reverse("appraisal:council", args=[council.pk])),
        m1.get(reverse("appraisal:members", args=[council.pk])),
        m1.get(reverse("appraisal:sheet", args=[sheet.public_id])),
        chair.get(reverse("appraisal:sheet", args=[chair_sheet.public_id])),
        chair.get(reverse("appraisal:council", args=[council.pk])),
        chair.get(reverse("appraisal:result", args=[council.pk, forwarded[0].public_id])),
        chair.get(reverse("appraisal:ranking", args=[council.pk])),
        chair.get(reverse("appraisal:conflicts", args=[council.pk])),
    ]
    for response in member_pages:
        assert response.status_code == 200
        page = response.content.decode()
        assert [name for name in HIDDEN if name in page] == []
    secretary = client_for(people["secretary"])
    result = secretary.get(
        reverse("appraisal:result", args=[council.pk, forwarded[0].public_id])
    ).content.decode()
    assert [name for name in HIDDEN[:2] if name in result] == HIDDEN[:2]
    conflicts = secretary.get(reverse("appraisal:conflicts", args=[council.pk])).content.decode()
    assert "Nguyễn Văn tacgia" in conflicts


# --- the menu -----------------------------------------------------------------------------


def test_menu_links_to_councils_and_sheets_for_those_concerned(council, people, client_for):
    councils, sheets = reverse("appraisal:list"), reverse("appraisal:tasks")
    member_page = client_for(council.people["m1"]).get(reverse("home")).content.decode()
    author_page = client_for(people["author"]).get(reverse("home")).content.decode()
    officer_page = client_for(people["officer"]).get(reverse("home")).content.decode()
    assert (f'href="{councils}"' in member_page, f'href="{sheets}"' in member_page) == (
        True,
        True,
    )
    assert (f'href="{councils}"' in author_page, f'href="{sheets}"' in author_page) == (
        False,
        False,
    )
    assert (f'href="{councils}"' in officer_page, f'href="{sheets}"' in officer_page) == (
        True,
        False,
    )


# --- query counts -------------------------------------------------------------------------


def _forward(count, movement, tree, people, start=0):
    made = []
    for index in range(start, start + count):
        data = complete_dossier(movement, tree["school"]) | {"title": f"Sáng kiến số {index}"}
        initiative = initiative_services.initiative_create(
            by=people["author"], data=data, authors=ONE_AUTHOR
        )
        initiative_services.initiative_submit(initiative=initiative, by=people["author"])
        initiative_services.initiative_forward(initiative=initiative, by=people["clerk"])
        made.append(initiative)
    return made


def _grow(council, movement, tree, people, criteria, count, start):
    made = _forward(count, movement, tree, people, start)
    services.assignments_auto(council=council, by=people["secretary"])
    for sheet in Assignment.objects.filter(council=council, state="draft").select_related(
        "member__user"
    ):
        services.sheet_save(
            assignment=sheet,
            by=sheet.member.user,
            scores={c.pk: (10 + sheet.pk % 7, "") for c in criteria},
            submit=sheet.pk % 3 != 0,  # some sheets stay drafts
        )
    services.decision_record(
        council=council,
        initiative=made[0],
        outcome="not_recognised",
        reason="Chưa đạt",
        by=council.people["chair"],
    )
    services.conflict_declare(
        initiative=made[-1],
        user=council.people["m2"],
        by=people["secretary"],
        reason="Người thân",
        source="secretary",
    )


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_list_pages_query_count_does_not_grow_with_rows(
    council, movement, tree, people, criteria, client_for
):
    pages = [
        (people["secretary"], reverse("appraisal:council", args=[council.pk])),
        (council.people["chair"], reverse("appraisal:ranking", args=[council.pk])),
        (council.people["m1"], reverse("appraisal:tasks")),
        (people["secretary"], reverse("appraisal:conflicts", args=[council.pk])),
        (people["secretary"], reverse("appraisal:list")),
    ]
    _grow(council, movement, tree, people, criteria, 1, 0)
    one = [_count(client_for(user), url) for user, url in pages]
    _grow(council, movement, tree, people, criteria, 49, 1)
    assert selectors.council_queue(council=council).count() == 50
    many = [_count(client_for(user), url) for user, url in pages]
    assert one == many


# --- the list of councils -------------------------------------------------------------------


def test_council_list_holds_the_councils_one_sits_on_or_follows_once_each(
    council, people, client_for
):
    services.council_member_add(
        council=council,
        user=people["officer"],
        role=CouncilMember.Role.MEMBER,
        by=people["secretary"],
    )

    def listed(user):
        page = client_for(user).get(reverse("appraisal:list")).context["page"]
        return [c.pk for c in page], page.paginator.count

    assert listed(people["officer"]) == ([council.pk], 1)  # follows the subtree and sits on it
    assert listed(council.people["expert"]) == ([council.pk], 1)  # a seat, outside any role
    assert listed(people["other_clerk"]) == ([], 0)


def test_council_list_opens_on_the_newest_year_with_councils_and_offers_every_year(
    council, movement, tree, people, client_for
):
    Round.objects.create(movement=movement, year=2019, name="Năm 2019")
    rounds = list(movement.rounds.order_by("year"))
    assert council.round == rounds[0] and len(rounds) == 2
    newer = services.council_create(
        round=rounds[-1],
        unit=tree["commune"],
        by=people["secretary"],
        data={"name": "Hội đồng năm sau", "appraisers_per_initiative": 2},
    )
    officer = client_for(people["officer"])

    def listed(query=""):
        response = officer.get(reverse("appraisal:list") + query)
        return [c.name for c in response.context["page"]], response.context["year"]

    newest = str(rounds[-1].year)
    assert listed() == ([newer.name], newest)
    assert listed(f"?year={rounds[0].year}") == ([council.name], str(rounds[0].year))
    assert listed("?year=all") == ([newer.name, council.name], "all")
    assert listed("?year=1900") == ([newer.name], newest)  # a year without rounds: the newest
    # the expert sits on the older council only: their list opens on its year
    assert [
        c.pk
        for c in client_for(council.people["expert"]).get(reverse("appraisal:list")).context["page"]
    ] == [council.pk]
    page = officer.get(reverse("appraisal:list")).content.decode()
    assert "Mọi năm" in page and f'<option value="{newest}" selected>' in page


def test_council_list_is_in_the_units_order_and_its_statements_do_not_grow(
    council, movement, tree, people, client_for
):
    """The page's councils are read by id after their order was decided (by unit, then
    name): the rows come back in that order, and more councils cost no more statements."""
    officer = client_for(people["officer"])
    url = reverse("appraisal:list")
    one = _count(officer, url)

    def convene(unit, name):
        return services.council_create(
            round=council.round,
            unit=unit,
            by=people["officer"],
            data={"name": name, "appraisers_per_initiative": 2},
        )

    district_b = convene(tree["district"], "Hội đồng B")
    district_a = convene(tree["district"], "Hội đồng A")
    other = convene(tree["other_district"], "Hội đồng huyện Gò Dầu")
    assert _count(officer, url) == one
    # by the units' names ("…huyện Gò Dầu" < "…huyện Tân Châu" < "…xã Tân Hòa"), then the name
    listed = [c.pk for c in officer.get(url).context["page"]]
    assert listed == [other.pk, district_a.pk, district_b.pk, council.pk]
    # the district's leader follows their own subtree only
    leader = client_for(people["leader"]).get(url).context["page"]
    assert [c.pk for c in leader] == [district_a.pk, district_b.pk, council.pk]


def test_guards_answer_a_sealed_council_before_asking_the_permission(sealed, people, client_for):
    """The one decorator of each view: the state answers first where the page says so
    (settings of a sealed council, sealing twice), the permission first where it does not
    (reopening a council that is not sealed)."""
    council = sealed
    chair = client_for(council.people["chair"])
    member = client_for(council.people["m1"])
    response = member.post(reverse("appraisal:reopen", args=[council.pk]), {"reason": "x"})
    assert response.status_code == 403
    assert (
        "Chỉ chủ tịch hội đồng hoặc người thành lập hội đồng mới được mở lại kết quả."
        in response.content.decode()
    )
    response = chair.post(
        reverse("appraisal:reopen", args=[council.pk]), {"reason": "x"}, follow=True
    )
    assert _messages(response) == ["Kết quả của hội đồng chưa được niêm phong."]
    services.council_seal(council=council, by=council.people["chair"])
    response = client_for(people["secretary"]).get(
        reverse("appraisal:edit", args=[council.pk]), follow=True
    )
    assert (response.redirect_chain, _messages(response)) == (
        [(reverse("appraisal:council", args=[council.pk]), 302)],
        ["Kết quả của hội đồng đã được niêm phong; muốn thay đổi phải mở lại (có nêu lý do)."],
    )
    response = chair.get(reverse("appraisal:seal", args=[council.pk]), follow=True)
    assert _messages(response) == ["Kết quả của hội đồng đã được niêm phong từ trước."]
