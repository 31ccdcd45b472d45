"""Every transition of an initiative, allowed and refused, with its audit and notifications."""

from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from sangtao.core.models import AuditEvent, Notification
from sangtao.initiatives import services
from sangtao.initiatives.models import Initiative
from sangtao.initiatives.states import State

from ..factories import ONE_AUTHOR, complete_dossier


@pytest.fixture
def draft(movement, tree, people):
    return services.initiative_create(
        by=people["author"], data=complete_dossier(movement, tree["school"]), authors=ONE_AUTHOR
    )


@pytest.fixture
def submitted(draft, people, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return services.initiative_submit(initiative=draft, by=people["author"])


def _events(initiative):
    return list(
        AuditEvent.objects.filter(target_id=str(initiative.pk))
        .order_by("id")
        .values_list("action", "from_state", "to_state")
    )


def test_create_records_draft_and_audit(draft, people):
    assert draft.state == State.DRAFT
    assert draft.created_by == people["author"]
    assert [a.full_name for a in draft.authors.all()] == ["Trần Thị Hoa"]
    assert _events(draft) == [("initiative.create", "", "draft")]


def test_create_refused_without_a_filing_role(movement, tree, people):
    leader = people["leader"]
    with pytest.raises(PermissionDenied):
        services.initiative_create(by=leader, data=complete_dossier(movement, tree["school"]))
    assert Initiative.objects.count() == 0


def test_submit_complete_draft_notifies_clerk(submitted, people):
    submitted.refresh_from_db()
    assert submitted.state == State.SUBMITTED
    assert submitted.submitted_at is not None
    assert _events(submitted)[-1] == ("initiative.submit", "draft", "submitted")
    # The clerk of the commune above the school is told, in the app and by e-mail.
    assert list(Notification.objects.values_list("recipient__username", flat=True)) == ["vanthu"]
    assert [m.to for m in mail.outbox] == [["vanthu@example.vn"]]


def test_submit_incomplete_draft_lists_each_missing_field(movement, tree, people):
    draft = services.initiative_create(
        by=people["author"], data={"title": "Ý tưởng dở dang", "unit": tree["school"]}
    )
    with pytest.raises(ValidationError) as error:
        services.initiative_submit(initiative=draft, by=people["author"])
    assert set(error.value.message_dict) == {
        "round",
        "field",
        "summary",
        "essence",
        "application_scope",
        "benefits",
        "first_applied_on",
        "authors",
    }
    draft.refresh_from_db()
    assert draft.state == State.DRAFT


def test_submit_idea_needs_no_first_applied_date(movement, tree, people):
    data = complete_dossier(movement, tree["school"]) | {"kind": "idea", "first_applied_on": None}
    draft = services.initiative_create(by=people["author"], data=data, authors=ONE_AUTHOR)
    services.initiative_submit(initiative=draft, by=people["author"])
    assert draft.state == State.SUBMITTED


def test_submit_refused_when_shares_do_not_add_up_to_100(movement, tree, people):
    authors = [
        {"full_name": "Trần Thị Hoa", "share": Decimal("60")},
        {"full_name": "Lê Văn Nam", "share": Decimal("30")},
    ]
    draft = services.initiative_create(
        by=people["author"], data=complete_dossier(movement, tree["school"]), authors=authors
    )
    with pytest.raises(ValidationError) as error:
        services.initiative_submit(initiative=draft, by=people["author"])
    assert list(error.value.message_dict) == ["authors"]
    assert "90" in error.value.message_dict["authors"][0]


def test_submit_collective_needs_its_name_not_shares(movement, tree, people):
    data = complete_dossier(movement, tree["school"]) | {"is_collective": True}
    draft = services.initiative_create(by=people["author"], data=data)
    with pytest.raises(ValidationError) as error:
        services.initiative_submit(initiative=draft, by=people["author"])
    assert list(error.value.message_dict) == ["collective_name"]
    services.initiative_update(
        initiative=draft, by=people["author"], data={"collective_name": "Tổ Toán trường THCS"}
    )
    services.initiative_submit(initiative=draft, by=people["author"])
    assert draft.state == State.SUBMITTED


def test_submit_refused_for_someone_else(draft, people):
    with pytest.raises(PermissionDenied):
        services.initiative_submit(initiative=draft, by=people["clerk"])


def test_submit_twice_refused(submitted, people):
    with pytest.raises(PermissionDenied):
        services.initiative_submit(initiative=submitted, by=people["author"])


def test_return_needs_a_reason_and_notifies_author(submitted, people):
    clerk = people["clerk"]
    with pytest.raises(ValidationError):
        services.initiative_return(initiative=submitted, by=clerk, reason="  ")
    services.initiative_return(initiative=submitted, by=clerk, reason="Thiếu minh chứng hiệu quả")
    submitted.refresh_from_db()
    assert submitted.state == State.RETURNED
    event = AuditEvent.objects.filter(action="initiative.return").get()
    assert (event.actor, event.reason) == (clerk, "Thiếu minh chứng hiệu quả")
    note = Notification.objects.get(recipient=people["author"])
    assert "Thiếu minh chứng hiệu quả" in note.message


def test_returned_dossier_can_be_edited_and_resubmitted(submitted, people):
    services.initiative_return(initiative=submitted, by=people["clerk"], reason="Bổ sung số liệu")
    services.initiative_update(
        initiative=submitted, by=people["author"], data={"benefits": "Tiết kiệm 30 triệu đồng"}
    )
    services.initiative_submit(initiative=submitted, by=people["author"])
    assert submitted.state == State.SUBMITTED
    assert [e[0] for e in _events(submitted)][-3:] == [
        "initiative.return",
        "initiative.update",
        "initiative.submit",
    ]


def test_an_author_is_linked_only_to_the_account_of_who_saves_the_dossier(movement, tree, people):
    author, outsider = people["author"], people["outsider"]
    data = complete_dossier(movement, tree["school"])
    with pytest.raises(ValidationError) as refused:
        services.initiative_create(
            by=author, data=data, authors=[ONE_AUTHOR[0] | {"user": outsider}]
        )
    assert refused.value.message_dict == {
        "authors": [
            "Bạn chỉ có thể liên kết một tác giả với tài khoản của chính mình, không thể liên "
            "kết với tài khoản của người khác."
        ]
    }
    assert Initiative.objects.count() == 0
    initiative = services.initiative_create(
        by=author, data=data, authors=[ONE_AUTHOR[0] | {"user": author}]
    )
    # A row already linked (here by an administrator) keeps its account when saved again.
    initiative.authors.update(user=outsider)
    services.initiative_update(
        initiative=initiative, by=author, data={}, authors=[ONE_AUTHOR[0] | {"user": outsider}]
    )
    assert list(initiative.authors.values_list("user", flat=True)) == [outsider.pk]


def test_forward_goes_to_nearest_committee_with_a_council(submitted, people, commune_council, tree):
    services.initiative_forward(initiative=submitted, by=people["clerk"])
    submitted.refresh_from_db()
    assert submitted.state == State.IN_APPRAISAL
    # The school's nearest Front committee is the commune's.
    assert submitted.appraisal_unit == tree["commune"]
    recipients = set(Notification.objects.values_list("recipient__username", flat=True))
    assert recipients == {"vanthu", "thuky", "tacgia"}


def test_forward_refused_for_clerk_of_another_branch(submitted, people):
    with pytest.raises(PermissionDenied):
        services.initiative_forward(initiative=submitted, by=people["other_clerk"])
    submitted.refresh_from_db()
    assert submitted.state == State.SUBMITTED


def test_forward_refused_for_a_draft(draft, people):
    with pytest.raises(PermissionDenied):
        services.initiative_forward(initiative=draft, by=people["clerk"])


def test_update_refused_once_submitted(submitted, people):
    with pytest.raises(PermissionDenied):
        services.initiative_update(initiative=submitted, by=people["author"], data={"title": "X"})


def test_withdraw_from_submitted_but_not_from_appraisal(submitted, people, commune_council):
    services.initiative_forward(initiative=submitted, by=people["clerk"])
    with pytest.raises(PermissionDenied):
        services.initiative_withdraw(initiative=submitted, by=people["author"])
    assert Initiative.objects.get(pk=submitted.pk).state == State.IN_APPRAISAL


def test_withdraw_draft(draft, people):
    services.initiative_withdraw(initiative=draft, by=people["author"], reason="Nộp nhầm")
    assert Initiative.objects.get(pk=draft.pk).state == State.WITHDRAWN


def test_stale_object_cannot_repeat_a_transition(submitted, people, commune_council):
    """Two clerks acting on the same dossier: the second sees the current state, not theirs."""
    stale = Initiative.objects.get(pk=submitted.pk)
    services.initiative_forward(initiative=submitted, by=people["clerk"])
    with pytest.raises(ValidationError):
        services.initiative_return(initiative=stale, by=people["clerk"], reason="Muộn")
    assert Initiative.objects.get(pk=submitted.pk).state == State.IN_APPRAISAL


# --- an edit from a dossier loaded before a transition ------------------------------------
# (tests/initiatives/test_concurrency.py runs the same pairs from two threads on PostgreSQL)

NO_LONGER_EDITABLE = (
    "Sáng kiến này nay đã ở trạng thái “%s”; hồ sơ không còn sửa được nữa. "
    "Hãy tải lại trang để xem hồ sơ hiện tại."
)


def _transitions(initiative):
    return [e for e in _events(initiative) if e[2]]


def test_update_loaded_before_a_submit_is_refused_and_keeps_it_submitted(draft, people):
    stale = Initiative.objects.get(pk=draft.pk)
    services.initiative_submit(initiative=draft, by=people["author"])
    with pytest.raises(ValidationError) as error:
        services.initiative_update(
            initiative=stale, by=people["author"], data={"title": "Bản sửa đến muộn"}
        )
    assert error.value.messages == [NO_LONGER_EDITABLE % "Đã nộp"]
    row = Initiative.objects.get(pk=draft.pk)
    assert (row.state, row.title) == (State.SUBMITTED, "Ứng dụng phần mềm quản lý hồ sơ hội viên")
    assert _transitions(row)[-1] == ("initiative.submit", "draft", "submitted")
    assert not AuditEvent.objects.filter(action="initiative.update").exists()


def test_update_loaded_before_a_withdrawal_is_refused_and_keeps_it_withdrawn(draft, people):
    stale = Initiative.objects.get(pk=draft.pk)
    services.initiative_withdraw(initiative=draft, by=people["author"], reason="Không nộp nữa")
    with pytest.raises(ValidationError) as error:
        services.initiative_update(initiative=stale, by=people["author"], data={"title": "Sửa"})
    assert error.value.messages == [NO_LONGER_EDITABLE % "Đã rút"]
    assert Initiative.objects.get(pk=draft.pk).state == State.WITHDRAWN


def test_update_loaded_before_a_resubmission_and_a_return_writes_only_its_fields(draft, people):
    services.initiative_submit(initiative=draft, by=people["author"])
    services.initiative_return(initiative=draft, by=people["clerk"], reason="Thiếu số liệu")
    stale = Initiative.objects.get(pk=draft.pk)
    services.initiative_submit(initiative=draft, by=people["author"])
    resubmitted_at = Initiative.objects.get(pk=draft.pk).submitted_at
    services.initiative_return(initiative=draft, by=people["clerk"], reason="Vẫn thiếu")
    services.initiative_update(initiative=stale, by=people["author"], data={"title": "Bản sửa"})
    row = Initiative.objects.get(pk=draft.pk)
    assert (row.state, row.title, row.submitted_at) == (State.RETURNED, "Bản sửa", resubmitted_at)
    assert (stale.state, stale.submitted_at) == (State.RETURNED, resubmitted_at)
    assert AuditEvent.objects.filter(action="initiative.update").get().data == {"fields": ["title"]}
    assert _transitions(row)[-1] == ("initiative.return", "submitted", "returned")


def test_attachment_added_from_a_page_loaded_before_the_submit_is_refused(draft, people):
    from django.core.files.uploadedfile import SimpleUploadedFile

    stale = Initiative.objects.get(pk=draft.pk)
    services.initiative_submit(initiative=draft, by=people["author"])
    upload = SimpleUploadedFile("anh.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    with pytest.raises(ValidationError) as error:
        services.attachment_add(initiative=stale, by=people["author"], upload=upload)
    assert error.value.messages == [NO_LONGER_EDITABLE % "Đã nộp"]
    assert draft.attachments.count() == 0
